import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { checkReferralRoute } from './check-referral-route.ts';
import { CONSENT_TEXT_VERSION, consentProblem, consentPurpose, sharedDataScope } from './consent.ts';
import { dueDates, effectiveTerms } from './due-dates.ts';
import { amsterdamToday } from '../platform/dates.ts';
import type { ConsentForm, ReferralDetails } from './referral-form.ts';
import { requirePracticeActor } from './referral-actor.ts';
import { consentMissing, consentWithoutMethod, FormSentWithOtherContent, notPracticeReferral, wrongRecipient } from './referral-errors.ts';
import { isUrgent } from './urgency.ts';
import { storeNewReferral } from './store-referral.ts';

/** The strain answer is optional: callers other than the form (a FHIR bundle, tests) may leave it out. */
export type SendReferralInput = Omit<ReferralDetails, 'strain'> & { strain?: number | null } & ConsentForm;

export interface SentReferral {
  id: string;
  reference: string;
  /** false when the same form (idempotency key) was sent before: nothing new was written. */
  created: boolean;
}

/**
 * A practice sends a referral (docs/product.md loop step 3). Rules, in order:
 * 1. The same form sent twice (double click, back button, retry) finds the first referral: the
 *    hidden idempotency key is unique in the database, so even two simultaneous posts make one row.
 * 2. The patient's address decides the team, again, now — and the consent must name exactly that
 *    team (AVG art. 7: consent per recipient). A postcode edited after "Controleren" is refused.
 * 3. Without recorded consent nothing is sent.
 * 4. Due dates from the request day (Wgs art. 4), shortened by the practice–team agreement if any.
 * The referral, its consent, the first history event, the audit entry and the team's
 * notifications (mail via the outbox) commit in one transaction (store-referral.ts).
 */
export async function sendReferral(db: Database, ctx: RequestContext, input: SendReferralInput, baseUrl: string): Promise<SentReferral> {
  const actor = requirePracticeActor(ctx);
  const existing = await findByIdempotencyKey(db, input, actor.practiceId);
  if (existing) return existing;

  const route = await checkReferralRoute(db, ctx, { postcode: input.postcode, houseNumber: input.house_number, need: input.needs[0] ?? null });
  const problem = consentProblem({
    given: input.consent.given,
    method: input.consent.method,
    recipientTeamId: input.recipientTeamId,
    routedTeamId: route.teamId,
  });
  if (problem === 'missing') throw consentMissing();
  if (problem === 'no-method') throw consentWithoutMethod();
  if (problem === 'wrong-recipient') throw wrongRecipient();

  // The agreement in force between the practice and the routed team (checkReferralRoute read it); a concept counts for nothing.
  const agreement = route.agreement;
  const today = amsterdamToday();
  const due = dueDates(
    today,
    isUrgent(input.urgency_triggers),
    effectiveTerms(
      agreement
        ? {
            firstContactWorkingDays: agreement.firstContactWorkingDays ?? undefined,
            firstConversationDays: agreement.firstConversationDays ?? undefined,
            urgentFirstConversationWorkingDays: agreement.urgentFirstConversationWorkingDays ?? undefined,
          }
        : null,
    ),
  );

  const urgent = isUrgent(input.urgency_triggers);
  const stored = await storeNewReferral(
    db,
    ctx,
    {
      referral: {
        source: 'practice',
        practice_id: actor.practiceId,
        created_by: actor.userId,
        idempotency_key: input.idempotency_key,
        team_id: route.teamId,
        ...sentContent(input),
        municipality_code: route.municipalityCode,
        district_code: route.districtCode,
        route_explanation: route.explanation.nl,
        requested_on: today,
        first_contact_due: due.firstContactDue,
        first_conversation_due: due.firstConversationDue,
      },
      consent: {
        recorded_by: actor.userId,
        method: input.consent.method!,
        data_scope: [...sharedDataScope],
        purpose: consentPurpose,
        text_version: CONSENT_TEXT_VERSION,
        feedback_allowed: input.consent.feedbackAllowed,
      },
      createdBy: actor.userId,
      auditDetails: { teamId: route.teamId, urgent, consentVersion: CONSENT_TEXT_VERSION },
    },
    baseUrl,
  );
  if (stored) return { ...stored, created: true };
  // A concurrent submit of the same form won the race: answer with its referral.
  return (await findByIdempotencyKey(db, input, actor.practiceId))!;
}

/** What the form says about the patient and the request, as the referral stores it. */
function sentContent(input: SendReferralInput) {
  return {
    patient_name: input.patient_name,
    patient_birth_date: input.birth_date,
    patient_phone: input.phone,
    patient_email: input.email,
    patient_postcode: input.postcode,
    patient_house_number: input.house_number,
    preferred_language: input.preferred_language,
    best_time_to_call: input.best_time_to_call,
    question: input.question,
    needs: input.needs,
    urgency_triggers: input.urgency_triggers,
    handover: input.handover,
    contact_channel: input.contact_channel,
    strain_at_referral: input.strain ?? null,
  };
}

const sentColumns = Object.keys(sentContent({} as SendReferralInput)) as Array<keyof ReturnType<typeof sentContent>>;

/**
 * The referral sent earlier with this form's key. The same form sent again (a double click, a
 * reload) is the same referral. The same key with other content is the old form filled in anew:
 * storing nothing and saying nothing would hide the change, so that is a conflict that names the
 * referral that was sent.
 */
async function findByIdempotencyKey(db: Database, input: SendReferralInput, practiceId: string): Promise<SentReferral | null> {
  const found = await db
    .selectFrom('referrals')
    .select(['id', 'reference', 'practice_id', ...sentColumns])
    .where('idempotency_key', '=', input.idempotency_key)
    .executeTakeFirst();
  if (!found) return null;
  // Keys are random and per form; one of another practice means a forged or leaked form.
  if (found.practice_id !== practiceId) throw notPracticeReferral();
  const sent = { id: found.id, reference: found.reference };
  const now = sentContent(input);
  const changed = sentColumns.some((column) => JSON.stringify(found[column] ?? null) !== JSON.stringify(now[column] ?? null));
  if (changed) throw new FormSentWithOtherContent(sent);
  return { ...sent, created: false };
}
