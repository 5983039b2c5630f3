import type { Database } from '../platform/db/database.ts';
import type { Actor } from '../platform/context.ts';
import { actorRegionId } from '../visits/visit-access.ts';

/** The practices a team coordinator or the regional coordinator makes materials for: those of their region. */
export async function materialPractices(db: Database, actor: Actor): Promise<Array<{ id: string; name: string }>> {
  const regionId = await actorRegionId(db, actor);
  if (!regionId) return [];
  return db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'practice').where('region_id', '=', regionId).orderBy('name').execute();
}
