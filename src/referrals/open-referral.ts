import type { Database } from '../platform/db/database.ts';
import type { Consent, Referral } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { referralAccess, type ReferralAccess } from './access.ts';
import { mayShareFeedback } from './consent.ts';
import { inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';
import { erasedPersonalFields } from './purge-retention.ts';
import { notFound, signInRequiredError } from './referral-errors.ts';

/**
 * Opening one referral: what the reader may see depends on how they reach it (access.ts): the
 * practice that sent it, the team that holds it, or — read-only, without the patient's data — a
 * team that held it before forwarding. Opening by the holding team marks it received (FHIR Task.status `received`), the
 * closed-loop signal to the practice that it arrived. Every opening is audited with the referral
 * as patient reference (NEN 7513: reads of patient data are logged, not only changes).
 */
export interface ReferralEventView {
  id: string;
  at: Date;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorName: string | null;
  fromTeamName: string | null;
  toTeamName: string | null;
  note: string | null;
}

export interface ReferralDetail {
  access: Exclude<ReferralAccess, 'none'>;
  referral: Referral;
  teamName: string;
  practiceName: string | null;
  practicePhone: string | null;
  assigneeName: string | null;
  createdByName: string | null;
  consent: (Consent & { recorded_by_name: string | null; recipient_team_name: string }) | null;
  /** Outcome and feedback text may reach the practice only within the patient's consent. */
  feedbackVisible: boolean;
  events: ReferralEventView[];
}

export async function openReferral(db: Database, ctx: RequestContext, referralId: string, baseUrl: string): Promise<ReferralDetail> {
  if (!ctx.actor) throw signInRequiredError();
  const access = await referralAccess(db, ctx.actor, referralId);
  if (access === 'none') throw notFound('referral');

  if (access === 'team-holder') await receiveIfNew(db, ctx, referralId, baseUrl);

  const referral = await db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
  const [team, practice, assignee, creator, consent, events] = await Promise.all([
    db.selectFrom('teams').select('name').where('id', '=', referral.team_id).executeTakeFirstOrThrow(),
    referral.practice_id
      ? db.selectFrom('organisations').select(['name', 'phone']).where('id', '=', referral.practice_id).executeTakeFirst()
      : Promise.resolve(undefined),
    referral.assigned_to ? db.selectFrom('users').select('name').where('id', '=', referral.assigned_to).executeTakeFirst() : Promise.resolve(undefined),
    referral.created_by ? db.selectFrom('users').select('name').where('id', '=', referral.created_by).executeTakeFirst() : Promise.resolve(undefined),
    db
      .selectFrom('consents')
      .innerJoin('teams', 'teams.id', 'consents.recipient_team_id')
      .leftJoin('users', 'users.id', 'consents.recorded_by')
      .selectAll('consents')
      .select(['users.name as recorded_by_name', 'teams.name as recipient_team_name'])
      .where('consents.referral_id', '=', referralId)
      .orderBy('consents.given_at', 'desc')
      .executeTakeFirst(),
    db
      .selectFrom('referral_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .leftJoin('teams as ft', 'ft.id', 'e.from_team_id')
      .leftJoin('teams as tt', 'tt.id', 'e.to_team_id')
      .select([
        'e.id',
        'e.at',
        'e.type',
        'e.from_status',
        'e.to_status',
        'e.note',
        'u.name as actor_name',
        'ft.name as from_team_name',
        'tt.name as to_team_name',
      ])
      .where('e.referral_id', '=', referralId)
      .orderBy('e.id')
      .execute(),
  ]);

  const withdrawn = Boolean(referral.consent_withdrawn_at || consent?.withdrawn_at);
  const feedbackVisible = access !== 'practice' || (consent ? mayShareFeedback(consent.feedback_allowed, withdrawn) : false);

  await writeAudit(db, ctx, { action: 'referral.read', subjectType: 'referral', subjectId: referralId, patientRef: referralId, details: { access } });

  return {
    access,
    referral: visibleReferral(referral, access, feedbackVisible),
    teamName: team.name,
    practiceName: practice?.name ?? null,
    practicePhone: practice?.phone ?? null,
    assigneeName: assignee?.name ?? null,
    createdByName: creator?.name ?? null,
    consent: consent ?? null,
    feedbackVisible,
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      type: e.type,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      fromTeamName: e.from_team_name,
      toTeamName: e.to_team_name,
      // The team's working notes (attempts, reasons) are not the practice's to read, except
      // its own cancellation note and a rejection reason it may receive as feedback.
      note: access !== 'practice' || e.type === 'cancelled' || (e.type === 'rejected' && feedbackVisible) ? e.note : null,
    })),
  };
}

/**
 * What of the referral this reader sees. A team that forwarded it follows its status only: the
 * patient consented to the new team, so the old team no longer sees who it is or what was asked.
 */
function visibleReferral(referral: Referral, access: Exclude<ReferralAccess, 'none'>, feedbackVisible: boolean): Referral {
  if (access === 'team-former') {
    const { personal_data_erased_at: _erasedAt, updated_at: _updatedAt, ...personal } = erasedPersonalFields(referral.updated_at);
    return { ...referral, ...personal, outcome: null };
  }
  return feedbackVisible ? referral : { ...referral, outcome: null, feedback: null };
}

/** requested → received, once, by the first member of the holding team who opens it. */
async function receiveIfNew(db: Database, ctx: RequestContext, referralId: string, baseUrl: string): Promise<void> {
  const current = await db.selectFrom('referrals').select('status').where('id', '=', referralId).executeTakeFirst();
  if (current?.status !== 'requested') return;
  await inTransaction(db, async (trx) => {
    const referral = await lockForTeam(trx, ctx, referralId);
    if (referral.status !== 'requested') return;
    const next = requireTransition(referral, 'receive');
    await trx.updateTable('referrals').set({ status: next, updated_at: new Date() }).where('id', '=', referral.id).execute();
    await recordChange(trx, ctx, baseUrl, { referral, type: 'received', toStatus: next });
  });
}
