import { addDaysIso, amsterdamDate, startOfAmsterdamDay } from '../dates.ts';

/**
 * The first moment after `now` at which it is `time` (HH:MM) on the Amsterdam clock: today's when it
 * is still to come, otherwise tomorrow's. Pure. On the night the clocks go forward, a time in the
 * missing hour (02:00–03:00) comes an hour late; on the night they go back, the first of the two
 * comes. Either way the job runs once that night.
 */
export function nextDailyRun(now: Date, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const today = amsterdamDate(now);
  for (const day of [today, addDaysIso(today, 1), addDaysIso(today, 2)]) {
    const at = atAmsterdamTime(day, hours, minutes);
    if (at.getTime() > now.getTime()) return at;
  }
  throw new Error('unreachable: a day later is always after now');
}

/** The instant it is hours:minutes on the Amsterdam clock on `day`, counted from the day's start. */
function atAmsterdamTime(day: string, hours: number, minutes: number): Date {
  const start = startOfAmsterdamDay(day);
  const naive = new Date(start.getTime() + (hours * 60 + minutes) * 60_000);
  // Across a clock change the wall clock moved an hour between midnight and `naive`; correct for it.
  const shift = utcOffsetMinutes(naive) - utcOffsetMinutes(start);
  const corrected = new Date(naive.getTime() - shift * 60_000);
  return amsterdamDate(corrected) === day ? corrected : naive;
}

const OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' });

function utcOffsetMinutes(at: Date): number {
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(OFFSET.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '');
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}
