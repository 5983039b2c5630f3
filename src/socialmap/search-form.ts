import { z } from 'zod';
import type { Translate } from '../platform/i18n.ts';
import { optionalText, validateValues, type FieldErrors } from '../platform/http/forms.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { isCategory, type Category } from '../needs/categories.ts';

/** The search boundary (a GET form: `?postcode=7511AB&hulpvraag=debt_counselling&zoekwoord=`). */
export const searchSchema = (t: Translate) => {
  const invalid = t({ nl: 'Vul een geldige postcode in, zoals 7511 AB of 7511.', en: 'Enter a valid postcode, such as 7511 AB or 7511.' });
  return z.object({
    postcode: z
      .string({ error: invalid })
      .trim()
      .min(1, t({ nl: 'Vul een postcode in, zoals 7511 AB of 7511.', en: 'Enter a postcode, such as 7511 AB or 7511.' }))
      .refine((v) => parsePostcode(v) !== null, invalid),
    hulpvraag: z
      .string()
      .optional()
      .transform((v): Category | null => (isCategory(v) ? v : null)),
    zoekwoord: optionalText(100),
  });
};

export type SearchForm = z.infer<ReturnType<typeof searchSchema>>;

export type SearchField = keyof SearchForm;
/** The fields as typed, to fill the form again; a field missing from the query is undefined. */
export type SearchValues = Partial<Record<SearchField, string>>;

export type SearchQuery =
  { asked: false } | { asked: true; ok: false; values: SearchValues; errors: FieldErrors } | { asked: true; ok: true; values: SearchValues; data: SearchForm };

/**
 * Reads a search from the query string. Without a postcode no search was asked for yet (the empty
 * form). Only the fields the page's form has are read, so a field it does not show cannot fail it.
 */
export function readSearchQuery(t: Translate, query: (field: SearchField) => string | undefined, fields: readonly SearchField[]): SearchQuery {
  const values: SearchValues = Object.fromEntries(fields.map((field) => [field, query(field)]));
  if (values.postcode === undefined) return { asked: false };
  const form = validateValues(searchSchema(t), values as Record<string, string>);
  return form.ok ? { asked: true, ok: true, values, data: form.data } : { asked: true, ok: false, values, errors: form.errors };
}
