import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import { categoryLabels, isCategory, type Category } from '../needs/categories.ts';
import { bestAreaMatch, GENERAL_CATEGORIES, matchesText, rankServices, type AddressArea, type AreaMatch, type AreaRow, type NeedFit } from './rank-services.ts';
import { loadServiceCards, type Audience, type ServiceCard } from './service-cards.ts';

export interface SearchInput {
  /** Where the person lives, as resolved by routing (PC4, district, municipality). */
  address: AddressArea;
  need: Category | null;
  text: string | null;
  audience: Audience;
  limit?: number;
}

export interface SearchResult {
  card: ServiceCard;
  areaMatch: AreaMatch;
  needFit: NeedFit;
}

/**
 * The active services whose service area covers the address, fitting the need and the free text,
 * best fit first (rules in rank-services.ts). Searching is not patient data and is not audited;
 * the postcode is never logged.
 */
export async function searchServices(db: Database, input: SearchInput): Promise<SearchResult[]> {
  const { address } = input;
  // One query: the active services with an area that touches the address, with those areas. Two
  // narrowings in SQL that only drop rows the ranking would drop too: a need keeps the services for
  // that need or a general entry point (needFit's rule), and the text to match against is loaded
  // only when there is free text to match.
  const withText = Boolean(input.text?.trim());
  const areaRows = await db
    .selectFrom('service_areas')
    .innerJoin('services', 'services.id', 'service_areas.service_id')
    .select([
      'service_areas.service_id',
      'service_areas.municipality_code',
      'service_areas.district_code',
      'service_areas.pc4',
      'services.name',
      'services.categories',
      'services.last_verified_at',
    ])
    .$if(withText, (q) =>
      q.innerJoin('organisations', 'organisations.id', 'services.organisation_id').select(['services.description', 'organisations.name as organisation_name']),
    )
    .$if(input.need !== null, (q) => q.where(sql<boolean>`services.categories && ${sql.val([input.need!, ...GENERAL_CATEGORIES])}::text[]`))
    .where('services.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('service_areas.pc4', '=', address.pc4),
        ...(address.districtCode ? [eb('service_areas.district_code', '=', address.districtCode)] : []),
        ...(address.municipalityCode ? [eb('service_areas.municipality_code', '=', address.municipalityCode)] : []),
      ]),
    )
    .execute();
  const areasByService = new Map<string, AreaRow[]>();
  const rowsById = new Map<string, (typeof areaRows)[number]>();
  for (const a of areaRows) {
    areasByService.set(a.service_id, [...(areasByService.get(a.service_id) ?? []), a]);
    rowsById.set(a.service_id, a);
  }
  if (areasByService.size === 0) return [];
  const rows = [...rowsById.values()].map((r) => ({ ...r, id: r.service_id }));

  const candidates = rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      categories: r.categories,
      lastVerifiedAt: r.last_verified_at,
      areaMatch: bestAreaMatch(areasByService.get(r.id) ?? [], address),
      haystack: [r.name, r.description, r.organisation_name, ...r.categories.filter(isCategory).flatMap((c) => [categoryLabels[c].nl, categoryLabels[c].en])],
    }))
    .filter((c): c is typeof c & { areaMatch: AreaMatch } => c.areaMatch !== null && matchesText(c.haystack, input.text));

  const ranked = rankServices(candidates, input.need).slice(0, input.limit ?? 50);
  const cards = new Map(
    (
      await loadServiceCards(
        db,
        ranked.map((r) => r.id),
        input.audience,
      )
    ).map((c) => [c.id, c]),
  );
  return ranked.flatMap((r) => {
    const card = cards.get(r.id);
    return card ? [{ card, areaMatch: r.areaMatch, needFit: r.needFit }] : [];
  });
}
