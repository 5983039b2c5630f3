import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { routeAddress } from '../routing/route-referral.ts';
import { CONSENT_TEXT_VERSION, consentPurpose, sharedDataScope } from '../referrals/consent.ts';
import { dueDates } from '../referrals/due-dates.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { storeNewReferral } from '../referrals/store-referral.ts';
import type { UrgencyTrigger } from '../referrals/urgency.ts';
import { categoryLabels, type Category } from '../needs/categories.ts';
import type { SelfcheckLang } from './languages.ts';
import type { Level } from './scoring.ts';

/**
 * "Neem contact met mij op": a resident's own request after the self-check becomes a referral
 * (source: selfcheck), routed by their postcode like any referral and with the same terms. Consent
 * is given online by the resident; there is no practice, so no feedback goes anywhere.
 */
export interface SelfReferralInput {
  idempotencyKey: string;
  name: string;
  phone: string | null;
  email: string | null;
  postcode: string;
  houseNumber: string | null;
  bestTime: string | null;
  lang: SelfcheckLang;
  level: Level;
  needs: Category[];
  urgency: UrgencyTrigger[];
}

export async function createSelfReferral(
  db: Database,
  ctx: RequestContext,
  input: SelfReferralInput,
  baseUrl: string,
): Promise<{ id: string; teamName: string; created: boolean }> {
  const findExisting = async () => {
    const existing = await db
      .selectFrom('referrals')
      .innerJoin('teams', 'teams.id', 'referrals.team_id')
      .select(['referrals.id', 'teams.name'])
      .where('idempotency_key', '=', input.idempotencyKey)
      .where('source', '=', 'selfcheck')
      .executeTakeFirst();
    return existing ? { id: existing.id, teamName: existing.name, created: false } : null;
  };
  const existing = await findExisting();
  if (existing) return existing;

  const route = await routeAddress(db, { postcode: input.postcode, houseNumber: input.houseNumber, need: input.needs[0] ?? null, regionId: null });
  const teamId = route.decision.teamId;
  if (!teamId) {
    throw new AppError('no_team', 422, {
      nl: 'Voor deze postcode kunnen we nog geen hulpteam vinden. Bel uw gemeente.',
      en: 'We cannot find a help team for this postcode yet. Call your municipality.',
    });
  }
  const today = amsterdamToday();
  const due = dueDates(today, input.urgency.length > 0);
  // What the team needs to know, written by us (not free text from the resident).
  const question = `Zelftest (${input.lang}): uitslag "${input.level}". Hulp die past: ${input.needs.map((n) => categoryLabels[n].nl).join(', ') || '—'}.`;

  const stored = await storeNewReferral(
    db,
    ctx,
    {
      referral: {
        source: 'selfcheck',
        practice_id: null,
        created_by: null,
        idempotency_key: input.idempotencyKey,
        team_id: teamId,
        patient_name: input.name,
        patient_phone: input.phone,
        patient_email: input.email,
        patient_postcode: route.postcode.display,
        patient_house_number: input.houseNumber,
        preferred_language: input.lang,
        best_time_to_call: input.bestTime,
        question,
        needs: input.needs,
        urgency_triggers: input.urgency,
        handover: 'team_contacts_patient',
        contact_channel: input.phone ? 'phone' : 'email',
        municipality_code: route.decision.address.municipalityCode,
        district_code: route.decision.address.districtCode,
        route_explanation: route.explanation.nl,
        requested_on: today,
        first_contact_due: due.firstContactDue,
        first_conversation_due: due.firstConversationDue,
      },
      consent: {
        recorded_by: null,
        method: 'online',
        data_scope: [...sharedDataScope],
        purpose: consentPurpose,
        text_version: `selfcheck-${CONSENT_TEXT_VERSION}`,
        feedback_allowed: false,
      },
      createdBy: null,
      eventNote: 'zelftest',
      auditDetails: { source: 'selfcheck', teamId, urgent: input.urgency.length > 0 },
    },
    baseUrl,
  );
  const id = stored?.id ?? null;
  if (id === null) {
    const first = await findExisting();
    if (!first) throw new Error('idempotency key taken by a referral that is not a self-referral');
    return first;
  }
  return { id, teamName: route.decision.teamName ?? '', created: true };
}
