import { sql } from 'kysely';
import type { Database } from '../src/platform/db/database.ts';
import type { FigureScope } from '../src/figures/figure-scope.ts';
import { chartSvg } from '../src/figures/chart.ts';
import { tablesOf } from '../src/figures/figure-tables.ts';
import { defaultPeriod } from '../src/figures/periods.ts';
import { readDemand, readFlow, readOutcomes, readReach, readStrain, readTerms, workingDayNumbers, type FigureId } from '../src/figures/read-figures.ts';
import type { ReferralWorld } from '../src/referrals/test-fixture.ts';
import { percentiles, type Percentiles } from './measure.ts';

/**
 * Figures at scale (issue 12): each figure of the region page over the bench's referrals (all of
 * them held by teams of one region), for the default period (the last three months: about 120,000
 * referrals at 2,000,000), as the app makes it — its statements, the suppression into tables and
 * the SVG charts — against one hand-written SQL statement that computes the same counts. The two
 * sides take turns, one request at a time per side (CONCURRENCY), in ten rounds.
 */
const TODAY = '2026-11-23';

export interface MonitoringResult {
  period: { from: string; to: string };
  referralsInPeriod: number;
  figures: Array<{ id: FigureId; app: Percentiles; raw: Percentiles }>;
}

function rawStatements(scope: Extract<FigureScope, { kind: 'region' }>, from: string, to: string): Record<FigureId, (db: Database) => Promise<unknown>> {
  const region = sql`r.team_id in (select t.id from teams t join organisations o on o.id = t.organisation_id where o.region_id = ${scope.regionId})
    and r.requested_on between ${from}::date and ${to}::date`;
  const { days, numbers } = workingDayNumbers(from, TODAY);
  return {
    demand: (db) =>
      sql`select 'bucket' k, date_trunc('month', r.requested_on)::date::text v, r.source::text s, count(*) from referrals r where ${region} group by 2, 3
          union all select 'need', n, null, count(*) from referrals r, unnest(r.needs) n where ${region} group by 2
          union all select 'urgency', coalesce(u, 'none'), null, count(*) from referrals r left join lateral unnest(r.urgency_triggers) u on true where ${region} group by 2
          union all select 'team', r.team_id::text, null, count(*) from referrals r where ${region} group by 2
          union all select 'signals', date_trunc('month', s.recorded_on)::date::text, null, count(*) from signal_records s
            where s.practice_id in (select id from organisations where kind = 'practice' and region_id = ${scope.regionId}) and s.recorded_on between ${from}::date and ${to}::date group by 2`.execute(
        db,
      ),
    flow: (db) =>
      sql`select count(*), count(*) filter (where r.status not in ('requested', 'cancelled') or r.first_contact_on is not null),
            count(*) filter (where r.status in ('accepted', 'in-progress', 'completed')), count(r.first_contact_on), count(r.first_conversation_on),
            count(*) filter (where r.status in ('completed', 'failed')), count(*) filter (where r.status = 'rejected'), count(*) filter (where r.status = 'cancelled'),
            (select count(distinct e.referral_id) from referral_events e join referrals r on r.id = e.referral_id where e.type = 'forwarded' and ${region})
          from referrals r where ${region}`.execute(db),
    terms: (db) =>
      sql`with w(d, n) as (select * from unnest(${days}::date[], ${numbers}::int[]))
          select cardinality(r.urgency_triggers) > 0, count(*), count(*) filter (where r.first_contact_on <= r.first_contact_due),
            percentile_disc(array[0.5, 0.9]) within group (order by wc.n - wr.n), percentile_disc(array[0.5, 0.9]) within group (order by wv.n - wr.n)
          from referrals r join w wr on wr.d = r.requested_on left join w wc on wc.d = r.first_contact_on left join w wv on wv.d = r.first_conversation_on
          where ${region} group by 1`.execute(db),
    outcomes: (db) =>
      sql`select r.outcome, count(*), count(*) filter (where r.already_known), count(*) filter (where r.feedback is not null and r.closed_at < r.requested_on + 57)
          from referrals r where ${region} group by 1`.execute(db),
    strain: (db) =>
      sql`select r.team_id, count(*), sum(r.strain_at_close - r.strain_at_referral) from referrals r
          where ${region} and r.strain_at_referral is not null and r.strain_at_close is not null group by 1`.execute(db),
    reach: (db) =>
      sql`select count(distinct r.practice_id), (select count(*) from organisations where kind = 'practice' and region_id = ${scope.regionId}),
            count(*) filter (where r.source = 'selfcheck')
          from referrals r where ${region}`.execute(db),
  };
}

export async function benchMonitoring(db: Database, world: ReferralWorld, options: { total: number; concurrency: number }): Promise<MonitoringResult> {
  const region = await db.selectFrom('regions').select(['id', 'name']).where('id', '=', world.regionId).executeTakeFirstOrThrow();
  const scope = { kind: 'region' as const, regionId: region.id, name: region.name };
  const period = defaultPeriod(TODAY);
  const ctx = { scope, period };
  const t = (text: { nl: string }) => text.nl;
  const charts = (tables: ReturnType<(typeof tablesOf)[FigureId]>) => tables.map((table) => chartSvg(table, t));
  const app: Record<FigureId, () => Promise<unknown>> = {
    demand: async () => charts(tablesOf.demand(ctx, await readDemand(db, scope, period, 'team'))),
    flow: async () => charts(tablesOf.flow(ctx, await readFlow(db, scope, period))),
    terms: async () => charts(tablesOf.terms(ctx, await readTerms(db, scope, period, TODAY))),
    outcomes: async () => charts(tablesOf.outcomes(ctx, await readOutcomes(db, scope, period, TODAY))),
    strain: async () => charts(tablesOf.strain(ctx, await readStrain(db, scope, period))),
    reach: async () => charts(tablesOf.reach(ctx, await readReach(db, scope, period, TODAY))),
  };
  const raw = rawStatements(scope, period.from, period.to);
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from referrals where requested_on between ${period.from}::date and ${period.to}::date`.execute(db);
  const run = async (op: () => Promise<unknown>, n: number) => {
    const samples: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next++ < n) {
          const started = performance.now();
          await op();
          samples.push(performance.now() - started);
        }
      }),
    );
    return samples;
  };
  const figures: MonitoringResult['figures'] = [];
  for (const id of Object.keys(app) as FigureId[]) {
    await run(app[id], 3);
    await run(() => raw[id](db), 3);
    const a: number[] = [];
    const r: number[] = [];
    for (let round = 0; round < 10; round++) {
      a.push(...(await run(app[id], Math.ceil(options.total / 10))));
      r.push(...(await run(() => raw[id](db), Math.ceil(options.total / 10))));
    }
    figures.push({ id, app: percentiles(a), raw: percentiles(r) });
  }
  return { period, referralsInPeriod: rows[0]?.n ?? 0, figures };
}
