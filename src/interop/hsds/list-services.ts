import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { badRequest } from '../../platform/errors.ts';
import { isCategory } from '../../needs/categories.ts';
import { changedSince, coverageOf, parseModifiedAfter, servesArea } from './filters.ts';
import { loadMapSnapshot, MAP_ORGANISATION_KINDS } from './load-map.ts';
import { parsePageRequest, toPage } from './pagination.ts';
import { serviceCore, toHsdsServices } from './to-hsds.ts';
import type { HsdsPage, HsdsService, HsdsServiceCore } from './hsds-types.ts';

export interface ServiceListQuery {
  page?: string | undefined;
  per_page?: string | undefined;
  /** PC4 or PC6: services whose service area covers the address (its PC4, district or municipality). */
  postcode?: string | undefined;
  /** Dutch profile: with a PC6 postcode, the house number picks the exact district (CBS table). */
  house_number?: string | undefined;
  /** ISO 8601 date-time or date: only services whose data changed on or after it (incremental sync). */
  modified_after?: string | undefined;
  /** A Korte Lijn need code (src/socialmap/categories.ts). */
  category?: string | undefined;
  /** "true": fully nested services (service.json) instead of their one-to-one fields (service_list.json). */
  full?: string | undefined;
}

/**
 * GET /services of the HSDS API, filtered by postcode coverage and need, paginated. Without
 * `full` the items carry only one-to-one fields, so no contacts at all; with `full`, professional
 * contacts only for a caller with a valid token.
 */
export async function listServices(
  db: Database,
  query: ServiceListQuery,
  options: { includeProfessional: boolean },
): Promise<HsdsPage<HsdsServiceCore | HsdsService>> {
  const request = parsePageRequest(query);
  const since = parseModifiedAfter(query.modified_after);
  const area = await coverageOf(db, query);
  if (query.category !== undefined && !isCategory(query.category)) {
    throw badRequest(
      {
        nl: `category '${query.category.slice(0, 40)}' is geen bekende soort hulp van Korte Lijn.`,
        en: `category '${query.category.slice(0, 40)}' is not a known Korte Lijn kind of help.`,
      },
      'bad category',
    );
  }
  if (query.full !== undefined && query.full !== 'true' && query.full !== 'false') {
    throw badRequest({ nl: 'full moet true of false zijn.', en: 'full must be true or false.' }, 'bad full');
  }

  let base = db
    .selectFrom('services')
    .innerJoin('organisations', 'organisations.id', 'services.organisation_id')
    .where('organisations.kind', 'in', [...MAP_ORGANISATION_KINDS]);
  if (query.category !== undefined) base = base.where(sql<boolean>`services.categories @> array[${query.category}]::text[]`);
  if (area) base = base.where(servesArea(area));
  if (since) base = base.where(changedSince(since));
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    base
      .selectAll('services')
      .orderBy('services.name')
      .orderBy('services.id')
      .limit(request.perPage)
      .offset((request.page - 1) * request.perPage)
      .execute(),
  ]);
  if (query.full !== 'true') return toPage(request, Number(total), rows.map(serviceCore));
  const snapshot = await loadMapSnapshot(db, { serviceIds: rows.map((r) => r.id), includeProfessional: options.includeProfessional });
  const byId = new Map(toHsdsServices(snapshot).map((s) => [s.id, s]));
  return toPage(
    request,
    Number(total),
    rows.map((r) => byId.get(r.id)).filter((s): s is HsdsService => Boolean(s)),
  );
}
