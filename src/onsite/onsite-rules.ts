import { addDaysIso, TIME_ZONE } from '../platform/dates.ts';

/**
 * On-site hours (spreekuur in de praktijk) and their free slots. Pure: the caller passes today,
 * the exceptions, the bookings and the working-day rule.
 *
 * A team member holds recurring hours at a practice ("Tuesday 9:00–12:00 at De Esch"), cut into
 * slots of a fixed length. A slot is free on a day that is a working day (Algemene termijnenwet:
 * no weekend, no public holiday), is not an exception (a holiday of the team member, a cancelled
 * session), lies within the hours' period, is still ahead, and is not booked.
 */
export interface RecurringHours {
  id: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  startsOn: string;
  endedOn: string | null;
}

export interface Slot {
  hoursId: string;
  date: string;
  startsAt: string;
  endsAt: string;
  /** The instant the slot starts (and ends), Europe/Amsterdam. */
  start: Date;
  end: Date;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function hhmmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function isoWeekday(isoDate: string): number {
  const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

const OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });

function offsetMinutes(at: Date): number {
  const name = OFFSET.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The instant of a wall-clock time on a day in Amsterdam, summer and winter time alike. */
export function amsterdamInstant(isoDate: string, hhmm: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutesOf(hhmm) * 60_000;
  const first = wall - offsetMinutes(new Date(wall)) * 60_000;
  return new Date(wall - offsetMinutes(new Date(first)) * 60_000);
}

/** The slots of one session: from the start, `slotMinutes` at a time, as long as a whole slot fits. */
export function sessionSlots(hours: RecurringHours, date: string): Slot[] {
  const slots: Slot[] = [];
  const end = minutesOf(hours.endsAt);
  for (let start = minutesOf(hours.startsAt); start + hours.slotMinutes <= end; start += hours.slotMinutes) {
    const startsAt = hhmmOf(start);
    const endsAt = hhmmOf(start + hours.slotMinutes);
    slots.push({ hoursId: hours.id, date, startsAt, endsAt, start: amsterdamInstant(date, startsAt), end: amsterdamInstant(date, endsAt) });
  }
  return slots;
}

export interface FreeSlotInput {
  hours: readonly RecurringHours[];
  /** `${hoursId}:${date}` of each exception. */
  exceptions: ReadonlySet<string>;
  /** `${hoursId}:${start.toISOString()}` of each booked slot. */
  booked: ReadonlySet<string>;
  today: string;
  now: Date;
  days: number;
  isWorkingDay: (isoDate: string) => boolean;
}

export const exceptionKey = (hoursId: string, date: string) => `${hoursId}:${date}`;
export const bookingKey = (hoursId: string, start: Date) => `${hoursId}:${start.toISOString()}`;

/** The free slots from today for `days` days, soonest first. */
export function freeSlots(input: FreeSlotInput): Slot[] {
  const slots: Slot[] = [];
  for (let i = 0; i < input.days; i++) {
    const date = addDaysIso(input.today, i);
    if (!input.isWorkingDay(date)) continue;
    for (const hours of input.hours) {
      if (hours.weekday !== isoWeekday(date) || date < hours.startsOn || (hours.endedOn !== null && date > hours.endedOn)) continue;
      if (input.exceptions.has(exceptionKey(hours.id, date))) continue;
      for (const slot of sessionSlots(hours, date)) {
        if (slot.start.getTime() > input.now.getTime() && !input.booked.has(bookingKey(hours.id, slot.start))) slots.push(slot);
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}
