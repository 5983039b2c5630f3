import { isWorkingDay } from '../referrals/due-dates.ts';

/**
 * The placemat's calendar: twelve month grids from the current month on, with the days something
 * happens at the practice marked (the team's on-site hours, visits). Pure: the caller passes the
 * hours, their exceptions and the visit dates.
 */
export type DayMark = 'onsite' | 'visit';

export interface CalendarDay {
  /** Day of the month; null for the empty cells before the 1st and after the last day. */
  day: number | null;
  date: string | null;
  marks: DayMark[];
}

export interface CalendarMonth {
  year: number;
  month: number;
  /** Weeks of seven cells, Monday first. */
  weeks: CalendarDay[][];
}

export interface RecurringSession {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  startsOn: string;
  endedOn: string | null;
  /** Days it does not take place (holiday of the host, cancelled). */
  exceptions: readonly string[];
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday of a date, 1 = Monday … 7 = Sunday. */
function weekdayOf(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * On-site hours take place on their weekday within their period, on working days only (a public
 * holiday under the Algemene termijnenwet has no session), unless an exception says otherwise.
 */
export function sessionTakesPlace(session: RecurringSession, date: string): boolean {
  return (
    weekdayOf(date) === session.weekday &&
    date >= session.startsOn &&
    (session.endedOn === null || date <= session.endedOn) &&
    isWorkingDay(date) &&
    !session.exceptions.includes(date)
  );
}

/** Twelve months starting with the month of `today` (YYYY-MM-DD). */
export function calendarFrom(today: string, sessions: readonly RecurringSession[], visitDates: readonly string[]): CalendarMonth[] {
  const visits = new Set(visitDates);
  const startYear = Number(today.slice(0, 4));
  const startMonth = Number(today.slice(5, 7));
  return Array.from({ length: 12 }, (_, i) => {
    const year = startYear + Math.floor((startMonth - 1 + i) / 12);
    const month = ((startMonth - 1 + i) % 12) + 1;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const cells: CalendarDay[] = Array.from({ length: weekdayOf(iso(year, month, 1)) - 1 }, () => ({ day: null, date: null, marks: [] }));
    for (let day = 1; day <= days; day++) {
      const date = iso(year, month, day);
      const marks: DayMark[] = [];
      if (sessions.some((s) => sessionTakesPlace(s, date))) marks.push('onsite');
      if (visits.has(date)) marks.push('visit');
      cells.push({ day, date, marks });
    }
    while (cells.length % 7 !== 0) cells.push({ day: null, date: null, marks: [] });
    const weeks: CalendarDay[][] = [];
    for (let w = 0; w < cells.length; w += 7) weeks.push(cells.slice(w, w + 7));
    return { year, month, weeks };
  });
}
