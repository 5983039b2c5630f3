import { randomInt } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { ConsentTable, ReferralTable } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notifyUsers, teamUserIds } from '../platform/notifications/notify.ts';

/** "KL-7F3K9Q": short enough to say on the phone; no 0/O or 1/I to mix up. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newReference(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `KL-${code}`;
}

export interface ReferralToStore {
  referral: Omit<Insertable<ReferralTable>, 'reference' | 'status' | 'updated_at'> & { team_id: string; idempotency_key: string };
  consent: Omit<Insertable<ConsentTable>, 'referral_id' | 'recipient_team_id' | 'given_at'>;
  /** Who sent it (null for a resident's own request) and a note for the history. */
  createdBy: string | null;
  eventNote?: string | null;
  auditDetails: Record<string, unknown>;
}

/**
 * The one way a new referral is stored — by a practice, by a resident after the self-check, and by
 * the demo seed through the practice's use case. The referral gets a fresh reference; its consent,
 * the first history event, the audit entry and the team's notifications (mail via the outbox)
 * commit with it in one transaction. Returns null, writing nothing, when the idempotency key was
 * used before: the same form sent twice, or two posts of it at the same moment.
 */
export async function storeNewReferral(
  db: Database,
  ctx: RequestContext,
  input: ReferralToStore,
  baseUrl: string,
  nextReference: () => string = newReference,
): Promise<{ id: string; reference: string } | null> {
  const teamId = input.referral.team_id;
  return db.transaction().execute(async (trx) => {
    let row: { id: string; reference: string } | undefined;
    for (let attempt = 0; attempt < 5 && !row; attempt++) {
      // ON CONFLICT without a target covers both unique keys: a resubmit (idempotency_key) and,
      // very rarely, a reference already taken — then we try another reference.
      row = await trx
        .insertInto('referrals')
        .values({ ...input.referral, reference: nextReference(), status: 'requested', updated_at: new Date() })
        .onConflict((oc) => oc.doNothing())
        .returning(['id', 'reference'])
        .executeTakeFirst();
      if (!row && (await trx.selectFrom('referrals').select('id').where('idempotency_key', '=', input.referral.idempotency_key).executeTakeFirst()))
        return null;
    }
    if (!row) throw new Error('could not find a free referral reference');
    await trx
      .insertInto('consents')
      .values({ ...input.consent, referral_id: row.id, recipient_team_id: teamId, given_at: new Date() })
      .execute();
    await trx
      .insertInto('referral_events')
      .values({
        referral_id: row.id,
        actor_user_id: input.createdBy,
        type: 'created',
        to_status: 'requested',
        to_team_id: teamId,
        note: input.eventNote ?? null,
      })
      .execute();
    await writeAudit(trx, ctx, { action: 'referral.created', subjectType: 'referral', subjectId: row.id, patientRef: row.id, details: input.auditDetails });
    await notifyUsers(trx, baseUrl, { userIds: await teamUserIds(trx, teamId), kind: 'referral_received', referralId: row.id });
    return row;
  });
}
