import type { Text } from '../platform/i18n.ts';

/**
 * Consent for sharing (AVG art. 6/7/9, WGBO art. 7:457 BW): explicit, per recipient and purpose,
 * provable afterwards, revocable. Korte Lijn records who recorded it, how, which data, to which
 * team, for what purpose, when, and the version of the consent text read to the patient. Pure rules.
 */
export const CONSENT_TEXT_VERSION = '2026-11-v1';

export const consentText: Text = {
  nl: 'De patiënt geeft toestemming om naam, geboortedatum, contactgegevens, postcode en huisnummer, de hulpvraag in eigen woorden en de urgentie te delen met het genoemde team, zodat dat team contact opneemt over hulp bij geldzaken. Geen medische gegevens. De patiënt kan deze toestemming altijd intrekken.',
  en: 'The patient consents to sharing name, date of birth, contact details, postcode and house number, the question in their own words and the urgency with the team named, so that this team contacts them about help with money matters. No medical data. The patient can withdraw this consent at any time.',
};

export const consentMethods = ['verbal', 'written'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** The data shared — the minimum (docs/product.md: consent and minimisation). Never diagnoses or medication. */
export const sharedDataScope = ['name', 'birth_date', 'contact_details', 'address', 'question', 'urgency'] as const;

export const consentPurpose = 'contact about help with money matters (schuldhulp / geldzorgen)';

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
export const FORWARD_CONSENT_TEXT_VERSION = '2026-11-forward-v1';

export const forwardConsentText: Text = {
  nl: 'De inwoner geeft toestemming om de gegevens van deze verwijzing te delen met het gekozen team, zodat dat team contact opneemt over hulp bij geldzaken. Heeft u dit niet kunnen vragen? Stuur dan niet door, maar sluit af met "elders naartoe verwezen" en laat de praktijk weten waarom.',
  en: 'The resident consents to sharing the data of this referral with the chosen team, so that this team contacts them about help with money matters. Could you not ask? Then do not forward, but close with "referred elsewhere" and tell the practice why.',
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
