/**
 * Two-language texts. Every user-facing string is written as `{ nl, en }` beside the code that
 * shows it, so the Dutch (B1) and its English twin are reviewed together. Dutch is the default.
 */
export type Lang = 'nl' | 'en';
export const languages: readonly Lang[] = ['nl', 'en'];
export interface Text {
  nl: string;
  en: string;
}

export function isLang(value: unknown): value is Lang {
  return value === 'nl' || value === 'en';
}

export type Translate = (text: Text) => string;

export function translator(lang: Lang): Translate {
  return (text) => text[lang];
}

/** Fills `{name}` placeholders. Values are inserted as plain text; escaping happens in JSX. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/**
 * A count with its noun: `{n}` filled in the singular for exactly one and the plural otherwise
 * ("1 adres", "3 adressen"). Dutch and English both use the singular for 1 only, including 0
 * ("0 adressen", "0 addresses").
 */
export function plural(n: number, one: Text, other: Text): Text {
  const text = n === 1 ? one : other;
  return { nl: fill(text.nl, { n }), en: fill(text.en, { n }) };
}
