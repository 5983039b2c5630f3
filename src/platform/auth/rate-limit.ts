/**
 * Sign-in throttling: the pure rule. Counting happens in the database (account/sign-in.ts), so the
 * rule holds across app instances.
 *
 * Three dimensions, so that an attacker is slowed without locking out the people they target:
 * - account + source (the pair): a few free failures, then a lock that doubles with every further
 *   failure. A typo-prone person locks only themselves, on that one device/address, briefly; the
 *   owner of an account that someone else is guessing still signs in from their own address.
 * - account, from any source: a higher ceiling against guessing one account from many addresses.
 * - source, for any account: a ceiling against spraying guesses over many accounts from one
 *   address, high enough that a practice behind one NAT address is not locked by one person's
 *   typos (each person's own failures are slowed by the pair lock long before they add up).
 *
 * Only failed verifications count. An attempt still being checked reserves a place in the pair and
 * account counts, so guesses sent all at once cannot slip past the limit between "count" and
 * "record"; it is not counted for the source, so people sharing an address never wait for each
 * other's sign-ins in progress.
 */

/** Failures of one account from one source that cost nothing but a retry. */
export const FREE_PAIR_FAILURES = 5;
/** The lock after the first failure beyond the free ones; every further failure doubles it. */
export const FIRST_LOCK_MINUTES = 1;
export const MAX_LOCK_MINUTES = 60;
/** Pair failures are remembered this long, so the doubling survives a pause of a few hours. */
export const PAIR_WINDOW_MINUTES = 24 * 60;
export const ACCOUNT_CEILING = 30;
export const SOURCE_CEILING = 100;
/** The window of the account and source ceilings. */
export const CEILING_WINDOW_MINUTES = 60;
/** The longest window any rule reads: failures older than this can be purged. */
export const LONGEST_WINDOW_MINUTES = Math.max(PAIR_WINDOW_MINUTES, CEILING_WINDOW_MINUTES);

export interface AttemptCounts {
  /** Failures of this account from this source within the pair window. */
  pairFailures: number;
  /** When the latest of those failures was, or null when there is none. */
  lastPairFailureAt: Date | null;
  /** Other attempts on this account from this source that are still being checked. */
  pairInFlight: number;
  /** Failures of this account from any source within the ceiling window. */
  accountFailures: number;
  /** Other attempts on this account (any source) that are still being checked. */
  accountInFlight: number;
  /** Failures from this source, for any account, within the ceiling window. */
  sourceFailures: number;
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterMinutes: number };

/** How long the pair stays locked after its `failures`-th failure (0 while failures are free). */
export function pairLockMinutes(failures: number): number {
  if (failures < FREE_PAIR_FAILURES) return 0;
  return Math.min(FIRST_LOCK_MINUTES * 2 ** (failures - FREE_PAIR_FAILURES), MAX_LOCK_MINUTES);
}

/** May this attempt be checked now? */
export function attemptVerdict(counts: AttemptCounts, now: Date): AttemptVerdict {
  if (counts.accountFailures + counts.accountInFlight >= ACCOUNT_CEILING || counts.sourceFailures >= SOURCE_CEILING) {
    return { allowed: false, retryAfterMinutes: CEILING_WINDOW_MINUTES };
  }
  if (counts.pairFailures + counts.pairInFlight < FREE_PAIR_FAILURES) return { allowed: true };
  // Beyond the free failures: one attempt at a time, each after the lock of the failure before it.
  const lockMinutes = pairLockMinutes(Math.max(counts.pairFailures, FREE_PAIR_FAILURES));
  const last = counts.lastPairFailureAt?.getTime() ?? now.getTime();
  const lockedUntil = last + lockMinutes * 60_000;
  if (counts.pairInFlight > 0 || lockedUntil > now.getTime()) {
    return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((lockedUntil - now.getTime()) / 60_000)) };
  }
  return { allowed: true };
}
