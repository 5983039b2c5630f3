/**
 * Dutch postcodes: PC4 (4 digits, no leading zero) optionally followed by 2 letters (PC6).
 * The letter pairs SA, SD and SS are never issued. Pure functions; no I/O.
 */
export interface Postcode {
  pc4: string;
  /** "7511AB" when letters were given, else null. */
  pc6: string | null;
  /** "7511 AB" or "7511". */
  display: string;
}

const PATTERN = /^([1-9][0-9]{3})\s*([A-Za-z]{2})?$/;

export function parsePostcode(input: string): Postcode | null {
  const match = PATTERN.exec(input.trim());
  if (!match) return null;
  const pc4 = match[1]!;
  const letters = match[2]?.toUpperCase();
  if (letters && ['SA', 'SD', 'SS'].includes(letters)) return null;
  return { pc4, pc6: letters ? `${pc4}${letters}` : null, display: letters ? `${pc4} ${letters}` : pc4 };
}

/** House number: the digits at the start ("12a" → 12); null when absent or not a number. */
export function parseHouseNumber(input: string | undefined | null): number | null {
  const match = /^\s*(\d{1,5})/.exec(input ?? '');
  if (!match) return null;
  const n = Number(match[1]);
  return n > 0 ? n : null;
}
