import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays, defaultTerms, dueDates, effectiveTerms, isWorkingDay, type Terms } from './due-dates.ts';
import { dueState } from './labels.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';

/**
 * The Atw holidays (art. 3 lid 1 and 2) and the days equated by royal decree (lid 3), written out
 * by hand from the law and checked against a calendar (`python3 -c 'import calendar; ...'`), not
 * computed by the code under test. Easter: 2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16,
 * 2029-04-01, 2030-04-21, 2031-04-13.
 */
const atwHolidays: Record<number, string[]> = {
  2025: [
    '2025-01-01', // Wed Nieuwjaarsdag
    '2025-04-18', // Fri Goede Vrijdag (lid 2)
    '2025-04-21', // Mon tweede Paasdag
    '2025-04-26', // Sat Koningsdag: 27 April is a Sunday
    '2025-05-05', // Mon 5 mei (a lustrum year, but every year counts)
    '2025-05-29', // Thu Hemelvaartsdag
    '2025-05-30', // Fri equated by decree (lid 3)
    '2025-06-09', // Mon tweede Pinksterdag
    '2025-12-25', // Thu eerste Kerstdag
    '2025-12-26', // Fri tweede Kerstdag
  ],
  2026: [
    '2026-01-01', // Thu Nieuwjaarsdag
    '2026-01-02', // Fri equated by decree
    '2026-04-03', // Fri Goede Vrijdag
    '2026-04-06', // Mon tweede Paasdag
    '2026-04-27', // Mon Koningsdag
    '2026-05-05', // Tue 5 mei
    '2026-05-14', // Thu Hemelvaartsdag
    '2026-05-15', // Fri equated by decree
    '2026-05-25', // Mon tweede Pinksterdag
    '2026-12-25', // Fri eerste Kerstdag
    '2026-12-26', // Sat tweede Kerstdag
  ],
  2027: [
    '2027-01-01', // Fri Nieuwjaarsdag
    '2027-03-26', // Fri Goede Vrijdag
    '2027-03-29', // Mon tweede Paasdag
    '2027-04-27', // Tue Koningsdag
    '2027-05-05', // Wed 5 mei
    '2027-05-06', // Thu Hemelvaartsdag
    '2027-05-07', // Fri equated by decree
    '2027-05-17', // Mon tweede Pinksterdag
    '2027-12-25', // Sat eerste Kerstdag
    '2027-12-26', // Sun tweede Kerstdag
  ],
  2028: [
    '2028-01-01', // Sat Nieuwjaarsdag
    '2028-04-14', // Fri Goede Vrijdag
    '2028-04-17', // Mon tweede Paasdag
    '2028-04-27', // Thu Koningsdag
    '2028-04-28', // Fri equated by decree
    '2028-05-05', // Fri 5 mei
    '2028-05-25', // Thu Hemelvaartsdag
    '2028-05-26', // Fri equated by decree
    '2028-06-05', // Mon tweede Pinksterdag
    '2028-12-25', // Mon eerste Kerstdag
    '2028-12-26', // Tue tweede Kerstdag
  ],
  2029: [
    '2029-01-01', // Mon Nieuwjaarsdag
    '2029-03-30', // Fri Goede Vrijdag
    '2029-04-02', // Mon tweede Paasdag
    '2029-04-27', // Fri Koningsdag
    '2029-05-05', // Sat 5 mei
    '2029-05-10', // Thu Hemelvaartsdag (no decree for 2029 yet)
    '2029-05-21', // Mon tweede Pinksterdag
    '2029-12-25', // Tue eerste Kerstdag
    '2029-12-26', // Wed tweede Kerstdag
  ],
  2030: [
    '2030-01-01', // Tue Nieuwjaarsdag
    '2030-04-19', // Fri Goede Vrijdag
    '2030-04-22', // Mon tweede Paasdag
    '2030-04-27', // Sat Koningsdag: 27 April is a Saturday, so it stays
    '2030-05-05', // Sun 5 mei
    '2030-05-30', // Thu Hemelvaartsdag
    '2030-06-10', // Mon tweede Pinksterdag
    '2030-12-25', // Wed eerste Kerstdag
    '2030-12-26', // Thu tweede Kerstdag
  ],
  2031: [
    '2031-01-01', // Wed Nieuwjaarsdag
    '2031-04-11', // Fri Goede Vrijdag
    '2031-04-14', // Mon tweede Paasdag
    '2031-04-26', // Sat Koningsdag: 27 April is a Sunday
    '2031-05-05', // Mon 5 mei
    '2031-05-22', // Thu Hemelvaartsdag
    '2031-06-02', // Mon tweede Pinksterdag
    '2031-12-25', // Thu eerste Kerstdag
    '2031-12-26', // Fri tweede Kerstdag
  ],
};

function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let day = `${year}-01-01`; day.startsWith(`${year}-`); day = addDaysIso(day, 1)) days.push(day);
  return days;
}

const isWeekend = (isoDate: string) => [0, 6].includes(new Date(`${isoDate}T12:00:00Z`).getUTCDay());

describe('working days (Algemene termijnenwet art. 3)', () => {
  for (const [year, holidays] of Object.entries(atwHolidays)) {
    test(`in ${year} every weekday is a working day except exactly the Atw holidays`, () => {
      const notWorking = daysOf(Number(year)).filter((day) => !isWeekend(day) && !isWorkingDay(day));
      assert.deepEqual(
        notWorking,
        holidays.filter((day) => !isWeekend(day)),
      );
    });
  }

  test('weekends are not working days', () => {
    assert.equal(isWorkingDay('2026-11-21'), false); // Saturday
    assert.equal(isWorkingDay('2026-11-22'), false); // Sunday
    assert.equal(isWorkingDay('2026-11-23'), true); // Monday
  });

  test('5 May is not a working day in any year, not only in lustrum years', () => {
    for (const day of ['2025-05-05', '2026-05-05', '2027-05-05', '2028-05-05', '2029-05-05', '2030-05-05', '2031-05-05']) {
      assert.equal(isWorkingDay(day), false, day);
    }
  });

  test('Good Friday is not a working day (Atw art. 3 lid 2)', () => {
    // Thursday 2 April 2026 + 3 working days: Fri 3 Good Friday, Mon 6 Easter Monday, so Tue 7, Wed 8, Thu 9.
    assert.equal(isWorkingDay('2026-04-03'), false);
    assert.equal(addWorkingDays('2026-04-02', 3), '2026-04-09');
  });

  test('the Friday after Ascension Day is not a working day in a year the royal decree equates it (Atw art. 3 lid 3)', () => {
    // Wednesday 13 May 2026 + 1: Thu 14 Ascension Day, Fri 15 equated, so Mon 18.
    assert.equal(addWorkingDays('2026-05-13', 1), '2026-05-18');
  });

  test("King's Day is skipped, and moves with the calendar (27 April 2026 is a Monday)", () => {
    assert.equal(isWorkingDay('2026-04-27'), false);
    assert.equal(addWorkingDays('2026-04-24', 1), '2026-04-28');
  });

  test("when 27 April is a Sunday, King's Day is Saturday 26 April and the Monday after is a working day", () => {
    assert.equal(isWorkingDay('2025-04-28'), true);
    assert.equal(isWorkingDay('2031-04-28'), true);
  });

  test('three working days after a Friday land on Wednesday', () => {
    assert.equal(addWorkingDays('2026-11-20', 3), '2026-11-25');
  });

  test('Christmas and Boxing Day are skipped', () => {
    // Wednesday 23 Dec 2026 + 3: Thu 24, (Fri 25, Sat 26, Sun 27 skipped), Mon 28, Tue 29.
    assert.equal(addWorkingDays('2026-12-23', 3), '2026-12-29');
  });

  test('New Year is skipped across the year boundary', () => {
    assert.equal(addWorkingDays('2026-12-31', 1), '2027-01-04');
  });

  test('a term counted in working days always ends on a working day', () => {
    for (const day of daysOf(2026)) {
      for (const n of [1, 3, 10]) assert.equal(isWorkingDay(addWorkingDays(day, n)), true, `${day} + ${n}`);
    }
  });
});

describe('response terms (Wgs art. 4, Atw art. 1)', () => {
  test('without a threatening situation: first contact in 3 working days, first conversation in 4 weeks', () => {
    assert.deepEqual(dueDates('2026-11-23', false), { firstContactDue: '2026-11-26', firstConversationDue: '2026-12-21' });
  });

  test('with a threatening situation the first conversation is due within 3 working days', () => {
    assert.deepEqual(dueDates('2026-11-20', true), { firstContactDue: '2026-11-25', firstConversationDue: '2026-11-25' });
  });

  test('an urgent referral sent Thursday 30 April 2026 is due Wednesday 6 May: 5 May is skipped', () => {
    // Fri 1 May (1; a working day), Mon 4 May (2), Tue 5 May skipped, Wed 6 May (3).
    assert.deepEqual(dueDates('2026-04-30', true), { firstContactDue: '2026-05-06', firstConversationDue: '2026-05-06' });
  });

  // [request day, 4 weeks later, due day, why]: Atw art. 1 lid 1.
  const fourWeeks: [string, string, string, string][] = [
    ['2026-05-02', '2026-05-30', '2026-06-01', 'ends on a Saturday: runs to the Monday'],
    ['2026-05-03', '2026-05-31', '2026-06-01', 'ends on a Sunday: runs to the Monday'],
    ['2026-04-25', '2026-05-23', '2026-05-26', 'ends on the Saturday before Whit Monday: runs to the Tuesday'],
    ['2026-04-07', '2026-05-05', '2026-05-06', 'ends on 5 May: runs to 6 May'],
    ['2026-04-16', '2026-05-14', '2026-05-18', 'ends on Ascension Day, the Friday after is equated: runs to the Monday'],
    ['2027-02-26', '2027-03-26', '2027-03-30', 'ends on Good Friday: runs past Easter Monday to the Tuesday'],
    ['2029-11-27', '2029-12-25', '2029-12-27', 'ends on Christmas Day: runs past Boxing Day to 27 December'],
    ['2029-11-28', '2029-12-26', '2029-12-27', 'ends on Boxing Day (a Wednesday): runs to the Thursday'],
    ['2026-11-23', '2026-12-21', '2026-12-21', 'ends on a working day: stays'],
  ];
  for (const [request, fourWeeksLater, due, why] of fourWeeks) {
    test(`a 4-week term from ${request} that ${why} (${due})`, () => {
      assert.equal(addDaysIso(request, 28), fourWeeksLater);
      assert.equal(dueDates(request, false).firstConversationDue, due);
    });
  }

  test('an agreement may set first contact to 1–10 working days, also longer than the default 3', () => {
    for (const agreed of [1, 2, 5, 10]) assert.equal(effectiveTerms({ firstContactWorkingDays: agreed }).firstContactWorkingDays, agreed);
    assert.equal(dueDates('2026-11-23', false, effectiveTerms({ firstContactWorkingDays: 5 })).firstContactDue, '2026-11-30');
    assert.equal(dueDates('2026-11-23', false, effectiveTerms({ firstContactWorkingDays: 1 })).firstContactDue, '2026-11-24');
  });

  test('an agreed first-contact term outside 1–10 or not a whole number is ignored: the default of 3 applies', () => {
    for (const agreed of [0, -1, 11, 2.5, Number.NaN]) {
      assert.equal(effectiveTerms({ firstContactWorkingDays: agreed }).firstContactWorkingDays, 3, String(agreed));
    }
  });

  test('an agreement may shorten the legal terms but never lengthen them', () => {
    assert.deepEqual(effectiveTerms({ firstConversationDays: 14, urgentFirstConversationWorkingDays: 2 }), {
      ...defaultTerms,
      firstConversationDays: 14,
      urgentFirstConversationWorkingDays: 2,
    });
    assert.deepEqual(effectiveTerms({ firstConversationDays: 60, urgentFirstConversationWorkingDays: 5 }), defaultTerms);
    assert.deepEqual(effectiveTerms({ firstConversationDays: 0, urgentFirstConversationWorkingDays: -1 }), defaultTerms);
    assert.deepEqual(effectiveTerms(null), defaultTerms);
  });

  test('an agreed shorter conversation term is never due after the legal 4 weeks, also when it runs on past a holiday', () => {
    for (const day of daysOf(2026)) {
      const legal = dueDates(day, false).firstConversationDue;
      for (let agreed = 1; agreed <= 28; agreed++) {
        const due = dueDates(day, false, effectiveTerms({ firstConversationDays: agreed })).firstConversationDue;
        assert.ok(due <= legal, `${day}: ${agreed} days → ${due}, legal ${legal}`);
        assert.equal(isWorkingDay(due), true, `${day}: ${agreed} days → ${due}`);
      }
    }
  });

  test('first contact is never due after the first conversation', () => {
    const terms: Terms = { ...defaultTerms, firstContactWorkingDays: 5 };
    // Urgent, Friday 20 Nov 2026: conversation due Wed 25; 5 working days would be Fri 27.
    assert.deepEqual(dueDates('2026-11-20', true, terms), { firstContactDue: '2026-11-25', firstConversationDue: '2026-11-25' });
  });

  test('a milestone is overdue only after its due day has passed without it, and no longer applies once the referral is closed', () => {
    assert.equal(dueState('2026-11-26', '2026-11-25', null, 'accepted'), 'on-time');
    assert.equal(dueState('2026-11-26', '2026-11-26', null, 'accepted'), 'due-today');
    assert.equal(dueState('2026-11-26', '2026-11-27', null, 'accepted'), 'overdue');
    assert.equal(dueState('2026-11-26', '2026-11-27', '2026-11-25', 'accepted'), 'done');
    assert.equal(dueState('2026-11-26', '2026-11-27', null, 'completed'), 'none');
  });

  test("today is the Amsterdam calendar day, not UTC's", () => {
    assert.equal(amsterdamToday(new Date('2026-11-22T23:30:00Z')), '2026-11-23');
    assert.equal(amsterdamToday(new Date('2026-07-01T21:59:00Z')), '2026-07-01');
    assert.equal(amsterdamToday(new Date('2026-07-01T22:01:00Z')), '2026-07-02');
  });
});
