import type { Database, Executor } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { notifyUsers, teamUserIds } from '../platform/notifications/notify.ts';
import { forwardedConsent, type ConsentMethod } from './consent.ts';
import { requireTeamActor } from './referral-actor.ts';
import { inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';

const sameTeam = () => new AppError('forward_same_team', 422, { nl: 'Kies een ander team dan uw eigen team.', en: 'Choose a team other than your own.' });
const unknownTeam = () => new AppError('forward_unknown_team', 422, { nl: 'Kies een team uit de lijst.', en: 'Choose a team from the list.' });

/**
 * The holding team sends the referral on to another team (docs/product.md loop step 4: a team that
 * receives a referral outside its area forwards it, history kept). The referral starts again as
 * `requested` at the new team, unassigned; the reason is kept in the history, where the new team
 * reads why; the old team keeps read-only access (access.ts). Consent names one team, so the
 * forwarding team records the patient's consent for the new one (consent.ts `forwardedConsent`).
 * The due dates are NOT recomputed: the Wgs terms run from the original request for help.
 */
export async function forwardReferral(
  db: Database,
  ctx: RequestContext,
  input: { referralId: string; toTeamId: string; reason: string; consentMethod: ConsentMethod },
  baseUrl: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, input.referralId);
    const next = requireTransition(referral, 'forward');
    if (input.toTeamId === referral.team_id) throw sameTeam();
    // Only the teams the form offers (listForwardTargets): those in the holding team's region.
    const target = await forwardTargetsQuery(trx, referral.team_id).where('teams.id', '=', input.toTeamId).executeTakeFirst();
    if (!target) throw unknownTeam();
    const now = new Date();
    await trx.updateTable('referrals').set({ status: next, team_id: target.id, assigned_to: null, updated_at: now }).where('id', '=', referral.id).execute();
    const previous = await trx
      .selectFrom('consents')
      .select('feedback_allowed')
      .where('referral_id', '=', referral.id)
      .orderBy('given_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const consent = forwardedConsent(previous, { recordedBy: requireTeamActor(ctx).userId, method: input.consentMethod, toTeamId: target.id, at: now });
    await trx
      .insertInto('consents')
      .values({ referral_id: referral.id, ...consent })
      .execute();
    await recordChange(trx, ctx, baseUrl, {
      referral,
      type: 'forwarded',
      toStatus: next,
      fromTeamId: referral.team_id,
      toTeamId: target.id,
      note: input.reason,
      auditDetails: { fromTeamId: referral.team_id, toTeamId: target.id, consentMethod: input.consentMethod, consentVersion: consent.text_version },
      practiceNotification: 'referral_forwarded_on',
    });
    await notifyUsers(trx, baseUrl, { userIds: await teamUserIds(trx, target.id), kind: 'referral_forwarded', referralId: referral.id });
  });
}

/** Teams to forward to: every other team in the region of the holding team's organisation. */
/** The teams of the same region a referral can be forwarded to, by name (the detail page embeds this query). */
export function forwardTargetsQuery(executor: Executor, teamId: string) {
  const region = executor
    .selectFrom('teams')
    .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
    .select('organisations.region_id')
    .where('teams.id', '=', teamId);
  return executor
    .selectFrom('teams')
    .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
    .select(['teams.id', 'teams.name', 'organisations.name as organisation_name'])
    .where('organisations.region_id', 'in', region)
    .where('teams.id', '!=', teamId)
    .orderBy('teams.name');
}
