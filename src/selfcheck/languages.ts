/**
 * The self-check speaks the languages most asked for in Dutch GP practices: Dutch, English,
 * Turkish, Arabic (right to left) and Polish. Staff pages stay Dutch/English (platform/i18n.ts).
 */
export const selfcheckLanguages = ['nl', 'en', 'tr', 'ar', 'pl'] as const;
export type SelfcheckLang = (typeof selfcheckLanguages)[number];
export type Texts = Record<SelfcheckLang, string>;

export function isSelfcheckLang(value: unknown): value is SelfcheckLang {
  return typeof value === 'string' && (selfcheckLanguages as readonly string[]).includes(value);
}

export const languageNames: Texts = { nl: 'Nederlands', en: 'English', tr: 'Türkçe', ar: 'العربية', pl: 'Polski' };

export function direction(lang: SelfcheckLang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}
