import type { ReferralTable } from '../platform/db/schema.ts';
import { fill, type Lang, type Text } from '../platform/i18n.ts';

/**
 * Consent for sharing (AVG art. 6/7/9, WGBO art. 7:457 BW): explicit, per recipient and purpose,
 * provable afterwards, revocable. Korte Lijn records who recorded it, how, which data, to which
 * team, for what purpose, when, and the version of the consent text read to the patient. Pure rules.
 *
 * AVG art. 7 and 13 ask that the person knows what they agree to: the text names the receiving
 * team and its organisation, every kind of data that is sent, the purpose, how long it is kept and
 * how to withdraw. The data list is built from `dataItems`, and `referralColumnData` ties every
 * column a referral stores to one of them: a new column without a consent item fails the typecheck
 * and consent.test.ts. A change of wording gets a new version, so the record shows what was read.
 */
export const CONSENT_TEXT_VERSION = '2026-11-v3';

/** Every kind of data about the person that a referral carries to a team. */
export const dataItems = [
  'name',
  'birth_date',
  'phone',
  'email',
  'address',
  'preferred_language',
  'best_time_to_call',
  'question',
  'needs',
  'urgency',
  'contact_way',
  'strain',
] as const;
export type DataItem = (typeof dataItems)[number];

/**
 * What each stored referral column is, as far as consent goes: the data item the consent names, or
 * null for what is not data about the person sent to the team (ids, status, terms, the team's own
 * notes and outcome). Derived data counts as its source: the municipality, district and the route
 * explanation come from the address.
 */
export const referralColumnData: { [K in keyof ReferralTable]-?: DataItem | null } = {
  id: null,
  reference: null,
  source: null,
  practice_id: null,
  created_by: null,
  idempotency_key: null,
  team_id: null,
  assigned_to: null,
  status: null,
  patient_name: 'name',
  patient_birth_date: 'birth_date',
  patient_phone: 'phone',
  patient_email: 'email',
  patient_postcode: 'address',
  patient_house_number: 'address',
  preferred_language: 'preferred_language',
  best_time_to_call: 'best_time_to_call',
  question: 'question',
  needs: 'needs',
  urgency_triggers: 'urgency',
  handover: 'contact_way',
  contact_channel: 'contact_way',
  municipality_code: 'address',
  district_code: 'address',
  route_explanation: 'address',
  requested_on: null,
  first_contact_due: null,
  first_conversation_due: null,
  first_contact_on: null,
  first_conversation_on: null,
  contact_attempts: null,
  already_known: null,
  outcome: null,
  // Written by the team for the practice, within the feedback the patient allowed: not sent to a team.
  feedback: null,
  closed_at: null,
  contact_escalated_at: null,
  conversation_escalated_at: null,
  consent_withdrawn_at: null,
  personal_data_erased_at: null,
  created_at: null,
  updated_at: null,
  // When and where the first conversation is planned (a slot of the on-site hours): an appointment, not data about the person.
  first_conversation_planned_at: null,
  first_conversation_place: null,
  // Why the team rejected or closed, and the strain it asked at closing: the team's own record.
  reject_reason: null,
  close_reason: null,
  strain_at_close: null,
  // The practice's optional strain answer travels with the referral, so the consent names it.
  strain_at_referral: 'strain',
};

/** How the consent read aloud names each data item ("u" form: the patient hears it). */
export const dataItemLabels: Record<DataItem, Text> = {
  name: { nl: 'uw naam', en: 'your name' },
  birth_date: { nl: 'uw geboortedatum', en: 'your date of birth' },
  phone: { nl: 'uw telefoonnummer', en: 'your phone number' },
  email: { nl: 'uw e-mailadres', en: 'your e-mail address' },
  address: { nl: 'uw postcode en huisnummer', en: 'your postcode and house number' },
  preferred_language: { nl: 'de taal die u het liefst spreekt', en: 'the language you prefer' },
  best_time_to_call: { nl: 'wanneer het team u het beste kan bellen', en: 'when the team can best call you' },
  question: { nl: 'uw vraag, in uw eigen woorden', en: 'your question, in your own words' },
  needs: { nl: 'waar u hulp bij wilt, zoals schulden of brieven', en: 'what you want help with, such as debts or letters' },
  urgency: {
    nl: 'of er iets dreigt, zoals een huisuitzetting of afsluiting van gas of stroom',
    en: 'whether something is about to happen, such as an eviction or a cut-off of gas or electricity',
  },
  contact_way: { nl: 'hoe het team contact met u opneemt', en: 'how the team gets in touch with you' },
  strain: { nl: 'hoe moeilijk het voor u is om rond te komen, als u dat vertelt', en: 'how hard it is for you to make ends meet, if you tell us' },
};

/** The data a practice referral shares — the minimum (docs/product.md: consent and minimisation). Never diagnoses or medication. */
export const sharedDataScope: readonly DataItem[] = dataItems;

export const consentPurpose = 'contact about help with money matters (schuldhulp / geldzorgen)';

/** Who receives the data: the team and the organisation it belongs to. */
export interface ConsentRecipient {
  team: string;
  organisation: string;
}

/** A consent text as it is shown: an opening, the list of data, and the rest (purpose, keeping, withdrawing). */
export interface ConsentWording {
  lead: string;
  items: string[];
  closing: string[];
}

/** "12 maanden" / "1 maand". */
export function monthsText(lang: Lang, months: number): string {
  const one = months === 1;
  return lang === 'nl' ? `${months} ${one ? 'maand' : 'maanden'}` : `${months} ${one ? 'month' : 'months'}`;
}

const keptAndWithdrawn = (lang: Lang, retentionMonths: number, who: Text): string[] => [
  fill(
    {
      nl: 'Het team bewaart uw gegevens tot {months} nadat uw vraag is afgesloten. Daarna worden ze gewist.',
      en: 'The team keeps your details until {months} after your request is closed. Then they are erased.',
    }[lang],
    { months: monthsText(lang, retentionMonths) },
  ),
  who[lang],
];

/** The consent the practice reads out (or lets the patient read) before sending a referral. */
export function referralConsentWording(lang: Lang, to: ConsentRecipient, retentionMonths: number): ConsentWording {
  return {
    lead: fill(
      {
        nl: 'Mag ik uw gegevens doorgeven aan {team} van {organisation}? Dat team neemt dan contact met u op over hulp bij geldzaken. Ik geef deze gegevens door:',
        en: 'May I pass your details on to {team} of {organisation}? That team will then contact you about help with money matters. I pass on these details:',
      }[lang],
      { ...to },
    ),
    items: sharedDataScope.map((item) => dataItemLabels[item][lang]),
    closing: [
      { nl: 'Medische gegevens geef ik niet door.', en: 'I do not pass on any medical information.' }[lang],
      ...keptAndWithdrawn(lang, retentionMonths, {
        nl: 'Wilt u dit later niet meer? Zeg het dan tegen de praktijk of tegen het team. Het team stopt dan, en uw gegevens worden gewist.',
        en: 'If you no longer want this later, tell the practice or the team. The team then stops, and your details are erased.',
      }),
      { nl: 'Geeft u toestemming?', en: 'Do you agree?' }[lang],
    ],
  };
}

export const consentMethods = ['verbal', 'written'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

export interface ConsentInput {
  given: boolean;
  method: ConsentMethod | null;
  recipientTeamId: string | null;
  routedTeamId: string | null;
}

export type ConsentProblem = 'missing' | 'no-method' | 'wrong-recipient';

/** A referral may only be sent with consent for exactly the team that routing chose. */
export function consentProblem(input: ConsentInput): ConsentProblem | null {
  if (!input.given) return 'missing';
  if (!input.method) return 'no-method';
  if (!input.recipientTeamId || input.recipientTeamId !== input.routedTeamId) return 'wrong-recipient';
  return null;
}

/** Feedback to the practice only within what the patient allowed. */
export function mayShareFeedback(feedbackAllowed: boolean, withdrawn: boolean): boolean {
  return feedbackAllowed && !withdrawn;
}

/**
 * Consent names one team, so a forward needs the patient's consent for the next team, recorded by
 * the team that forwards (usually asked on the phone). The patient's earlier choice about feedback
 * to the practice carries over: that choice was about the practice, not about the team.
 */
export const FORWARD_CONSENT_TEXT_VERSION = '2026-11-forward-v3';

/** The consent the forwarding team asks (usually on the phone) for the team it forwards to. */
export function forwardConsentWording(lang: Lang, to: ConsentRecipient, retentionMonths: number): ConsentWording {
  return {
    lead: fill(
      {
        nl: 'Mogen wij uw gegevens doorgeven aan {team} van {organisation}? Dat team kan u beter helpen. Het neemt dan contact met u op over hulp bij geldzaken. Wij geven deze gegevens door:',
        en: 'May we pass your details on to {team} of {organisation}? That team can help you better. It will then contact you about help with money matters. We pass on these details:',
      }[lang],
      { ...to },
    ),
    items: [...sharedDataScope.map((item) => dataItemLabels[item][lang]), { nl: 'waarom wij u doorsturen', en: 'why we pass you on' }[lang]],
    closing: [
      { nl: 'Medische gegevens geven wij niet door.', en: 'We do not pass on any medical information.' }[lang],
      ...keptAndWithdrawn(lang, retentionMonths, {
        nl: 'Wilt u dit later niet meer? Zeg het dan tegen het team. Stuurde uw huisarts u door? Dan kan het ook bij de praktijk. Het team stopt dan, en uw gegevens worden gewist.',
        en: 'If you no longer want this later, tell the team. Did your GP refer you? Then you can also tell the practice. The team then stops, and your details are erased.',
      }),
      { nl: 'Geeft u toestemming?', en: 'Do you agree?' }[lang],
    ],
  };
}

/** For the staff member, not read aloud: what to do without consent. `{outcome}` is the closing label. */
export const forwardConsentInstruction: Text = {
  nl: 'Kon u dit niet vragen, of wil de inwoner het niet? Stuur dan niet door. Sluit de verwijzing af met "{outcome}". Kwam de verwijzing van een praktijk? Laat de praktijk dan weten waarom.',
  en: 'Could you not ask, or does the resident not want it? Then do not forward. Close the referral with "{outcome}". Did a practice send the referral? Then tell the practice why.',
};

export interface ForwardedConsent {
  recorded_by: string;
  method: ConsentMethod;
  data_scope: string[];
  recipient_team_id: string;
  purpose: string;
  text_version: string;
  feedback_allowed: boolean;
  given_at: Date;
}

export function forwardedConsent(
  previous: { feedback_allowed: boolean } | undefined,
  given: { recordedBy: string; method: ConsentMethod; toTeamId: string; at: Date },
): ForwardedConsent {
  return {
    recorded_by: given.recordedBy,
    method: given.method,
    data_scope: [...sharedDataScope],
    recipient_team_id: given.toTeamId,
    purpose: consentPurpose,
    text_version: FORWARD_CONSENT_TEXT_VERSION,
    feedback_allowed: previous?.feedback_allowed ?? false,
    given_at: given.at,
  };
}
