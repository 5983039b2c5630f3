import { sql } from 'kysely';
import type { Database } from '../src/platform/db/database.ts';
import { parsePostcode } from '../src/routing/postcode.ts';
import { searchAtPostcode } from '../src/socialmap/search-services.ts';
import { categories } from '../src/needs/categories.ts';
import { percentiles, rng, runConcurrent, type Percentiles } from './measure.ts';

/**
 * The staff search as the app runs it (resolve the postcode, load what routing needs, find services
 * whose area covers it, rank, load the cards with locations, contacts and hours: one statement since
 * 2026-11-30) against one hand-written SQL statement that does the same: it resolves the postcode,
 * loads the municipality's routing rules and the region's fallback desk (once, in the first row),
 * and returns the same ranked list with the same details. Same inputs, same concurrency.
 */
export interface SearchBenchResult {
  app: Percentiles;
  raw: Percentiles;
}

import { SEARCH_PAGE_SIZE } from '../src/socialmap/search-pages.tsx';

const LIMIT = SEARCH_PAGE_SIZE;

async function rawSearch(db: Database, pc4: string, need: string) {
  return sql`
    with addr as (
      select pa.municipality_code, pa.district_code, m.name as municipality, m.region_id, d.name as district_name
      from postcode_areas pa left join organisations m on m.cbs_code = pa.municipality_code left join districts d on d.code = pa.district_code
      where pa.pc4 = ${pc4}
    ),
    route as (
      select addr.municipality, addr.district_name,
        (select coalesce(json_agg(json_build_object('district', rr.district_code, 'category', rr.category, 'team', t.name)), '[]')
          from routing_rules rr join teams t on t.id = rr.team_id where rr.municipality_code = addr.municipality_code) as rules,
        (select t.name from regions g join teams t on t.id = g.fallback_team_id where g.id = addr.region_id) as desk
      from addr
    ),
    ranked as (
      select s.id, s.name, s.categories, s.last_verified_at, o.name as organisation_name,
             min(case when a.pc4 = ${pc4} then 0 when a.district_code = addr.district_code then 1 else 2 end) as area_rank,
             case when ${need} = any(s.categories) then 0 else 1 end as fit_rank
      from addr
      join service_areas a on a.pc4 = ${pc4} or a.district_code = addr.district_code or a.municipality_code = addr.municipality_code
      join services s on s.id = a.service_id and s.status = 'active'
      join organisations o on o.id = s.organisation_id
      where ${need} = any(s.categories) or s.categories && array['neighbourhood_team', 'walk_in']::text[]
      group by s.id, o.name
      order by area_rank, fit_rank, s.last_verified_at desc nulls last, s.name
      limit ${LIMIT}
    ),
    page as (
      select r.*,
      (select coalesce(json_agg(json_build_object('weekday', sc.weekday, 'opens', sc.opens_at, 'closes', sc.closes_at)), '[]') from schedules sc where sc.service_id = r.id and sc.kind = 'phone') as phone_hours,
      (select coalesce(json_agg(json_build_object('name', l.name, 'walk_in', l.is_walk_in,
          'hours', (select coalesce(json_agg(json_build_object('weekday', sc.weekday, 'opens', sc.opens_at, 'closes', sc.closes_at, 'kind', sc.kind)), '[]') from schedules sc where sc.location_id = l.id))), '[]')
        from service_locations sl join locations l on l.id = sl.location_id where sl.service_id = r.id) as locations,
      (select coalesce(json_agg(json_build_object('name', c.name, 'phone', c.phone,
          'hours', (select coalesce(json_agg(json_build_object('weekday', sc.weekday, 'opens', sc.opens_at)), '[]') from schedules sc where sc.contact_id = c.id))), '[]')
        from contacts c where c.service_id = r.id and c.ended_at is null) as contacts
      from ranked r
    )
    -- The route once, in a row of its own, then the results (as the app returns them).
    select route.*, page.* from route left join page on false
    union all
    select null, null, null, null, page.* from page
    order by area_rank nulls first, fit_rank, last_verified_at desc nulls last, name`.execute(db);
}

async function appSearch(db: Database, pc4: string, need: (typeof categories)[number]) {
  const { results } = await searchAtPostcode(db, {
    postcode: parsePostcode(pc4)!,
    need,
    text: null,
    audience: 'professional',
    limit: LIMIT,
    askingRegionId: null,
  });
  return results;
}

export async function benchSearch(db: Database, pc4s: string[], options: { total: number; concurrency: number }): Promise<SearchBenchResult> {
  const random = rng(7);
  const inputs = Array.from({ length: options.total }, () => ({
    pc4: pc4s[Math.floor(random() * pc4s.length)]!,
    need: categories[Math.floor(random() * categories.length)]!,
  }));
  // Warm up both paths (plans, caches, JIT) before measuring.
  await runConcurrent(50, options.concurrency, (i) => appSearch(db, inputs[i]!.pc4, inputs[i]!.need));
  await runConcurrent(50, options.concurrency, (i) => rawSearch(db, inputs[i]!.pc4, inputs[i]!.need));
  // Interleave in blocks so neither side profits from a quieter machine.
  const app: number[] = [];
  const raw: number[] = [];
  const block = Math.max(50, Math.floor(options.total / 4));
  for (let start = 0; start < options.total; start += block) {
    const slice = inputs.slice(start, start + block);
    app.push(...(await runConcurrent(slice.length, options.concurrency, (i) => appSearch(db, slice[i]!.pc4, slice[i]!.need))));
    raw.push(...(await runConcurrent(slice.length, options.concurrency, (i) => rawSearch(db, slice[i]!.pc4, slice[i]!.need))));
  }
  return { app: percentiles(app), raw: percentiles(raw) };
}

/** The app and the raw query must agree on the ranked ids, or the comparison means nothing. */
export async function checkSameResults(db: Database, pc4: string, need: (typeof categories)[number]): Promise<boolean> {
  const app = (await appSearch(db, pc4, need)).map((r) => r.card.id);
  // The raw statement returns one row without a service when nothing fits (the route still comes back).
  const raw = (await rawSearch(db, pc4, need)).rows.flatMap((r) => (r as { id: string | null }).id ?? []);
  return app.length === raw.length && app.every((id, i) => id === raw[i]);
}
