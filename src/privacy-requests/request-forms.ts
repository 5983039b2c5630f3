import { z } from 'zod';
import { optionalText } from '../platform/http/forms.ts';
import type { Translate } from '../platform/i18n.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { parseDate } from '../platform/dates.ts';
import { erasureGrounds } from './erase-personal-data.ts';
import type { PersonRequest } from './person-request.ts';

/**
 * The forms of a privacy request at the boundary (zod), with Dutch messages. The person is
 * identified at the desk (AVG art. 12 lid 6: the organisation checks who asks before it answers);
 * the form asks the reader to confirm that, and the audit entry records it.
 */
export const answerFormats = ['pagina', 'json'] as const;

export const personRequestSchema = (t: Translate) =>
  z
    .object({
      naam: z
        .string()
        .trim()
        .min(2, t({ nl: 'Vul de naam in zoals die op het legitimatiebewijs staat.', en: 'Enter the name as it is on the identity document.' }))
        .max(200),
      geboortedatum: z
        .string()
        .trim()
        .transform((v, ctx) => {
          const iso = parseDate(v);
          if (!iso) {
            ctx.addIssue({
              code: 'custom',
              message: t({ nl: 'Vul een geldige geboortedatum in, zoals 27-04-1980.', en: 'Enter a valid date of birth, such as 27-04-1980.' }),
            });
            return z.NEVER;
          }
          return iso;
        }),
      postcode: z
        .string()
        .trim()
        .transform((v, ctx) => {
          const postcode = parsePostcode(v);
          if (!postcode) {
            ctx.addIssue({ code: 'custom', message: t({ nl: 'Vul de postcode in, zoals 7552 AB.', en: 'Enter the postcode, such as 7552 AB.' }) });
            return z.NEVER;
          }
          return postcode.display;
        }),
      huisnummer: optionalText(12),
      identiteit_gecontroleerd: z.literal(
        'ja',
        t({
          nl: 'Vink aan dat u de identiteit van de persoon hebt gecontroleerd.',
          en: 'Tick the box to confirm that you have checked the identity of the person.',
        }),
      ),
      formaat: z.enum(answerFormats).catch('pagina'),
    })
    .transform((v) => ({
      request: { name: v.naam, birthDate: v.geboortedatum, postcode: v.postcode, houseNumber: v.huisnummer } satisfies PersonRequest,
      format: v.formaat,
    }));

export const erasureSchema = (t: Translate) =>
  z.object({
    grond: z.enum(erasureGrounds, { error: t({ nl: 'Kies waarom de gegevens gewist worden.', en: 'Choose why the data are erased.' }) }),
    bevestig: z.literal(
      'ja',
      t({ nl: 'Vink aan dat u begrijpt dat wissen niet ongedaan kan worden.', en: 'Tick the box to confirm that you understand erasing cannot be undone.' }),
    ),
  });
