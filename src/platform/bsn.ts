import { z } from 'zod';
import type { Text, Translate } from './i18n.ts';

/**
 * Korte Lijn never asks for, stores or sends a BSN (docs/product.md, "No BSN"): the BSN may only be
 * used where a law prescribes it (UAVG art. 46, Wet algemene bepalingen burgerservicenummer), consent
 * does not make it lawful, and volunteer organisations may not process it at all. So every free-text
 * field a person writes refuses a BSN, with one message (`bsnMessage`), through one zod check
 * (`withoutBsn`). Pure: no I/O.
 *
 * Two strengths of the same rule:
 * - `containsBsn`, for text about a known person or an organisation (a referral, a social map entry):
 *   a 9-digit number that passes the eleven-test (elfproef) the Dutch government uses for every BSN
 *   (Logisch Ontwerp BSN: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11). An invoice number or
 *   an amount of 9 digits passes that test only once in 11 times, so ordinary numbers stay allowed.
 * - `containsBsnLikeNumber`, for text that must stay anonymous (a consultation without a patient, a
 *   signal record): any 9-digit number. There a number has no place anyway, and a BSN typed with
 *   one wrong digit still points to one person.
 *
 * A BSN that starts with 0 and is written without that 0 has 8 digits. Such a number is refused only
 * when the text calls it a BSN ("BSN 12345672", "burgerservicenummer: 012345672"). An unlabelled
 * 8-digit number is allowed: 8 digits is also a KvK number, an AGB code, a date written as 20261123 or
 * a customer number, and 1 in 11 of those would pass the eleven-test with a 0 put in front — too many
 * ordinary numbers to refuse for the rare BSN that lost its leading 0. Whatever number the text calls
 * a BSN is refused, eleven-test or not: the writer says it is one.
 *
 * Known limit: an RSIN or the tax number of an organisation (also 9 digits, the same eleven-test)
 * cannot be told apart from a BSN, so social map texts must leave those out too.
 */

// How a BSN is written: nine digits together, as on the passport; 1234.56.789, as the Belastingdienst
// writes it; 123 456 789. Not part of a longer number, an amount (1.234.567,89) or a phone number.
const notations = [/(?<!\d|\d[.,])\d{9}(?!\d|[.,]\d)/g, /(?<![\d.])\d{4}\.\d{2}\.\d{3}(?![\d.])/g, /(?<!\d ?)\d{3} \d{3} \d{3}(?! ?\d)/g];

// A number the text itself calls a BSN: "BSN 12345672", "bsn-nummer: 1234.56.782", "sofinummer is 123456782".
const label = String.raw`(?:\bbsn(?:-?nummer|-?nr)?|\bburger\s?service\s?nummer|\bsofi-?nummer|\bcitizen service number)`;
const glue = String.raw`[\s:.#=-]*(?:is\b[\s:.]*)?`;
const number = String.raw`(?:\d{8,9}(?!\d|[.,]\d)|\d{4}\.\d{2}\.\d{3}(?![\d.])|\d{3} \d{3} \d{3}(?! ?\d))`;
const labelled = new RegExp(label + glue + number, 'i');

function nineDigitNumbers(text: string): string[] {
  return notations.flatMap((p) => [...text.matchAll(p)].map((m) => m[0].replace(/\D/g, '')));
}

/**
 * The eleven-test (elfproef) of a BSN: 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9 is a
 * multiple of 11, and the number is not all zeros.
 */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** Whether `text` holds a BSN: a 9-digit number that passes the eleven-test, or a number the text calls a BSN. */
export function containsBsn(text: string): boolean {
  return labelled.test(text) || nineDigitNumbers(text).some(passesElevenTest);
}

/** Whether `text` holds any 9-digit number (or a number it calls a BSN): the stricter rule for anonymous text. */
export function containsBsnLikeNumber(text: string): boolean {
  return labelled.test(text) || nineDigitNumbers(text).length > 0;
}

/** One message for every field: it names no field, so it fits a note, a name or a description alike. */
export const bsnMessage: Text = {
  nl: 'Uw tekst bevat een nummer dat lijkt op een BSN (burgerservicenummer). Korte Lijn bewaart nooit een BSN. Haal het nummer weg.',
  en: 'Your text contains a number that looks like a citizen service number (BSN). Korte Lijn never stores a BSN. Remove the number.',
};

/**
 * The zod check every free-text field carries, after trimming and the length cap:
 * `z.string().trim().max(500).check(withoutBsn(t))`, also on an optional field that became null.
 * `anyNineDigits` is for text that must stay anonymous (see `containsBsnLikeNumber`). The message
 * can be given in another language (the self-check speaks five).
 */
export function withoutBsn(t: Translate | string, options: { anyNineDigits?: boolean } = {}) {
  const found = options.anyNineDigits ? containsBsnLikeNumber : containsBsn;
  return z.refine<string | null | undefined>((v) => !v || !found(v), typeof t === 'string' ? t : t(bsnMessage));
}
