import type { Text } from '../platform/i18n.ts';
import { TIME_ZONE } from '../platform/dates.ts';

/**
 * Opening, walk-in and phone hours (HSDS `schedule`, simplified to weekly hours: ISO weekday 1 =
 * Monday … 7 = Sunday, times "HH:MM" in Dutch local time). Pure functions; no I/O.
 */
export interface TimeSlot {
  weekday: number;
  opens_at: string;
  closes_at: string;
}

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export const weekdayLabels: Record<number, Text> = {
  1: { nl: 'Maandag', en: 'Monday' },
  2: { nl: 'Dinsdag', en: 'Tuesday' },
  3: { nl: 'Woensdag', en: 'Wednesday' },
  4: { nl: 'Donderdag', en: 'Thursday' },
  5: { nl: 'Vrijdag', en: 'Friday' },
  6: { nl: 'Zaterdag', en: 'Saturday' },
  7: { nl: 'Zondag', en: 'Sunday' },
};

const WEEKDAY_FORMAT = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, weekday: 'short' });
const ISO_WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The ISO weekday of an instant in Amsterdam: late Sunday evening UTC can already be Monday here. */
export function amsterdamWeekday(at: Date): number {
  return ISO_WEEKDAY[WEEKDAY_FORMAT.format(at)]!;
}

/** The slots of one weekday, earliest first: what is open "today". */
export function slotsOn<T extends TimeSlot>(slots: readonly T[], weekday: number): T[] {
  return slots.filter((s) => s.weekday === weekday).sort((a, b) => a.opens_at.localeCompare(b.opens_at));
}

/** "09:00–12:00, 13:00–16:00" */
export function formatSlots(slots: readonly TimeSlot[]): string {
  return slots.map((s) => `${s.opens_at}–${s.closes_at}`).join(', ');
}

/** The whole week, one line per day that has hours, Monday first. */
export function weekOverview<T extends TimeSlot>(slots: readonly T[]): Array<{ weekday: number; slots: T[] }> {
  return weekdays.map((weekday) => ({ weekday, slots: slotsOn(slots, weekday) })).filter((d) => d.slots.length > 0);
}

export type TimeRangesResult = { ok: true; ranges: Array<{ opens_at: string; closes_at: string }> } | { ok: false };

const RANGE = /^(\d{1,2})(?:[:.](\d{2}))?\s*(?:-|–|—|tot|to)\s*(\d{1,2})(?:[:.](\d{2}))?$/i;

/**
 * What someone types for one weekday — "9-12", "09:00 - 12:00, 13.30-16.00", "" (closed) — as
 * time ranges, earliest first. Refuses times that do not exist and ranges that end before they start.
 */
export function parseTimeRanges(input: string): TimeRangesResult {
  const text = input.trim();
  if (text === '' || /^(gesloten|closed|-)$/i.test(text)) return { ok: true, ranges: [] };
  const ranges: Array<{ opens_at: string; closes_at: string }> = [];
  for (const part of text.split(/\s*(?:,|;|\ben\b|\band\b)\s*/i).filter(Boolean)) {
    const m = RANGE.exec(part.trim());
    if (!m) return { ok: false };
    const opens = clock(m[1]!, m[2]);
    const closes = clock(m[3]!, m[4]);
    if (!opens || !closes || opens >= closes) return { ok: false };
    ranges.push({ opens_at: opens, closes_at: closes });
  }
  ranges.sort((a, b) => a.opens_at.localeCompare(b.opens_at));
  return { ok: true, ranges };
}

function clock(hours: string, minutes: string | undefined): string | null {
  const h = Number(hours);
  const m = Number(minutes ?? '0');
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The form value for one weekday: "09:00-12:00, 13:00-16:00". */
export function formatTimeRanges(slots: readonly TimeSlot[], weekday: number): string {
  return slotsOn(slots, weekday)
    .map((s) => `${s.opens_at}-${s.closes_at}`)
    .join(', ');
}
