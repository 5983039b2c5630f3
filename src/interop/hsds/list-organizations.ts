import type { Database } from '../../platform/db/database.ts';
import { MAP_ORGANISATION_KINDS } from './load-map.ts';
import { parsePageRequest, toPage } from './pagination.ts';
import { organizationCore } from './to-hsds.ts';
import type { HsdsOrganizationCore, HsdsPage } from './hsds-types.ts';

/** GET /organizations of the HSDS API: the one-to-one fields of every organisation on the map, paginated. */
export async function listOrganizations(
  db: Database,
  query: { page?: string | undefined; per_page?: string | undefined },
): Promise<HsdsPage<HsdsOrganizationCore>> {
  const request = parsePageRequest(query);
  const base = db.selectFrom('organisations').where('kind', 'in', [...MAP_ORGANISATION_KINDS]);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(request.perPage)
      .offset((request.page - 1) * request.perPage)
      .execute(),
  ]);
  return toPage(request, Number(total), rows.map(organizationCore));
}
