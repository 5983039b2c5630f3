import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, Executor } from '../platform/db/database.ts';
import { amsterdamDate, amsterdamToday } from '../platform/dates.ts';
import { visitOverdue, type VisitStatus, type VisitTopic } from './visit-rules.ts';

export interface VisitView {
  id: string;
  plannedOn: string;
  status: VisitStatus;
  heldOn: string | null;
  topics: VisitTopic[];
  notes: string | null;
  nextVisitDue: string | null;
  plannedByName: string | null;
  participants: Array<{ name: string; teamId: string | null; teamName: string | null }>;
  followUps: Array<{ id: string; description: string; owner: string; dueOn: string | null; done: boolean }>;
}

function visitsQuery(db: Database) {
  return db
    .selectFrom('visits')
    .leftJoin('users', 'users.id', 'visits.planned_by')
    .select((eb) => [
      'visits.id',
      'visits.practice_id',
      'visits.planned_on',
      'visits.status',
      'visits.held_on',
      'visits.topics',
      'visits.notes',
      'visits.next_visit_due',
      'users.name as planned_by_name',
      jsonArrayFrom(
        eb
          .selectFrom('visit_participants')
          .leftJoin('teams', 'teams.id', 'visit_participants.team_id')
          .select(['visit_participants.name', 'visit_participants.team_id', 'teams.name as team_name'])
          .whereRef('visit_participants.visit_id', '=', 'visits.id')
          .orderBy('visit_participants.id'),
      ).as('participants'),
      jsonArrayFrom(
        eb
          .selectFrom('visit_follow_ups')
          .select(['visit_follow_ups.id', 'visit_follow_ups.description', 'visit_follow_ups.owner', 'visit_follow_ups.due_on', 'visit_follow_ups.done_at'])
          .whereRef('visit_follow_ups.visit_id', '=', 'visits.id')
          .orderBy('visit_follow_ups.due_on'),
      ).as('follow_ups'),
    ]);
}

type VisitRow = Awaited<ReturnType<ReturnType<typeof visitsQuery>['execute']>>[number];

function viewOf(r: VisitRow): VisitView {
  return {
    id: r.id,
    plannedOn: r.planned_on,
    status: r.status,
    heldOn: r.held_on,
    topics: r.topics as VisitTopic[],
    notes: r.notes,
    nextVisitDue: r.next_visit_due,
    plannedByName: r.planned_by_name,
    participants: r.participants.map((p) => ({ name: p.name, teamId: p.team_id, teamName: p.team_name })),
    followUps: r.follow_ups.map((f) => ({ id: f.id, description: f.description, owner: f.owner, dueOn: f.due_on, done: f.done_at !== null })),
  };
}

/** One practice's visit calendar: every visit, the newest (or furthest ahead) first. */
export async function practiceVisits(db: Database, practiceId: string): Promise<VisitView[]> {
  const rows = await visitsQuery(db).where('visits.practice_id', '=', practiceId).orderBy('visits.planned_on', 'desc').limit(100).execute();
  return rows.map(viewOf);
}

export async function getVisit(db: Database, visitId: string): Promise<VisitView | null> {
  const row = await visitsQuery(db).where('visits.id', '=', visitId).executeTakeFirst();
  return row ? viewOf(row) : null;
}

/** Every practice with the day of its last visit, its next planned visit (from today) and the next visit due. */
export function practiceVisitDates(db: Executor, today: string) {
  return db
    .selectFrom('organisations as p')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.region_id',
      'p.created_at',
      eb
        .selectFrom('visits')
        .select(sql<string>`max(held_on)::text`.as('v'))
        .whereRef('visits.practice_id', '=', 'p.id')
        .where('visits.status', '=', 'held')
        .as('last_held_on'),
      eb
        .selectFrom('visits')
        .select(sql<string>`min(planned_on)::text`.as('v'))
        .whereRef('visits.practice_id', '=', 'p.id')
        .where('visits.status', '=', 'planned')
        .where('visits.planned_on', '>=', today)
        .as('next_planned_on'),
      eb
        .selectFrom('visits')
        .select('visits.next_visit_due')
        .whereRef('visits.practice_id', '=', 'p.id')
        .where('visits.status', '=', 'held')
        .orderBy('visits.held_on', 'desc')
        .limit(1)
        .as('next_visit_due'),
    ])
    .where('p.kind', '=', 'practice');
}

export interface PracticeVisitState {
  practiceId: string;
  practiceName: string;
  lastHeldOn: string | null;
  nextPlannedOn: string | null;
  nextVisitDue: string | null;
  overdue: boolean;
}

/** Every practice of the region with its last and next visit, and whether a visit is overdue (visit-rules.ts). */
export async function regionVisitStates(db: Database, regionId: string, today = amsterdamToday()): Promise<PracticeVisitState[]> {
  const rows = await practiceVisitDates(db, today).where('p.region_id', '=', regionId).orderBy('p.name').execute();
  return rows.map((r) => ({
    practiceId: r.id,
    practiceName: r.name,
    lastHeldOn: r.last_held_on,
    nextPlannedOn: r.next_planned_on,
    nextVisitDue: r.next_visit_due,
    overdue: visitOverdue({ lastHeldOn: r.last_held_on, joinedOn: amsterdamDate(r.created_at), nextPlannedOn: r.next_planned_on }, today),
  }));
}

/** Teams of the region, to say who came from which team. */
export async function regionTeams(db: Database, regionId: string): Promise<Array<{ id: string; label: string }>> {
  const rows = await db
    .selectFrom('teams')
    .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
    .select(['teams.id', 'teams.name', 'organisations.name as organisation_name'])
    .where('organisations.region_id', '=', regionId)
    .orderBy('teams.name')
    .execute();
  return rows.map((t) => ({ id: t.id, label: `${t.name} (${t.organisation_name})` }));
}
