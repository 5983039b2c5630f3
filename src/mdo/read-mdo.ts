import { sql } from 'kysely';
import type { Database, Executor } from '../platform/db/database.ts';
import type { Actor, RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { actorRegionId } from '../visits/visit-access.ts';
import type { MdoInScope } from './mdo-access.ts';
import { maySeeCase, type MdoConsentMethod, type MdoStatus } from './mdo-rules.ts';

/**
 * Reading MDOs. One MDO's page shows the patient of a case only to a participant who may see that
 * referral (mdo-rules.ts maySeeCase); every read of the page is audited with the referrals whose
 * patient it showed (NEN 7513: a read of patient data is logged, per patient). Lists, the start page
 * and the network view show dates, counts and actions only: no patient.
 */
export interface MdoCaseView {
  id: string;
  number: number;
  /** Who the case is about, for a participant who may see the referral; null for everyone else. */
  patient: { referralId: string; reference: string; name: string | null } | null;
  consentMethod: MdoConsentMethod;
  consentGivenOn: string;
  conclusion: string | null;
}

export interface MdoActionView {
  id: string;
  caseNumber: number;
  description: string;
  ownerId: string;
  ownerName: string;
  dueOn: string;
  done: boolean;
}

export interface MdoView {
  id: string;
  practiceId: string;
  practiceName: string;
  startsAt: Date;
  place: string | null;
  videoLink: string | null;
  status: MdoStatus;
  minutes: string | null;
  plannedByName: string | null;
  participants: Array<{ id: string; name: string; side: string }>;
  cases: MdoCaseView[];
  actions: MdoActionView[];
}

export async function readMdo(db: Database, ctx: RequestContext, scope: MdoInScope): Promise<MdoView> {
  const actor = ctx.actor!;
  const [mdo, participants, cases, actions] = await Promise.all([
    db
      .selectFrom('mdos')
      .leftJoin('users', 'users.id', 'mdos.planned_by')
      .select(['mdos.id', 'mdos.starts_at', 'mdos.place', 'mdos.video_link', 'mdos.status', 'mdos.minutes', 'users.name as planned_by_name'])
      .where('mdos.id', '=', scope.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('mdo_participants')
      .innerJoin('users', 'users.id', 'mdo_participants.user_id')
      .leftJoin('teams', 'teams.id', 'users.team_id')
      .select(['users.id', 'users.name', 'teams.name as team_name'])
      .where('mdo_participants.mdo_id', '=', scope.id)
      .orderBy('users.name')
      .execute(),
    db
      .selectFrom('mdo_cases')
      .innerJoin('referrals', 'referrals.id', 'mdo_cases.referral_id')
      .select([
        'mdo_cases.id',
        'mdo_cases.consent_method',
        'mdo_cases.consent_given_on',
        'mdo_cases.conclusion',
        'referrals.id as referral_id',
        'referrals.reference',
        'referrals.patient_name',
        'referrals.practice_id',
        'referrals.team_id',
      ])
      .where('mdo_cases.mdo_id', '=', scope.id)
      .orderBy('mdo_cases.added_at')
      .execute(),
    db
      .selectFrom('mdo_actions')
      .innerJoin('users', 'users.id', 'mdo_actions.owner_id')
      .select([
        'mdo_actions.id',
        'mdo_actions.case_id',
        'mdo_actions.description',
        'mdo_actions.owner_id',
        'mdo_actions.due_on',
        'mdo_actions.done_at',
        'users.name',
      ])
      .where('mdo_actions.mdo_id', '=', scope.id)
      .orderBy('mdo_actions.due_on')
      .execute(),
  ]);
  const viewer = { userId: actor.userId, practiceId: actor.practiceId, teamId: actor.teamId };
  const caseViews: MdoCaseView[] = cases.map((c, i) => ({
    id: c.id,
    number: i + 1,
    patient: maySeeCase(viewer, scope.participantIds, { practiceId: c.practice_id, teamId: c.team_id })
      ? { referralId: c.referral_id, reference: c.reference, name: c.patient_name }
      : null,
    consentMethod: c.consent_method,
    consentGivenOn: c.consent_given_on,
    conclusion: c.conclusion,
  }));
  const shown = caseViews.flatMap((c) => (c.patient ? [c.patient.referralId] : []));
  await writeAudit(db, ctx, { action: 'mdo.read', subjectType: 'mdo', subjectId: scope.id, patientRefs: shown, details: { cases: cases.length } });
  const numberOf = new Map(caseViews.map((c) => [c.id, c.number]));
  return {
    id: mdo.id,
    practiceId: scope.practiceId,
    practiceName: scope.practiceName,
    startsAt: mdo.starts_at,
    place: mdo.place,
    videoLink: mdo.video_link,
    status: mdo.status,
    minutes: mdo.minutes,
    plannedByName: mdo.planned_by_name,
    participants: participants.map((p) => ({ id: p.id, name: p.name, side: p.team_name ?? scope.practiceName })),
    cases: caseViews,
    actions: actions.map((a) => ({
      id: a.id,
      caseNumber: numberOf.get(a.case_id) ?? 0,
      description: a.description,
      ownerId: a.owner_id,
      ownerName: a.name,
      dueOn: a.due_on,
      done: a.done_at !== null,
    })),
  };
}

export interface MdoListRow {
  id: string;
  practiceId: string;
  practiceName: string;
  startsAt: Date;
  status: MdoStatus;
  cases: number;
  openActions: number;
}

function listQuery(db: Executor) {
  return db
    .selectFrom('mdos')
    .innerJoin('organisations', 'organisations.id', 'mdos.practice_id')
    .select((eb) => [
      'mdos.id',
      'mdos.practice_id',
      'organisations.name as practice_name',
      'mdos.starts_at',
      'mdos.status',
      eb
        .selectFrom('mdo_cases')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('mdo_cases.mdo_id', '=', 'mdos.id')
        .as('cases'),
      eb
        .selectFrom('mdo_actions')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('mdo_actions.mdo_id', '=', 'mdos.id')
        .where('mdo_actions.done_at', 'is', null)
        .as('open_actions'),
    ])
    .orderBy('mdos.starts_at', 'desc')
    .limit(200);
}

const toRow = (r: {
  id: string;
  practice_id: string;
  practice_name: string;
  starts_at: Date;
  status: MdoStatus;
  cases: string | null;
  open_actions: string | null;
}): MdoListRow => ({
  id: r.id,
  practiceId: r.practice_id,
  practiceName: r.practice_name,
  startsAt: r.starts_at,
  status: r.status,
  cases: Number(r.cases ?? 0),
  openActions: Number(r.open_actions ?? 0),
});

/** The MDOs an actor sees in the list: the practice's own, those a team member takes part in, the coordinator's whole region. */
export async function listMdos(db: Database, actor: Actor): Promise<MdoListRow[]> {
  if (actor.role === 'practice_staff' || actor.role === 'practice_admin') {
    if (!actor.practiceId) return [];
    return (await listQuery(db).where('mdos.practice_id', '=', actor.practiceId).execute()).map(toRow);
  }
  if (actor.role === 'team_member' || actor.role === 'team_admin') {
    const rows = await listQuery(db)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('mdo_participants')
            .select('mdo_participants.user_id')
            .whereRef('mdo_participants.mdo_id', '=', 'mdos.id')
            .where('mdo_participants.user_id', '=', actor.userId),
        ),
      )
      .execute();
    return rows.map(toRow);
  }
  if (actor.role === 'region_coordinator') {
    const regionId = await actorRegionId(db, actor);
    if (!regionId) return [];
    return (await listQuery(db).where('organisations.region_id', '=', regionId).execute()).map(toRow);
  }
  return [];
}

/** The practices an actor may plan an MDO at: their own, or every practice of their team's region. */
export async function plannablePractices(db: Database, actor: Actor): Promise<Array<{ id: string; name: string }>> {
  if (actor.practiceId && (actor.role === 'practice_staff' || actor.role === 'practice_admin')) {
    return db.selectFrom('organisations').select(['id', 'name']).where('id', '=', actor.practiceId).execute();
  }
  if (actor.role !== 'team_member' && actor.role !== 'team_admin') return [];
  const regionId = await actorRegionId(db, actor);
  if (!regionId) return [];
  return db.selectFrom('organisations').select(['id', 'name']).where('region_id', '=', regionId).where('kind', '=', 'practice').orderBy('name').execute();
}

/** For one referral: the planned MDOs of its practice that the actor takes part in, and the MDOs it is already on. */
export async function mdosForReferral(db: Database, actor: Actor, referral: { id: string; practice_id: string | null }) {
  if (!referral.practice_id) return { choices: [], discussed: [] };
  const [choices, discussed] = await Promise.all([
    db
      .selectFrom('mdos')
      .innerJoin('mdo_participants', 'mdo_participants.mdo_id', 'mdos.id')
      .select(['mdos.id', 'mdos.starts_at'])
      .where('mdos.practice_id', '=', referral.practice_id)
      .where('mdos.status', '=', 'planned')
      .where('mdos.starts_at', '>', sql<Date>`now() - interval '1 day'`)
      .where('mdo_participants.user_id', '=', actor.userId)
      .orderBy('mdos.starts_at')
      .execute(),
    db
      .selectFrom('mdo_cases')
      .innerJoin('mdos', 'mdos.id', 'mdo_cases.mdo_id')
      .select(['mdos.id', 'mdos.starts_at', 'mdos.status'])
      .where('mdo_cases.referral_id', '=', referral.id)
      .orderBy('mdos.starts_at', 'desc')
      .execute(),
  ]);
  return { choices, discussed };
}

export interface OpenMdoAction {
  id: string;
  mdoId: string;
  practiceName: string;
  mdoStartsAt: Date;
  description: string;
  dueOn: string;
}

/** The actions of MDOs a user owns and has not finished: they stay on the start page until done. */
export async function openMdoActions(db: Database, userId: string): Promise<OpenMdoAction[]> {
  const rows = await db
    .selectFrom('mdo_actions')
    .innerJoin('mdos', 'mdos.id', 'mdo_actions.mdo_id')
    .innerJoin('organisations', 'organisations.id', 'mdos.practice_id')
    .select(['mdo_actions.id', 'mdos.id as mdo_id', 'organisations.name', 'mdos.starts_at', 'mdo_actions.description', 'mdo_actions.due_on'])
    .where('mdo_actions.owner_id', '=', userId)
    .where('mdo_actions.done_at', 'is', null)
    .orderBy('mdo_actions.due_on')
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: r.id, mdoId: r.mdo_id, practiceName: r.name, mdoStartsAt: r.starts_at, description: r.description, dueOn: r.due_on }));
}

export interface PracticeMdoSummary {
  lastHeldAt: Date | null;
  nextPlannedAt: Date | null;
  openActions: number;
}

/** Per practice: the last MDO held, the next one planned, and how many of its actions are still open (counts only). */
export async function practiceMdoSummaries(db: Executor, practiceIds: string[]): Promise<Map<string, PracticeMdoSummary>> {
  const result = new Map<string, PracticeMdoSummary>();
  if (practiceIds.length === 0) return result;
  const rows = await db
    .selectFrom('mdos')
    .select((eb) => [
      'mdos.practice_id',
      sql<Date | null>`max(mdos.held_at)`.as('last_held_at'),
      sql<Date | null>`min(mdos.starts_at) filter (where mdos.status = 'planned' and mdos.starts_at > now())`.as('next_planned_at'),
      eb
        .selectFrom('mdo_actions')
        .innerJoin('mdos as m2', 'm2.id', 'mdo_actions.mdo_id')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('m2.practice_id', '=', 'mdos.practice_id')
        .where('mdo_actions.done_at', 'is', null)
        .as('open_actions'),
    ])
    .where('mdos.practice_id', 'in', practiceIds)
    .groupBy('mdos.practice_id')
    .execute();
  for (const r of rows) {
    result.set(r.practice_id, {
      lastHeldAt: r.last_held_at ? new Date(r.last_held_at) : null,
      nextPlannedAt: r.next_planned_at ? new Date(r.next_planned_at) : null,
      openActions: Number(r.open_actions ?? 0),
    });
  }
  return result;
}
