import type { Text } from '../platform/i18n.ts';

/**
 * Languages a service can help in (HSDS `language`: ISO 639-1 codes). A short list of the languages
 * most asked for in Dutch primary care; the codes are what is stored and exported.
 */
export const serviceLanguages = ['nl', 'en', 'de', 'tr', 'ar', 'pl', 'uk', 'ti', 'so', 'fa'] as const;

export type ServiceLanguage = (typeof serviceLanguages)[number];

export function isServiceLanguage(value: unknown): value is ServiceLanguage {
  return typeof value === 'string' && (serviceLanguages as readonly string[]).includes(value);
}

export const languageLabels: Record<ServiceLanguage, Text> = {
  nl: { nl: 'Nederlands', en: 'Dutch' },
  en: { nl: 'Engels', en: 'English' },
  de: { nl: 'Duits', en: 'German' },
  tr: { nl: 'Turks', en: 'Turkish' },
  ar: { nl: 'Arabisch', en: 'Arabic' },
  pl: { nl: 'Pools', en: 'Polish' },
  uk: { nl: 'Oekraïens', en: 'Ukrainian' },
  ti: { nl: 'Tigrinya', en: 'Tigrinya' },
  so: { nl: 'Somalisch', en: 'Somali' },
  fa: { nl: 'Perzisch (Farsi)', en: 'Persian (Farsi)' },
};

/** Labels for stored codes; a code not in the list (e.g. from an HSDS import) is shown as is. */
export function languageLabel(code: string): Text {
  return isServiceLanguage(code) ? languageLabels[code] : { nl: code, en: code };
}
