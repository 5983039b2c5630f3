import type { Database } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppError } from '../../platform/errors.ts';
import { translator } from '../../platform/i18n.ts';
import { validateValues } from '../../platform/http/forms.ts';
import { checkReferralRoute } from '../../referrals/check-referral-route.ts';
import { referralDetailsSchema } from '../../referrals/referral-form.ts';
import { requirePracticeActor } from '../../referrals/referral-actor.ts';
import { sendReferral, type SentReferral } from '../../referrals/send-referral.ts';
import type { ConsentMethod } from '../../referrals/consent.ts';
import { readTransaction } from './from-fhir.ts';
import { fhirError } from './operation-outcome.ts';

/**
 * A HIS's transaction Bundle becomes a referral through the web form's own use case
 * (referrals/send-referral.ts): the same validation (referral-form.ts, BSN check on every free text),
 * routing by the patient's address, consent for exactly that team, terms, idempotency (the HIS's
 * ServiceRequest.identifier is the form key) and audit, in one transaction.
 */
export async function sendReferralBundle(db: Database, ctx: RequestContext, body: unknown, baseUrl: string): Promise<SentReferral & { order: string[] }> {
  const actor = requirePracticeActor(ctx);
  const incoming = readTransaction(body, actor.practiceId);
  const nl = validateValues(referralDetailsSchema(translator('nl')), incoming.values);
  if (!nl.ok) {
    const en = validateValues(referralDetailsSchema(translator('en')), incoming.values);
    const field = Object.keys(nl.errors)[0]!;
    throw fhirError('invalid_referral', 422, {
      nl: `${fieldNames[field] ?? field}: ${nl.errors[field]}`,
      en: `${fieldNames[field] ?? field}: ${en.ok ? nl.errors[field] : (en.errors[field] ?? nl.errors[field])}`,
    });
  }
  if (incoming.consent.given && !incoming.consent.teamId) {
    // Consent is per recipient (AVG art. 7): name the team the address leads to, so the HIS can ask for exactly that one.
    const route = await checkReferralRoute(db, ctx, { postcode: nl.data.postcode, houseNumber: nl.data.house_number, need: nl.data.needs[0] ?? null });
    throw consentNamesNoTeam(route.teamId, route.contact.teamName);
  }
  const sent = await sendReferral(
    db,
    ctx,
    {
      ...nl.data,
      recipientTeamId: incoming.consent.teamId ?? '',
      consent: { given: incoming.consent.given, method: incoming.consent.method as ConsentMethod | null, feedbackAllowed: incoming.consent.feedbackAllowed },
    },
    baseUrl,
  );
  return { ...sent, order: incoming.order };
}

/** Where in FHIR a form field came from, so a HIS knows what to fix. */
const fieldNames: Record<string, string> = {
  patient_name: 'Patient.name',
  birth_date: 'Patient.birthDate',
  phone: 'Patient.telecom (phone)',
  email: 'Patient.telecom (email)',
  postcode: 'Patient.address.postalCode',
  house_number: 'Patient.address (huisnummer)',
  preferred_language: 'Patient.communication',
  needs: 'ServiceRequest.code',
  question: 'ServiceRequest.note',
  best_time_to_call: 'ServiceRequest.extension (best-time-to-call)',
  handover: 'ServiceRequest.extension (handover)',
  contact_channel: 'ServiceRequest.extension (contact-channel)',
  idempotency_key: 'ServiceRequest.identifier',
};

export function consentNamesNoTeam(teamId: string, teamName: string): AppError {
  return fhirError('consent_names_no_team', 422, {
    nl: `De Consent noemt geen team. Dit adres hoort bij ${teamName} (Organization/${teamId}). Vraag de patiënt toestemming voor dit team en zet het in Consent.provision.actor.`,
    en: `The Consent names no team. This address belongs to ${teamName} (Organization/${teamId}). Ask the patient's consent for this team and put it in Consent.provision.actor.`,
  });
}
