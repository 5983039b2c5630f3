/**
 * How fresh is a social map entry? A phone list goes stale when nobody checks it, so every
 * service, location and contact carries the date someone last confirmed it ("klopt nog").
 * Pure: no I/O, the caller passes `now`.
 *
 *   fresh — verified less than 6 months ago
 *   due   — verified 6 to 9 months ago (inclusive): time to check
 *   stale — verified more than 9 months ago, or never
 */
import { amsterdamDate } from '../platform/dates.ts';

export type Freshness = 'fresh' | 'due' | 'stale';

export const DUE_AFTER_MONTHS = 6;
export const STALE_AFTER_MONTHS = 9;

/** The same moment `months` calendar months earlier; a day that does not exist (31 Aug → Feb) becomes the month's last day. */
export function monthsBefore(now: Date, months: number): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(now.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()));
}

export function freshnessOf(lastVerifiedAt: Date | null, now: Date): Freshness {
  if (!lastVerifiedAt) return 'stale';
  const t = lastVerifiedAt.getTime();
  if (t > monthsBefore(now, DUE_AFTER_MONTHS).getTime()) return 'fresh';
  if (t >= monthsBefore(now, STALE_AFTER_MONTHS).getTime()) return 'due';
  return 'stale';
}

/** Entries verified at or before this moment (or never) are due or stale: the "te controleren" list. */
export function dueCutoff(now: Date): Date {
  return monthsBefore(now, DUE_AFTER_MONTHS);
}

/** Whole calendar days (Amsterdam) between the verification and now: 0 = today, 1 = yesterday. */
export function daysSince(lastVerifiedAt: Date, now: Date): number {
  const day = (d: Date) => Date.parse(`${amsterdamDate(d)}T00:00:00Z`);
  return Math.max(0, Math.round((day(now) - day(lastVerifiedAt)) / 86_400_000));
}

/** The Amsterdam calendar day of an instant the way Dutch readers write it: 30-11-2026 (not 2026-11-30). */
export function dutchDay(at: Date): string {
  const [year, month, day] = amsterdamDate(at).split('-');
  return `${day}-${month}-${year}`;
}
