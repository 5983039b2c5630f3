import { sql } from 'kysely';
import type { Database } from '../src/platform/db/database.ts';
import type { FigureScope } from '../src/figures/figure-scope.ts';
import { chartSvg } from '../src/figures/chart.ts';
import { tablesOf } from '../src/figures/figure-tables.ts';
import { defaultPeriod } from '../src/figures/periods.ts';
import {
  breakdownsOf,
  LOOP_DAYS,
  readDemand,
  readDemandDirect,
  readFlow,
  readFigures,
  readFlowDirect,
  readOutcomes,
  readOutcomesDirect,
  readReach,
  readReachDirect,
  readStrain,
  readStrainDirect,
  readTerms,
  readTermsDirect,
  workingDayNumbers,
  type FigureId,
} from '../src/figures/read-figures.ts';
import { addDaysIso } from '../src/platform/dates.ts';
import { loopEndOf } from '../src/platform/db/migrations/2026_11_30_0120_referral_figure_counts.ts';
import { currentQuarter } from '../src/figures/periods.ts';
import type { ReferralWorld } from '../src/referrals/test-fixture.ts';
import { percentiles, type Percentiles } from './measure.ts';

/**
 * Figures at scale (issue 12): each figure of the region page over the bench's referrals (all of
 * them held by teams of one region), for the default period (the last three months: about 120,000
 * referrals at 2,000,000), as the app makes it — its statements, the suppression into tables and
 * the SVG charts — against one hand-written SQL statement that computes the same counts. The app
 * reads the summary table `referral_figure_counts` (migration 2026_11_30_0120), so the honest
 * hand-written comparison ("raw") is one statement over that same table; the old hand-written
 * aggregate straight from the referrals ("direct") is measured as a third column, to show what the
 * summary saves. The sides take turns, one request at a time per side (CONCURRENCY), in ten rounds.
 */
const TODAY = '2026-11-23';

export interface MonitoringResult {
  period: { from: string; to: string };
  referralsInPeriod: number;
  /** The summary table beside the referrals it counts: rows and size on disk (with indexes). */
  summary: { rows: number; mb: number; referralsMb: number };
  /** Every figure of a team's and of a practice's page (read from their own referrals), app only. */
  pages: Array<{ scope: string; app: Percentiles }>;
  figures: Array<{ id: FigureId; app: Percentiles; raw: Percentiles; direct: Percentiles }>;
}

/** One hand-written statement per figure over the summary table: what the app's statements compute, without the app around them. */
function rawStatements(scope: Extract<FigureScope, { kind: 'region' }>, from: string, to: string): Record<FigureId, (db: Database) => Promise<unknown>> {
  const f = (...measures: string[]) =>
    sql`f.scope = 'region' and f.scope_key = ${scope.regionId} and f.measure in (${sql.join(measures)}) and f.day between ${from}::date and ${to}::date`;
  const { days, numbers } = workingDayNumbers(from, addDaysIso(TODAY, 1));
  const quarter = currentQuarter(TODAY);
  const cutoff = addDaysIso(TODAY, -LOOP_DAYS);
  return {
    demand: (db) =>
      sql`select f.measure, case when f.measure = 'source' then date_trunc('month', f.day)::date::text end as bucket, f.category, sum(f.n)
          from referral_figure_counts f where ${f('source', 'need', 'urgency', 'by_team')} group by 1, 2, 3
          union all select 'signals', date_trunc('month', s.recorded_on)::date::text, null, count(*) from signal_records s
            where s.practice_id in (select id from organisations where kind = 'practice' and region_id = ${scope.regionId}) and s.recorded_on between ${from}::date and ${to}::date group by 2`.execute(
        db,
      ),
    flow: (db) =>
      sql`select f.measure, f.category, sum(f.n) from referral_figure_counts f where ${f('status', 'flow', 'reject_reason', 'close_reason')} group by 1, 2
          union all select 'forwarded', null, count(distinct e.referral_id) from referral_events e join referrals r on r.id = e.referral_id
            where e.type = 'forwarded' and r.requested_on between ${from}::date and ${to}::date
              and r.team_id in (select t.id from teams t join organisations o on o.id = t.organisation_id where o.region_id = ${scope.regionId})`.execute(db),
    terms: (db) =>
      sql`with w(d, n) as (select * from unnest(${days}::date[], ${numbers}::int[]))
          select f.measure, f.category, null::int as days, sum(f.n) from referral_figure_counts f
            where ${f('t_n', 't_contact_within', 't_conversation_within', 't_contact_done', 't_conversation_done', 't_contact_open', 't_conversation_open')} group by 1, 2
          union all select f.measure, split_part(f.category, '|', 1), wc.n - wr.n, sum(f.n) from referral_figure_counts f
            join w wr on wr.d = f.day join w wc on wc.d = split_part(f.category, '|', 2)::date where ${f('t_contact_on', 't_conversation_on')} group by 1, 2, 3
          union all select 'overdue', null, null, count(*) from referrals r
            where r.status in ('requested', 'received', 'accepted', 'in-progress') and r.first_contact_on is null and r.first_contact_due < ${TODAY}::date
              and r.team_id in (select t.id from teams t join organisations o on o.id = t.organisation_id where o.region_id = ${scope.regionId})`.execute(db),
    outcomes: (db) =>
      sql`select f.measure, f.category, sum(f.n) from referral_figure_counts f where ${f('outcome', 'known')} group by 1, 2
          union all select f.measure, f.category, sum(f.n) from referral_figure_counts f where ${f('loop_eligible', 'loop_closed')} and f.day <= ${cutoff}::date group by 1, 2`.execute(
        db,
      ),
    strain: (db) =>
      sql`select f.category, t.name, sum(f.n), sum(f.total) from referral_figure_counts f left join teams t on t.id::text = f.category
          where ${f('strain')} group by 1, 2`.execute(db),
    reach: (db) =>
      sql`select (select count(*) from (select f.category from referral_figure_counts f
                    where f.scope = 'region' and f.scope_key = ${scope.regionId} and f.measure = 'by_practice' and f.day between ${quarter.from}::date and ${quarter.to}::date
                      and f.category in (select id::text from organisations where kind = 'practice' and region_id = ${scope.regionId}) group by 1 having sum(f.n) > 0) p),
                 (select count(*) from organisations where kind = 'practice' and region_id = ${scope.regionId}),
                 (select sum(f.n) from referral_figure_counts f where ${f('source')} and f.category = 'selfcheck')`.execute(db),
  };
}

/** The hand-written aggregates straight from the referrals, as before the summary table: the third column. */
function directStatements(scope: Extract<FigureScope, { kind: 'region' }>, from: string, to: string): Record<FigureId, (db: Database) => Promise<unknown>> {
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
      sql`select r.outcome, count(*), count(*) filter (where r.already_known), count(*) filter (where r.feedback is not null and r.closed_at < ${sql.raw(loopEndOf('r.requested_on'))})
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
  const summaryOf: Record<FigureId, () => Promise<unknown>> = {
    demand: () => readDemand(db, scope, period, 'team'),
    flow: () => readFlow(db, scope, period),
    terms: () => readTerms(db, scope, period, TODAY),
    outcomes: () => readOutcomes(db, scope, period, TODAY),
    strain: () => readStrain(db, scope, period),
    reach: () => readReach(db, scope, period, TODAY),
  };
  const directOf: Record<FigureId, () => Promise<unknown>> = {
    demand: () => readDemandDirect(db, scope, period, 'team'),
    flow: () => readFlowDirect(db, scope, period),
    terms: () => readTermsDirect(db, scope, period, TODAY),
    outcomes: () => readOutcomesDirect(db, scope, period, TODAY),
    strain: () => readStrainDirect(db, scope, period),
    reach: () => readReachDirect(db, scope, period, TODAY),
  };
  const app: Record<FigureId, () => Promise<unknown>> = {
    demand: async () => charts(tablesOf.demand(ctx, await readDemand(db, scope, period, 'team'))),
    flow: async () => charts(tablesOf.flow(ctx, await readFlow(db, scope, period))),
    terms: async () => charts(tablesOf.terms(ctx, await readTerms(db, scope, period, TODAY))),
    outcomes: async () => charts(tablesOf.outcomes(ctx, await readOutcomes(db, scope, period, TODAY))),
    strain: async () => charts(tablesOf.strain(ctx, await readStrain(db, scope, period))),
    reach: async () => charts(tablesOf.reach(ctx, await readReach(db, scope, period, TODAY))),
  };
  // The summary must give the figures the referrals give, or the comparison would be meaningless.
  for (const id of Object.keys(app) as FigureId[]) {
    const [fromSummary, fromReferrals] = [await summaryOf[id](), await directOf[id]()];
    if (JSON.stringify(fromSummary) !== JSON.stringify(fromReferrals)) throw new Error(`figure ${id}: the summary and the referrals disagree`);
  }
  const raw = rawStatements(scope, period.from, period.to);
  const direct = directStatements(scope, period.from, period.to);
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
    await run(() => direct[id](db), 3);
    const a: number[] = [];
    const r: number[] = [];
    const d: number[] = [];
    for (let round = 0; round < 10; round++) {
      a.push(...(await run(app[id], Math.ceil(options.total / 10))));
      r.push(...(await run(() => raw[id](db), Math.ceil(options.total / 10))));
      d.push(...(await run(() => direct[id](db), Math.ceil(options.total / 10))));
    }
    figures.push({ id, app: percentiles(a), raw: percentiles(r), direct: percentiles(d) });
  }
  const size = await sql<{ rows: number; mb: number; referralsMb: number }>`
    select (select count(*)::int from referral_figure_counts) as rows,
           round(pg_total_relation_size('referral_figure_counts') / 1048576.0)::int as mb,
           round(pg_total_relation_size('referrals') / 1048576.0)::int as "referralsMb"`.execute(db);
  const pages: MonitoringResult['pages'] = [];
  for (const page of [
    { kind: 'team' as const, regionId: region.id, teamId: world.noord, name: 'team' },
    { kind: 'practice' as const, regionId: region.id, practiceId: world.practiceA, name: 'practice' },
  ]) {
    const all = () => readFigures(db, page, period, breakdownsOf(page)[0]!, TODAY);
    await run(all, 3);
    pages.push({ scope: page.kind, app: percentiles(await run(all, options.total)) });
  }
  return { period, referralsInPeriod: rows[0]?.n ?? 0, summary: size.rows[0]!, figures, pages };
}
