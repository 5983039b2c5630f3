import type { Actor } from '../platform/context.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';
import { actorRegionId } from '../visits/visit-access.ts';

/**
 * Network events belong to a region: its practices and teams see them and sign up; the regional
 * coordinator and team coordinators organise them. Another region's event answers 404.
 */
export const eventViewerRoles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator'];
export const eventOrganiserRoles: readonly Role[] = ['team_admin', 'region_coordinator'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EventInScope {
  id: string;
  regionId: string;
}

export async function eventInScope(db: Executor, actor: Actor, eventId: string | undefined): Promise<EventInScope | null> {
  if (!eventId || !UUID.test(eventId) || !eventViewerRoles.includes(actor.role)) return null;
  const event = await db.selectFrom('network_events').select(['id', 'region_id']).where('id', '=', eventId).executeTakeFirst();
  if (!event) return null;
  return (await actorRegionId(db, actor)) === event.region_id ? { id: event.id, regionId: event.region_id } : null;
}

/** The region an organiser organises for; null for anyone else. */
export async function organiserRegion(db: Executor, actor: Actor): Promise<{ regionId: string } | null> {
  if (!eventOrganiserRoles.includes(actor.role)) return null;
  const regionId = await actorRegionId(db, actor);
  return regionId ? { regionId } : null;
}
