import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarFrom, sessionTakesPlace } from './year-calendar.ts';

const fridays = { weekday: 5, startsOn: '2026-11-01', endedOn: null, exceptions: ['2026-12-11'] };

test('on-site hours are not held on Christmas Day, a holiday under the Algemene termijnenwet, nor on an exception day', () => {
  assert.equal(sessionTakesPlace(fridays, '2026-12-04'), true);
  assert.equal(sessionTakesPlace(fridays, '2026-12-11'), false, 'exception');
  assert.equal(sessionTakesPlace(fridays, '2026-12-25'), false, 'Eerste Kerstdag');
  assert.equal(sessionTakesPlace(fridays, '2026-10-30'), false, 'before the hours started');
});

test('the calendar shows twelve months from this month on, into the next year, Monday first', () => {
  const months = calendarFrom('2026-11-30', [fridays], ['2027-01-12']);
  assert.deepEqual(
    months.map((m) => `${m.year}-${m.month}`),
    ['2026-11', '2026-12', '2027-1', '2027-2', '2027-3', '2027-4', '2027-5', '2027-6', '2027-7', '2027-8', '2027-9', '2027-10'],
  );
  // 1 November 2026 is a Sunday: six empty cells before it.
  assert.deepEqual(
    months[0]!.weeks[0]!.map((d) => d.day),
    [null, null, null, null, null, null, 1],
  );
  const december = months[1]!.weeks.flat();
  assert.deepEqual(
    december.filter((d) => d.marks.includes('onsite')).map((d) => d.day),
    [4, 18],
  );
  assert.deepEqual(months[2]!.weeks.flat().find((d) => d.date === '2027-01-12')?.marks, ['visit']);
});
