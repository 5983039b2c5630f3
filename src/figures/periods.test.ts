import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketLabel, bucketStart, buckets, defaultPeriod, parsePeriod } from './periods.ts';

describe('figure periods', () => {
  test('a week runs Monday to Sunday and is labelled with its ISO week', () => {
    assert.equal(bucketStart('2026-11-29', 'week'), '2026-11-23');
    assert.equal(bucketLabel('2026-11-23', 'week'), '2026-W48');
    assert.equal(bucketLabel('2026-12-28', 'week'), '2026-W53');
    assert.equal(bucketLabel('2024-12-30', 'week'), '2025-W01', 'the week of 1 January 2025 belongs to 2025');
  });

  test('months and quarters start on their first day', () => {
    assert.equal(bucketStart('2026-11-29', 'month'), '2026-11-01');
    assert.equal(bucketStart('2026-11-29', 'quarter'), '2026-10-01');
    assert.equal(bucketLabel('2026-10-01', 'quarter'), '2026-Q4');
    assert.deepEqual(buckets({ granularity: 'quarter', from: '2026-02-10', to: '2026-07-01' }), ['2026-01-01', '2026-04-01', '2026-07-01']);
    assert.deepEqual(buckets({ granularity: 'month', from: '2025-12-15', to: '2026-01-02' }), ['2025-12-01', '2026-01-01']);
  });

  test('without a filter a page shows the last three months by month', () => {
    assert.deepEqual(defaultPeriod('2026-11-30'), { granularity: 'month', from: '2026-09-01', to: '2026-11-30' });
    assert.deepEqual(parsePeriod({}, '2026-01-15'), { granularity: 'month', from: '2025-11-01', to: '2026-01-15' });
  });

  test('a wrong date, an end before the start or more than two years is refused', () => {
    assert.equal(parsePeriod({ van: '2026-02-30' }, '2026-11-30'), 'date');
    assert.equal(parsePeriod({ per: 'jaar' }, '2026-11-30'), 'date');
    assert.equal(parsePeriod({ van: '2026-11-01', tot: '2026-10-01' }, '2026-11-30'), 'order');
    assert.equal(parsePeriod({ van: '2023-01-01', tot: '2026-11-30' }, '2026-11-30'), 'length');
    assert.deepEqual(parsePeriod({ van: '2026-01-01', tot: '2026-03-31', per: 'kwartaal' }, '2026-11-30'), {
      granularity: 'quarter',
      from: '2026-01-01',
      to: '2026-03-31',
    });
  });
});
