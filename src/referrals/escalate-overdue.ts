import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notifyUsers, practiceRecipients, teamUserIds } from '../platform/notifications/notify.ts';
import { amsterdamToday } from '../platform/dates.ts';
import type { ReferralStatus } from './state-machine.ts';

/**
 * Escalation of response terms (docs/product.md step 5; Wgs art. 4: first conversation within 4 weeks,
 * within 3 working days when a threatening situation exists). A referral that is still open after
 * the due day of a milestone (first contact, first conversation) without that milestone is
 * escalated ONCE per milestone: the holding team (members and coordinator) and the sending practice
 * get a notification (kind referral_overdue, no patient data) and a mail, and the referral records
 * when (contact_escalated_at / conversation_escalated_at).
 *
 * Several app instances may run this at the same time against one PostgreSQL. Each batch claims its
 * rows with one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING, and the
 * notifications, outbox mail and audit rows are written in that same transaction: a referral is
 * either escalated with everything, or not at all (and then picked up by the next run). The mail
 * also carries a dedupe key per milestone and user, a second line of defence.
 */
export type Milestone = 'first_contact' | 'first_conversation';

/** Open = not yet in one of the closed states; only these can still miss a term. */
export const openStatuses: readonly ReferralStatus[] = ['requested', 'received', 'accepted', 'in-progress'];

const columns = {
  first_contact: { due: 'first_contact_due', reached: 'first_contact_on', escalated: 'contact_escalated_at', dedupe: 'overdue-contact' },
  first_conversation: {
    due: 'first_conversation_due',
    reached: 'first_conversation_on',
    escalated: 'conversation_escalated_at',
    dedupe: 'overdue-conversation',
  },
} as const;

export interface EscalationOptions {
  /** Link target in the mail (config: publicBaseUrl). */
  baseUrl: string;
  /** Amsterdam calendar day; tests pass their own. A term is missed once its due day has passed. */
  today?: string;
  batchSize?: number;
  /** Upper bound per run and milestone, so one run stays short; the next run continues. */
  maxBatches?: number;
}

export interface EscalationReport {
  first_contact: number;
  first_conversation: number;
}

export async function escalateOverdueReferrals(db: Database, ctx: RequestContext, options: EscalationOptions): Promise<EscalationReport> {
  const report: EscalationReport = { first_contact: 0, first_conversation: 0 };
  for (const milestone of ['first_contact', 'first_conversation'] as const) {
    report[milestone] = await escalateMilestone(db, ctx, milestone, options);
  }
  if (report.first_contact + report.first_conversation > 0) ctx.log.info({ ...report }, 'overdue referrals escalated');
  return report;
}

async function escalateMilestone(db: Database, ctx: RequestContext, milestone: Milestone, options: EscalationOptions): Promise<number> {
  const col = columns[milestone];
  const today = options.today ?? amsterdamToday();
  const batchSize = options.batchSize ?? 100;
  const maxBatches = options.maxBatches ?? 20;
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const count = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('referrals')
        .set({ [col.escalated]: new Date() })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('referrals')
            .select('id')
            .where('status', 'in', openStatuses)
            // Not reached yet: nothing recorded, or a first conversation planned for a day still to
            // come, which counts only on the day it takes place (record-first-conversation.ts).
            .where((eb) => eb.or([eb(col.reached, 'is', null), eb(col.reached, '>', today)]))
            .where(col.escalated, 'is', null)
            .where(col.due, '<', today)
            .orderBy(col.due)
            .limit(batchSize)
            .forUpdate()
            .skipLocked(),
        )
        // Repeated on the outer statement: a row claimed and committed by another instance meanwhile is not taken twice.
        .where(col.escalated, 'is', null)
        .returning(['id', 'team_id', 'practice_id', 'created_by', col.due])
        .execute();
      for (const referral of claimed) {
        const recipients = [
          ...(await teamUserIds(trx, referral.team_id)),
          ...(referral.practice_id ? await practiceRecipients(trx, referral.practice_id, referral.created_by) : []),
        ];
        await notifyUsers(trx, options.baseUrl, {
          userIds: recipients,
          kind: 'referral_overdue',
          referralId: referral.id,
          dedupeKey: `${col.dedupe}:${referral.id}`,
        });
        await writeAudit(trx, ctx, {
          action: 'referral.escalated',
          subjectType: 'referral',
          subjectId: referral.id,
          patientRef: referral.id,
          details: { milestone, due: referral[col.due], today, notified: recipients.length },
        });
      }
      return claimed.length;
    });
    total += count;
    if (count < batchSize) break;
  }
  return total;
}
