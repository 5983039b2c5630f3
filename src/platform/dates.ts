/** Dutch users think in Amsterdam days; the database stores instants. */
export const TIME_ZONE = 'Europe/Amsterdam';

// Formatters are built once: constructing one costs far more (~0.2 ms) than formatting with it.
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const AMSTERDAM_OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });

/** The Amsterdam calendar day of an instant, as YYYY-MM-DD. */
export function amsterdamDate(at: Date): string {
  return AMSTERDAM_DATE.format(at);
}

/** Today's calendar day in Amsterdam, as YYYY-MM-DD. */
export function amsterdamToday(now = new Date()): string {
  return amsterdamDate(now);
}

/** The instant at which a calendar day (YYYY-MM-DD) starts in Amsterdam, DST-aware. */
export function startOfAmsterdamDay(isoDate: string): Date {
  const utcMidnight = new Date(`${isoDate}T00:00:00Z`);
  const offset = AMSTERDAM_OFFSET.formatToParts(utcMidnight).find((p) => p.type === 'timeZoneName')?.value; // e.g. "GMT+01:00"
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '');
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(utcMidnight.getTime() - minutes * 60_000);
}

export function addDaysIso(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "1980-04-27", "27-04-1980", "27/4/1980" or "27.4.1980" → "1980-04-27"; null when not a real date. */
export function parseDate(input: string): string | null {
  const value = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
