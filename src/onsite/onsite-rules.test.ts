import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWorkingDay } from '../referrals/due-dates.ts';
import { amsterdamInstant, bookingKey, exceptionKey, freeSlots, sessionSlots, type RecurringHours } from './onsite-rules.ts';

const tuesdays: RecurringHours = { id: 'h1', weekday: 2, startsAt: '09:00', endsAt: '12:00', slotMinutes: 30, startsOn: '2026-11-01', endedOn: null };

test('9:00 in Amsterdam is 8:00 UTC in winter and 7:00 UTC in summer', () => {
  assert.equal(amsterdamInstant('2026-12-08', '09:00').toISOString(), '2026-12-08T08:00:00.000Z');
  assert.equal(amsterdamInstant('2026-06-09', '09:00').toISOString(), '2026-06-09T07:00:00.000Z');
  assert.equal(amsterdamInstant('2026-03-29', '09:00').toISOString(), '2026-03-29T07:00:00.000Z', 'the day summer time starts');
});

test('a session of 9:00–12:00 in slots of 30 minutes has six slots; a slot that does not fit whole is left out', () => {
  assert.deepEqual(
    sessionSlots(tuesdays, '2026-12-08').map((s) => s.startsAt),
    ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'],
  );
  assert.deepEqual(
    sessionSlots({ ...tuesdays, slotMinutes: 45, endsAt: '10:20' }, '2026-12-08').map((s) => `${s.startsAt}–${s.endsAt}`),
    ['09:00–09:45'],
  );
});

test('free slots skip public holidays, exceptions, booked and past slots, and days outside the period', () => {
  const now = new Date('2026-12-08T08:10:00Z'); // Tuesday 8 December, 9:10 in Amsterdam
  const slots = freeSlots({
    hours: [tuesdays],
    exceptions: new Set([exceptionKey('h1', '2026-12-15')]),
    booked: new Set([bookingKey('h1', amsterdamInstant('2026-12-08', '10:00'))]),
    today: '2026-12-08',
    now,
    days: 22,
    isWorkingDay,
  });
  const days = [...new Set(slots.map((s) => s.date))];
  // 8 Dec: today (from 9:30, not 10:00); 15 Dec: exception; 22 Dec: free; 29 Dec: the last day asked for.
  assert.deepEqual(days, ['2026-12-08', '2026-12-22', '2026-12-29']);
  assert.deepEqual(
    slots.filter((s) => s.date === '2026-12-08').map((s) => s.startsAt),
    ['09:30', '10:30', '11:00', '11:30'],
  );
  const christmas = freeSlots({
    hours: [{ ...tuesdays, weekday: 5 }],
    exceptions: new Set(),
    booked: new Set(),
    today: '2026-12-21',
    now: new Date('2026-12-21T00:00:00Z'),
    days: 7,
    isWorkingDay,
  });
  assert.equal(christmas.length, 0, 'Friday 25 December is Christmas Day (Atw art. 3)');
  const ended = freeSlots({
    hours: [{ ...tuesdays, endedOn: '2026-12-10' }],
    exceptions: new Set(),
    booked: new Set(),
    today: '2026-12-08',
    now,
    days: 14,
    isWorkingDay,
  });
  assert.deepEqual([...new Set(ended.map((s) => s.date))], ['2026-12-08']);
});
