import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { loadMapSnapshot } from './load-map.ts';
import { toHsdsServices } from './to-hsds.ts';
import type { HsdsService } from './hsds-types.ts';

export const serviceNotFound = () =>
  new AppError(
    'not_found',
    404,
    { nl: 'Deze dienst bestaat niet (meer) op de sociale kaart.', en: 'This service does not exist (any more) on the social map.' },
    'hsds service not found',
  );

/** GET /services/{id} of the HSDS API: one fully nested service (service.json). */
export async function getService(db: Database, id: string, options: { includeProfessional: boolean }): Promise<HsdsService> {
  const snapshot = await loadMapSnapshot(db, { serviceIds: [id], includeProfessional: options.includeProfessional });
  const service = toHsdsServices(snapshot)[0];
  if (!service) throw serviceNotFound();
  return service;
}
