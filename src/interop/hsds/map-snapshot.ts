import type { Selectable } from 'kysely';
import type { Contact, Location, Organisation, Schedule, Service, ServiceAreaTable } from '../../platform/db/schema.ts';

export type ServiceArea = Selectable<ServiceAreaTable>;

/**
 * The rows of (part of) the social map, as read for one export or API answer. The mapping to HSDS
 * (to-hsds.ts) is a pure function of this.
 */
export interface MapSnapshot {
  organisations: Organisation[];
  services: Service[];
  locations: Location[];
  serviceLocations: Array<{ service_id: string; location_id: string }>;
  /** Current contacts only (not ended), already filtered to what the reader may see. */
  contacts: Contact[];
  schedules: Schedule[];
  serviceAreas: ServiceArea[];
  /** CBS code → name, to name service areas ("Gemeente Enschede", "Centrum"). */
  municipalityNames: Map<string, string>;
  districtNames: Map<string, string>;
}
