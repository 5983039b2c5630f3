import type { Text } from './i18n.ts';

/**
 * Korte Lijn never asks for, stores or sends a BSN (docs/product.md, "No BSN"): the BSN may only be
 * used where a law prescribes it, consent does not make it lawful, and volunteer organisations may
 * not process it at all. So free text that people type is refused when it holds something that
 * looks like one. Pure: no I/O.
 */

// Nine digits together, or written as 1234.56.789 or 123 456 789.
const bsnPatterns = [/(?<!\d|\d[.,])\d{9}(?!\d|[.,]\d)/, /(?<![\d.])\d{4}\.\d{2}\.\d{3}(?![\d.])/, /(?<!\d ?)\d{3} \d{3} \d{3}(?! ?\d)/];

/** Whether `text` holds a number that looks like a BSN. */
export function containsBsnLikeNumber(text: string): boolean {
  return bsnPatterns.some((p) => p.test(text));
}

export const bsnMessage: Text = {
  nl: 'Uw bericht bevat een getal van 9 cijfers. Dat lijkt op een BSN, en Korte Lijn bewaart nooit een BSN. Haal het getal weg; de gemeente zoekt de persoon zelf op.',
  en: 'Your message contains a 9-digit number. It looks like a citizen service number (BSN), and Korte Lijn never stores a BSN. Remove the number; the municipality looks the person up itself.',
};
