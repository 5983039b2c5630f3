import Holidays from 'date-holidays';
import { addDaysIso } from '../platform/dates.ts';

/**
 * Response terms (termijnen). Legal defaults from the Wgs (art. 4): the first conversation within
 * 4 weeks of the request for help, within 3 working days when a threatening situation exists.
 * First contact within N working days is an agreement between practice and team (default 3).
 * A practice–team agreement may set shorter terms. Working days skip weekends and Dutch public
 * holidays (date-holidays, type "public"). Dates are Amsterdam calendar days (YYYY-MM-DD). Pure.
 */
export interface Terms {
  firstContactWorkingDays: number;
  firstConversationDays: number;
  urgentFirstConversationWorkingDays: number;
}

export const legalDefaultTerms: Terms = { firstContactWorkingDays: 3, firstConversationDays: 28, urgentFirstConversationWorkingDays: 3 };

/** An agreement can only shorten the legal terms, never lengthen them. */
export function effectiveTerms(agreement: Partial<Terms> | null | undefined): Terms {
  const pick = (key: keyof Terms) => Math.min(legalDefaultTerms[key], agreement?.[key] ?? legalDefaultTerms[key]);
  return {
    firstContactWorkingDays: pick('firstContactWorkingDays'),
    firstConversationDays: pick('firstConversationDays'),
    urgentFirstConversationWorkingDays: pick('urgentFirstConversationWorkingDays'),
  };
}

const holidays = new Holidays('NL');
const holidayCache = new Map<number, Set<string>>();

export function isDutchPublicHoliday(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(year, set);
  }
  return set.has(isoDate);
}

function weekday(isoDate: string): number {
  return new Date(`${isoDate}T12:00:00Z`).getUTCDay(); // 0 = Sunday
}

export function isWorkingDay(isoDate: string): boolean {
  const day = weekday(isoDate);
  return day !== 0 && day !== 6 && !isDutchPublicHoliday(isoDate);
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

export interface DueDates {
  firstContactDue: string;
  firstConversationDue: string;
}

export function dueDates(requestDate: string, urgent: boolean, terms: Terms = legalDefaultTerms): DueDates {
  return {
    firstContactDue: addWorkingDays(requestDate, terms.firstContactWorkingDays),
    firstConversationDue: urgent ? addWorkingDays(requestDate, terms.urgentFirstConversationWorkingDays) : addDaysIso(requestDate, terms.firstConversationDays),
  };
}
