/**
 * Sign-in throttling, per account and per IP, counted over a sliding window in the database so it
 * holds across app instances. Pure decision here; counting lives in sign-in.ts.
 */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface FailureCounts {
  account: number;
  ip: number;
}

export function isThrottled(counts: FailureCounts): boolean {
  return counts.account >= MAX_FAILURES_PER_ACCOUNT || counts.ip >= MAX_FAILURES_PER_IP;
}
