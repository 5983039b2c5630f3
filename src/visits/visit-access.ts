import type { Actor } from '../platform/context.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';

/**
 * Whose visit calendar is whose. One calendar per practice, shared by every team of the region, so
 * colleagues (money, youth, welfare) can combine visits: team members and coordinators of any team
 * whose organisation is in the practice's region see and plan visits, as does the regional
 * coordinator; the practice manager and staff see their own practice's calendar. Anyone else: 404.
 */
export const visitViewerRoles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator'];
export const visitPlannerRoles: readonly Role[] = ['team_member', 'team_admin', 'region_coordinator'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The region the actor works in: their own (coordinator), their team organisation's, or their practice's. */
export async function actorRegionId(db: Executor, actor: Actor): Promise<string | null> {
  if (actor.role === 'region_coordinator') return actor.regionId;
  if ((actor.role === 'team_member' || actor.role === 'team_admin') && actor.teamId) {
    const row = await db
      .selectFrom('teams')
      .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
      .select('organisations.region_id')
      .where('teams.id', '=', actor.teamId)
      .executeTakeFirst();
    return row?.region_id ?? null;
  }
  if ((actor.role === 'practice_staff' || actor.role === 'practice_admin') && actor.practiceId) {
    const row = await db.selectFrom('organisations').select('region_id').where('id', '=', actor.practiceId).executeTakeFirst();
    return row?.region_id ?? null;
  }
  return null;
}

export interface PracticeInScope {
  id: string;
  name: string;
  regionId: string;
  /** May plan and record visits (team side and coordinator); the practice itself only reads. */
  mayPlan: boolean;
}

export async function practiceInScope(db: Executor, actor: Actor, practiceId: string | undefined): Promise<PracticeInScope | null> {
  if (!practiceId || !UUID.test(practiceId) || !visitViewerRoles.includes(actor.role)) return null;
  const practice = await db.selectFrom('organisations').select(['id', 'name', 'region_id', 'kind']).where('id', '=', practiceId).executeTakeFirst();
  if (!practice || practice.kind !== 'practice') return null;
  if (actor.role === 'practice_staff' || actor.role === 'practice_admin') {
    return actor.practiceId === practice.id ? { id: practice.id, name: practice.name, regionId: practice.region_id, mayPlan: false } : null;
  }
  return (await actorRegionId(db, actor)) === practice.region_id ? { id: practice.id, name: practice.name, regionId: practice.region_id, mayPlan: true } : null;
}

/** The practice of a visit, in the actor's scope; null otherwise. */
export async function visitInScope(db: Executor, actor: Actor, visitId: string | undefined): Promise<(PracticeInScope & { visitId: string }) | null> {
  if (!visitId || !UUID.test(visitId)) return null;
  const visit = await db.selectFrom('visits').select(['id', 'practice_id']).where('id', '=', visitId).executeTakeFirst();
  if (!visit) return null;
  const practice = await practiceInScope(db, actor, visit.practice_id);
  return practice ? { ...practice, visitId: visit.id } : null;
}
