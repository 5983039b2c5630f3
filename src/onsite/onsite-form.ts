import { z } from 'zod';
import { optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';
import type { Translate } from '../platform/i18n.ts';
import { parseDate } from '../platform/dates.ts';
import type { NewOnsiteHours } from './onsite-hours.ts';

/** The on-site hours forms, validated at the boundary with Dutch (B1) messages. */
export const slotLengths = [15, 20, 30, 45, 60] as const;

const TIME = /^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$/;

/** A wall-clock time such as 9:00, 09.00 or 14:30, as "HH:MM" (also the MDO and event forms). */
export const time = (t: Translate) =>
  z
    .string({ error: t({ nl: 'Vul een tijd in, zoals 09:00.', en: 'Enter a time, such as 09:00.' }) })
    .trim()
    .transform((v, ctx) => {
      const match = TIME.exec(v);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: t({ nl: 'Vul een tijd in, zoals 09:00.', en: 'Enter a time, such as 09:00.' }) });
        return z.NEVER;
      }
      return `${match[1]!.padStart(2, '0')}:${match[2]}`;
    });

const date = (t: Translate) =>
  z
    .string({ error: t({ nl: 'Vul een datum in, zoals 27-11-2026.', en: 'Enter a date, such as 27-11-2026.' }) })
    .trim()
    .transform((v, ctx) => {
      const iso = parseDate(v);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: t({ nl: 'Vul een datum in, zoals 27-11-2026.', en: 'Enter a date, such as 27-11-2026.' }) });
        return z.NEVER;
      }
      return iso;
    });

export const onsiteHoursSchema = (t: Translate) =>
  z
    .object({
      practice_id: z.uuid(t({ nl: 'Kies een praktijk uit de lijst.', en: 'Choose a practice from the list.' })),
      host_user_id: z.uuid(t({ nl: 'Kies wie het spreekuur houdt.', en: 'Choose who holds the on-site hours.' })),
      weekday: z.enum(['1', '2', '3', '4', '5'], { error: t({ nl: 'Kies een werkdag.', en: 'Choose a working day.' }) }).transform(Number),
      starts_at: time(t),
      ends_at: time(t),
      slot_minutes: z
        .enum(slotLengths.map(String) as [string, ...string[]], {
          error: t({ nl: 'Kies hoe lang een afspraak duurt.', en: 'Choose how long an appointment takes.' }),
        })
        .transform(Number),
      room: optionalText(120).check(withoutBsn(t)),
      starts_on: date(t),
    })
    .superRefine((v, ctx) => {
      if (v.starts_at >= v.ends_at)
        ctx.addIssue({ code: 'custom', path: ['ends_at'], message: t({ nl: 'Het spreekuur eindigt na het begin.', en: 'The hours end after they start.' }) });
    })
    .transform((v): NewOnsiteHours => ({
      practiceId: v.practice_id,
      hostUserId: v.host_user_id,
      weekday: v.weekday,
      startsAt: v.starts_at,
      endsAt: v.ends_at,
      slotMinutes: v.slot_minutes,
      room: v.room,
      startsOn: v.starts_on,
    }));

export const exceptionSchema = (t: Translate) =>
  z.object({
    on_date: date(t),
    reason: z.enum(['holiday', 'cancelled'], { error: t({ nl: 'Kies vakantie of afgezegd.', en: 'Choose holiday or cancelled.' }) }),
    note: optionalText(200).check(withoutBsn(t)),
  });

/** A slot as the booking form posts it: the hours' id and the start instant. */
export const bookingSchema = (t: Translate) =>
  z.object({
    slot: z
      .string({ error: t({ nl: 'Kies een tijdstip.', en: 'Choose a time.' }) })
      .regex(/^[0-9a-f-]{36}\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, t({ nl: 'Kies een tijdstip.', en: 'Choose a time.' }))
      .transform((v) => {
        const [hoursId, start] = v.split('|') as [string, string];
        return { hoursId, start };
      }),
  });
