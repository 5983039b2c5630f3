import type { Database, Executor } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { notifyUsers } from '../platform/notifications/notify.ts';
import { inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';

const notInTeam = () => new AppError('assignee_not_in_team', 422, { nl: 'Kies iemand van uw eigen team.', en: 'Choose someone from your own team.' });

/**
 * The holding team takes the referral on and names who does it (FHIR Task.owner). Accepting again
 * re-assigns; an in-progress referral stays in progress. The assignee gets a notification.
 */
export async function acceptReferral(db: Database, ctx: RequestContext, input: { referralId: string; assigneeId: string }, baseUrl: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, input.referralId);
    const next = requireTransition(referral, 'accept');
    const assignee = await assigneesQuery(trx, referral.team_id).where('id', '=', input.assigneeId).executeTakeFirst();
    if (!assignee) throw notInTeam();
    await trx.updateTable('referrals').set({ status: next, assigned_to: assignee.id, updated_at: new Date() }).where('id', '=', referral.id).execute();
    await recordChange(trx, ctx, baseUrl, { referral, type: 'accepted', toStatus: next, auditDetails: { assignedTo: assignee.id } });
    if (assignee.id !== ctx.actor?.userId) await notifyUsers(trx, baseUrl, { userIds: [assignee.id], kind: 'referral_assigned', referralId: referral.id });
  });
}

/** Who can be assigned: the active members and coordinators of the team (the detail page embeds this query). */
export function assigneesQuery(db: Executor, teamId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('team_id', '=', teamId)
    .where('role', 'in', ['team_member', 'team_admin'])
    .where('disabled_at', 'is', null)
    .orderBy('name');
}
