import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { daysSince, dueCutoff, freshnessOf, monthsBefore } from './freshness.ts';

const now = new Date('2026-11-22T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('freshness of a social map entry', () => {
  it('an entry never verified is stale', () => {
    assert.equal(freshnessOf(null, now), 'stale');
  });

  it('an entry verified today, or less than 6 months ago, is fresh', () => {
    assert.equal(freshnessOf(now, now), 'fresh');
    assert.equal(freshnessOf(at('2026-05-22T10:00:01Z'), now), 'fresh');
  });

  it('an entry verified exactly 6 months ago is due', () => {
    assert.equal(freshnessOf(at('2026-05-22T10:00:00Z'), now), 'due');
  });

  it('an entry verified between 6 and 9 months ago is due, 9 months included', () => {
    assert.equal(freshnessOf(at('2026-04-01T00:00:00Z'), now), 'due');
    assert.equal(freshnessOf(at('2026-02-22T10:00:00Z'), now), 'due');
  });

  it('an entry verified more than 9 months ago is stale', () => {
    assert.equal(freshnessOf(at('2026-02-22T09:59:59Z'), now), 'stale');
    assert.equal(freshnessOf(at('2020-01-01T00:00:00Z'), now), 'stale');
  });

  it('months are calendar months: 6 months before 31 August is the last day of February', () => {
    assert.equal(monthsBefore(at('2026-08-31T12:00:00Z'), 6).toISOString(), '2026-02-28T12:00:00.000Z');
    assert.equal(monthsBefore(at('2028-08-31T12:00:00Z'), 6).toISOString(), '2028-02-29T12:00:00.000Z');
    assert.equal(monthsBefore(at('2026-03-15T00:00:00Z'), 9).toISOString(), '2025-06-15T00:00:00.000Z');
  });

  it('the list of entries to check starts at the 6-month boundary', () => {
    const cutoff = dueCutoff(now);
    assert.equal(freshnessOf(cutoff, now), 'due');
    assert.equal(freshnessOf(new Date(cutoff.getTime() + 1), now), 'fresh');
  });
});

describe('days since verification', () => {
  it('counts Amsterdam calendar days, not 24-hour blocks', () => {
    // 23:30 Amsterdam on 21 November is yesterday for 00:30 Amsterdam on 22 November.
    assert.equal(daysSince(at('2026-11-21T22:30:00Z'), at('2026-11-21T23:30:00Z')), 1);
    assert.equal(daysSince(at('2026-11-22T08:00:00Z'), at('2026-11-22T20:00:00Z')), 0);
    assert.equal(daysSince(at('2026-11-12T10:00:00Z'), now), 10);
  });

  it('is never negative, even when a clock runs ahead', () => {
    assert.equal(daysSince(at('2026-11-23T10:00:00Z'), now), 0);
  });
});
