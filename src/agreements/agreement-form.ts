import { z } from 'zod';
import { optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';
import { fill, type Translate } from '../platform/i18n.ts';
import { agreementLimits } from '../referrals/due-dates.ts';
import { handovers } from '../referrals/labels.ts';
import type { AgreementContent } from './agreement-rules.ts';

/**
 * The agreement forms, validated at the boundary with Dutch (B1) messages. The terms use the same
 * limits as the database and the due-date rule (referrals/due-dates.ts agreementLimits): the first
 * contact 1–10 working days; the legal terms of the Wgs (art. 4) only shorter, never longer.
 */
export const handoverField = (handover: string) => `handover_${handover}`;

const PHONE = /^[0-9+()\-.\s]{6,20}$/;

const number = (t: Translate, key: keyof typeof agreementLimits, required: boolean) => {
  const { min, max } = agreementLimits[key];
  const message = fill(t({ nl: 'Vul een heel getal in van {min} tot en met {max}.', en: 'Enter a whole number from {min} to {max}.' }), { min, max });
  return z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (required) ctx.addIssue({ code: 'custom', message });
        return null;
      }
      const n = Number(v);
      if (!/^\d{1,2}$/.test(v) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    });
};

const note = (t: Translate, max: number) => optionalText(max).check(withoutBsn(t));
const requiredNote = (t: Translate, max: number, missing: { nl: string; en: string }) =>
  z
    .string({ error: t(missing) })
    .trim()
    .min(1, t(missing))
    .max(max, fill(t({ nl: 'Houd het kort: hooguit {max} tekens.', en: 'Keep it short: {max} characters at most.' }), { max }))
    .check(withoutBsn(t));

const phone = (t: Translate) =>
  optionalText(20).refine(
    (v) => v === null || PHONE.test(v),
    t({ nl: 'Vul een telefoonnummer in, zoals 053 123 4567.', en: 'Enter a phone number, such as 053 123 4567.' }),
  );

/** Gathers the hand-over checkboxes into a list before validation. */
function collectHandovers(raw: unknown): unknown {
  const values = (raw ?? {}) as Record<string, unknown>;
  return { ...values, handover_forms: handovers.filter((h) => Boolean(values[handoverField(h)])) };
}

/** What the team coordinator or regional coordinator writes down; the practice's contact may be left to the practice. */
export const agreementDraftSchema = (t: Translate) =>
  z.preprocess(
    collectHandovers,
    z
      .object({
        first_contact_working_days: number(t, 'firstContactWorkingDays', true),
        first_conversation_days: number(t, 'firstConversationDays', false),
        urgent_first_conversation_working_days: number(t, 'urgentFirstConversationWorkingDays', false),
        team_contact_id: z.uuid(t({ nl: 'Kies de vaste contactpersoon van het team.', en: "Choose the team's fixed contact." })),
        team_contact_hours: requiredNote(t, 120, { nl: 'Schrijf op wanneer de praktijk kan bellen.', en: 'Write down when the practice can call.' }),
        practice_contact_name: note(t, 120),
        practice_contact_role: note(t, 120),
        practice_contact_phone: phone(t),
        practice_contact_hours: note(t, 120),
        handover_forms: z.array(z.enum(handovers)).min(1, t({ nl: 'Kies minstens één vorm van overdracht.', en: 'Choose at least one form of hand-over.' })),
        consent_recording: requiredNote(t, 500, { nl: 'Schrijf op hoe de praktijk toestemming vastlegt.', en: 'Write down how the practice records consent.' }),
        feedback_arrangement: requiredNote(t, 500, {
          nl: 'Schrijf op hoe en wanneer de praktijk terugkoppeling krijgt.',
          en: 'Write down how and when the practice gets feedback.',
        }),
      })
      .transform((v): AgreementContent => ({
        firstContactWorkingDays: v.first_contact_working_days!,
        firstConversationDays: v.first_conversation_days,
        urgentFirstConversationWorkingDays: v.urgent_first_conversation_working_days,
        teamContactId: v.team_contact_id,
        teamContactHours: v.team_contact_hours,
        practiceContactName: v.practice_contact_name,
        practiceContactRole: v.practice_contact_role,
        practiceContactPhone: v.practice_contact_phone,
        practiceContactHours: v.practice_contact_hours,
        handoverForms: v.handover_forms,
        consentRecording: v.consent_recording,
        feedbackArrangement: v.feedback_arrangement,
      })),
  );

/** The practice manager confirms and names the practice's own fixed contact (the practice manager or POH, say). */
export const confirmSchema = (t: Translate) =>
  z.object({
    practice_contact_name: requiredNote(t, 120, {
      nl: 'Vul de naam van de vaste contactpersoon van de praktijk in.',
      en: "Enter the name of the practice's fixed contact.",
    }),
    practice_contact_role: note(t, 120),
    practice_contact_phone: phone(t).refine(
      (v) => v !== null,
      t({ nl: 'Vul een telefoonnummer in, zoals 053 123 4567.', en: 'Enter a phone number, such as 053 123 4567.' }),
    ),
    practice_contact_hours: note(t, 120),
  });

export type ConfirmInput = z.infer<ReturnType<typeof confirmSchema>>;
