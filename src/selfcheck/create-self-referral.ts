import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/errors.ts';
import { notifyUsers, teamUserIds } from '../platform/notifications/notify.ts';
import { routeAddress } from '../routing/route-referral.ts';
import { CONSENT_TEXT_VERSION, consentPurpose, sharedDataScope } from '../referrals/consent.ts';
import { dueDates } from '../referrals/due-dates.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { newReference } from '../referrals/send-referral.ts';
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

  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('referrals')
      .values({
        reference: newReference(),
        source: 'selfcheck',
        practice_id: null,
        created_by: null,
        idempotency_key: input.idempotencyKey,
        team_id: teamId,
        status: 'requested',
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
        updated_at: new Date(),
      })
      // A double click sends the same key twice at once: the second insert finds the first.
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    await trx
      .insertInto('consents')
      .values({
        referral_id: row.id,
        recorded_by: null,
        method: 'online',
        data_scope: [...sharedDataScope],
        recipient_team_id: teamId,
        purpose: consentPurpose,
        text_version: `selfcheck-${CONSENT_TEXT_VERSION}`,
        feedback_allowed: false,
        given_at: new Date(),
      })
      .execute();
    await trx
      .insertInto('referral_events')
      .values({ referral_id: row.id, type: 'created', to_status: 'requested', to_team_id: teamId, note: 'zelftest' })
      .execute();
    await writeAudit(trx, ctx, {
      action: 'referral.created',
      subjectType: 'referral',
      subjectId: row.id,
      patientRef: row.id,
      details: { source: 'selfcheck', teamId, urgent: input.urgency.length > 0 },
    });
    await notifyUsers(trx, baseUrl, { userIds: await teamUserIds(trx, teamId), kind: 'referral_received', referralId: row.id });
    return row.id;
  });
  if (id === null) {
    const first = await findExisting();
    if (!first) throw new Error('idempotency key taken by a referral that is not a self-referral');
    return first;
  }
  return { id, teamName: route.decision.teamName ?? '', created: true };
}
