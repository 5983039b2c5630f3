import type { Actor } from '../platform/context.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Agreement, Role } from '../platform/db/schema.ts';
import { actorRegionId } from '../visits/visit-access.ts';

/**
 * Who reaches which agreement (docs/product.md, roles): the practice manager those of their own
 * practice, the team coordinator those of their own team, the regional coordinator every agreement
 * of a practice in their region. Drafting is for the team coordinator (their own team, with a
 * practice of the team's region) and the regional coordinator (practice and team both in the
 * region); confirming is for the practice manager. Anyone else: nothing (404 at the route).
 */
export const agreementRoles: readonly Role[] = ['practice_admin', 'team_admin', 'region_coordinator'];
export const drafterRoles: readonly Role[] = ['team_admin', 'region_coordinator'];

export type AgreementAccess = 'practice' | 'team' | 'region';

export interface FoundAgreement {
  access: AgreementAccess;
  agreement: Agreement;
  practiceName: string;
  teamName: string;
  teamOrganisationName: string;
  regionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The agreement and how the actor reaches it, in one statement; null for anyone else or a malformed id. */
export async function findAgreement(db: Executor, actor: Actor, agreementId: string | undefined): Promise<FoundAgreement | null> {
  if (!isUuid(agreementId) || !agreementRoles.includes(actor.role)) return null;
  const row = await db
    .selectFrom('agreements')
    .innerJoin('organisations as practice', 'practice.id', 'agreements.practice_id')
    .innerJoin('teams', 'teams.id', 'agreements.team_id')
    .innerJoin('organisations as team_org', 'team_org.id', 'teams.organisation_id')
    .selectAll('agreements')
    .select(['practice.name as practice_name', 'practice.region_id', 'teams.name as team_name', 'team_org.name as team_organisation_name'])
    .where('agreements.id', '=', agreementId)
    .executeTakeFirst();
  if (!row) return null;
  const { practice_name, region_id, team_name, team_organisation_name, ...agreement } = row;
  const access = accessOf(actor, { practiceId: agreement.practice_id, teamId: agreement.team_id, regionId: region_id });
  return access
    ? { access, agreement, practiceName: practice_name, teamName: team_name, teamOrganisationName: team_organisation_name, regionId: region_id }
    : null;
}

function accessOf(actor: Actor, pair: { practiceId: string; teamId: string; regionId: string }): AgreementAccess | null {
  if (actor.role === 'practice_admin') return actor.practiceId === pair.practiceId ? 'practice' : null;
  if (actor.role === 'team_admin') return actor.teamId === pair.teamId ? 'team' : null;
  if (actor.role === 'region_coordinator') return actor.regionId === pair.regionId ? 'region' : null;
  return null;
}

export interface DraftablePair {
  practiceId: string;
  practiceName: string;
  teamId: string;
  teamName: string;
}

/**
 * May the actor draft an agreement between this practice and this team? The team coordinator
 * only for their own team and a practice of the region their team's organisation belongs to; the
 * regional coordinator for a practice and a team both in their region.
 */
export async function draftablePair(db: Executor, actor: Actor, practiceId: unknown, teamId: unknown): Promise<DraftablePair | null> {
  if (!drafterRoles.includes(actor.role) || !isUuid(practiceId) || !isUuid(teamId)) return null;
  if (actor.role === 'team_admin' && actor.teamId !== teamId) return null;
  const row = await db
    .selectFrom('organisations as practice')
    .innerJoin('teams', (join) => join.on('teams.id', '=', teamId))
    .innerJoin('organisations as team_org', 'team_org.id', 'teams.organisation_id')
    .select([
      'practice.id as practice_id',
      'practice.name as practice_name',
      'practice.region_id',
      'teams.id as team_id',
      'teams.name as team_name',
      'team_org.region_id as team_region_id',
    ])
    .where('practice.id', '=', practiceId)
    .where('practice.kind', '=', 'practice')
    .executeTakeFirst();
  if (!row || row.region_id !== row.team_region_id) return null;
  if (actor.role === 'region_coordinator' && actor.regionId !== row.region_id) return null;
  return { practiceId: row.practice_id, practiceName: row.practice_name, teamId: row.team_id, teamName: row.team_name };
}

/** The region the drafting actor works in: the coordinator's own, or that of the team coordinator's organisation. */
export async function drafterRegionId(db: Executor, actor: Actor): Promise<string | null> {
  return drafterRoles.includes(actor.role) ? actorRegionId(db, actor) : null;
}
