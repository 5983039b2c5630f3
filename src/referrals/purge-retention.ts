import { sql, type Transaction } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { closedStatuses } from './state-machine.ts';

/**
 * Retention (docs/product.md, privacy by design: "personal data purged after a configurable period once a
 * referral is closed"; AVG art. 5(1)(e) storage limitation). The referral row stays, so counts,
 * needs, urgency, municipality/district, terms and outcome remain available for monitoring; what
 * could identify the patient is set to null:
 * - the patient fields, preferred language, best time to call and the question in their own words;
 * - the route explanation (it quotes the patient's postcode) and the free-text feedback;
 * - the bodies of the referral's message thread and the free-text notes of its history.
 * The audit log keeps the referral id (patient_ref) but never held personal data itself.
 */
export function erasedPersonalFields(now: Date) {
  return {
    patient_name: null,
    patient_birth_date: null,
    patient_phone: null,
    patient_email: null,
    patient_postcode: null,
    patient_house_number: null,
    preferred_language: null,
    best_time_to_call: null,
    question: null,
    route_explanation: null,
    feedback: null,
    personal_data_erased_at: now,
    updated_at: now,
  } as const;
}

/** Erases the free text attached to referrals (thread bodies, history notes), in the caller's transaction. */
export async function eraseAttachedText(trx: Transaction<DB>, referralIds: readonly string[]): Promise<void> {
  if (referralIds.length === 0) return;
  await trx.updateTable('messages').set({ body: null }).where('referral_id', 'in', referralIds).where('body', 'is not', null).execute();
  await trx.updateTable('referral_events').set({ note: null }).where('referral_id', 'in', referralIds).where('note', 'is not', null).execute();
}

export interface PurgeOptions {
  retentionMonths: number;
  /** The moment the purge runs; tests pass their own. */
  now?: Date;
  batchSize?: number;
  /** Upper bound per run, so one run stays short; the next run continues. */
  maxBatches?: number;
}

export interface PurgeReport {
  erased: number;
}

/**
 * Erases the personal data of referrals closed longer than `retentionMonths` ago. Idempotent and
 * safe with several app instances: each batch claims its rows with FOR UPDATE SKIP LOCKED and
 * erases, audits and commits them in one transaction.
 */
export async function purgeExpiredPersonalData(db: Database, ctx: RequestContext, options: PurgeOptions): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? 50;
  // Month arithmetic by PostgreSQL: 31 March minus one month is 28/29 February, not 3 March.
  const cutoff = sql<Date>`${now.toISOString()}::timestamptz - make_interval(months => ${options.retentionMonths})`;
  let erased = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const count = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .updateTable('referrals')
        .set(erasedPersonalFields(now))
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('referrals')
            .select('id')
            .where('personal_data_erased_at', 'is', null)
            .where('closed_at', 'is not', null)
            .where('closed_at', '<', cutoff)
            .where('status', 'in', closedStatuses)
            .orderBy('closed_at')
            .limit(batchSize)
            .forUpdate()
            .skipLocked(),
        )
        .where('personal_data_erased_at', 'is', null)
        .returning('id')
        .execute();
      const ids = rows.map((r) => r.id);
      await eraseAttachedText(trx, ids);
      for (const id of ids) {
        await writeAudit(trx, ctx, {
          action: 'referral.personal_data_erased',
          subjectType: 'referral',
          subjectId: id,
          patientRef: id,
          details: { reason: 'retention', retention_months: options.retentionMonths },
        });
      }
      return ids.length;
    });
    erased += count;
    if (count < batchSize) break;
  }
  if (erased > 0) ctx.log.info({ erased }, 'retention: personal data of closed referrals erased');
  return { erased };
}
