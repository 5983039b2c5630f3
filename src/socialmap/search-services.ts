import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Category } from '../needs/categories.ts';
import { needsForWord, searchWordsOf } from '../needs/everyday-words.ts';
import { AREA_MATCHES, GENERAL_CATEGORIES, type AddressArea, type AreaMatch, type NeedFit } from './rank-services.ts';
import { cardColumns, cardJoins, toServiceCard, type Audience, type CardRow, type ServiceCard } from './service-cards.ts';

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

type ResultRow = CardRow & { area_rank: number; fit_rank: number };

/**
 * The active services whose service area covers the address, fitting the need and the free text,
 * best fit first (the order is set out in rank-services.ts), with their cards: one statement.
 * Searching is not patient data and is not audited; the postcode is never logged.
 */
export async function searchServices(db: Database, input: SearchInput): Promise<SearchResult[]> {
  const { rows } = await searchStatement(input).execute(db);
  return rows.map((row) => ({
    card: toServiceCard(row),
    areaMatch: AREA_MATCHES[row.area_rank]!,
    needFit: row.fit_rank === 0 ? 'exact' : 'general',
  }));
}

/** The one statement of a search: candidates by area, ranked and cut to a page, then their cards. */
function searchStatement(input: SearchInput): RawBuilder<ResultRow> {
  const { address } = input;
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
  return sql<ResultRow>`
    with candidates as (
      select a.service_id as id,
             min(case when a.pc4 = ${address.pc4} then 0 when a.district_code = ${address.districtCode} then 1 else 2 end) as area_rank
      from service_areas a
      where a.pc4 = ${address.pc4} or a.district_code = ${address.districtCode} or a.municipality_code = ${address.municipalityCode}
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
    )
    select r.area_rank, r.fit_rank, ${cardColumns(input.audience)}
    from ranked r
    join services s on s.id = r.id
    ${cardJoins}
    order by r.area_rank, r.fit_rank, r.text_rank desc, s.last_verified_at desc nulls last, s.name, s.id`;
}
