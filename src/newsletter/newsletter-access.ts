import type { Actor } from '../platform/context.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';
import { actorRegionId } from '../visits/visit-access.ts';

/**
 * The newsletter belongs to a region: the regional coordinator composes, edits and sends it; everyone
 * who works in the region reads the archive of sent issues. Another region's issue answers 404, and
 * so does a draft for anyone but its region's coordinator.
 */
export const newsletterReaderRoles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator'];
export const newsletterEditorRoles: readonly Role[] = ['region_coordinator'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewsletterInScope {
  id: string;
  regionId: string;
  sent: boolean;
  mayEdit: boolean;
}

export async function newsletterInScope(db: Executor, actor: Actor, id: string | undefined): Promise<NewsletterInScope | null> {
  if (!id || !UUID.test(id) || !newsletterReaderRoles.includes(actor.role)) return null;
  const row = await db.selectFrom('newsletters').select(['id', 'region_id', 'sent_at']).where('id', '=', id).executeTakeFirst();
  if (!row || (await actorRegionId(db, actor)) !== row.region_id) return null;
  const mayEdit = newsletterEditorRoles.includes(actor.role);
  if (!row.sent_at && !mayEdit) return null;
  return { id: row.id, regionId: row.region_id, sent: row.sent_at !== null, mayEdit };
}

export async function editorRegion(db: Executor, actor: Actor): Promise<{ regionId: string } | null> {
  if (!newsletterEditorRoles.includes(actor.role)) return null;
  const regionId = await actorRegionId(db, actor);
  return regionId ? { regionId } : null;
}
