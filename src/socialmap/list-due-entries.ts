import type { Database } from '../platform/db/database.ts';
import type { EntryKind } from './entries.ts';
import { dueCutoff, freshnessOf, type Freshness } from './freshness.ts';

export interface DueEntry {
  kind: EntryKind;
  id: string;
  name: string;
  /** For a contact: the service it belongs to (where it is shown and edited). */
  serviceId: string | null;
  serviceName: string | null;
  organisationId: string;
  organisationName: string;
  lastVerifiedAt: Date | null;
  freshness: Exclude<Freshness, 'fresh'>;
}

/**
 * Entries that need checking — verified six months ago or longer, or never — of the given
 * organisations, grouped per organisation and oldest first. Inactive services and contacts who
 * have left are not chased.
 */
export async function listDueEntries(db: Database, organisationIds: readonly string[], now = new Date()): Promise<DueEntry[]> {
  if (organisationIds.length === 0) return [];
  const cutoff = dueCutoff(now);
  const [services, locations, contacts] = await Promise.all([
    db
      .selectFrom('services')
      .innerJoin('organisations', 'organisations.id', 'services.organisation_id')
      .select(['services.id', 'services.name', 'services.last_verified_at', 'organisations.id as organisation_id', 'organisations.name as organisation_name'])
      .where('services.organisation_id', 'in', organisationIds)
      .where('services.status', '=', 'active')
      .where((eb) => eb.or([eb('services.last_verified_at', 'is', null), eb('services.last_verified_at', '<=', cutoff)]))
      .execute(),
    db
      .selectFrom('locations')
      .innerJoin('organisations', 'organisations.id', 'locations.organisation_id')
      .select([
        'locations.id',
        'locations.name',
        'locations.last_verified_at',
        'organisations.id as organisation_id',
        'organisations.name as organisation_name',
      ])
      .where('locations.organisation_id', 'in', organisationIds)
      .where((eb) => eb.or([eb('locations.last_verified_at', 'is', null), eb('locations.last_verified_at', '<=', cutoff)]))
      .execute(),
    db
      .selectFrom('contacts')
      .innerJoin('organisations', 'organisations.id', 'contacts.organisation_id')
      .leftJoin('services', 'services.id', 'contacts.service_id')
      .select([
        'contacts.id',
        'contacts.name',
        'contacts.last_verified_at',
        'contacts.service_id',
        'services.name as service_name',
        'organisations.id as organisation_id',
        'organisations.name as organisation_name',
      ])
      .where('contacts.organisation_id', 'in', organisationIds)
      .where('contacts.ended_at', 'is', null)
      .where((eb) => eb.or([eb('contacts.last_verified_at', 'is', null), eb('contacts.last_verified_at', '<=', cutoff)]))
      .execute(),
  ]);
  const entry = (
    kind: EntryKind,
    r: { id: string; name: string; last_verified_at: Date | null; organisation_id: string; organisation_name: string },
    service: { id: string | null; name: string | null } = { id: null, name: null },
  ): DueEntry => ({
    kind,
    id: r.id,
    name: r.name,
    serviceId: service.id,
    serviceName: service.name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    lastVerifiedAt: r.last_verified_at,
    freshness: freshnessOf(r.last_verified_at, now) === 'stale' ? 'stale' : 'due',
  });
  const all = [
    ...services.map((s) => entry('service', s, { id: s.id, name: s.name })),
    ...locations.map((l) => entry('location', l)),
    ...contacts.map((c) => entry('contact', c, { id: c.service_id, name: c.service_name })),
  ];
  const order: Record<EntryKind, number> = { service: 0, location: 1, contact: 2 };
  return all.sort(
    (a, b) =>
      a.organisationName.localeCompare(b.organisationName, 'nl') ||
      (a.lastVerifiedAt?.getTime() ?? -Infinity) - (b.lastVerifiedAt?.getTime() ?? -Infinity) ||
      order[a.kind] - order[b.kind] ||
      a.name.localeCompare(b.name, 'nl'),
  );
}
