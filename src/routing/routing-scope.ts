import { z } from 'zod';
import type { Database } from '../platform/db/database.ts';
import type { Actor } from '../platform/context.ts';

/**
 * The data scope of the routing pages (platform/http/authorize.ts): a region coordinator works
 * within their own region, an administrator in every region. Anything outside answers 404, like
 * every other tenant's resource.
 */

/** The region a coordinator is limited to; null for an administrator (every region). */
export function regionOfEditor(actor: Actor): string | null {
  return actor.role === 'region_coordinator' ? actor.regionId : null;
}

/** A municipality (CBS code) the actor may route; an unknown code is left to the form's validation. */
export async function mayRouteMunicipality(db: Database, actor: Actor, municipalityCode: unknown): Promise<boolean> {
  const region = regionOfEditor(actor);
  if (region === null || typeof municipalityCode !== 'string' || !/^GM\d{4}$/.test(municipalityCode)) return true;
  const municipality = await db.selectFrom('organisations').select('region_id').where('cbs_code', '=', municipalityCode).executeTakeFirst();
  return municipality?.region_id === region;
}

/** A routing rule the actor may remove: one of a municipality in their region. */
export async function mayEditRule(db: Database, actor: Actor, ruleId: string | undefined): Promise<boolean> {
  if (!ruleId || !z.uuid().safeParse(ruleId).success) return false;
  const region = regionOfEditor(actor);
  let q = db.selectFrom('routing_rules').select('routing_rules.id').where('routing_rules.id', '=', ruleId);
  if (region !== null) {
    q = q.innerJoin('organisations', 'organisations.cbs_code', 'routing_rules.municipality_code').where('organisations.region_id', '=', region);
  }
  return (await q.executeTakeFirst()) !== undefined;
}

/** A region whose fallback desk the actor may set: their own, or any for an administrator. */
export function mayEditRegion(actor: Actor, regionId: unknown): boolean {
  const region = regionOfEditor(actor);
  return region === null || typeof regionId !== 'string' || regionId === region;
}
