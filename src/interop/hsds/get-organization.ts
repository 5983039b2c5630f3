import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { loadMapSnapshot } from './load-map.ts';
import { toHsdsOrganizations } from './to-hsds.ts';
import type { HsdsOrganization } from './hsds-types.ts';

export const organizationNotFound = () =>
  new AppError(
    'not_found',
    404,
    { nl: 'Deze organisatie bestaat niet (meer) op de sociale kaart.', en: 'This organisation does not exist (any more) on the social map.' },
    'hsds organization not found',
  );

/** GET /organizations/{id} of the HSDS API: one organisation with its services, locations and contacts (organization.json). */
export async function getOrganization(db: Database, id: string, options: { includeProfessional: boolean }): Promise<HsdsOrganization> {
  const snapshot = await loadMapSnapshot(db, { organisationIds: [id], includeProfessional: options.includeProfessional });
  const organization = toHsdsOrganizations(snapshot)[0];
  if (!organization) throw organizationNotFound();
  return organization;
}
