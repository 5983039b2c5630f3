import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { atwHolidaysBetween, workingDaysBetween } from './working-days.ts';

describe('counting working days (Atw)', () => {
  test('sent on a Monday, contact on the Wednesday: 2 working days; the same day: 0', () => {
    assert.equal(workingDaysBetween('2026-11-23', '2026-11-25'), 2);
    assert.equal(workingDaysBetween('2026-11-23', '2026-11-23'), 0);
  });

  test('a weekend in between does not count: Friday to Monday is 1 working day', () => {
    assert.equal(workingDaysBetween('2026-11-27', '2026-11-30'), 1);
  });

  test('the Christmas days do not count: 24 to 28 December 2026 is 1 working day (the Monday)', () => {
    assert.equal(workingDaysBetween('2026-12-24', '2026-12-28'), 1);
  });

  test('the holidays between two days are listed in order, across a year boundary, weekends left out', () => {
    assert.deepEqual(atwHolidaysBetween('2026-12-01', '2027-01-05'), ['2026-12-25', '2026-12-26', '2027-01-01']);
    assert.deepEqual(atwHolidaysBetween('2026-11-01', '2026-11-30'), []);
  });
});
