import { z } from 'zod';
import { optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';
import type { Translate } from '../platform/i18n.ts';
import { parseDate } from '../platform/dates.ts';
import { time } from '../onsite/onsite-form.ts';
import { consentMethods } from './mdo-rules.ts';

/**
 * The MDO forms, validated at the boundary. Participants are one checkbox per person
 * (`participant_<user id>`), actions a fixed number of numbered rows, so the forms work without
 * JavaScript. Free text is about the agreed approach, not a new record of the patient: no BSN
 * (platform/bsn.ts), and the pages say to add no patient data beyond the referral's.
 */
export const ACTION_ROWS = 3;
export const participantField = (userId: string) => `participant_${userId}`;
export const conclusionField = (caseId: string) => `conclusion_${caseId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const dateMessage = (t: Translate) => t({ nl: 'Vul een datum in, zoals 27-11-2026.', en: 'Enter a date, such as 27-11-2026.' });

const date = (t: Translate, rule: { notBefore?: string; notAfter?: string; tooLate?: string; tooEarly?: string } = {}) =>
  z
    .string({ error: dateMessage(t) })
    .trim()
    .transform((v, ctx) => {
      const iso = parseDate(v);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: dateMessage(t) });
        return z.NEVER;
      }
      if (rule.notBefore && iso < rule.notBefore) {
        ctx.addIssue({ code: 'custom', message: rule.tooEarly ?? t({ nl: 'Kies vandaag of een dag later.', en: 'Choose today or a later day.' }) });
        return z.NEVER;
      }
      if (rule.notAfter && iso > rule.notAfter) {
        ctx.addIssue({ code: 'custom', message: rule.tooLate ?? t({ nl: 'Kies vandaag of een eerdere dag.', en: 'Choose today or an earlier day.' }) });
        return z.NEVER;
      }
      return iso;
    });

const freeText = (t: Translate, max: number) => optionalText(max).check(withoutBsn(t));

export const planMdoSchema = (t: Translate, today: string) =>
  z.preprocess(
    (raw) => {
      const values = (raw ?? {}) as Record<string, unknown>;
      const participants = Object.keys(values)
        .filter((k) => k.startsWith('participant_') && values[k])
        .map((k) => k.slice('participant_'.length))
        .filter((id) => UUID.test(id));
      return { ...values, participants };
    },
    z
      .object({
        starts_on: date(t, { notBefore: today }),
        starts_time: time(t),
        place: freeText(t, 200),
        video_link: optionalText(500).refine(
          (v) => v === null || /^https:\/\/[^\s]+$/.test(v),
          t({ nl: 'Een videolink begint met https://.', en: 'A video link starts with https://.' }),
        ),
        participants: z.array(z.string()).min(
          2,
          t({
            nl: 'Kies wie er meedoen: minstens iemand van de praktijk en iemand van een team.',
            en: 'Choose who takes part: at least someone of the practice and someone of a team.',
          }),
        ),
      })
      .superRefine((v, ctx) => {
        if (!v.place && !v.video_link)
          ctx.addIssue({
            code: 'custom',
            path: ['place'],
            message: t({ nl: 'Vul een plaats of een videolink in.', en: 'Enter a place or a video link.' }),
          });
      }),
  );

export const addCaseSchema = (t: Translate, today: string) =>
  z.object({
    mdo_id: z
      .string({ error: t({ nl: 'Kies een MDO uit de lijst.', en: 'Choose an MDO from the list.' }) })
      .regex(UUID, t({ nl: 'Kies een MDO uit de lijst.', en: 'Choose an MDO from the list.' })),
    consent_method: z.enum(consentMethods, { error: t({ nl: 'Kies hoe de patiënt toestemming gaf.', en: 'Choose how the patient gave consent.' }) }),
    consent_given_on: date(t, {
      notAfter: today,
      tooLate: t({ nl: 'Toestemming die al gegeven is, ligt niet in de toekomst.', en: 'Consent already given is not in the future.' }),
    }),
    consent_confirmed: z.literal('ja', {
      error: t({
        nl: 'Bespreken in een MDO mag alleen met toestemming van de patiënt. Vink aan dat die er is.',
        en: 'Discussing in an MDO needs the patient’s consent. Tick that it has been given.',
      }),
    }),
  });

export interface ActionInput {
  caseId: string;
  description: string;
  ownerId: string;
  dueOn: string;
}

export const recordMdoSchema = (t: Translate) =>
  z.preprocess(
    (raw) => {
      const values = (raw ?? {}) as Record<string, unknown>;
      const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string).trim() : '');
      const actions: Array<Record<string, string>> = [];
      for (let i = 1; i <= ACTION_ROWS; i++) {
        if (text(`action_text_${i}`) || text(`action_owner_${i}`) || text(`action_due_${i}`))
          actions.push({
            caseId: text(`action_case_${i}`),
            description: text(`action_text_${i}`),
            ownerId: text(`action_owner_${i}`),
            due: text(`action_due_${i}`),
          });
      }
      const conclusions: Record<string, string> = {};
      for (const key of Object.keys(values)) if (key.startsWith('conclusion_') && UUID.test(key.slice(11)) && text(key)) conclusions[key.slice(11)] = text(key);
      return { ...values, actions, conclusions };
    },
    z.object({
      minutes: freeText(t, 4000),
      conclusions: z.record(z.string(), z.string().max(1000).check(withoutBsn(t))),
      actions: z.array(
        z
          .object({
            caseId: z.string().regex(UUID, t({ nl: 'Kies bij elke actie de casus.', en: 'Choose the case of every action.' })),
            description: z
              .string()
              .min(1, t({ nl: 'Beschrijf elke actie.', en: 'Describe every action.' }))
              .max(300)
              .check(withoutBsn(t)),
            ownerId: z.string().regex(UUID, t({ nl: 'Kies bij elke actie wie hem oppakt.', en: 'Choose who takes up every action.' })),
            due: date(t),
          })
          .transform((a): ActionInput => ({ caseId: a.caseId, description: a.description, ownerId: a.ownerId, dueOn: a.due })),
      ),
    }),
  );

export type PlanMdoInput = z.infer<ReturnType<typeof planMdoSchema>>;
export type AddCaseInput = z.infer<ReturnType<typeof addCaseSchema>>;
export type RecordMdoInput = z.infer<ReturnType<typeof recordMdoSchema>>;
