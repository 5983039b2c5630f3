import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { amsterdamWeekday, formatSlots, formatTimeRanges, parseTimeRanges, slotsOn, weekOverview } from './opening-hours.ts';

const slot = (weekday: number, opens_at: string, closes_at: string) => ({ weekday, opens_at, closes_at });

describe('today in Amsterdam', () => {
  it('Sunday 23:30 UTC in winter is already Monday in Amsterdam', () => {
    assert.equal(amsterdamWeekday(new Date('2026-11-22T23:30:00Z')), 1);
    assert.equal(amsterdamWeekday(new Date('2026-11-22T22:30:00Z')), 7);
  });

  it('in summer (UTC+2) the day changes at 22:00 UTC', () => {
    assert.equal(amsterdamWeekday(new Date('2026-07-05T21:59:00Z')), 7);
    assert.equal(amsterdamWeekday(new Date('2026-07-05T22:00:00Z')), 1);
  });

  it('weekdays are ISO: Monday 1 to Sunday 7', () => {
    assert.deepEqual(
      ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'].map((d) =>
        amsterdamWeekday(new Date(`${d}T12:00:00Z`)),
      ),
      [1, 2, 3, 4, 5, 6, 7],
    );
  });
});

describe('open today', () => {
  const week = [slot(2, '13:00', '16:00'), slot(1, '09:00', '12:00'), slot(2, '09:00', '11:00'), slot(5, '10:00', '12:00')];

  it("today's hours are only those of today's weekday, earliest first", () => {
    assert.deepEqual(slotsOn(week, 2), [slot(2, '09:00', '11:00'), slot(2, '13:00', '16:00')]);
    assert.equal(formatSlots(slotsOn(week, 2)), '09:00–11:00, 13:00–16:00');
  });

  it('a day without hours has none: closed today', () => {
    assert.deepEqual(slotsOn(week, 7), []);
  });

  it('the week overview lists only days with hours, Monday first', () => {
    assert.deepEqual(
      weekOverview(week).map((d) => d.weekday),
      [1, 2, 5],
    );
  });
});

describe('typing hours in the form', () => {
  it('accepts 09:00-12:00, 9-12, 9.30 – 12.15 and several ranges separated by commas', () => {
    assert.deepEqual(parseTimeRanges('09:00-12:00'), { ok: true, ranges: [{ opens_at: '09:00', closes_at: '12:00' }] });
    assert.deepEqual(parseTimeRanges('9-12'), { ok: true, ranges: [{ opens_at: '09:00', closes_at: '12:00' }] });
    assert.deepEqual(parseTimeRanges('9.30 – 12.15'), { ok: true, ranges: [{ opens_at: '09:30', closes_at: '12:15' }] });
    assert.deepEqual(parseTimeRanges('13:00-16:00, 9:00-12:00'), {
      ok: true,
      ranges: [
        { opens_at: '09:00', closes_at: '12:00' },
        { opens_at: '13:00', closes_at: '16:00' },
      ],
    });
    assert.deepEqual(parseTimeRanges('9:00 tot 12:00 en 13:00 tot 15:00'), {
      ok: true,
      ranges: [
        { opens_at: '09:00', closes_at: '12:00' },
        { opens_at: '13:00', closes_at: '15:00' },
      ],
    });
  });

  it('an empty field or "gesloten" means closed that day', () => {
    assert.deepEqual(parseTimeRanges(''), { ok: true, ranges: [] });
    assert.deepEqual(parseTimeRanges('  gesloten '), { ok: true, ranges: [] });
  });

  it('refuses times that do not exist, ranges that end before they start, and other text', () => {
    for (const input of ['25:00-26:00', '09:60-10:00', '12:00-09:00', '10:00-10:00', 'ochtend', '9', '09:00-']) {
      assert.deepEqual(parseTimeRanges(input), { ok: false }, input);
    }
  });

  it('stored hours are shown back in the form the way they can be typed', () => {
    assert.equal(formatTimeRanges([slot(3, '13:00', '16:00'), slot(3, '09:00', '12:00'), slot(4, '09:00', '10:00')], 3), '09:00-12:00, 13:00-16:00');
  });
});
