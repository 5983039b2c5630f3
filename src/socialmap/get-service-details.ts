import type { Database } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import type { AreaMatch } from './rank-services.ts';
import { loadServiceCards, type Audience, type ServiceCard } from './service-cards.ts';

export interface AreaLabel {
  kind: AreaMatch;
  code: string;
  /** "Almelo", "Hengelo, wijk Noord", "7601" */
  name: string;
}

export interface PastContact {
  id: string;
  name: string;
  jobTitle: string | null;
  endedAt: Date;
  replacedByName: string | null;
}

export interface ServiceDetails {
  card: ServiceCard;
  areas: AreaLabel[];
  /** Contacts who left, newest first: who used to be the contact, and who took over. */
  history: PastContact[];
}

/** One service with its areas (named) and, for professionals, the history of its contacts. */
export async function getServiceDetails(db: Database, id: string, audience: Audience): Promise<ServiceDetails> {
  const [card] = await loadServiceCards(db, [id], audience);
  if (!card) throw notFound('service');
  const areas = await db
    .selectFrom('service_areas')
    .leftJoin('organisations', (join) => join.onRef('organisations.cbs_code', '=', 'service_areas.municipality_code'))
    .leftJoin('districts', 'districts.code', 'service_areas.district_code')
    .leftJoin('organisations as district_municipality', (join) => join.onRef('district_municipality.cbs_code', '=', 'districts.municipality_code'))
    .select([
      'service_areas.municipality_code',
      'service_areas.district_code',
      'service_areas.pc4',
      'organisations.city as municipality_city',
      'organisations.name as municipality_name',
      'districts.name as district_name',
      'district_municipality.city as district_city',
    ])
    .where('service_areas.service_id', '=', id)
    .execute();
  const labels: AreaLabel[] = areas.map((a) => {
    if (a.pc4) return { kind: 'pc4', code: a.pc4, name: a.pc4 };
    if (a.district_code)
      return {
        kind: 'district',
        code: a.district_code,
        name: a.district_name ? `${a.district_city ? `${a.district_city}, ` : ''}wijk ${a.district_name}` : a.district_code,
      };
    const code = a.municipality_code ?? '';
    return { kind: 'municipality', code, name: a.municipality_city ?? a.municipality_name?.replace(/^Gemeente\s+/, '') ?? code };
  });
  const order: Record<AreaMatch, number> = { municipality: 0, district: 1, pc4: 2 };
  labels.sort((x, y) => order[x.kind] - order[y.kind] || x.name.localeCompare(y.name, 'nl'));

  const history =
    audience === 'professional'
      ? (
          await db
            .selectFrom('contacts')
            .leftJoin('contacts as successor', 'successor.id', 'contacts.replaced_by_id')
            .select(['contacts.id', 'contacts.name', 'contacts.job_title', 'contacts.ended_at', 'successor.name as successor_name'])
            .where('contacts.service_id', '=', id)
            .where('contacts.ended_at', 'is not', null)
            .orderBy('contacts.ended_at', 'desc')
            .execute()
        ).map((c) => ({ id: c.id, name: c.name, jobTitle: c.job_title, endedAt: c.ended_at!, replacedByName: c.successor_name }))
      : [];
  return { card, areas: labels, history };
}
