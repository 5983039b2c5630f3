import type { Database } from '../platform/db/database.ts';

export interface OrganisationEntries {
  services: Array<{ id: string; name: string; status: 'active' | 'inactive'; categories: string[]; last_verified_at: Date | null; contact_count: number }>;
  locations: Array<{ id: string; name: string; city: string | null; is_walk_in: boolean; last_verified_at: Date | null }>;
}

/** Everything one organisation keeps on the social map, for its editors' overview. */
export async function listOrganisationEntries(db: Database, organisationId: string): Promise<OrganisationEntries> {
  const [services, locations] = await Promise.all([
    db
      .selectFrom('services')
      .select((eb) => [
        'services.id',
        'services.name',
        'services.status',
        'services.categories',
        'services.last_verified_at',
        eb
          .selectFrom('contacts')
          .select((c) => c.fn.countAll<string>().as('n'))
          .whereRef('contacts.service_id', '=', 'services.id')
          .where('contacts.ended_at', 'is', null)
          .as('contact_count'),
      ])
      .where('services.organisation_id', '=', organisationId)
      .orderBy('services.name')
      .execute(),
    db
      .selectFrom('locations')
      .select(['id', 'name', 'city', 'is_walk_in', 'last_verified_at'])
      .where('organisation_id', '=', organisationId)
      .orderBy('name')
      .execute(),
  ]);
  return { services: services.map((s) => ({ ...s, contact_count: Number(s.contact_count ?? 0) })), locations };
}
