import type { Database } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { loadMapSnapshot } from './load-map.ts';
import { toHsdsOrganizations } from './to-hsds.ts';
import type { HsdsExportDocument } from './hsds-types.ts';

/** Names the Korte Lijn profile of HSDS (the document's `profile`) and where it is written down. */
export const HSDS_PROFILE = 'korte-lijn-hsds-3.0 (docs/decisions/003-hsds-mapping.md)';

/**
 * The whole social map as one HSDS 3.0 document: every municipality and social-domain
 * organisation, fully nested (organization.json). Professional contacts are included: this is for
 * administrators (CLI) and token holders with the admin or coordinator role. Audited as an export.
 */
export async function exportMap(db: Database, ctx: RequestContext, options: { now?: Date } = {}): Promise<HsdsExportDocument> {
  const snapshot = await loadMapSnapshot(db, { includeProfessional: true });
  const organizations = toHsdsOrganizations(snapshot);
  await writeAudit(db, ctx, {
    action: 'hsds.export',
    subjectType: 'social_map',
    details: {
      organisations: snapshot.organisations.length,
      services: snapshot.services.length,
      locations: snapshot.locations.length,
      contacts: snapshot.contacts.length,
      includesProfessionalContacts: true,
    },
  });
  return { version: '3.0', profile: HSDS_PROFILE, exported_at: (options.now ?? new Date()).toISOString(), organizations };
}
