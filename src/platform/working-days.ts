import { addDaysIso } from './dates.ts';

/**
 * Working days as the Algemene termijnenwet (Atw) counts them: not a Saturday, not a Sunday and not
 * a day art. 3 names — lid 1: Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag,
 * both Christmas days, the day the King's birthday is celebrated and 5 May (every year, not only
 * every fifth); lid 2: Good Friday is equated with them; lid 3: days equated by royal decree
 * (below). Dates are Amsterdam calendar days (YYYY-MM-DD). Pure. The response terms built on this
 * are in src/referrals/due-dates.ts; the social map's typical time to first contact counts in it too.
 */

/**
 * Atw art. 3 lid 3: days a royal decree equates with the holidays, usually three years at a
 * time (published in the Staatscourant). Data, not a rule: add the next decree when it appears.
 * - Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025
 * - Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028
 */
const equatedByDecree: readonly string[] = [
  '2023-04-28',
  '2023-05-19',
  '2024-05-10',
  '2024-12-27',
  '2025-05-30',
  '2026-01-02',
  '2026-05-15',
  '2027-05-07',
  '2028-04-28',
  '2028-05-26',
];

/** Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDay(year, month, day);
}

function isoDay(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function weekday(isoDate: string): number {
  return new Date(`${isoDate}T12:00:00Z`).getUTCDay(); // 0 = Sunday
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** The days of `year` the Atw (art. 3) counts as holidays; weekends are not listed. */
function atwHolidays(year: number): ReadonlySet<string> {
  let days = holidayCache.get(year);
  if (!days) {
    const easter = easterSunday(year);
    // Since 2014 the King's birthday is celebrated on 27 April, or on the 26th when the 27th is a Sunday.
    const kingsDay = weekday(isoDay(year, 4, 27)) === 0 ? isoDay(year, 4, 26) : isoDay(year, 4, 27);
    days = new Set([
      isoDay(year, 1, 1), // Nieuwjaarsdag
      addDaysIso(easter, -2), // Goede Vrijdag (lid 2)
      addDaysIso(easter, 1), // tweede Paasdag
      kingsDay, // Koningsdag
      isoDay(year, 5, 5), // 5 mei
      addDaysIso(easter, 39), // Hemelvaartsdag
      addDaysIso(easter, 50), // tweede Pinksterdag
      isoDay(year, 12, 25), // eerste Kerstdag
      isoDay(year, 12, 26), // tweede Kerstdag
      ...equatedByDecree.filter((day) => day.startsWith(`${year}-`)), // lid 3
    ]);
    holidayCache.set(year, days);
  }
  return days;
}

export function isWorkingDay(isoDate: string): boolean {
  const day = weekday(isoDate);
  return day !== 0 && day !== 6 && !atwHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}

/** Atw art. 1 lid 1: a term that ends on a day that is not a working day runs on to the next working day. */
export function runOnToWorkingDay(isoDate: string): string {
  let date = isoDate;
  while (!isWorkingDay(date)) date = addDaysIso(date, 1);
  return date;
}

/** The Nth working day after `isoDate` (the request day itself does not count). */
export function addWorkingDays(isoDate: string, n: number): string {
  let date = isoDate;
  let left = n;
  while (left > 0) {
    date = addDaysIso(date, 1);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

/**
 * The number of working days from `from` to `to`: the first day does not count, the last does
 * (sent on Monday, contact on Wednesday: 2). Zero when `to` is not after `from`.
 */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let date = addDaysIso(from, 1); date <= to; date = addDaysIso(date, 1)) if (isWorkingDay(date)) count++;
  return count;
}

/** The Atw holidays (art. 3, not weekends) from `from` to `to` inclusive, in order: for counting working days in SQL. */
export function atwHolidaysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    for (const day of atwHolidays(year)) if (day >= from && day <= to) days.push(day);
  return days.sort();
}
