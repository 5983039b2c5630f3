import type { Actor } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';

/**
 * Who may change which part of the social map. A team coordinator keeps their own organisation's
 * entries up to date (the organisation of their team); a regional coordinator those of every
 * organisation in their region; the functional administrator all. GP practices own no entries.
 * Used as the `scope` of `authorize` (a resource of another organisation answers 404).
 */
export const editorRoles: readonly Role[] = ['team_admin', 'region_coordinator', 'admin'];

export const searchRoles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator', 'admin'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EditableOrganisation {
  id: string;
  name: string;
  region_id: string;
}

/** The organisations whose entries the actor may edit, by name. */
export async function editableOrganisations(db: Database, actor: Actor): Promise<EditableOrganisation[]> {
  let q = db
    .selectFrom('organisations')
    .select(['organisations.id', 'organisations.name', 'organisations.region_id'])
    .where('organisations.kind', '!=', 'practice')
    .orderBy('organisations.name');
  switch (actor.role) {
    case 'admin':
      break;
    case 'region_coordinator':
      if (!actor.regionId) return [];
      q = q.where('organisations.region_id', '=', actor.regionId);
      break;
    case 'team_admin':
      if (!actor.teamId) return [];
      q = q.where('organisations.id', 'in', db.selectFrom('teams').select('teams.organisation_id').where('teams.id', '=', actor.teamId));
      break;
    default:
      return [];
  }
  return q.execute();
}

export async function mayEditOrganisation(db: Database, actor: Actor, organisationId: string | null | undefined): Promise<boolean> {
  if (!organisationId || !UUID.test(organisationId) || !editorRoles.includes(actor.role)) return false;
  const org = await db.selectFrom('organisations').select(['id', 'kind', 'region_id']).where('id', '=', organisationId).executeTakeFirst();
  if (!org || org.kind === 'practice') return false;
  switch (actor.role) {
    case 'admin':
      return true;
    case 'region_coordinator':
      return actor.regionId !== null && org.region_id === actor.regionId;
    case 'team_admin': {
      if (!actor.teamId) return false;
      const team = await db.selectFrom('teams').select('organisation_id').where('id', '=', actor.teamId).executeTakeFirst();
      return team?.organisation_id === org.id;
    }
    default:
      return false;
  }
}

async function organisationOf(db: Database, table: 'services' | 'locations' | 'contacts', id: string | undefined): Promise<string | null> {
  if (!id || !UUID.test(id)) return null;
  const row = await db.selectFrom(table).select('organisation_id').where('id', '=', id).executeTakeFirst();
  return row?.organisation_id ?? null;
}

export async function mayEditService(db: Database, actor: Actor, serviceId: string | undefined): Promise<boolean> {
  return mayEditOrganisation(db, actor, await organisationOf(db, 'services', serviceId));
}

export async function mayEditLocation(db: Database, actor: Actor, locationId: string | undefined): Promise<boolean> {
  return mayEditOrganisation(db, actor, await organisationOf(db, 'locations', locationId));
}

export async function mayEditContact(db: Database, actor: Actor, contactId: string | undefined): Promise<boolean> {
  return mayEditOrganisation(db, actor, await organisationOf(db, 'contacts', contactId));
}

/** The region the actor works in: their practice's, their team's organisation's, or their own. Admins have none. */
export async function regionOfActor(db: Database, actor: Actor): Promise<string | null> {
  if (actor.regionId) return actor.regionId;
  if (actor.practiceId) {
    return (await db.selectFrom('organisations').select('region_id').where('id', '=', actor.practiceId).executeTakeFirst())?.region_id ?? null;
  }
  if (actor.teamId) {
    const row = await db
      .selectFrom('teams')
      .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
      .select('organisations.region_id')
      .where('teams.id', '=', actor.teamId)
      .executeTakeFirst();
    return row?.region_id ?? null;
  }
  return null;
}
