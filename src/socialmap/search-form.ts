import { z } from 'zod';
import type { Translate } from '../platform/i18n.ts';
import { optionalText } from '../platform/http/forms.ts';
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
