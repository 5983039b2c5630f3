import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays, dueDates, effectiveTerms, isWorkingDay, legalDefaultTerms } from './due-dates.ts';
import { dueState } from './labels.ts';
import { amsterdamToday } from '../platform/dates.ts';

describe('working days', () => {
  test('weekends are not working days', () => {
    assert.equal(isWorkingDay('2026-11-21'), false); // Saturday
    assert.equal(isWorkingDay('2026-11-22'), false); // Sunday
    assert.equal(isWorkingDay('2026-11-23'), true); // Monday
  });

  test('three working days after a Friday land on Wednesday', () => {
    assert.equal(addWorkingDays('2026-11-20', 3), '2026-11-25');
  });

  test('Easter Monday is skipped (2026: Easter on 5 April)', () => {
    // Thursday 2 April + 3 working days: Fri 3 (Good Friday is no public holiday), Tue 7, Wed 8.
    assert.equal(addWorkingDays('2026-04-02', 3), '2026-04-08');
  });

  test("King's Day is skipped, and moves with the calendar (27 April 2026 is a Monday)", () => {
    assert.equal(isWorkingDay('2026-04-27'), false);
    assert.equal(addWorkingDays('2026-04-24', 1), '2026-04-28');
  });

  test('Christmas and Boxing Day are skipped', () => {
    // Wednesday 23 Dec 2026 + 3: Thu 24, (Fri 25, Sat 26, Sun 27 skipped), Mon 28, Tue 29.
    assert.equal(addWorkingDays('2026-12-23', 3), '2026-12-29');
  });

  test('New Year is skipped across the year boundary', () => {
    assert.equal(addWorkingDays('2026-12-31', 1), '2027-01-04');
  });

  test('Ascension Day and Whit Monday are skipped', () => {
    assert.equal(isWorkingDay('2026-05-14'), false);
    assert.equal(isWorkingDay('2026-05-25'), false);
  });
});

describe('response terms (Wgs art. 4)', () => {
  test('without a threatening situation: first contact in 3 working days, first conversation in 4 weeks', () => {
    assert.deepEqual(dueDates('2026-11-23', false), { firstContactDue: '2026-11-26', firstConversationDue: '2026-12-21' });
  });

  test('with a threatening situation the first conversation is due within 3 working days', () => {
    assert.deepEqual(dueDates('2026-11-20', true), { firstContactDue: '2026-11-25', firstConversationDue: '2026-11-25' });
  });

  test('an agreement may shorten the terms but never lengthen them', () => {
    assert.deepEqual(effectiveTerms({ firstContactWorkingDays: 1, firstConversationDays: 60 }), { ...legalDefaultTerms, firstContactWorkingDays: 1 });
    assert.deepEqual(effectiveTerms(null), legalDefaultTerms);
    assert.equal(dueDates('2026-11-23', false, effectiveTerms({ firstContactWorkingDays: 1 })).firstContactDue, '2026-11-24');
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
