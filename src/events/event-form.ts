import { z } from 'zod';
import { optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';
import type { Translate } from '../platform/i18n.ts';
import { parseDate } from '../platform/dates.ts';
import { time } from '../onsite/onsite-form.ts';
import { audiences, eventKinds } from './event-rules.ts';

/** The form to organise a network event, validated at the boundary. */
export const audienceField = (audience: string) => `invite_${audience}`;

export const eventSchema = (t: Translate, today: string) =>
  z.preprocess(
    (raw) => {
      const values = (raw ?? {}) as Record<string, unknown>;
      return { ...values, audiences: audiences.filter((a) => Boolean(values[audienceField(a)])) };
    },
    z
      .object({
        kind: z.enum(eventKinds, { error: t({ nl: 'Kies wat voor bijeenkomst het is.', en: 'Choose the kind of event.' }) }),
        title: z
          .string({ error: t({ nl: 'Geef de bijeenkomst een naam.', en: 'Give the event a name.' }) })
          .trim()
          .min(1, t({ nl: 'Geef de bijeenkomst een naam.', en: 'Give the event a name.' }))
          .max(120)
          .check(withoutBsn(t)),
        description: optionalText(2000).check(withoutBsn(t)),
        date: z
          .string({ error: t({ nl: 'Vul een datum in, zoals 27-11-2026.', en: 'Enter a date, such as 27-11-2026.' }) })
          .trim()
          .transform((v, ctx) => {
            const iso = parseDate(v);
            if (!iso) ctx.addIssue({ code: 'custom', message: t({ nl: 'Vul een datum in, zoals 27-11-2026.', en: 'Enter a date, such as 27-11-2026.' }) });
            else if (iso < today) ctx.addIssue({ code: 'custom', message: t({ nl: 'Kies vandaag of een dag later.', en: 'Choose today or a later day.' }) });
            return iso ?? z.NEVER;
          }),
        starts: time(t),
        ends: time(t),
        place: z
          .string({ error: t({ nl: 'Vul in waar het is.', en: 'Enter where it is.' }) })
          .trim()
          .min(1, t({ nl: 'Vul in waar het is.', en: 'Enter where it is.' }))
          .max(200)
          .check(withoutBsn(t)),
        capacity: z
          .string()
          .trim()
          .optional()
          .transform((v, ctx) => {
            if (!v) return null;
            const n = Number(v);
            if (!Number.isInteger(n) || n < 1 || n > 10000) {
              ctx.addIssue({ code: 'custom', message: t({ nl: 'Vul een heel getal in, of laat het leeg.', en: 'Enter a whole number, or leave it empty.' }) });
              return z.NEVER;
            }
            return n;
          }),
        audiences: z.array(z.enum(audiences)).min(1, t({ nl: 'Kies wie u uitnodigt.', en: 'Choose whom you invite.' })),
      })
      .superRefine((v, ctx) => {
        if (v.ends <= v.starts)
          ctx.addIssue({ code: 'custom', path: ['ends'], message: t({ nl: 'De eindtijd ligt na de begintijd.', en: 'The end is after the start.' }) });
      }),
  );

export type EventInput = z.infer<ReturnType<typeof eventSchema>>;
