import type { Text } from '../platform/i18n.ts';
import { containsBsnLikeNumber } from '../platform/bsn.ts';

/**
 * A simple guard against identifying data in text that must stay anonymous (consultation without a
 * patient, "casuïstiek"), and against a BSN anywhere. It cannot find names; the form says so and asks
 * people not to write them. What it does catch, on the server, before anything is stored:
 * - a Dutch postcode (1234 AB, 1234AB, 1234ab);
 * - a complete date that lies in the past (a possible date of birth: 12-03-1985, 1985-03-12, 12 maart 1985);
 * - any 9-digit number, eleven-test or not (platform/bsn.ts `containsBsnLikeNumber`): elsewhere only a
 *   number that passes the BSN eleven-test is refused, but here no number may point to a person, and
 *   a BSN with one digit wrong still does (Korte Lijn never stores a BSN — docs/product.md "No BSN");
 * - an e-mail address.
 * Pure: no I/O. `today` is an Amsterdam calendar day (YYYY-MM-DD).
 */
export type IdentifyingKind = 'postcode' | 'birth_date' | 'bsn' | 'email';

export const identifyingKinds: readonly IdentifyingKind[] = ['postcode', 'birth_date', 'bsn', 'email'];

// Uppercase letters with or without a space ("7511 AB", "7511AB"), lowercase only when written
// together ("7511ab"): "in 2024 en" is ordinary Dutch, not a postcode. SA, SD and SS are never used.
const postcodePattern = /(?<![\dA-Za-z])[1-9]\d{3}(?: ?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?![A-Za-z\d])/;
const emailPattern = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;

const monthNames: Record<string, number> = {
  januari: 1,
  jan: 1,
  january: 1,
  februari: 2,
  feb: 2,
  february: 2,
  maart: 3,
  mrt: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  augustus: 8,
  aug: 8,
  august: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

interface FoundDate {
  year: number;
  month: number;
  day: number;
  /** Two-digit years cannot be placed in time; they count as past. */
  shortYear: boolean;
}

function datesIn(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  // 12-03-1985, 12/3/85, 12.03.1985
  for (const m of text.matchAll(/(?<![\d/.-])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\d/.-]?\d)/g)) {
    const shortYear = m[3]!.length === 2;
    found.push({ day: Number(m[1]), month: Number(m[2]), year: Number(m[3]), shortYear });
  }
  // 1985-03-12
  for (const m of text.matchAll(/(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g)) {
    found.push({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), shortYear: false });
  }
  // 12 maart 1985, 12 mrt. 1985
  for (const m of text.matchAll(/(?<!\d)(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})(?!\d)/gi)) {
    const month = monthNames[m[2]!.toLowerCase()];
    if (month) found.push({ day: Number(m[1]), month, year: Number(m[3]), shortYear: false });
  }
  return found.filter((d) => d.day >= 1 && d.day <= 31 && d.month >= 1 && d.month <= 12);
}

function isPastDate(date: FoundDate, today: string): boolean {
  if (date.shortYear) return true;
  if (date.year < 1900) return false;
  const iso = `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  return iso < today;
}

/** The kinds of identifying data found in `text`, in a fixed order; empty when none. */
export function findIdentifyingData(text: string, today: string): IdentifyingKind[] {
  const found = new Set<IdentifyingKind>();
  if (postcodePattern.test(text)) found.add('postcode');
  if (datesIn(text).some((d) => isPastDate(d, today))) found.add('birth_date');
  if (containsBsnLikeNumber(text)) found.add('bsn');
  if (emailPattern.test(text)) found.add('email');
  return identifyingKinds.filter((k) => found.has(k));
}

const kindLabels: Record<IdentifyingKind, Text> = {
  postcode: { nl: 'een postcode', en: 'a postcode' },
  birth_date: { nl: 'een datum die een geboortedatum kan zijn', en: 'a date that may be a date of birth' },
  bsn: { nl: 'een getal van 9 cijfers (dat lijkt op een BSN)', en: 'a 9-digit number (it looks like a citizen service number, BSN)' },
  email: { nl: 'een e-mailadres', en: 'an e-mail address' },
};

/** The message shown beside the field: what was found and what to do instead. */
export function identifyingDataMessage(kinds: readonly IdentifyingKind[]): Text {
  const list = (lang: 'nl' | 'en') => kinds.map((k) => kindLabels[k][lang]).join(lang === 'nl' ? ', ' : ', ');
  return {
    nl: `Uw tekst bevat ${list('nl')}. Overleg zonder patiënt mag niemand herkenbaar maken. Haal dit weg en beschrijf de situatie in het algemeen, bijvoorbeeld "een vrouw van rond de 40 in Enschede-Zuid".`,
    en: `Your text contains ${list('en')}. A consultation without a patient must not make anyone recognisable. Remove it and describe the situation in general terms, for example "a woman of around 40 in Enschede-Zuid".`,
  };
}
