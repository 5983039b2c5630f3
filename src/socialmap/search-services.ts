import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Category } from '../needs/categories.ts';
import { needsForWord, searchWordsOf } from '../needs/everyday-words.ts';
import { AREA_MATCHES, GENERAL_CATEGORIES, type AddressArea, type AreaMatch, type NeedFit } from './rank-services.ts';
import {
  cardColumns,
  cardJoins,
  cardServiceColumns,
  instant,
  resultCardColumns,
  resultCardJoins,
  resultCardServiceColumns,
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

/** A row as JSON gives it back: its timestamps as text. */
type JsonRow<Row> = Omit<Row, 'last_verified_at' | 'capacity_confirmed_at'> & { last_verified_at: string | null; capacity_confirmed_at: string | null };

function fromJson<Row extends { last_verified_at: Date | null; capacity_confirmed_at: Date | null }>(row: JsonRow<Row>): Row {
  return { ...row, last_verified_at: instant(row.last_verified_at), capacity_confirmed_at: instant(row.capacity_confirmed_at) } as Row;
}

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
  const area: AreaSource = {
    from: sql``,
    pc4: sql`${address.pc4}`,
    districtCode: sql`${address.districtCode}`,
    municipalityCode: sql`${address.municipalityCode}`,
  };
  const card = { services: cardServiceColumns, columns: cardColumns(input.audience), joins: cardJoins };
  const { rows } = await sql<CardRow & Ranks>`with ${rankedPage(input, area, card)} select * from page order by ${pageOrder}`.execute(db);
  return rows.map((row) => toResult(row, toServiceCard));
}

/**
 * Where the area columns of the ranking come from: values, or the resolved address of the same
 * statement, joined in once (`from`) rather than read by a subquery per column.
 */
interface AreaSource {
  /** What `service_areas a` is joined to, with its join word, or nothing for values. */
  from: RawBuilder<unknown>;
  pc4: RawBuilder<unknown>;
  districtCode: RawBuilder<unknown>;
  municipalityCode: RawBuilder<unknown>;
}

/** The order of a page of results, over the columns of the `page` CTE (rank-services.ts). */
const pageOrder = sql`page.area_rank, page.fit_rank, page.text_rank desc, page.last_verified_at desc nulls last, page.name, page.id`;

/** The CTEs of a search, ending in `page`: the services by area, ranked and cut to a page, then their cards. */
function rankedPage(
  input: Omit<SearchInput, 'address'>,
  area: AreaSource,
  card: { services: RawBuilder<unknown>; columns: RawBuilder<unknown>; joins: RawBuilder<unknown> },
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
  // One level for the area match and the ranking, grouped by the service: its columns come along
  // (grouped by its primary key), so the page does not join services again.
  return sql`ranked as (
      select ${card.services},
             min(case when a.pc4 = ${area.pc4} then 0 when a.district_code = ${area.districtCode} then 1 else 2 end) as area_rank,
             case when ${input.need}::text is null or ${input.need} = any(s.categories) then 0 else 1 end as fit_rank,
             ${textRank} as text_rank
      from ${area.from} service_areas a
      join services s on s.id = a.service_id
      ${words.length > 0 ? sql`join organisations o on o.id = s.organisation_id` : sql``}
      where (a.pc4 = ${area.pc4} or a.district_code = ${area.districtCode} or a.municipality_code = ${area.municipalityCode})
        and s.status = 'active' ${needFilter} ${wordFilter}
      group by s.id
      order by area_rank, fit_rank, text_rank desc, s.last_verified_at desc nulls last, s.name, s.id
      limit ${input.limit ?? 50}
    ),
    page as (
      select s.area_rank, s.fit_rank, s.text_rank, ${card.columns}
      from ranked s
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

/** The route the statement returns once: the address and what routing needs. */
interface RouteJson {
  municipality_code: string | null;
  district_code: string | null;
  municipality: string | null;
  municipality_city: string | null;
  district_name: string | null;
  region_id: string | null;
  rules: Array<{ municipality_code: string; district_code: string | null; category: string | null; team_id: string; team_name: string }>;
  desks: Array<{ region_id: string; team_id: string; team_name: string }>;
}

/**
 * The staff search for a postcode in ONE statement (issue #11 §4, one round trip per search): it
 * resolves the postcode as resolveAddress does without a house number (the PC6 when letters are
 * given and the CBS addresses are loaded, else the PC4), loads what routing needs (the routing
 * rules of the municipality and the fallback desks of the resident's and the asker's region) and
 * the ranked page of results with their cards. The route is decided by the same pure rule as
 * routeAddress (decide-route.ts), so the page shows the team a referral would go to without
 * resolving the postcode again.
 *
 * It answers one row of two JSON values: the route, once (joined to every result row it was built,
 * sent and parsed up to 50 times), and the ranked results. As one JSON value the results cost the
 * Node process one JSON.parse instead of parsing some 20 columns of 50 rows one by one, which at
 * ten searches at once was most of the app's time beyond the hand-written statement (README,
 * "Performance"). An unknown postcode comes back as a route without an address and no results.
 */
export async function searchAtPostcode(db: Database, input: PostcodeSearchInput): Promise<PostcodeSearch> {
  // The resolved address is joined to the service areas once; without it (unknown postcode) no area matches.
  const area: AreaSource = {
    from: sql`address ad cross join`,
    pc4: sql`${input.postcode.pc4}::text`,
    districtCode: sql`ad.district_code`,
    municipalityCode: sql`ad.municipality_code`,
  };
  const card = { services: resultCardServiceColumns, columns: resultCardColumns(input.audience), joins: resultCardJoins };
  const { rows } = await sql<{ route: RouteJson; results: Array<JsonRow<ResultCardRow> & Ranks> }>`
    with address as (
      select f.municipality_code, f.district_code, m.name as municipality, m.city as municipality_city, m.region_id, d.name as district_name
      from (
        (select municipality_code, district_code, 0 as preference from postcode_addresses where pc6 = ${input.postcode.pc6} limit 1)
        union all
        (select municipality_code, district_code, 1 as preference from postcode_areas where pc4 = ${input.postcode.pc4})
        order by preference
        limit 1
      ) f
      left join organisations m on m.cbs_code = f.municipality_code
      left join districts d on d.code = f.district_code
    ),
    ${rankedPage(input, area, card)}
    -- One row, also for an unknown postcode (no address): the route and the results.
    select json_build_object(
             'municipality_code', a.municipality_code, 'district_code', a.district_code, 'municipality', a.municipality,
             'municipality_city', a.municipality_city, 'district_name', a.district_name, 'region_id', a.region_id,
             'rules', (select coalesce(json_agg(json_build_object('municipality_code', rr.municipality_code, 'district_code', rr.district_code,
                 'category', rr.category, 'team_id', t.id, 'team_name', t.name)), '[]')
               from routing_rules rr join teams t on t.id = rr.team_id where rr.municipality_code = a.municipality_code),
             'desks', (select coalesce(json_agg(json_build_object('region_id', g.id, 'team_id', t.id, 'team_name', t.name)), '[]')
               from regions g join teams t on t.id = g.fallback_team_id
               where g.id = a.region_id or g.id = ${input.askingRegionId}::uuid)
           ) as route,
           (select coalesce(json_agg(page order by ${pageOrder}), '[]') from page) as results
    from (select) one left join address a on true`.execute(db);
  const route = rows[0]!.route!;
  const address: AddressFacts = {
    pc4: input.postcode.pc4,
    municipalityCode: route.municipality_code,
    municipalityName: route.municipality ? (route.municipality_city ?? route.municipality.replace(/^Gemeente\s+/, '')) : null,
    districtCode: route.district_code,
    districtName: route.district_name,
    regionId: route.region_id,
  };
  const rules: RuleRow[] = route.rules.map((r) => ({
    municipalityCode: r.municipality_code,
    districtCode: r.district_code,
    category: r.category,
    teamId: r.team_id,
    teamName: r.team_name,
  }));
  const byRegion = new Map(route.desks.map((d): [string, FallbackTeam] => [d.region_id, { teamId: d.team_id, teamName: d.team_name }]));
  const decision = decideRoute(address, input.need, rules, { byRegion, askingRegionId: input.askingRegionId });
  const results = rows[0]!.results.map((row) => toResult(row, (r) => toResultCard(fromJson(r))));
  return { route: { postcode: input.postcode, decision, explanation: explainRoute(decision, input.postcode.display) }, results };
}
