import { z } from 'zod';
import { optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';
import type { Translate } from '../platform/i18n.ts';
import { consentMethods } from './consent.ts';
import { addDaysIso, amsterdamToday, parseDate } from '../platform/dates.ts';
import { strainAnswer } from './referral-form.ts';
import { outcomes } from './state-machine.ts';
import { closeReason, reasonCodes } from './reasons.ts';

/**
 * The small forms of the team's actions on a referral, validated at the boundary. Free texts are
 * short on purpose: working notes, not a file (no medical or financial detail belongs here), and
 * never hold a BSN (platform/bsn.ts).
 */
const reason = (t: Translate) =>
  z
    .string({ error: t({ nl: 'Vul een reden in.', en: 'Enter a reason.' }) })
    .trim()
    .min(3, t({ nl: 'Vul een reden in.', en: 'Enter a reason.' }))
    .max(500, t({ nl: 'Houd het kort: hooguit 500 tekens.', en: 'Keep it short: 500 characters at most.' }))
    .check(withoutBsn(t));

/**
 * A date written as 27-11-2026 or 2026-11-27: by default a day that has happened (today or earlier,
 * Amsterdam); with `plannedUpTo` also a day up to that many days ahead (an appointment).
 */
const recordedDate = (t: Translate, plannedUpTo = 0) =>
  z
    .string({ error: t({ nl: 'Vul een datum in, zoals 27-11-2026.', en: 'Enter a date, such as 27-11-2026.' }) })
    .trim()
    .transform((v, ctx) => {
      const iso = parseDate(v);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: t({ nl: 'Vul een datum in, zoals 27-11-2026.', en: 'Enter a date, such as 27-11-2026.' }) });
        return z.NEVER;
      }
      const today = amsterdamToday();
      if (plannedUpTo === 0 && iso > today) {
        ctx.addIssue({ code: 'custom', message: t({ nl: 'De datum kan niet in de toekomst liggen.', en: 'The date cannot be in the future.' }) });
        return z.NEVER;
      }
      if (iso > addDaysIso(today, plannedUpTo)) {
        ctx.addIssue({
          code: 'custom',
          message: t({
            nl: 'Een afspraak kan hooguit drie maanden vooruit. Kijk of de datum klopt.',
            en: 'An appointment can be at most three months ahead. Check the date.',
          }),
        });
        return z.NEVER;
      }
      return iso;
    });

/**
 * How far ahead a first conversation can be planned. The legal term is 4 weeks at most (Wgs art. 4);
 * a later appointment is allowed (and shows as late), a date years ahead is a typing error.
 */
export const PLAN_CONVERSATION_DAYS = 92;

export const acceptSchema = (t: Translate) =>
  z.object({ assignee: z.uuid(t({ nl: 'Kies wie de verwijzing oppakt.', en: 'Choose who takes the referral on.' })) });

export const contactAttemptSchema = (t: Translate) => z.object({ attempt_note: optionalText(300).check(withoutBsn(t)) });

export const firstContactSchema = (t: Translate) => z.object({ first_contact_on: recordedDate(t) });

/** The day the first conversation was held, or — a day still to come — the appointment for it. */
export const firstConversationSchema = (t: Translate) => z.object({ first_conversation_on: recordedDate(t, PLAN_CONVERSATION_DAYS) });

export const alreadyKnownSchema = (t: Translate) =>
  z.object({ already_known: z.enum(['ja', 'nee'], { error: t({ nl: 'Kies ja of nee.', en: 'Choose yes or no.' }) }).transform((v) => v === 'ja') });

/** The team picked for a forward, before its consent text is shown ("Tekst voor dit team tonen"). */
export const forwardChoiceSchema = (t: Translate) => z.object({ to_team_id: forwardTeam(t) });

const forwardTeam = (t: Translate) => z.uuid(t({ nl: 'Kies het team waar de verwijzing heen moet.', en: 'Choose the team the referral should go to.' }));

export const forwardSchema = (t: Translate) =>
  z
    .object({
      to_team_id: forwardTeam(t),
      forward_reason: reason(t),
      forward_consent: z.literal('ja', {
        error: t({
          nl: 'Stuur alleen door als de inwoner ermee instemt. Vink aan dat de inwoner toestemming gaf.',
          en: 'Only forward when the resident agrees. Tick that the resident gave consent.',
        }),
      }),
      forward_consent_method: z.enum(consentMethods, {
        error: t({ nl: 'Kies hoe de inwoner toestemming gaf: mondeling of schriftelijk.', en: 'Choose how the resident consented: verbally or in writing.' }),
      }),
      /** The team whose consent text the page showed; consent counts only for that team. */
      consent_team_id: z.string().optional(),
    })
    .superRefine((v, issue) => {
      if (v.consent_team_id !== v.to_team_id)
        issue.addIssue({
          code: 'custom',
          path: ['forward_consent'],
          message: t({
            nl: 'De toestemming moet voor het gekozen team zijn. Klik op "Tekst voor dit team tonen" en lees die tekst voor.',
            en: 'The consent must be for the chosen team. Click "Show the text for this team" and read that text out.',
          }),
        });
    });

/** A reason code from the fixed list (reasons.ts); the figures count them. */
const reasonCode = (t: Translate, message: { nl: string; en: string }) => z.enum(reasonCodes, { error: t(message) });

/** Declining needs a reason from the list; a short explanation beside it is optional. */
export const rejectSchema = (t: Translate) =>
  z.object({
    reject_code: reasonCode(t, { nl: 'Kies waarom u de verwijzing afwijst.', en: 'Choose why you decline the referral.' }),
    reject_reason: optionalText(500).check(withoutBsn(t)),
  });

export const closeSchema = (t: Translate) =>
  z
    .object({
      outcome: z.enum(outcomes, { error: t({ nl: 'Kies de uitkomst.', en: 'Choose the outcome.' }) }),
      close_code: z.preprocess(
        (v) => (v === '' ? undefined : v),
        reasonCode(t, { nl: 'Kies een van de redenen.', en: 'Choose one of the reasons.' }).optional(),
      ),
      feedback: optionalText(500).check(withoutBsn(t)),
      strain: strainAnswer(t),
    })
    .transform((v, ctx) => {
      const reason = closeReason(v.outcome, v.close_code ?? null);
      if (!reason.ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['close_code'],
          message: t({
            nl: 'U stuurt de inwoner door naar andere hulp. Kies waarom.',
            en: 'You refer the resident to other help. Choose why.',
          }),
        });
        return z.NEVER;
      }
      return { outcome: v.outcome, closeReason: reason.reason, feedback: v.feedback, strainAtClose: v.strain };
    });

export const cancelSchema = (t: Translate) => z.object({ cancel_reason: optionalText(300).check(withoutBsn(t)) });
