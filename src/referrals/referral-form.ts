import { z } from 'zod';
import { FORM_KEY_PATTERN, optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';
import type { Translate } from '../platform/i18n.ts';
import { categories, type Category } from '../needs/categories.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { consentMethods, type ConsentMethod } from './consent.ts';
import { amsterdamToday, parseDate } from '../platform/dates.ts';
import { contactChannels, handovers } from './labels.ts';
import { urgencyTriggers, type UrgencyTrigger } from './urgency.ts';
import { parseStrain } from './reasons.ts';

/**
 * The referral form at the boundary (zod). Only the minimum of docs/product.md "consent and
 * minimisation" has a field here: name, birth date, contact channel and best time, postcode +
 * house number, the question in the patient's own words, urgency. There is no BSN field, any
 * field the schema does not name (such as a posted `bsn`) is dropped by zod before anything else
 * sees the data, and every free-text field refuses a BSN typed into it (platform/bsn.ts).
 * Checkboxes post one field per option (`need_<code>`, `urgency_<code>`), so the form works
 * without JavaScript and the values stay flat strings.
 */
export const needField = (c: Category) => `need_${c}`;
export const urgencyField = (u: UrgencyTrigger) => `urgency_${u}`;

const PHONE = /^[0-9+()\-.\s]{6,20}$/;

/** The patient's phone number and e-mail address (optional each); also for corrections (privacy-requests/contact-data-form.ts). */
export const phoneField = (t: Translate) =>
  optionalText(30).refine(
    (v) => v === null || PHONE.test(v),
    t({ nl: 'Vul een telefoonnummer in met alleen cijfers, spaties of +.', en: 'Enter a phone number with digits, spaces or + only.' }),
  );

export const emailField = (t: Translate) =>
  optionalText(254).refine(
    (v) => v === null || z.email().safeParse(v).success,
    t({ nl: 'Vul een geldig e-mailadres in.', en: 'Enter a valid e-mail address.' }),
  );
const HOUSE_NUMBER = /^[1-9][0-9]{0,4}(\s*[-\s]?\s*[A-Za-z0-9]{1,4})?$/;

/** The patient's postcode, as "7552 AB": it decides the team (docs/product.md loop step 4). */
const postcodeField = (t: Translate) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      const postcode = parsePostcode(v);
      if (!postcode) {
        ctx.addIssue({
          code: 'custom',
          message: t({ nl: 'Vul de postcode van de patiënt in, zoals 7552 AB.', en: "Enter the patient's postcode, such as 7552 AB." }),
        });
        return z.NEVER;
      }
      return postcode.display;
    });

const houseNumberField = (t: Translate) =>
  z
    .string()
    .trim()
    .regex(HOUSE_NUMBER, t({ nl: 'Vul het huisnummer in, zoals 12 of 12a.', en: 'Enter the house number, such as 12 or 12a.' }));

/** The strain question's answer (reasons.ts): optional, one of the scale's values when given. */
export const strainAnswer = (t: Translate) =>
  z
    .unknown()
    .optional()
    .transform((raw, ctx) => {
      const parsed = parseStrain(raw);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({
        code: 'custom',
        message: t({ nl: 'Kies een van de antwoorden, of laat de vraag leeg.', en: 'Choose one of the answers, or leave the question empty.' }),
      });
      return z.NEVER;
    });

/** Absent required fields count as empty, so they get the Dutch message of their rule. */
const REQUIRED_TEXT = ['idempotency_key', 'patient_name', 'birth_date', 'postcode', 'house_number', 'question'] as const;

/** Gathers the per-option checkbox fields into arrays before validation. */
function collectChoices(raw: unknown): unknown {
  const values = (raw ?? {}) as Record<string, unknown>;
  const required = Object.fromEntries(REQUIRED_TEXT.map((k) => [k, typeof values[k] === 'string' ? values[k] : '']));
  return {
    ...values,
    ...required,
    needs: categories.filter((c) => Boolean(values[needField(c)])),
    urgency_triggers: urgencyTriggers.filter((u) => Boolean(values[urgencyField(u)])),
  };
}

export const referralDetailsSchema = (t: Translate, today = amsterdamToday()) =>
  z.preprocess(
    collectChoices,
    z
      .object({
        idempotency_key: z
          .string()
          .regex(FORM_KEY_PATTERN, t({ nl: 'Het formulier is niet compleet. Laad de pagina opnieuw.', en: 'The form is incomplete. Reload the page.' })),
        patient_name: z
          .string()
          .trim()
          .min(2, t({ nl: 'Vul de naam van de patiënt in.', en: "Enter the patient's name." }))
          .max(200)
          .check(withoutBsn(t)),
        birth_date: z
          .string()
          .trim()
          .transform((v, ctx) => {
            const iso = parseDate(v);
            if (!iso || iso < '1900-01-01' || iso > today) {
              ctx.addIssue({
                code: 'custom',
                message: t({ nl: 'Vul een geldige geboortedatum in, zoals 27-04-1980.', en: 'Enter a valid date of birth, such as 27-04-1980.' }),
              });
              return z.NEVER;
            }
            return iso;
          }),
        phone: phoneField(t),
        email: emailField(t),
        postcode: postcodeField(t),
        house_number: houseNumberField(t),
        preferred_language: optionalText(40).check(withoutBsn(t)),
        best_time_to_call: optionalText(100).check(withoutBsn(t)),
        needs: z.array(z.enum(categories)).min(1, t({ nl: 'Kies minstens één soort hulp.', en: 'Choose at least one kind of help.' })),
        question: z
          .string()
          .trim()
          .min(
            3,
            t({ nl: 'Schrijf kort op wat er speelt, in de woorden van de patiënt.', en: "Briefly write down what is going on, in the patient's own words." }),
          )
          .max(600, t({ nl: 'Houd het kort: hooguit 600 tekens.', en: 'Keep it short: 600 characters at most.' }))
          .check(withoutBsn(t)),
        urgency_triggers: z.array(z.enum(urgencyTriggers)),
        handover: z.enum(handovers, { error: t({ nl: 'Kies de vorm van de overdracht.', en: 'Choose the form of hand-over.' }) }),
        contact_channel: z.enum(contactChannels, {
          error: t({ nl: 'Kies hoe de patiënt benaderd wil worden.', en: 'Choose how the patient wants to be contacted.' }),
        }),
        strain: strainAnswer(t),
      })
      .superRefine((v, issue) => checkReachable(v, issue, t)),
  );

/**
 * The patient can be reached: a phone number or an e-mail address, and the one the chosen channel
 * needs. Also for corrections of the contact data (privacy-requests/contact-data-form.ts).
 */
export function checkReachable(v: { phone: string | null; email: string | null; contact_channel: string }, issue: z.RefinementCtx, t: Translate): void {
  if (!v.phone && !v.email) {
    issue.addIssue({
      code: 'custom',
      path: ['phone'],
      message: t({ nl: 'Vul een telefoonnummer of e-mailadres van de patiënt in.', en: "Enter the patient's phone number or e-mail address." }),
    });
  } else if (v.contact_channel === 'phone' && !v.phone) {
    issue.addIssue({
      code: 'custom',
      path: ['phone'],
      message: t({ nl: 'De patiënt wil gebeld worden: vul een telefoonnummer in.', en: 'The patient wants a phone call: enter a phone number.' }),
    });
  } else if (v.contact_channel === 'email' && !v.email) {
    issue.addIssue({
      code: 'custom',
      path: ['email'],
      message: t({ nl: 'De patiënt wil een e-mail: vul een e-mailadres in.', en: 'The patient wants an e-mail: enter an e-mail address.' }),
    });
  }
}

export type ReferralDetails = z.infer<ReturnType<typeof referralDetailsSchema>>;

/**
 * What the one-page form sends to see its route before sending (the team, its contact and the
 * consent text): the address and the needs ticked so far, with the same rules as the referral.
 */
export const routePreviewSchema = (t: Translate) =>
  z.preprocess(
    (raw) => {
      const values = (raw ?? {}) as Record<string, unknown>;
      const text = (key: string) => (typeof values[key] === 'string' ? values[key] : '');
      return { postcode: text('postcode'), house_number: text('house_number'), needs: categories.filter((c) => Boolean(values[needField(c)])) };
    },
    z.object({
      postcode: postcodeField(t),
      house_number: houseNumberField(t),
      needs: z.array(z.enum(categories)),
    }),
  );

/**
 * The consent part, read only on "Versturen". A missing tick is not a form error but the refusal
 * of sendReferral (consent.ts), which offers the printable alternative instead.
 */
export const consentFormSchema = (t: Translate) =>
  z
    .object({
      team_id: z.uuid(t({ nl: 'Controleer eerst naar welk team de verwijzing gaat.', en: 'First check which team the referral goes to.' })),
      consent_given: z
        .string()
        .optional()
        .transform((v) => v === 'ja'),
      consent_method: z
        .string()
        .optional()
        .transform((v) => ((consentMethods as readonly string[]).includes(v ?? '') ? (v as ConsentMethod) : null)),
      feedback_allowed: z.enum(['ja', 'nee']).optional(),
    })
    .superRefine((v, issue) => {
      if (v.consent_given && !v.consent_method) {
        issue.addIssue({
          code: 'custom',
          path: ['consent_method'],
          message: t({
            nl: 'Kies hoe de patiënt toestemming gaf: mondeling of schriftelijk.',
            en: 'Choose how the patient consented: verbally or in writing.',
          }),
        });
      }
      if (v.consent_given && !v.feedback_allowed) {
        issue.addIssue({
          code: 'custom',
          path: ['feedback_allowed'],
          message: t({ nl: 'Kies of het team de praktijk mag laten weten hoe het ging.', en: 'Choose whether the team may tell the practice how it went.' }),
        });
      }
    })
    .transform((v) => ({
      recipientTeamId: v.team_id,
      consent: { given: v.consent_given, method: v.consent_method, feedbackAllowed: v.feedback_allowed === 'ja' },
    }));

export type ConsentForm = z.infer<ReturnType<typeof consentFormSchema>>;
