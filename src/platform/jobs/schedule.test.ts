import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextDailyRun } from './schedule.ts';

test('a daily run at 02:30 comes tonight when it is evening in Amsterdam (winter time, UTC+1)', () => {
  assert.equal(nextDailyRun(new Date('2026-11-30T21:00:00Z'), '02:30').toISOString(), '2026-12-01T01:30:00.000Z');
});

test('a daily run at 02:30 comes later today when it is just after midnight in Amsterdam', () => {
  assert.equal(nextDailyRun(new Date('2026-11-30T23:10:00Z'), '02:30').toISOString(), '2026-12-01T01:30:00.000Z');
});

test('a daily run that is exactly due now comes tomorrow, not again today', () => {
  assert.equal(nextDailyRun(new Date('2026-12-01T01:30:00Z'), '02:30').toISOString(), '2026-12-02T01:30:00.000Z');
});

test('in summer time (UTC+2) 02:30 Amsterdam is 00:30 UTC', () => {
  assert.equal(nextDailyRun(new Date('2026-07-01T12:00:00Z'), '02:30').toISOString(), '2026-07-02T00:30:00.000Z');
});

test('on the night the clocks go forward, 04:00 is still 04:00 on the new clock', () => {
  // 29 March 2026: 02:00 CET becomes 03:00 CEST; 04:00 CEST is 02:00 UTC.
  assert.equal(nextDailyRun(new Date('2026-03-28T20:00:00Z'), '04:00').toISOString(), '2026-03-29T02:00:00.000Z');
});

test('on the night the clocks go back, 04:00 is 04:00 on the winter clock', () => {
  // 25 October 2026: 03:00 CEST becomes 02:00 CET; 04:00 CET is 03:00 UTC.
  assert.equal(nextDailyRun(new Date('2026-10-24T20:00:00Z'), '04:00').toISOString(), '2026-10-25T03:00:00.000Z');
});

test('a run in the hour the clocks skip comes once that night, an hour late at most', () => {
  const at = nextDailyRun(new Date('2026-03-28T20:00:00Z'), '02:30');
  assert.ok(at.getTime() >= Date.parse('2026-03-29T00:30:00Z') && at.getTime() <= Date.parse('2026-03-29T01:30:00Z'), at.toISOString());
});
