import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import type { ExpressionBuilder } from 'kysely';
import type { DB, ReferralTable } from '../platform/db/schema.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { mayShareFeedback } from './consent.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { requirePracticeActor } from './referral-actor.ts';
import { compileOnce } from './compile-once.ts';

/**
 * "Mijn verwijzingen": the referrals the practice sent, newest first, a page at a time, with status, team, the due
 * dates and — only within the patient's consent (consent.ts `mayShareFeedback`) — the team's
 * outcome and feedback. Shows patients' names, so reading it is audited with the referrals shown.
 */
export interface PracticeReferralRow {
  id: string;
  reference: string;
  patient_name: string | null;
  status: ReferralTable['status'];
  requested_on: string;
  first_contact_due: string;
  first_contact_on: string | null;
  first_conversation_due: string;
  first_conversation_on: string | null;
  team_name: string;
  outcome: string | null;
  feedback: string | null;
}

export const PRACTICE_PAGE_SIZE = 50;

/**
 * The consent in force of referral `r`, as `c`, for a lateral join: a forwarded referral has a
 * consent per team it went to, and the newest is in force. Its feedback choice decides what of the
 * team's outcome and feedback the practice may read (consent.ts mayShareFeedback).
 */
export const consentInForce = (eb: ExpressionBuilder<DB & { r: DB['referrals'] }, 'r'>) =>
  eb
    .selectFrom('consents')
    .select(['feedback_allowed', 'withdrawn_at'])
    .whereRef('consents.referral_id', '=', 'r.id')
    .orderBy('given_at', 'desc')
    .limit(1)
    .as('c');

export interface PracticeReferrals {
  rows: PracticeReferralRow[];
  /** From 1; PRACTICE_PAGE_SIZE rows a page. */
  page: number;
  hasMore: boolean;
  today: string;
}

/** The page as one statement, compiled once (compile-once.ts). */
const practicePage = compileOnce((db: Database, v: { practiceId: string; offset: number }) =>
  db
    .selectFrom('referrals as r')
    .innerJoin('teams as t', 't.id', 'r.team_id')
    .leftJoinLateral(consentInForce, (join) => join.onTrue())
    .select([
      'r.id',
      'r.reference',
      'r.patient_name',
      'r.status',
      'r.requested_on',
      'r.first_contact_due',
      'r.first_contact_on',
      'r.first_conversation_due',
      'r.first_conversation_on',
      'r.outcome',
      'r.feedback',
      'r.consent_withdrawn_at',
      't.name as team_name',
      'c.feedback_allowed',
      'c.withdrawn_at',
    ])
    .where('r.practice_id', '=', v.practiceId)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    // One row more than a page tells whether there is a next page.
    .limit(PRACTICE_PAGE_SIZE + 1)
    .offset(v.offset),
);

export async function listPracticeReferrals(db: Database, ctx: RequestContext, page = 1): Promise<PracticeReferrals> {
  const actor = requirePracticeActor(ctx);
  const fetched = await practicePage(db, { practiceId: actor.practiceId, offset: (page - 1) * PRACTICE_PAGE_SIZE });
  const rows = fetched.slice(0, PRACTICE_PAGE_SIZE);
  await writeAudit(db, ctx, {
    action: 'referral.list_read',
    subjectType: 'practice_referrals',
    subjectId: actor.practiceId,
    // Per referral shown, so the access report (NEN 7513: who saw my data) finds this read.
    patientRefs: rows.map((r) => r.id),
    details: { page, count: rows.length },
  });
  return {
    page,
    hasMore: fetched.length > PRACTICE_PAGE_SIZE,
    today: amsterdamToday(),
    rows: rows.map(({ feedback_allowed, withdrawn_at, consent_withdrawn_at, ...r }) => {
      const shared = mayShareFeedback(feedback_allowed ?? false, Boolean(withdrawn_at || consent_withdrawn_at));
      return { ...r, outcome: shared ? r.outcome : null, feedback: shared ? r.feedback : null };
    }),
  };
}
