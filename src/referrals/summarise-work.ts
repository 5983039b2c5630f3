import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import type { ReferralTable } from '../platform/db/schema.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { mayShareFeedback } from './consent.ts';
import { consentInForce } from './list-practice-referrals.ts';
import { conversationPending, OPEN, workConditions } from './list-team-inbox.ts';
import { nextTeamAction, type NextAction } from './next-action.ts';
import { requirePracticeActor, requireTeamActor } from './referral-actor.ts';

/**
 * The work on a start page (issue 11: "pages that say what to do next"), each in one statement:
 * - a team: how many referrals are new, urgent, due today and overdue, and the next steps of the
 *   referrals that are the user's (assigned to them, or to no one yet), most pressing first;
 * - a practice: feedback from the teams since the user's previous visit, and the referrals still
 *   waiting on a team (its first conversation has not taken place).
 * They show no names; the practice's feedback is written about a patient, so reading it is
 * audited with the referrals shown, like every list of referrals (NEN 7513).
 */
export const START_LIST_SIZE = 8;

export interface TeamWorkItem {
  id: string;
  reference: string;
  needs: string[];
  urgent: boolean;
  status: ReferralTable['status'];
  action: NextAction;
  /** The due day of the milestone the next step works towards, if any. */
  due: string | null;
  /** For a planned first conversation: its day. */
  plannedOn: string | null;
}

export interface TeamWork {
  counts: { nieuw: number; urgent: number; today: number; overdue: number };
  next: TeamWorkItem[];
  today: string;
}

export async function summariseTeamWork(db: Database, ctx: RequestContext): Promise<TeamWork> {
  const actor = requireTeamActor(ctx);
  const today = amsterdamToday();
  const work = workConditions(actor.userId, today);
  const pending = conversationPending(today);
  const urgent = sql<boolean>`cardinality(r.urgency_triggers) > 0 and ${pending}`;
  const dueToday = sql<boolean>`((r.first_contact_on is null and r.first_contact_due = ${today}) or (${pending} and r.first_conversation_due = ${today}))`;
  // The day the next milestone is due: first contact until made, then the first conversation.
  const nextDue = sql<string>`case when r.first_contact_on is null then least(r.first_contact_due, r.first_conversation_due) else r.first_conversation_due end`;
  const row = await db
    .selectFrom('referrals as r')
    .select((eb) => [
      sql<string>`count(*) filter (where ${work.nieuw})`.as('nieuw'),
      sql<string>`count(*) filter (where ${urgent})`.as('urgent'),
      sql<string>`count(*) filter (where ${dueToday})`.as('due_today'),
      sql<string>`count(*) filter (where ${work['te-laat']})`.as('overdue'),
      jsonArrayFrom(
        eb
          .selectFrom('referrals as r')
          .select([
            'r.id',
            'r.reference',
            'r.needs',
            'r.urgency_triggers',
            'r.status',
            'r.first_contact_on',
            'r.first_contact_due',
            'r.first_conversation_on',
            'r.first_conversation_due',
          ])
          .where('r.team_id', '=', actor.teamId)
          .where(OPEN)
          .where((w) => w.or([w('r.assigned_to', '=', actor.userId), w('r.assigned_to', 'is', null)]))
          // Most pressing first: the referral whose next milestone is due soonest (overdue ones first of all), urgent before the rest.
          .orderBy(nextDue)
          .orderBy(sql`cardinality(r.urgency_triggers) > 0`, 'desc')
          .orderBy('r.created_at')
          .orderBy('r.id')
          .limit(START_LIST_SIZE),
      ).as('next'),
    ])
    .where('r.team_id', '=', actor.teamId)
    .where(OPEN)
    .executeTakeFirstOrThrow();
  const next = row.next.map((r): TeamWorkItem => {
    const action = nextTeamAction(r, today);
    const towardsContact = action === 'accept' || action === 'contact';
    return {
      id: r.id,
      reference: r.reference,
      needs: r.needs,
      urgent: r.urgency_triggers.length > 0,
      status: r.status,
      action,
      due: action === 'close' ? null : towardsContact ? r.first_contact_due : r.first_conversation_due,
      plannedOn: action === 'await-conversation' ? r.first_conversation_on : null,
    };
  });
  await writeAudit(db, ctx, {
    action: 'referral.list_read',
    subjectType: 'team_start',
    subjectId: actor.teamId,
    patientRefs: next.map((r) => r.id),
    details: { count: next.length },
  });
  return {
    counts: { nieuw: Number(row.nieuw), urgent: Number(row.urgent), today: Number(row.due_today), overdue: Number(row.overdue) },
    next,
    today,
  };
}

export interface PracticeFeedbackItem {
  id: string;
  reference: string;
  teamName: string;
  status: ReferralTable['status'];
  closedAt: Date;
  /** Only within the patient's consent (consent.ts mayShareFeedback); null otherwise. */
  outcome: string | null;
  feedback: string | null;
}

export interface PracticeWaitingItem {
  id: string;
  reference: string;
  teamName: string;
  status: ReferralTable['status'];
  first_contact_due: string;
  first_contact_on: string | null;
  first_conversation_due: string;
  first_conversation_on: string | null;
}

export interface PracticeWork {
  /** Where "new since your last visit" begins. */
  since: Date;
  feedback: PracticeFeedbackItem[];
  waiting: PracticeWaitingItem[];
  waitingCount: number;
  today: string;
}

/**
 * A visit is a run of start-page views less than half an hour apart (as web statistics count
 * visits): the news of a visit begins where the previous visit ended, and stays on the page for
 * the whole visit. A first visit shows the news of the last two weeks.
 */
const VISIT_GAP = sql`interval '30 minutes'`;
const FIRST_VISIT_NEWS = sql`interval '14 days'`;

export async function summarisePracticeWork(db: Database, ctx: RequestContext): Promise<PracticeWork> {
  const actor = requirePracticeActor(ctx);
  const today = amsterdamToday();
  const row = await db
    // Both SET expressions read the row as it was: home_seen_at is the previous view.
    .with('visit', (qb) =>
      qb
        .updateTable('users')
        .set({
          home_news_since: sql<Date>`case
            when home_seen_at is null then now() - ${FIRST_VISIT_NEWS}
            when home_seen_at < now() - ${VISIT_GAP} or home_news_since is null then home_seen_at
            else home_news_since end`,
          home_seen_at: sql<Date>`now()`,
        })
        .where('id', '=', actor.userId)
        .returning(sql<Date>`home_news_since`.as('since')),
    )
    .selectFrom('visit')
    .select((eb) => [
      'visit.since',
      jsonArrayFrom(
        eb
          .selectFrom('referrals as r')
          .innerJoin('teams as t', 't.id', 'r.team_id')
          .leftJoinLateral(consentInForce, (join) => join.onTrue())
          .select([
            'r.id',
            'r.reference',
            't.name as team_name',
            'r.status',
            'r.closed_at',
            'r.outcome',
            'r.feedback',
            'r.consent_withdrawn_at',
            'c.feedback_allowed',
            'c.withdrawn_at',
          ])
          .where('r.practice_id', '=', actor.practiceId)
          // What the team closed (with an outcome) or declined; a withdrawal by the practice is not news to it.
          .where('r.status', 'in', ['completed', 'failed', 'rejected'])
          .whereRef('r.closed_at', '>', 'visit.since')
          .orderBy('r.closed_at', 'desc')
          .limit(START_LIST_SIZE),
      ).as('feedback'),
      jsonArrayFrom(
        eb
          .selectFrom('referrals as r')
          .innerJoin('teams as t', 't.id', 'r.team_id')
          .select([
            'r.id',
            'r.reference',
            't.name as team_name',
            'r.status',
            'r.first_contact_due',
            'r.first_contact_on',
            'r.first_conversation_due',
            'r.first_conversation_on',
          ])
          .where('r.practice_id', '=', actor.practiceId)
          .where(OPEN)
          .where(conversationPending(today))
          // Longest waiting first.
          .orderBy('r.created_at')
          .orderBy('r.id')
          .limit(START_LIST_SIZE),
      ).as('waiting'),
      eb
        .selectFrom('referrals as r')
        .select(sql<string>`count(*)`.as('n'))
        .where('r.practice_id', '=', actor.practiceId)
        .where(OPEN)
        .where(conversationPending(today))
        .as('waiting_count'),
    ])
    .executeTakeFirstOrThrow();
  const feedback = row.feedback.map((r): PracticeFeedbackItem => {
    const shared = mayShareFeedback(r.feedback_allowed ?? false, Boolean(r.withdrawn_at || r.consent_withdrawn_at));
    return {
      id: r.id,
      reference: r.reference,
      teamName: r.team_name,
      status: r.status,
      closedAt: new Date(r.closed_at as unknown as string),
      outcome: shared ? r.outcome : null,
      feedback: shared ? r.feedback : null,
    };
  });
  // The waiting list shows referrals too (reference, team, status): audited as the team's start page is.
  const shown = [...feedback.map((r) => r.id), ...row.waiting.map((r) => r.id)];
  if (shown.length > 0) {
    await writeAudit(db, ctx, {
      action: 'referral.list_read',
      subjectType: 'practice_start',
      subjectId: actor.practiceId,
      patientRefs: shown,
      details: { count: shown.length },
    });
  }
  return {
    since: new Date(row.since),
    feedback,
    waiting: row.waiting.map(({ team_name, ...r }) => ({ ...r, teamName: team_name })),
    waitingCount: Number(row.waiting_count ?? 0),
    today,
  };
}
