import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT_CEILING, attemptVerdict, FREE_PAIR_FAILURES, MAX_LOCK_MINUTES, pairLockMinutes, SOURCE_CEILING, type AttemptCounts } from './rate-limit.ts';

const now = new Date('2026-11-30T09:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const none: AttemptCounts = { pairFailures: 0, lastPairFailureAt: null, pairInFlight: 0, accountFailures: 0, accountInFlight: 0, sourceFailures: 0 };
const allowed = (counts: Partial<AttemptCounts>) => attemptVerdict({ ...none, ...counts }, now).allowed;

/** The pair's failures just past the free ones, the last one `ago` minutes ago; account and source count them too. */
const pairFailed = (failures: number, ago: number): Partial<AttemptCounts> => ({
  pairFailures: failures,
  lastPairFailureAt: minutesAgo(ago),
  accountFailures: failures,
  sourceFailures: failures,
});

describe('sign-in throttling', () => {
  it('a first attempt is checked', () => {
    assert.deepEqual(attemptVerdict(none, now), { allowed: true });
  });

  it('the free failures of an account from one source cost nothing but a retry', () => {
    assert.equal(allowed(pairFailed(FREE_PAIR_FAILURES - 1, 0)), true);
  });

  it('after the free failures that account and source wait a short while, then may try once more', () => {
    const locked = attemptVerdict({ ...none, ...pairFailed(FREE_PAIR_FAILURES, 0) }, now);
    assert.equal(locked.allowed, false);
    const wait = locked.allowed ? 0 : locked.retryAfterMinutes;
    assert.ok(wait >= 1 && wait < 15, `a short wait, not ${wait} minutes`);
    assert.equal(allowed(pairFailed(FREE_PAIR_FAILURES, wait)), true);
  });

  it('every further failure doubles the wait, up to a cap', () => {
    const first = pairLockMinutes(FREE_PAIR_FAILURES);
    assert.equal(pairLockMinutes(FREE_PAIR_FAILURES + 1), 2 * first);
    assert.equal(pairLockMinutes(FREE_PAIR_FAILURES + 2), 4 * first);
    assert.equal(pairLockMinutes(FREE_PAIR_FAILURES + 40), MAX_LOCK_MINUTES);
    assert.equal(allowed(pairFailed(FREE_PAIR_FAILURES + 1, 2 * first - 0.5)), false);
    assert.equal(allowed(pairFailed(FREE_PAIR_FAILURES + 1, 2 * first)), true);
  });

  it("the owner's correct password from another source is checked while a guesser's source is locked", () => {
    // The guesser's failures count for the account, not for the owner's pair or address.
    assert.equal(allowed({ accountFailures: FREE_PAIR_FAILURES + 3 }), true);
  });

  it('guessing one account from many sources meets the account ceiling, whatever the source', () => {
    assert.equal(allowed({ accountFailures: ACCOUNT_CEILING - 1 }), true);
    assert.equal(allowed({ accountFailures: ACCOUNT_CEILING }), false);
  });

  it('spraying many accounts from one source meets the source ceiling, for every account', () => {
    assert.equal(allowed({ sourceFailures: SOURCE_CEILING - 1 }), true);
    assert.equal(allowed({ sourceFailures: SOURCE_CEILING }), false);
  });

  it('one person locked out by their own typos does not lock the address they share with colleagues', () => {
    assert.ok(SOURCE_CEILING >= 3 * (FREE_PAIR_FAILURES + 6), 'a few people with a bad morning fit under the source ceiling');
    assert.equal(allowed({ sourceFailures: FREE_PAIR_FAILURES + 6 }), true);
  });

  it('attempts still being checked hold a place: simultaneous guesses get no more than the free checks', () => {
    assert.equal(allowed({ pairInFlight: FREE_PAIR_FAILURES - 1, accountInFlight: FREE_PAIR_FAILURES - 1 }), true);
    assert.equal(allowed({ pairInFlight: FREE_PAIR_FAILURES, accountInFlight: FREE_PAIR_FAILURES }), false);
    assert.equal(allowed({ pairFailures: 2, lastPairFailureAt: now, pairInFlight: FREE_PAIR_FAILURES - 2 }), false);
  });

  it('past the free failures, only one attempt at a time is checked after the lock', () => {
    assert.equal(allowed({ ...pairFailed(FREE_PAIR_FAILURES, 60), pairInFlight: 1, accountInFlight: 1 }), false);
  });

  it('the message names how long to wait, at least a minute', () => {
    const verdict = attemptVerdict({ ...none, ...pairFailed(FREE_PAIR_FAILURES, 0.99) }, now);
    assert.deepEqual(verdict, { allowed: false, retryAfterMinutes: 1 });
  });
});
