import type { Database, Executor } from '../platform/db/database.ts';
import type { Actor } from '../platform/context.ts';
import { amsterdamToday } from '../platform/dates.ts';
import type { FoundAgreement, AgreementAccess } from './agreement-access.ts';
import { drafterRegionId } from './agreement-access.ts';
import { agreementContentSchema, agreementState, contentOfColumns, type AgreementContent, type AgreementState } from './agreement-rules.ts';
import { teamContactsQuery } from './draft-agreement.ts';

/** A social map contact person as an agreement names them, with who took over when they left. */
export interface ContactView {
  id: string;
  name: string;
  jobTitle: string | null;
  phone: string | null;
  email: string | null;
  lastVerifiedAt: Date | null;
  endedAt: Date | null;
  successor: { id: string; name: string } | null;
}

export interface AgreementHistoryLine {
  at: Date;
  kind: 'drafted' | 'confirmed' | 'team_contact_replaced' | 'team_contact_left' | 'practice_contact_confirmed';
  actorName: string | null;
  note: string | null;
}

export interface AgreementDetail {
  id: string;
  access: AgreementAccess;
  practiceId: string;
  practiceName: string;
  teamId: string;
  teamName: string;
  teamOrganisationName: string;
  state: AgreementState;
  agreedAt: Date | null;
  reviewDueOn: string | null;
  practiceContactConfirmedAt: Date | null;
  /** What is in force; null while the agreement is a concept. */
  inForce: AgreementContent | null;
  /** A proposal waiting for the practice manager, and the version stamp its confirmation must carry. */
  proposal: AgreementContent | null;
  proposedAt: Date | null;
  proposedByName: string | null;
  contacts: Map<string, ContactView>;
  history: AgreementHistoryLine[];
}

/** Everything the agreement page shows, for the actor the route's scope found. */
export async function getAgreementDetail(db: Database, found: FoundAgreement, today = amsterdamToday()): Promise<AgreementDetail> {
  const a = found.agreement;
  const proposalParsed = a.proposal ? agreementContentSchema.safeParse(a.proposal) : null;
  const proposal = proposalParsed?.success ? proposalParsed.data : null;
  const inForce = a.agreed_at ? contentOfColumns(a) : null;
  const contactIds = [inForce?.teamContactId, proposal?.teamContactId].filter((id): id is string => Boolean(id));
  const [contacts, history, proposer] = await Promise.all([
    contactViews(db, contactIds),
    db
      .selectFrom('agreement_history')
      .leftJoin('users', 'users.id', 'agreement_history.actor_user_id')
      .select(['agreement_history.at', 'agreement_history.kind', 'agreement_history.note', 'users.name as actor_name'])
      .where('agreement_history.agreement_id', '=', a.id)
      .orderBy('agreement_history.id', 'desc')
      .limit(50)
      .execute(),
    a.proposed_by ? db.selectFrom('users').select('name').where('id', '=', a.proposed_by).executeTakeFirst() : undefined,
  ]);
  return {
    id: a.id,
    access: found.access,
    practiceId: a.practice_id,
    practiceName: found.practiceName,
    teamId: a.team_id,
    teamName: found.teamName,
    teamOrganisationName: found.teamOrganisationName,
    state: agreementState({ agreedAt: a.agreed_at, reviewDueOn: a.review_due_on }, today),
    agreedAt: a.agreed_at,
    reviewDueOn: a.review_due_on,
    practiceContactConfirmedAt: a.practice_contact_confirmed_at,
    inForce,
    proposal,
    proposedAt: proposal ? a.proposed_at : null,
    proposedByName: proposer?.name ?? null,
    contacts,
    history: history.map((h) => ({ at: h.at, kind: h.kind, actorName: h.actor_name, note: h.note })),
  };
}

/** Contact persons by id, each with the person who replaced them (one step: the job moves agreements on). */
export async function contactViews(db: Executor, ids: readonly string[]): Promise<Map<string, ContactView>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('contacts')
    .leftJoin('contacts as successor', 'successor.id', 'contacts.replaced_by_id')
    .select([
      'contacts.id',
      'contacts.name',
      'contacts.job_title',
      'contacts.phone',
      'contacts.email',
      'contacts.last_verified_at',
      'contacts.ended_at',
      'successor.id as successor_id',
      'successor.name as successor_name',
    ])
    .where('contacts.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        jobTitle: r.job_title,
        phone: r.phone,
        email: r.email,
        lastVerifiedAt: r.last_verified_at,
        endedAt: r.ended_at,
        successor: r.successor_id && r.successor_name ? { id: r.successor_id, name: r.successor_name } : null,
      },
    ]),
  );
}

export interface AgreementListRow {
  id: string;
  practiceName: string;
  teamName: string;
  state: AgreementState;
  pendingChange: boolean;
  firstContactWorkingDays: number | null;
  reviewDueOn: string | null;
}

/** The agreements the actor reaches (agreement-access.ts), by practice and team name. */
export async function listAgreements(db: Database, actor: Actor, today = amsterdamToday()): Promise<AgreementListRow[]> {
  let q = db
    .selectFrom('agreements')
    .innerJoin('organisations as practice', 'practice.id', 'agreements.practice_id')
    .innerJoin('teams', 'teams.id', 'agreements.team_id')
    .select([
      'agreements.id',
      'agreements.agreed_at',
      'agreements.review_due_on',
      'agreements.proposal',
      'agreements.first_contact_working_days',
      'practice.name as practice_name',
      'teams.name as team_name',
    ])
    .orderBy('practice.name')
    .orderBy('teams.name');
  if (actor.role === 'practice_admin') q = q.where('agreements.practice_id', '=', actor.practiceId);
  else if (actor.role === 'team_admin') q = q.where('agreements.team_id', '=', actor.teamId);
  else if (actor.role === 'region_coordinator') q = q.where('practice.region_id', '=', actor.regionId);
  else return [];
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    practiceName: r.practice_name,
    teamName: r.team_name,
    state: agreementState({ agreedAt: r.agreed_at, reviewDueOn: r.review_due_on }, today),
    pendingChange: r.agreed_at !== null && r.proposal !== null,
    firstContactWorkingDays: r.agreed_at ? r.first_contact_working_days : null,
    reviewDueOn: r.review_due_on,
  }));
}

export interface Choice {
  id: string;
  label: string;
}

/** For a new agreement: the practices and teams of the drafter's region (a team coordinator: only their own team). */
export async function draftChoices(db: Database, actor: Actor): Promise<{ practices: Choice[]; teams: Choice[] }> {
  const regionId = await drafterRegionId(db, actor);
  if (!regionId) return { practices: [], teams: [] };
  const [practices, teams] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'practice').where('region_id', '=', regionId).orderBy('name').execute(),
    db
      .selectFrom('teams')
      .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
      .select(['teams.id', 'teams.name', 'organisations.name as organisation_name'])
      .where('organisations.region_id', '=', regionId)
      .$if(actor.role === 'team_admin', (q) => q.where('teams.id', '=', actor.teamId))
      .orderBy('teams.name')
      .execute(),
  ]);
  return {
    practices: practices.map((p) => ({ id: p.id, label: p.name })),
    teams: teams.map((t) => ({ id: t.id, label: `${t.name} (${t.organisation_name})` })),
  };
}

/** The team's contact persons to choose the fixed contact from. */
export async function teamContactChoices(db: Database, teamId: string): Promise<Choice[]> {
  const rows = await teamContactsQuery(db, teamId).execute();
  return rows.map((r) => ({ id: r.id, label: [r.name, r.job_title, r.phone].filter(Boolean).join(' · ') }));
}

/** The agreement of this pair, if there is one (a second draft for the same pair edits the first). */
export async function agreementIdOf(db: Database, practiceId: string, teamId: string): Promise<string | null> {
  const row = await db.selectFrom('agreements').select('id').where('practice_id', '=', practiceId).where('team_id', '=', teamId).executeTakeFirst();
  return row?.id ?? null;
}
