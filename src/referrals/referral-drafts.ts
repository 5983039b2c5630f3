import type { Database, Executor } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { requirePracticeActor } from './referral-actor.ts';

/**
 * A referral started in the practice's own system (the HIS, over FHIR): the form's fields kept for
 * one day, to open as the prefilled new-referral page, where the assistant checks them, asks
 * consent for the team the address leads to, and sends. Nothing is sent to a team before that.
 * Only the practice that stored a draft can open it; an expired one is gone.
 */
export const DRAFT_HOURS = 24;

/** The fields a draft may carry: the form's own (referral-form.ts), nothing else. */
const DRAFT_FIELD =
  /^(patient_name|birth_date|phone|email|postcode|house_number|preferred_language|best_time_to_call|question|handover|contact_channel|need_[a-z_]+|urgency_[a-z_]+)$/;

export async function saveReferralDraft(db: Database, ctx: RequestContext, values: Record<string, string>, now = new Date()): Promise<string> {
  const actor = requirePracticeActor(ctx);
  const kept = Object.fromEntries(Object.entries(values).filter(([k, v]) => DRAFT_FIELD.test(k) && typeof v === 'string' && v.length <= 1000));
  return db.transaction().execute(async (trx) => {
    // Drafts hold patient data: whatever expired goes now, whoever stored it (and hourly, jobs.ts).
    await purgeExpiredDrafts(trx, now);
    const row = await trx
      .insertInto('referral_drafts')
      .values({
        practice_id: actor.practiceId,
        created_by: actor.userId,
        form_values: JSON.stringify(kept),
        expires_at: new Date(now.getTime() + DRAFT_HOURS * 3600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'referral.draft_created', subjectType: 'referral_draft', subjectId: row.id, details: { via: 'fhir' } });
    return row.id;
  });
}

/** The draft's form values for the actor's practice, or null (another practice's, expired, or unknown). */
export async function loadReferralDraft(db: Database, ctx: RequestContext, id: string, now = new Date()): Promise<Record<string, string> | null> {
  const actor = requirePracticeActor(ctx);
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await db
    .selectFrom('referral_drafts')
    .select('form_values')
    .where('id', '=', id)
    .where('practice_id', '=', actor.practiceId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  await writeAudit(db, ctx, { action: 'referral.draft_opened', subjectType: 'referral_draft', subjectId: id, details: {} });
  return row.form_values;
}

/** Removes expired drafts (patient data kept no longer than a day); the background job runs it hourly. */
export async function purgeExpiredDrafts(db: Executor, now = new Date()): Promise<void> {
  await db.deleteFrom('referral_drafts').where('expires_at', '<', now).execute();
}
