import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { getOrganization } from '../hsds/get-organization.ts';
import { getService } from '../hsds/get-service.ts';
import { listOrganizations } from '../hsds/list-organizations.ts';
import { listServices } from '../hsds/list-services.ts';
import type { HsdsService } from '../hsds/hsds-types.ts';
import type { FhirResource } from './fhir-types.ts';
import { healthcareServiceFromHsds, locationFromHsds, organizationFromHsds, organizationOfParty } from './social-map-to-fhir.ts';

/**
 * The social map over FHIR: the HSDS API's own queries (src/interop/hsds), mapped. Organization
 * also answers for a GP practice and a team, which a referral names as requester and owner.
 * A token is required, so professional contacts are included as on the HSDS API with a token.
 */
const notOnMap = () =>
  new AppError(
    'not_found',
    404,
    { nl: 'Dit staat niet (meer) op de sociale kaart.', en: 'This is not (or no longer) on the social map.' },
    'fhir social map resource not found',
  );

const isNotFound = (err: unknown) => err instanceof AppError && err.status === 404;

export async function readOrganization(db: Database, id: string): Promise<FhirResource> {
  try {
    return organizationFromHsds(await getOrganization(db, id, { includeProfessional: true }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const practice = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'agb_code', 'phone', 'email'])
    .where('id', '=', id)
    .where('kind', '=', 'practice')
    .executeTakeFirst();
  if (practice)
    return organizationOfParty({
      id: practice.id,
      name: practice.name,
      kind: 'practice',
      agbCode: practice.agb_code,
      phone: practice.phone,
      email: practice.email,
    });
  const team = await db.selectFrom('teams').select(['id', 'name', 'organisation_id', 'phone', 'email']).where('id', '=', id).executeTakeFirst();
  if (team) return organizationOfParty({ id: team.id, name: team.name, kind: 'team', partOf: team.organisation_id, phone: team.phone, email: team.email });
  throw notOnMap();
}

export async function searchOrganizations(db: Database, page: { page: string; per_page: string }): Promise<{ resources: FhirResource[]; total: number }> {
  const result = await listOrganizations(db, page);
  return { resources: result.contents.map(organizationFromHsds), total: result.total_items };
}

export async function readHealthcareService(db: Database, id: string): Promise<FhirResource> {
  try {
    return healthcareServiceFromHsds(await getService(db, id, { includeProfessional: true }));
  } catch (err) {
    if (isNotFound(err)) throw notOnMap();
    throw err;
  }
}

export async function searchHealthcareServices(
  db: Database,
  query: { page: string; per_page: string; postcode?: string | undefined; category?: string | undefined },
): Promise<{ resources: FhirResource[]; total: number }> {
  const result = await listServices(db, { ...query, full: 'true' }, { includeProfessional: true });
  return { resources: result.contents.map((s) => healthcareServiceFromHsds(s as HsdsService)), total: result.total_items };
}

export async function readLocation(db: Database, id: string): Promise<FhirResource> {
  const owner = await db.selectFrom('locations').select('organisation_id').where('id', '=', id).executeTakeFirst();
  if (!owner) throw notOnMap();
  try {
    const organization = await getOrganization(db, owner.organisation_id, { includeProfessional: true });
    const location = organization.locations.find((l) => l.id === id);
    if (location) return locationFromHsds(location);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  throw notOnMap();
}
