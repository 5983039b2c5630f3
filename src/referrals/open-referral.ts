import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database } from '../platform/db/database.ts';
import type { Consent, Referral } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { markNotificationsRead } from '../platform/notifications/notify.ts';
import { findReferral, type FoundReferral, type ReferralAccess } from './access.ts';
import { assigneesQuery } from './accept-referral.ts';
import { forwardTargetsQuery } from './forward-referral.ts';
import { contactPersonsQuery, teamContactOf, teamQuery, type TeamContact } from './get-team-contact.ts';
import { agreementSummaryJson, agreementSummaryOf, type AgreementSummary } from './agreement-summary.ts';
import { referralMessagesQuery, referralThread, type ThreadData } from './load-thread.ts';
import { mayShareFeedback } from './consent.ts';
import { inTransaction, lockForTeam, recordChange, requireTransition } from './change-referral.ts';
import { erasedPersonalFields } from './purge-retention.ts';
import { notFound, signInRequiredError } from './referral-errors.ts';

/**
 * Opening one referral: what the reader may see depends on how they reach it (access.ts): the
 * practice that sent it, the team that holds it, or — read-only, without the patient's data — a
 * team that held it before forwarding. Opening by the holding team marks it received (FHIR Task.status `received`), the
 * closed-loop signal to the practice that it arrived. Every opening is audited with the referral
 * as patient reference (NEN 7513: reads of patient data are logged, not only changes), and marks
 * the reader's notifications about it read.
 *
 * Everything the page shows besides the referral row — names, consent, history, messages, the
 * team's contact, colleagues and teams to choose from — is read in one statement: a page is a few
 * round trips to the database, not twenty.
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
  /** The message thread (the practice and the holding team; empty for a former team). */
  thread: ThreadData;
  /** For the holding team: who can be assigned, and where it can be forwarded. */
  assignees: Array<{ id: string; name: string }>;
  forwardTargets: Array<{ id: string; name: string; organisation_name: string }>;
  /** For the practice: the team's contact. */
  teamContact: TeamContact | null;
  /** For the practice and the holding team: the collaboration agreement in force between them (agreement-summary.ts). */
  agreement: AgreementSummary | null;
}

/**
 * Opens a referral for the actor of `ctx`: `found` is what the route's scope resolved
 * (referral-scope.ts), or the id, whose access is then checked here (404 for anyone without).
 */
export async function openReferral(db: Database, ctx: RequestContext, referral: FoundReferral | string, baseUrl: string): Promise<ReferralDetail> {
  if (!ctx.actor) throw signInRequiredError();
  let found = typeof referral === 'string' ? await findReferral(db, ctx.actor, referral) : referral;
  if (!found) throw notFound('referral');
  if (found.access === 'team-holder' && found.referral.status === 'requested') {
    await receiveIfNew(db, ctx, found.referral.id, baseUrl);
    found = (await findReferral(db, ctx.actor, found.referral.id)) ?? found;
  }
  const { access, referral: row } = found;
  const holds = access === 'team-holder';
  // A part of the page that is not for this reader is asked for with an id that matches no row.
  const nobody = '00000000-0000-0000-0000-000000000000';

  const related = await db
    .selectNoFrom((eb) => [
      jsonObjectFrom(teamQuery(db, row.team_id)).as('team'),
      jsonObjectFrom(
        eb
          .selectFrom('organisations')
          .select(['name', 'phone'])
          .where('id', '=', row.practice_id ?? nobody),
      ).as('practice'),
      jsonObjectFrom(
        eb
          .selectFrom('users')
          .select('name')
          .where('id', '=', row.assigned_to ?? nobody),
      ).as('assignee'),
      jsonObjectFrom(
        eb
          .selectFrom('users')
          .select('name')
          .where('id', '=', row.created_by ?? nobody),
      ).as('creator'),
      jsonObjectFrom(
        eb
          .selectFrom('consents')
          .innerJoin('teams', 'teams.id', 'consents.recipient_team_id')
          .leftJoin('users', 'users.id', 'consents.recorded_by')
          .selectAll('consents')
          .select(['users.name as recorded_by_name', 'teams.name as recipient_team_name'])
          .where('consents.referral_id', '=', row.id)
          .orderBy('consents.given_at', 'desc')
          .limit(1),
      ).as('consent'),
      jsonArrayFrom(
        eb
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
            'e.from_team_id',
            'u.name as actor_name',
            'ft.name as from_team_name',
            'tt.name as to_team_name',
          ])
          .where('e.referral_id', '=', row.id)
          .orderBy('e.id'),
      ).as('events'),
      // Only what this reader sees is read at all: a former team reads no messages.
      jsonArrayFrom(referralMessagesQuery(db, access === 'team-former' ? nobody : row.id)).as('messages'),
      jsonArrayFrom(contactPersonsQuery(db, access === 'practice' ? row.team_id : nobody, 'professional')).as('contactPersons'),
      jsonArrayFrom(assigneesQuery(db, holds ? row.team_id : nobody)).as('assignees'),
      jsonArrayFrom(forwardTargetsQuery(db, holds ? row.team_id : nobody)).as('forwardTargets'),
      agreementSummaryJson(db, access === 'team-former' ? nobody : (row.practice_id ?? nobody), row.team_id).as('agreement'),
    ])
    .executeTakeFirstOrThrow();

  const consent = related.consent
    ? { ...related.consent, given_at: new Date(related.consent.given_at), withdrawn_at: dateOrNull(related.consent.withdrawn_at) }
    : null;
  const withdrawn = Boolean(row.consent_withdrawn_at || consent?.withdrawn_at);
  const feedbackVisible = access !== 'practice' || (consent ? mayShareFeedback(consent.feedback_allowed, withdrawn) : false);

  const forwardedAway = related.events.findLastIndex((e) => e.type === 'forwarded' && e.from_team_id === ctx.actor!.teamId);

  await writeAudit(db, ctx, { action: 'referral.read', subjectType: 'referral', subjectId: row.id, patientRef: row.id, details: { access } });
  await markNotificationsRead(db, ctx.actor.userId, { referralId: row.id });

  return {
    access,
    referral: visibleReferral(row, access, feedbackVisible),
    teamName: related.team!.name,
    practiceName: related.practice?.name ?? null,
    practicePhone: related.practice?.phone ?? null,
    assigneeName: related.assignee?.name ?? null,
    createdByName: related.creator?.name ?? null,
    consent,
    feedbackVisible,
    events: related.events.map((e, index) => ({
      id: e.id,
      at: new Date(e.at),
      type: e.type,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      // A team that forwarded the referral follows what happens, not who at the new team did it.
      actorName: access === 'team-former' && index > forwardedAway ? null : e.actor_name,
      fromTeamName: e.from_team_name,
      toTeamName: e.to_team_name,
      note: noteVisible(access, e.type, feedbackVisible) ? e.note : null,
    })),
    thread: referralThread(found, related.messages),
    assignees: related.assignees,
    forwardTargets: related.forwardTargets,
    teamContact: access === 'practice' && related.team ? teamContactOf(related.team, related.contactPersons) : null,
    agreement: agreementSummaryOf(related.agreement),
  };
}

/**
 * Notes in the history are working notes about the resident. The holding team reads them all. The
 * practice reads its own cancellation note and a rejection reason it may receive as feedback. A
 * team that forwarded the referral reads none: the resident consented to the new team, so the old
 * one follows status and dates only.
 */
function noteVisible(access: Exclude<ReferralAccess, 'none'>, type: string, feedbackVisible: boolean): boolean {
  if (access === 'team-holder') return true;
  if (access === 'team-former') return false;
  return type === 'cancelled' || (type === 'rejected' && feedbackVisible);
}

/** Timestamps inside JSON arrive as text. */
function dateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

/**
 * What of the referral this reader sees. A team that forwarded it follows its status only: the
 * patient consented to the new team, so the old team no longer sees who it is or what was asked.
 * Why a team declined is the team's decision, seen by the practice always; how a referral ended
 * (outcome, the reason for closing without help, the strain answer at closing) is feedback about the
 * patient, seen by the practice only within the patient's consent.
 */
function visibleReferral(referral: Referral, access: Exclude<ReferralAccess, 'none'>, feedbackVisible: boolean): Referral {
  const noFeedback = { outcome: null, close_reason: null, strain_at_close: null } as const;
  if (access === 'team-former') {
    const { personal_data_erased_at: _erasedAt, updated_at: _updatedAt, ...personal } = erasedPersonalFields(referral.updated_at);
    return { ...referral, ...personal, ...noFeedback, strain_at_referral: null };
  }
  return feedbackVisible ? referral : { ...referral, ...noFeedback, feedback: null };
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
