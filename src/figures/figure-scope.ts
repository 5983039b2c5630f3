import type { Database } from '../platform/db/database.ts';
import type { Actor } from '../platform/context.ts';
import type { Role } from '../platform/db/schema.ts';

/**
 * Whose figures a page shows (issue 12, "Who sees what"): the regional coordinator the region and,
 * within it, each municipality, team and practice; a team coordinator their team; a practice
 * manager their practice; a policy officer their municipality, or the region when they are not
 * narrowed to one. Figures only: none of these scopes reaches a referral.
 */
export type FigureScope =
  | { kind: 'region'; regionId: string; name: string }
  | { kind: 'municipality'; regionId: string; code: string; name: string }
  | { kind: 'team'; regionId: string; teamId: string; name: string }
  | { kind: 'practice'; regionId: string; practiceId: string; name: string };

export const figureRoles: readonly Role[] = ['region_coordinator', 'policy_officer', 'team_admin', 'practice_admin'];
export const areaRoles: readonly Role[] = ['region_coordinator', 'policy_officer'];

/** The municipality a policy officer is narrowed to (null: their whole region). */
async function policyMunicipality(db: Database, actor: Actor): Promise<string | null> {
  const row = await db.selectFrom('users').select('municipality_code').where('id', '=', actor.userId).executeTakeFirst();
  return row?.municipality_code ?? null;
}

export async function regionScope(db: Database, actor: Actor, regionId: string): Promise<FigureScope | null> {
  if (!actor.regionId || actor.regionId !== regionId) return null;
  if (actor.role === 'policy_officer' && (await policyMunicipality(db, actor)) !== null) return null;
  if (actor.role !== 'region_coordinator' && actor.role !== 'policy_officer') return null;
  const region = await db.selectFrom('regions').select(['id', 'name']).where('id', '=', regionId).executeTakeFirst();
  return region ? { kind: 'region', regionId: region.id, name: region.name } : null;
}

export async function municipalityScope(db: Database, actor: Actor, code: string): Promise<FigureScope | null> {
  if (!actor.regionId || (actor.role !== 'region_coordinator' && actor.role !== 'policy_officer')) return null;
  if (actor.role === 'policy_officer') {
    const own = await policyMunicipality(db, actor);
    if (own !== null && own !== code) return null;
  }
  const org = await db
    .selectFrom('organisations')
    .select(['name', 'region_id', 'cbs_code'])
    .where('kind', '=', 'municipality')
    .where('cbs_code', '=', code)
    .where('region_id', '=', actor.regionId)
    .executeTakeFirst();
  return org?.cbs_code ? { kind: 'municipality', regionId: org.region_id, code: org.cbs_code, name: org.name } : null;
}

export async function teamScope(db: Database, actor: Actor, teamId: string): Promise<FigureScope | null> {
  const ownTeam = actor.role === 'team_admin' && actor.teamId === teamId;
  if (!ownTeam && actor.role !== 'region_coordinator') return null;
  const team = await db
    .selectFrom('teams')
    .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
    .select(['teams.id', 'teams.name', 'organisations.region_id'])
    .where('teams.id', '=', teamId)
    .executeTakeFirst();
  if (!team || (!ownTeam && team.region_id !== actor.regionId)) return null;
  return { kind: 'team', regionId: team.region_id, teamId: team.id, name: team.name };
}

export async function practiceScope(db: Database, actor: Actor, practiceId: string): Promise<FigureScope | null> {
  const ownPractice = actor.role === 'practice_admin' && actor.practiceId === practiceId;
  if (!ownPractice && actor.role !== 'region_coordinator') return null;
  const practice = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'region_id'])
    .where('id', '=', practiceId)
    .where('kind', '=', 'practice')
    .executeTakeFirst();
  if (!practice || (!ownPractice && practice.region_id !== actor.regionId)) return null;
  return { kind: 'practice', regionId: practice.region_id, practiceId: practice.id, name: practice.name };
}

/** Where "Cijfers" in the menu leads: the actor's own page. */
export async function ownFiguresPath(db: Database, actor: Actor): Promise<string | null> {
  switch (actor.role) {
    case 'region_coordinator':
      return actor.regionId ? `/cijfers/regio/${actor.regionId}` : null;
    case 'policy_officer': {
      const code = await policyMunicipality(db, actor);
      return code ? `/cijfers/gemeente/${code}` : actor.regionId ? `/cijfers/regio/${actor.regionId}` : null;
    }
    case 'team_admin':
      return actor.teamId ? `/cijfers/team/${actor.teamId}` : null;
    case 'practice_admin':
      return actor.practiceId ? `/cijfers/praktijk/${actor.practiceId}` : null;
    default:
      return null;
  }
}

/** The id a scope is known by: the region, team or practice id, or the municipality's CBS code. */
export function scopeId(scope: FigureScope): string {
  switch (scope.kind) {
    case 'region':
      return scope.regionId;
    case 'municipality':
      return scope.code;
    case 'team':
      return scope.teamId;
    case 'practice':
      return scope.practiceId;
  }
}

/** The path of a scope's page. */
export function scopePath(scope: FigureScope): string {
  switch (scope.kind) {
    case 'region':
      return `/cijfers/regio/${scope.regionId}`;
    case 'municipality':
      return `/cijfers/gemeente/${scope.code}`;
    case 'team':
      return `/cijfers/team/${scope.teamId}`;
    case 'practice':
      return `/cijfers/praktijk/${scope.practiceId}`;
  }
}

/** The pages within a region page the reader may open: every municipality, and for the coordinator every team and practice. */
export async function subScopes(db: Database, actor: Actor, scope: FigureScope): Promise<Array<{ href: string; label: string }>> {
  if (scope.kind !== 'region') return [];
  const municipalities = await db
    .selectFrom('organisations')
    .select(['cbs_code', 'name'])
    .where('kind', '=', 'municipality')
    .where('region_id', '=', scope.regionId)
    .where('cbs_code', 'is not', null)
    .orderBy('name')
    .execute();
  const out = municipalities.map((m) => ({ href: `/cijfers/gemeente/${m.cbs_code!}`, label: m.name }));
  if (actor.role !== 'region_coordinator') return out;
  const [teams, practices] = await Promise.all([
    db
      .selectFrom('teams')
      .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
      .select(['teams.id', 'teams.name'])
      .where('organisations.region_id', '=', scope.regionId)
      .orderBy('teams.name')
      .execute(),
    db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'practice').where('region_id', '=', scope.regionId).orderBy('name').execute(),
  ]);
  return [
    ...out,
    ...teams.map((t) => ({ href: `/cijfers/team/${t.id}`, label: t.name })),
    ...practices.map((p) => ({ href: `/cijfers/praktijk/${p.id}`, label: p.name })),
  ];
}
