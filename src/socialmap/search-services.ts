import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Category } from '../needs/categories.ts';
import { needsForWord, searchWordsOf } from '../needs/everyday-words.ts';
import { AREA_MATCHES, GENERAL_CATEGORIES, type AddressArea, type AreaMatch, type NeedFit } from './rank-services.ts';
import {
  cardColumns,
  cardJoins,
  resultCardColumns,
  resultCardJoins,
  toResultCard,
  toServiceCard,
  type Audience,
  type CardRow,
  type ResultCard,
  type ResultCardRow,
  type ServiceCard,
} from './service-cards.ts';
import { decideRoute, explainRoute, type AddressFacts, type FallbackTeam, type RuleRow } from '../routing/decide-route.ts';
import type { Postcode } from '../routing/postcode.ts';
import type { Route } from '../routing/route-referral.ts';

export interface SearchInput {
  /** Where the person lives, as resolved by routing (PC4, district, municipality). */
  address: AddressArea;
  need: Category | null;
  text: string | null;
  audience: Audience;
  limit?: number;
}

/** A result with the whole card (residents' page, self-check, materials) or with what a staff result shows. */
export interface SearchResult<Card = ServiceCard> {
  card: Card;
  areaMatch: AreaMatch;
  needFit: NeedFit;
}

/** More words than this add nothing to a search for help; the rest are left out. */
const MAX_WORDS = 8;

/**
 * One word of the search text must match a service in one of three ways:
 *   - Dutch full-text search over name, description and organisation name (PostgreSQL's `dutch`
 *     Snowball configuration, also in PGlite): "schulden" finds "schuld", and a word is taken as
 *     the start of one ("deurw" finds "deurwaarder"). The unstemmed word is tried as a start too,
 *     because the stemmer shortens some words past the compounds they begin ("huur" → "hur");
 *   - as part of a word: Dutch glues words together ("hulp" in "Schuldhulp"), and the `dutch`
 *     configuration has no compound splitting;
 *   - through the everyday words (src/needs/everyday-words.ts): "huurachterstand" or "DUO" finds
 *     the services for the needs they point to, and a need's own name finds its services.
 * A Dutch stop word ("bij", "de") without an everyday meaning is left out of the search.
 */
function wordMatches(word: string): RawBuilder<boolean> {
  const prefix = `${word}:*`;
  const needs = needsForWord(word);
  return sql<boolean>`(
    (numnode(to_tsquery('dutch', ${word})) = 0 and ${needs.length === 0})
    or (s.search_vector || to_tsvector('dutch', o.name)) @@ (to_tsquery('dutch', ${prefix}) || to_tsquery('simple', ${prefix}))
    or strpos(translate(lower(s.name || ' ' || s.description || ' ' || o.name), 'áàäâéèëêíìïîóòöôúùüûç', 'aaaaeeeeiiiioooouuuuc'), ${word}) > 0
    or s.categories && ${sql.val([...needs])}::text[]
  )`;
}

type Ranks = { area_rank: number; fit_rank: number };

const toResult = <Row extends Ranks, Card>(row: Row, toCard: (row: Row) => Card): SearchResult<Card> => ({
  card: toCard(row),
  areaMatch: AREA_MATCHES[row.area_rank]!,
  needFit: row.fit_rank === 0 ? 'exact' : 'general',
});

/**
 * The active services whose service area covers the address, fitting the need and the free text,
 * best fit first (the order is set out in rank-services.ts), with their cards: one statement.
 * Searching is not patient data and is not audited; the postcode is never logged.
 */
export async function searchServices(db: Database, input: SearchInput): Promise<SearchResult[]> {
  const { address } = input;
  const area = { pc4: sql`${address.pc4}`, districtCode: sql`${address.districtCode}`, municipalityCode: sql`${address.municipalityCode}` };
  const card = { columns: cardColumns(input.audience), joins: cardJoins };
  const { rows } = await sql<CardRow & Ranks>`with ${rankedPage(input, area, card)} select * from page order by ${pageOrder}`.execute(db);
  return rows.map((row) => toResult(row, toServiceCard));
}

/** Where the area columns of the ranking come from: values, or the resolved address of the same statement. */
interface AreaSource {
  pc4: RawBuilder<unknown>;
  districtCode: RawBuilder<unknown>;
  municipalityCode: RawBuilder<unknown>;
}

/** The order of a page of results, over the columns of the `page` CTE (rank-services.ts). */
const pageOrder = sql`page.area_rank, page.fit_rank, page.text_rank desc, page.last_verified_at desc nulls last, page.name, page.id`;

/** The CTEs of a search, ending in `page`: candidates by area, ranked and cut to a page, then their cards. */
function rankedPage(
  input: Omit<SearchInput, 'address'>,
  area: AreaSource,
  card: { columns: RawBuilder<unknown>; joins: RawBuilder<unknown> },
): RawBuilder<unknown> {
  const words = [...new Set(searchWordsOf(input.text))].slice(0, MAX_WORDS);
  // Rank by how well the words match as text (weights: name A, description B), stemmed or not.
  const ranking =
    words.length > 0
      ? sql.join(
          words.map((w) => sql`to_tsquery('dutch', ${`${w}:*`}) || to_tsquery('simple', ${`${w}:*`})`),
          sql` || `,
        )
      : null;
  // A need keeps the services for that need and the general entry points (wijkteam, inloop).
  const needFilter = input.need === null ? sql`` : sql`and s.categories && ${sql.val([input.need, ...GENERAL_CATEGORIES])}::text[]`;
  const wordFilter = words.length > 0 ? sql`and ${sql.join(words.map(wordMatches), sql` and `)}` : sql``;
  const textRank = ranking ? sql`ts_rank(s.search_vector, ${ranking})` : sql`0::real`;
  return sql`candidates as (
      select a.service_id as id,
             min(case when a.pc4 = ${area.pc4} then 0 when a.district_code = ${area.districtCode} then 1 else 2 end) as area_rank
      from service_areas a
      where a.pc4 = ${area.pc4} or a.district_code = ${area.districtCode} or a.municipality_code = ${area.municipalityCode}
      group by a.service_id
    ),
    ranked as (
      select c.id, c.area_rank,
             case when ${input.need}::text is null or ${input.need} = any(s.categories) then 0 else 1 end as fit_rank,
             ${textRank} as text_rank
      from candidates c
      join services s on s.id = c.id
      ${words.length > 0 ? sql`join organisations o on o.id = s.organisation_id` : sql``}
      where s.status = 'active' ${needFilter} ${wordFilter}
      order by area_rank, fit_rank, text_rank desc, s.last_verified_at desc nulls last, s.name, s.id
      limit ${input.limit ?? 50}
    ),
    page as (
      select r.area_rank, r.fit_rank, r.text_rank, ${card.columns}
      from ranked r
      join services s on s.id = r.id
      ${card.joins}
    )`;
}

export interface PostcodeSearchInput extends Omit<SearchInput, 'address'> {
  postcode: Postcode;
  /** The region of whoever searches (their desk serves an address no region covers); null for none. */
  askingRegionId: string | null;
}

export interface PostcodeSearch {
  /** Where the address routes a referral for the need, as routeAddress decides it. */
  route: Route;
  results: SearchResult<ResultCard>[];
}

type RouteColumns = {
  address_municipality_code: string | null;
  address_district_code: string | null;
  address_municipality: string | null;
  address_municipality_city: string | null;
  address_district_name: string | null;
  address_region_id: string | null;
  rules: Array<{ municipality_code: string; district_code: string | null; category: string | null; team_id: string; team_name: string }>;
  desks: Array<{ region_id: string; team_id: string; team_name: string }>;
};

/**
 * The staff search for a postcode in ONE statement (issue #11 §4, one round trip per search): it
 * resolves the postcode as resolveAddress does without a house number (the PC6 when letters are
 * given and the CBS addresses are loaded, else the PC4), loads what routing needs (the routing
 * rules of the municipality and the fallback desks of the resident's and the asker's region) and
 * the ranked page of results with their cards. The route is decided by the same pure rule as
 * routeAddress (decide-route.ts), so the page shows the team a referral would go to without
 * resolving the postcode again. The statement always returns a row: an unknown postcode comes
 * back as one row without an address and without results.
 */
export async function searchAtPostcode(db: Database, input: PostcodeSearchInput): Promise<PostcodeSearch> {
  const area: AreaSource = {
    pc4: sql`(select pc4 from address)`,
    districtCode: sql`(select district_code from address)`,
    municipalityCode: sql`(select municipality_code from address)`,
  };
  const card = { columns: resultCardColumns(input.audience), joins: resultCardJoins };
  const { rows } = await sql<RouteColumns & ((ResultCardRow & Ranks) | { [K in keyof (ResultCardRow & Ranks)]: null })>`
    with found as (
      select municipality_code, district_code from (
        (select municipality_code, district_code, 0 as preference from postcode_addresses where pc6 = ${input.postcode.pc6} limit 1)
        union all
        (select municipality_code, district_code, 1 as preference from postcode_areas where pc4 = ${input.postcode.pc4})
      ) f
      order by preference
      limit 1
    ),
    address as (
      select ${input.postcode.pc4}::text as pc4, f.municipality_code, f.district_code,
             m.name as municipality, m.city as municipality_city, m.region_id, d.name as district_name
      from found f
      left join organisations m on m.cbs_code = f.municipality_code
      left join districts d on d.code = f.district_code
    ),
    -- Materialised: the rules and desks are loaded once, not again for every result row of the join below.
    route as materialized (
      select a.municipality_code as address_municipality_code, a.district_code as address_district_code,
             a.municipality as address_municipality, a.municipality_city as address_municipality_city,
             a.district_name as address_district_name, a.region_id as address_region_id,
             (select coalesce(json_agg(json_build_object('municipality_code', rr.municipality_code, 'district_code', rr.district_code,
                 'category', rr.category, 'team_id', t.id, 'team_name', t.name)), '[]')
              from routing_rules rr join teams t on t.id = rr.team_id where rr.municipality_code = a.municipality_code) as rules,
             (select coalesce(json_agg(json_build_object('region_id', g.id, 'team_id', t.id, 'team_name', t.name)), '[]')
              from regions g join teams t on t.id = g.fallback_team_id
              where g.id = a.region_id or g.id = ${input.askingRegionId}::uuid) as desks
      from (select) one
      left join address a on true
    ),
    ${rankedPage(input, area, card)}
    select route.*, page.* from route left join page on true
    order by ${pageOrder}`.execute(db);
  const first = rows[0]!;
  const address: AddressFacts = {
    pc4: input.postcode.pc4,
    municipalityCode: first.address_municipality_code,
    municipalityName: first.address_municipality ? (first.address_municipality_city ?? first.address_municipality.replace(/^Gemeente\s+/, '')) : null,
    districtCode: first.address_district_code,
    districtName: first.address_district_name,
    regionId: first.address_region_id,
  };
  const rules: RuleRow[] = first.rules.map((r) => ({
    municipalityCode: r.municipality_code,
    districtCode: r.district_code,
    category: r.category,
    teamId: r.team_id,
    teamName: r.team_name,
  }));
  const byRegion = new Map(first.desks.map((d): [string, FallbackTeam] => [d.region_id, { teamId: d.team_id, teamName: d.team_name }]));
  const decision = decideRoute(address, input.need, rules, { byRegion, askingRegionId: input.askingRegionId });
  const results = rows.flatMap((row) => (row.id === null ? [] : [toResult(row as ResultCardRow & Ranks, toResultCard)]));
  return { route: { postcode: input.postcode, decision, explanation: explainRoute(decision, input.postcode.display) }, results };
}
