import { addDaysIso } from '../platform/dates.ts';

/**
 * The period a figures page shows: a range of calendar days (Amsterdam) cut into weeks, months or
 * quarters. Weeks are ISO weeks (Monday to Sunday), as the municipal monitor counts them.
 */
export const granularities = ['week', 'month', 'quarter'] as const;
export type Granularity = (typeof granularities)[number];

export interface Period {
  granularity: Granularity;
  /** First day, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  to: string;
}

/** The longest period a page shows at once: figures over more than two years say little, and cost much. */
export const MAX_PERIOD_DAYS = 731;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The first day of the bucket `isoDate` falls in. */
export function bucketStart(isoDate: string, granularity: Granularity): string {
  if (granularity === 'week') {
    const weekday = (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
    return addDaysIso(isoDate, -weekday);
  }
  const month = Number(isoDate.slice(5, 7));
  const first = granularity === 'month' ? month : month - ((month - 1) % 3);
  return `${isoDate.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

function nextBucket(start: string, granularity: Granularity): string {
  if (granularity === 'week') return addDaysIso(start, 7);
  const [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  const next = m + (granularity === 'month' ? 1 : 3);
  return next > 12 ? `${y + 1}-${String(next - 12).padStart(2, '0')}-01` : `${y}-${String(next).padStart(2, '0')}-01`;
}

/** The buckets of a period, by their first day (the first may start before `from`). */
export function buckets(period: Period): string[] {
  const out: string[] = [];
  for (let b = bucketStart(period.from, period.granularity); b <= period.to; b = nextBucket(b, period.granularity)) out.push(b);
  return out;
}

/** ISO week-numbering year and week of a day. */
function isoWeek(isoDate: string): { year: number; week: number } {
  const d = new Date(`${isoDate}T00:00:00Z`);
  const thursday = new Date(d);
  thursday.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  // The week that holds a year's first Thursday is week 1 (ISO 8601).
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return { year, week };
}

/** The stable label of a bucket, as in the CSV: 2026-W48, 2026-11, 2026-Q4. */
export function bucketLabel(start: string, granularity: Granularity): string {
  if (granularity === 'week') {
    const { year, week } = isoWeek(start);
    return `${year}-W${String(week).padStart(2, '0')}`;
  }
  if (granularity === 'month') return start.slice(0, 7);
  return `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The default: the last three months up to today, by month. */
export function defaultPeriod(today: string): Period {
  const month = bucketStart(today, 'month');
  let from = month;
  for (let i = 0; i < 2; i++) from = bucketStart(addDaysIso(from, -1), 'month');
  return { granularity: 'month', from, to: today };
}

/** The quarter `today` falls in, up to today: the "reached this quarter" figure. */
export function currentQuarter(today: string): { from: string; to: string } {
  return { from: bucketStart(today, 'quarter'), to: today };
}

export type PeriodProblem = 'date' | 'order' | 'length';

/** Reads the period filter (`van`, `tot`, `per`); a missing part takes its default, a wrong one is a problem to show. */
export function parsePeriod(query: { van?: string | undefined; tot?: string | undefined; per?: string | undefined }, today: string): Period | PeriodProblem {
  const fallback = defaultPeriod(today);
  const per = query.per === 'week' ? 'week' : query.per === 'kwartaal' ? 'quarter' : query.per === 'maand' || !query.per ? 'month' : null;
  if (!per) return 'date';
  const from = query.van?.trim() || fallback.from;
  const to = query.tot?.trim() || fallback.to;
  if (!isIsoDate(from) || !isIsoDate(to)) return 'date';
  if (to < from) return 'order';
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) return 'length';
  return { granularity: per, from, to };
}

export const granularityParam: Record<Granularity, string> = { week: 'week', month: 'maand', quarter: 'kwartaal' };
