import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import { addDaysIso } from '../platform/dates.ts';
import { isWorkingDay } from '../referrals/due-dates.ts';
import { scopeId, type FigureScope } from './figure-scope.ts';
import { currentQuarter, type Granularity, type Period } from './periods.ts';
import { LOOP_DAYS, loopEndOf } from '../platform/db/migrations/2026_11_30_0120_referral_figure_counts.ts';

/** Feedback within 8 weeks closes the loop; the summary's trigger freezes the number, so it lives with it. */
export { LOOP_DAYS };

/**
 * The figures of one scope and period, as counts straight from the database (issue 12). Nothing
 * here is shown as it is: figure-tables.ts suppresses small counts before any screen, chart or CSV
 * sees them. Only aggregates leave these queries: no row, name, free text or date of a referral.
 *
 * The referral counts come from the summary table `referral_figure_counts` (migration
 * 2026_11_30_0120, docs/decisions/005): per request day and scope, one row per measure and category,
 * kept by triggers in the same transaction as every change to a referral. A quarter is then some
 * 90 days × a few hundred rows instead of some 112,000 referrals at 2,000,000 (README, "Figures at
 * scale"), for a region or a municipality; a team's or a practice's figures read its own referrals
 * (the *Direct functions below, which also serve as the reference: the integration tests hold both
 * equal). Three counts stay on the base tables because they are cheap
 * there and the summary could not keep them: the forwards (events, not referral columns; a partial
 * index finds them), the overdue-now counts (open referrals of any request day, read through the
 * partial index of open referrals) and the signals and self-checks (their own day tables).
 */
export type Breakdown = 'municipality' | 'district' | 'team' | 'practice';

export interface Count {
  key: string;
  n: number;
}

export interface Labelled extends Count {
  label: string | null;
}

export interface Demand {
  /** Referrals sent per bucket (first day), from a practice and from the self-check. */
  byBucket: Array<{ bucket: string; practice: number; selfcheck: number }>;
  byNeed: Count[];
  /** 'none' for referrals without a threatening situation. */
  byUrgency: Count[];
  breakdown: Breakdown;
  byArea: Labelled[];
  /** Null where the scope has no signals (a team or a municipality: signals are recorded per practice). */
  signalsByBucket: Count[] | null;
  /** Null where the scope has no self-checks (a team or a practice: they are counted per municipality). */
  selfchecksByBucket: Count[] | null;
}

export interface Flow {
  sent: number;
  opened: number;
  accepted: number;
  firstContact: number;
  firstConversation: number;
  closed: number;
  forwarded: number;
  rejected: number;
  cancelled: number;
  rejectReasons: Count[];
  closeReasons: Count[];
}

export interface TermLine {
  n: number;
  contactDue: number;
  contactWithin: number;
  conversationDue: number;
  conversationWithin: number;
  contactCount: number;
  contactMedian: number | null;
  contactP90: number | null;
  conversationCount: number;
  conversationMedian: number | null;
  conversationP90: number | null;
}

export interface Terms {
  normal: TermLine;
  urgent: TermLine;
  overdueContactNow: number;
  overdueConversationNow: number;
}

export interface Outcomes {
  byOutcome: Count[];
  known: number;
  new: number;
  unknown: number;
  /** Practice referrals at least 8 weeks old, and those whose practice had feedback within 8 weeks. */
  loopEligible: number;
  loopClosed: number;
}

export interface Strain {
  /** Per team: referrals with both answers, and the sum of (after − before); a lower score is less strain. */
  byTeam: Array<{ key: string; label: string | null; n: number; sumChange: number }>;
  n: number;
  sumChange: number;
}

export interface Reach {
  quarterFrom: string;
  quarterTo: string;
  practicesReferred: number;
  practicesAll: number;
  /** Null where self-checks are not counted for the scope. */
  selfchecks: number | null;
  selfReferrals: number;
}

export interface Figures {
  demand: Demand;
  flow: Flow;
  terms: Terms;
  outcomes: Outcomes;
  strain: Strain;
  reach: Reach;
}

export const figureIds = ['demand', 'flow', 'terms', 'outcomes', 'strain', 'reach'] as const;
export type FigureId = (typeof figureIds)[number];

const truncUnit: Record<Granularity, string> = { week: 'week', month: 'month', quarter: 'quarter' };

/** Which referrals belong to a scope: held by a team of the region, of the team, sent by the practice, or from residents of the municipality. */
function inScope(scope: FigureScope): RawBuilder<boolean> {
  switch (scope.kind) {
    case 'region':
      return sql<boolean>`r.team_id in (select t.id from teams t join organisations o on o.id = t.organisation_id where o.region_id = ${scope.regionId})`;
    case 'municipality':
      return sql<boolean>`r.municipality_code = ${scope.code}`;
    case 'team':
      return sql<boolean>`r.team_id = ${scope.teamId}`;
    case 'practice':
      return sql<boolean>`r.practice_id = ${scope.practiceId}`;
  }
}

const inPeriod = (p: { from: string; to: string }) => sql<boolean>`r.requested_on between ${p.from}::date and ${p.to}::date`;

/**
 * Whether a scope's figures come from the summary table: a region's and a municipality's (thousands
 * of referrals a quarter). A team or a practice gets a few referrals a day; a summary of them would
 * hold about a row per referral and measure, so their figures read their own referrals directly.
 */
function summarised(scope: FigureScope): scope is Extract<FigureScope, { kind: 'region' | 'municipality' }> {
  return scope.kind === 'region' || scope.kind === 'municipality';
}

/** The rows of the summary for a scope, some measures and a period of request days (alias f). */
function counted(scope: FigureScope, measures: string[], p: { from: string; to: string }): RawBuilder<boolean> {
  return sql<boolean>`f.scope = ${scope.kind} and f.scope_key = ${scopeId(scope)} and f.measure in (${sql.join(measures)})
    and f.day between ${p.from}::date and ${p.to}::date`;
}

/** The default breakdown of a scope's demand, and the ones it may choose. */
export function breakdownsOf(scope: FigureScope): Breakdown[] {
  switch (scope.kind) {
    case 'region':
      return ['municipality', 'district', 'team', 'practice'];
    case 'municipality':
      return ['district', 'team', 'practice'];
    case 'team':
      return ['practice', 'municipality'];
    case 'practice':
      return ['team', 'municipality'];
  }
}

/** The practices a scope's reach counts: the region's (the municipality's residents go to the region's practices too). */
function practicesOf(scope: FigureScope): RawBuilder<unknown> {
  return sql`select id from organisations where kind = 'practice' and region_id = ${scope.regionId}`;
}

/** The municipalities whose self-checks a scope counts: null for a team or a practice. */
function selfcheckMunicipalities(scope: FigureScope): RawBuilder<unknown> | null {
  if (scope.kind === 'region') return sql`select cbs_code from organisations where kind = 'municipality' and region_id = ${scope.regionId}`;
  if (scope.kind === 'municipality') return sql`select ${scope.code}::text`;
  return null;
}

/**
 * Signals (recorded per practice) and self-checks (counted per municipality) per bucket, as
 * statements of (key, n) without an order; null where the scope has none.
 */
function dayCountStatements(scope: FigureScope, period: Period): { signals: RawBuilder<Count> | null; selfchecks: RawBuilder<Count> | null } {
  const unit = truncUnit[period.granularity];
  const signalsWhere =
    scope.kind === 'region' ? sql`s.practice_id in (${practicesOf(scope)})` : scope.kind === 'practice' ? sql`s.practice_id = ${scope.practiceId}` : null;
  const municipalities = selfcheckMunicipalities(scope);
  return {
    signals: signalsWhere
      ? sql<Count>`select to_char(date_trunc(${unit}, s.recorded_on), 'YYYY-MM-DD') as key, count(*)::int as n from signal_records s
          where ${signalsWhere} and s.recorded_on between ${period.from}::date and ${period.to}::date group by 1`
      : null,
    selfchecks: municipalities
      ? sql<Count>`select to_char(date_trunc(${unit}, c.day), 'YYYY-MM-DD') as key, sum(c.count)::int as n from selfcheck_result_counts c
          where c.municipality_code in (${municipalities}) and c.day between ${period.from}::date and ${period.to}::date group by 1`
      : null,
  };
}

/** Signals and self-checks per bucket, each in date order; null where the scope has none. */
async function readDayCounts(db: Database, scope: FigureScope, period: Period): Promise<Pick<Demand, 'signalsByBucket' | 'selfchecksByBucket'>> {
  const statements = dayCountStatements(scope, period);
  const [signals, selfchecks] = await Promise.all(
    [statements.signals, statements.selfchecks].map((statement) => (statement ? sql<Count>`${statement} order by 1`.execute(db) : null)),
  );
  return { signalsByBucket: signals?.rows ?? null, selfchecksByBucket: selfchecks?.rows ?? null };
}

/** Referrals forwarded at least once: forwards are events, found through the partial index `referral_events_forwarded`. */
async function readForwarded(db: Database, scope: FigureScope, period: Period): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(distinct e.referral_id)::int as n from referral_events e join referrals r on r.id = e.referral_id
    where e.type = 'forwarded' and ${inScope(scope)} and ${inPeriod(period)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Open referrals past their term today, whatever day they were sent (the partial index of open referrals). */
async function readOverdueNow(db: Database, scope: FigureScope, today: string): Promise<Pick<Terms, 'overdueContactNow' | 'overdueConversationNow'>> {
  const { rows } = await sql<{ contact: number; conversation: number }>`
    select count(*) filter (where r.first_contact_on is null and r.first_contact_due < ${today}::date)::int as contact,
           count(*) filter (where r.first_conversation_on is null and r.first_conversation_due < ${today}::date)::int as conversation
    from referrals r where ${inScope(scope)} and r.status in ('requested', 'received', 'accepted', 'in-progress')`.execute(db);
  return { overdueContactNow: rows[0]?.contact ?? 0, overdueConversationNow: rows[0]?.conversation ?? 0 };
}

/** Self-checks done in the period; null where the scope does not count them. */
async function readSelfcheckTotal(db: Database, scope: FigureScope, period: Period): Promise<number | null> {
  const municipalities = selfcheckMunicipalities(scope);
  if (!municipalities) return null;
  const { rows } = await sql<{ n: number }>`select coalesce(sum(c.count), 0)::int as n from selfcheck_result_counts c
    where c.municipality_code in (${municipalities}) and c.day between ${period.from}::date and ${period.to}::date`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * The name of a breakdown's area `a.key`, for the table beside the chart. Ids are compared as uuids
 * so each name is one primary-key lookup (a region has hundreds of teams and practices); '' is an
 * unknown area, without a name.
 */
function areaLabelOf(breakdown: Breakdown): RawBuilder<string | null> {
  return {
    municipality: sql<string | null>`(select o.name from organisations o where o.kind = 'municipality' and o.cbs_code = a.key)`,
    district: sql<string | null>`(select d.name from districts d where d.code = a.key)`,
    team: sql<string | null>`(select t.name from teams t where t.id = nullif(a.key, '')::uuid)`,
    practice: sql<string | null>`(select o.name from organisations o where o.id = nullif(a.key, '')::uuid)`,
  }[breakdown];
}

export async function readDemand(db: Database, scope: FigureScope, period: Period, breakdown: Breakdown): Promise<Demand> {
  if (!summarised(scope)) return readDemandDirect(db, scope, period, breakdown);
  const unit = truncUnit[period.granularity];
  const areaLabel = areaLabelOf(breakdown);
  // One statement for the whole figure: the sources per bucket, the needs, the crises and the
  // breakdown, each in the order it is shown (largest first; buckets by date), and the signals and
  // self-checks per bucket (their own day tables; a bucket's date is its key and its bucket).
  const area = `by_${breakdown}`;
  const { signals, selfchecks } = dayCountStatements(scope, period);
  const dayCounts = (measure: string, statement: RawBuilder<Count> | null) =>
    statement ? sql`union all select ${measure}::text, d.key, d.key, d.n from (${statement}) d` : sql``;
  const counts = await sql<{ measure: string; bucket: string | null; key: string; label: string | null; n: number }>`
      select a.measure, a.bucket, a.key, case when a.measure = ${area} then ${areaLabel} end as label, a.n from (
        select f.measure, case when f.measure = 'source' then to_char(date_trunc(${unit}, f.day), 'YYYY-MM-DD') end as bucket,
               f.category as key, sum(f.n)::int as n
        from referral_figure_counts f where ${counted(scope, ['source', 'need', 'urgency', area], period)}
        group by 1, 2, 3 having sum(f.n) > 0
        ${dayCounts('signals', signals)}
        ${dayCounts('selfchecks', selfchecks)}) a
      order by a.measure, a.bucket, a.n desc, a.key`.execute(db);
  const byBucket: Demand['byBucket'] = [];
  for (const row of counts.rows.filter((r) => r.measure === 'source')) {
    let bucket = byBucket.at(-1);
    if (bucket?.bucket !== row.bucket) byBucket.push((bucket = { bucket: row.bucket!, practice: 0, selfcheck: 0 }));
    if (row.key === 'practice' || row.key === 'selfcheck') bucket[row.key] += row.n;
  }
  const of = (measure: string) => counts.rows.filter((r) => r.measure === measure);
  return {
    byBucket,
    byNeed: of('need').map(({ key, n }) => ({ key, n })),
    byUrgency: of('urgency').map(({ key, n }) => ({ key, n })),
    breakdown,
    byArea: of(area).map(({ key, label, n }) => ({ key, label, n })),
    signalsByBucket: signals ? of('signals').map(({ key, n }) => ({ key, n })) : null,
    selfchecksByBucket: selfchecks ? of('selfchecks').map(({ key, n }) => ({ key, n })) : null,
  };
}

/** Sums per (measure, category) over the period. */
async function sumsOf(db: Database, scope: FigureScope, measures: string[], period: Period) {
  const { rows } = await sql<{ measure: string; category: string; n: number }>`
    select f.measure, f.category, sum(f.n)::int as n from referral_figure_counts f
    where ${counted(scope, measures, period)} group by 1, 2 having sum(f.n) > 0`.execute(db);
  const of = (measure: string, category?: string) =>
    rows.filter((r) => r.measure === measure && (category === undefined || r.category === category)).reduce((s, r) => s + r.n, 0);
  return { rows, of };
}

export async function readFlow(db: Database, scope: FigureScope, period: Period): Promise<Flow> {
  if (!summarised(scope)) return readFlowDirect(db, scope, period);
  // How far each referral came is read from where it is now (the trigger's 'flow' categories): a
  // referral that is further along has passed the earlier steps.
  const [{ rows, of }, forwarded] = await Promise.all([
    sumsOf(db, scope, ['status', 'flow', 'reject_reason', 'close_reason'], period),
    readForwarded(db, scope, period),
  ]);
  const pick = (measure: string) =>
    rows
      .filter((r) => r.measure === measure)
      .map(({ category, n }) => ({ key: category, n }))
      .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
  return {
    sent: of('status'),
    opened: of('flow', 'opened'),
    accepted: of('flow', 'accepted'),
    firstContact: of('flow', 'first_contact'),
    firstConversation: of('flow', 'first_conversation'),
    closed: of('status', 'completed') + of('status', 'failed'),
    rejected: of('status', 'rejected'),
    cancelled: of('status', 'cancelled'),
    forwarded,
    rejectReasons: pick('reject_reason'),
    closeReasons: pick('close_reason'),
  };
}

/**
 * Working days (Algemene termijnenwet) as a running number per calendar day, so the number of
 * working days between two days is a subtraction in SQL: a day that is no working day has the
 * number of the working day before it.
 */
export function workingDayNumbers(from: string, to: string): { days: string[]; numbers: number[] } {
  const days: string[] = [];
  const numbers: number[] = [];
  let n = 0;
  for (let d = from; d <= to; d = addDaysIso(d, 1)) {
    if (isWorkingDay(d)) n++;
    days.push(d);
    numbers.push(n);
  }
  return { days, numbers };
}

/**
 * PostgreSQL's percentile_disc over a histogram (value ascending, count): the first value at or past
 * row ceil(fraction × rows), computed as PostgreSQL does, so the summary gives the same day count.
 */
export function percentileDisc(histogram: Array<{ value: number; n: number }>, fraction: number): number | null {
  const total = histogram.reduce((s, h) => s + h.n, 0);
  if (total === 0) return null;
  const row = Math.max(1, Math.ceil(fraction * total));
  let seen = 0;
  for (const h of histogram) {
    seen += h.n;
    if (seen >= row) return h.value;
  }
  return histogram.at(-1)!.value;
}

export async function readTerms(db: Database, scope: FigureScope, period: Period, today: string): Promise<Terms> {
  if (!summarised(scope)) return readTermsDirect(db, scope, period, today);
  const end = today > period.to ? today : period.to;
  const { days, numbers } = workingDayNumbers(period.from, addDaysIso(end, 1));
  const measures = ['t_n', 't_contact_within', 't_conversation_within', 't_contact_done', 't_conversation_done', 't_contact_open', 't_conversation_open'];
  const [{ rows }, histograms, overdue] = await Promise.all([
    sumsOf(db, scope, measures, period),
    // Working days from the request day to the day of first contact (conversation), counted per
    // pair of days: a histogram, so the median and the 90th percentile are exact.
    sql<{ measure: string; urgency: string; value: number; n: number }>`
      with w(d, n) as (select * from unnest(${days}::date[], ${numbers}::int[]))
      select f.measure, split_part(f.category, '|', 1) as urgency, wc.n - wr.n as value, sum(f.n)::int as n
      from referral_figure_counts f join w wr on wr.d = f.day join w wc on wc.d = split_part(f.category, '|', 2)::date
      where ${counted(scope, ['t_contact_on', 't_conversation_on'], period)}
      group by 1, 2, 3 having sum(f.n) > 0 order by 1, 2, 3`.execute(db),
    readOverdueNow(db, scope, today),
  ]);
  const line = (urgency: 'urgent' | 'normal'): TermLine => {
    const sum = (measure: string, due?: boolean) =>
      rows
        .filter((r) => r.measure === measure && r.category.split('|')[0] === urgency && (due === undefined || r.category.split('|')[1]! < today))
        .reduce((s, r) => s + r.n, 0);
    const histogram = (measure: string) => histograms.rows.filter((h) => h.measure === measure && h.urgency === urgency);
    const contact = histogram('t_contact_on');
    const conversation = histogram('t_conversation_on');
    return {
      n: sum('t_n'),
      contactDue: sum('t_contact_done') + sum('t_contact_open', true),
      contactWithin: sum('t_contact_within'),
      conversationDue: sum('t_conversation_done') + sum('t_conversation_open', true),
      conversationWithin: sum('t_conversation_within'),
      contactCount: contact.reduce((s, h) => s + h.n, 0),
      contactMedian: percentileDisc(contact, 0.5),
      contactP90: percentileDisc(contact, 0.9),
      conversationCount: conversation.reduce((s, h) => s + h.n, 0),
      conversationMedian: percentileDisc(conversation, 0.5),
      conversationP90: percentileDisc(conversation, 0.9),
    };
  };
  return {
    normal: line('normal'),
    urgent: line('urgent'),
    ...overdue,
  };
}

export async function readOutcomes(db: Database, scope: FigureScope, period: Period, today: string): Promise<Outcomes> {
  if (!summarised(scope)) return readOutcomesDirect(db, scope, period, today);
  const loopCutoff = addDaysIso(today, -LOOP_DAYS);
  // One statement: the loop counts only referrals old enough to have had their 8 weeks.
  const { rows } = await sql<{ measure: string; key: string; n: number }>`
    select f.measure, f.category as key, sum(f.n)::int as n from referral_figure_counts f
    where ${counted(scope, ['outcome', 'known', 'loop_eligible', 'loop_closed'], period)}
      and (f.measure not in ('loop_eligible', 'loop_closed') or f.day <= ${loopCutoff}::date)
    group by 1, 2 having sum(f.n) > 0 order by 3 desc, 2`.execute(db);
  const of = (measure: string, key = '') => rows.find((r) => r.measure === measure && r.key === key)?.n ?? 0;
  return {
    byOutcome: rows.filter((r) => r.measure === 'outcome').map(({ key, n }) => ({ key, n })),
    known: of('known', 'true'),
    new: of('known', 'false'),
    unknown: of('known', 'null'),
    loopEligible: of('loop_eligible'),
    loopClosed: of('loop_closed'),
  };
}

export async function readStrain(db: Database, scope: FigureScope, period: Period): Promise<Strain> {
  if (!summarised(scope)) return readStrainDirect(db, scope, period);
  const rows = await sql<{ key: string; label: string | null; n: number; sumChange: number }>`
    select s.key, (select t.name from teams t where t.id = s.key::uuid) as label, s.n, s."sumChange" from (
      select f.category as key, sum(f.n)::int as n, sum(f.total)::int as "sumChange" from referral_figure_counts f
      where ${counted(scope, ['strain'], period)} group by 1 having sum(f.n) > 0) s
    order by 3 desc, 2`.execute(db);
  const byTeam = rows.rows;
  return { byTeam, n: byTeam.reduce((s, r) => s + r.n, 0), sumChange: byTeam.reduce((s, r) => s + r.sumChange, 0) };
}

export async function readReach(db: Database, scope: FigureScope, period: Period, today: string): Promise<Reach> {
  if (!summarised(scope)) return readReachDirect(db, scope, period, today);
  const quarter = currentQuarter(today);
  // The practices that referred in the quarter: the practice breakdown of the scope.
  const [practices, selfchecks, selfReferrals] = await Promise.all([
    sql<{ referred: number; all: number }>`
      select (select count(*)::int from (select f.category from referral_figure_counts f
                where ${counted(scope, ['by_practice'], quarter)} and f.category in (select id::text from (${practicesOf(scope)}) p)
                group by 1 having sum(f.n) > 0) x) as referred,
             (select count(*)::int from organisations where kind = 'practice' and region_id = ${scope.regionId}) as "all"`.execute(db),
    readSelfcheckTotal(db, scope, period),
    sumsOf(db, scope, ['source'], period),
  ]);
  return {
    quarterFrom: quarter.from,
    quarterTo: quarter.to,
    practicesReferred: practices.rows[0]?.referred ?? 0,
    practicesAll: practices.rows[0]?.all ?? 0,
    selfchecks,
    selfReferrals: selfReferrals.of('source', 'selfcheck'),
  };
}
/*
 * The figures computed straight from the referrals, as the app did for every scope before the
 * summary table. A team's or a practice's figures are read this way (a few hundred referrals a
 * quarter, through the indexes of migration 2026_11_30_0121); for a region or a municipality they
 * are the reference the summary is checked against (figures-summary.integration.test.ts) and the
 * third column of the monitoring bench. Keep these statements as they are: they define the figures.
 */

export async function readDemandDirect(db: Database, scope: FigureScope, period: Period, breakdown: Breakdown): Promise<Demand> {
  const where = sql`${inScope(scope)} and ${inPeriod(period)}`;
  const unit = truncUnit[period.granularity];
  const area = {
    municipality: sql`r.municipality_code`,
    district: sql`r.district_code`,
    team: sql`r.team_id::text`,
    practice: sql`r.practice_id::text`,
  }[breakdown];
  const areaLabel = areaLabelOf(breakdown);
  const [byBucket, byNeed, byUrgency, byArea, dayCounts] = await Promise.all([
    sql<{ bucket: string; practice: number; selfcheck: number }>`
      select to_char(date_trunc(${unit}, r.requested_on), 'YYYY-MM-DD') as bucket,
             count(*) filter (where r.source = 'practice')::int as practice, count(*) filter (where r.source = 'selfcheck')::int as selfcheck
      from referrals r where ${where} group by 1 order by 1`.execute(db),
    sql<Count>`select need as key, count(*)::int as n from referrals r cross join lateral unnest(r.needs) as need where ${where} group by 1 order by 2 desc, 1`.execute(
      db,
    ),
    sql<Count>`select coalesce(u, 'none') as key, count(*)::int as n from referrals r left join lateral unnest(r.urgency_triggers) as u on true where ${where} group by 1 order by 2 desc, 1`.execute(
      db,
    ),
    sql<Labelled>`select coalesce(a.key, '') as key, ${areaLabel} as label, a.n from (
        select ${area} as key, count(*)::int as n from referrals r where ${where} group by 1) a order by a.n desc, 1`.execute(db),
    readDayCounts(db, scope, period),
  ]);
  return {
    byBucket: byBucket.rows,
    byNeed: byNeed.rows,
    byUrgency: byUrgency.rows,
    breakdown,
    byArea: byArea.rows,
    ...dayCounts,
  };
}

export async function readFlowDirect(db: Database, scope: FigureScope, period: Period): Promise<Flow> {
  const where = sql`${inScope(scope)} and ${inPeriod(period)}`;
  // How far each referral came, read from where it is now: a referral that is further along has
  // passed the earlier steps (a rejection means the team opened it; a referral cancelled or closed
  // as not reached after contact was accepted first).
  const [counts, forwarded, reasons] = await Promise.all([
    sql<Omit<Flow, 'forwarded' | 'rejectReasons' | 'closeReasons'>>`
      select count(*)::int as sent,
        count(*) filter (where r.status not in ('requested', 'cancelled') or r.first_contact_on is not null)::int as opened,
        count(*) filter (where r.status in ('accepted', 'in-progress', 'completed') or (r.status in ('failed', 'cancelled') and r.first_contact_on is not null))::int as accepted,
        count(*) filter (where r.first_contact_on is not null)::int as "firstContact",
        count(*) filter (where r.first_conversation_on is not null)::int as "firstConversation",
        count(*) filter (where r.status in ('completed', 'failed'))::int as closed,
        count(*) filter (where r.status = 'rejected')::int as rejected,
        count(*) filter (where r.status = 'cancelled')::int as cancelled
      from referrals r where ${where}`.execute(db),
    readForwarded(db, scope, period),
    sql<{ kind: string; key: string; n: number }>`
      select 'reject' as kind, r.reject_reason as key, count(*)::int as n from referrals r where ${where} and r.status = 'rejected' and r.reject_reason is not null group by 2
      union all
      select 'close', r.close_reason, count(*)::int from referrals r
      where ${where} and r.outcome in ('referred_elsewhere', 'declined', 'not_reachable') and r.close_reason is not null group by 2`.execute(db),
  ]);
  const pick = (kind: string) =>
    reasons.rows
      .filter((r) => r.kind === kind)
      .map(({ key, n }) => ({ key, n }))
      .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
  return { ...counts.rows[0]!, forwarded, rejectReasons: pick('reject'), closeReasons: pick('close') };
}

export async function readTermsDirect(db: Database, scope: FigureScope, period: Period, today: string): Promise<Terms> {
  const where = sql`${inScope(scope)} and ${inPeriod(period)}`;
  const end = today > period.to ? today : period.to;
  const { days, numbers } = workingDayNumbers(period.from, addDaysIso(end, 1));
  const [lines, overdue] = await Promise.all([
    sql<TermLine & { urgent: boolean }>`
      with w(d, n) as (select * from unnest(${days}::date[], ${numbers}::int[]))
      select cardinality(r.urgency_triggers) > 0 as urgent, count(*)::int as n,
        count(*) filter (where r.first_contact_on is not null or r.first_contact_due < ${today}::date)::int as "contactDue",
        count(*) filter (where r.first_contact_on <= r.first_contact_due)::int as "contactWithin",
        count(*) filter (where r.first_conversation_on is not null or r.first_conversation_due < ${today}::date)::int as "conversationDue",
        count(*) filter (where r.first_conversation_on <= r.first_conversation_due)::int as "conversationWithin",
        count(wc.n)::int as "contactCount",
        percentile_disc(0.5) within group (order by wc.n - wr.n) as "contactMedian",
        percentile_disc(0.9) within group (order by wc.n - wr.n) as "contactP90",
        count(wv.n)::int as "conversationCount",
        percentile_disc(0.5) within group (order by wv.n - wr.n) as "conversationMedian",
        percentile_disc(0.9) within group (order by wv.n - wr.n) as "conversationP90"
      from referrals r
      join w wr on wr.d = r.requested_on
      left join w wc on wc.d = r.first_contact_on
      left join w wv on wv.d = r.first_conversation_on
      where ${where} and r.status <> 'cancelled'
      group by 1`.execute(db),
    readOverdueNow(db, scope, today),
  ]);
  const empty: TermLine = {
    n: 0,
    contactDue: 0,
    contactWithin: 0,
    conversationDue: 0,
    conversationWithin: 0,
    contactCount: 0,
    contactMedian: null,
    contactP90: null,
    conversationCount: 0,
    conversationMedian: null,
    conversationP90: null,
  };
  const line = (urgent: boolean): TermLine => {
    const row = lines.rows.find((r) => r.urgent === urgent);
    if (!row) return empty;
    const { urgent: _urgent, ...rest } = row;
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      ...rest,
      contactMedian: num(rest.contactMedian),
      contactP90: num(rest.contactP90),
      conversationMedian: num(rest.conversationMedian),
      conversationP90: num(rest.conversationP90),
    };
  };
  return {
    normal: line(false),
    urgent: line(true),
    ...overdue,
  };
}

export async function readOutcomesDirect(db: Database, scope: FigureScope, period: Period, today: string): Promise<Outcomes> {
  const where = sql`${inScope(scope)} and ${inPeriod(period)}`;
  const loopCutoff = addDaysIso(today, -LOOP_DAYS);
  const [byOutcome, rest] = await Promise.all([
    sql<Count>`select r.outcome as key, count(*)::int as n from referrals r where ${where} and r.outcome is not null group by 1 order by 2 desc, 1`.execute(db),
    sql<Omit<Outcomes, 'byOutcome'>>`
      select count(*) filter (where r.already_known)::int as known,
             count(*) filter (where r.already_known = false)::int as new,
             count(*) filter (where r.already_known is null)::int as unknown,
             count(*) filter (where r.source = 'practice' and r.requested_on <= ${loopCutoff}::date)::int as "loopEligible",
             count(*) filter (where r.source = 'practice' and r.requested_on <= ${loopCutoff}::date and r.feedback is not null
                                and r.closed_at < ${sql.raw(loopEndOf('r.requested_on'))})::int as "loopClosed"
      from referrals r where ${where} and r.status <> 'cancelled'`.execute(db),
  ]);
  return { byOutcome: byOutcome.rows, ...rest.rows[0]! };
}

export async function readStrainDirect(db: Database, scope: FigureScope, period: Period): Promise<Strain> {
  const where = sql`${inScope(scope)} and ${inPeriod(period)}`;
  const rows = await sql<{ key: string; label: string | null; n: number; sumChange: number }>`
    select r.team_id::text as key, (select t.name from teams t where t.id = r.team_id) as label, count(*)::int as n,
           sum(r.strain_at_close - r.strain_at_referral)::int as "sumChange"
    from referrals r where ${where} and r.strain_at_referral is not null and r.strain_at_close is not null
    group by r.team_id order by 3 desc, 2`.execute(db);
  const byTeam = rows.rows;
  return { byTeam, n: byTeam.reduce((s, r) => s + r.n, 0), sumChange: byTeam.reduce((s, r) => s + r.sumChange, 0) };
}

export async function readReachDirect(db: Database, scope: FigureScope, period: Period, today: string): Promise<Reach> {
  const quarter = currentQuarter(today);
  const [practices, selfchecks, selfReferrals] = await Promise.all([
    sql<{ referred: number; all: number }>`
      select (select count(distinct r.practice_id)::int from referrals r
              where ${inScope(scope)} and ${inPeriod(quarter)} and r.practice_id in (${practicesOf(scope)})) as referred,
             (select count(*)::int from organisations where kind = 'practice' and region_id = ${scope.regionId}) as "all"`.execute(db),
    readSelfcheckTotal(db, scope, period),
    sql<{ n: number }>`select count(*)::int as n from referrals r where ${inScope(scope)} and ${inPeriod(period)} and r.source = 'selfcheck'`.execute(db),
  ]);
  return {
    quarterFrom: quarter.from,
    quarterTo: quarter.to,
    practicesReferred: practices.rows[0]?.referred ?? 0,
    practicesAll: practices.rows[0]?.all ?? 0,
    selfchecks,
    selfReferrals: selfReferrals.rows[0]?.n ?? 0,
  };
}

/** What the key figures compare with the baseline: a part of the figures, so a baseline costs less than a second page. */
export type KeyCounts = Pick<Figures, 'flow' | 'terms' | 'outcomes' | 'strain'> & { demand: Pick<Demand, 'signalsByBucket'> };

export async function readKeyCounts(db: Database, scope: FigureScope, period: Period, today: string): Promise<KeyCounts> {
  const signalsWhere =
    scope.kind === 'region' ? sql`s.practice_id in (${practicesOf(scope)})` : scope.kind === 'practice' ? sql`s.practice_id = ${scope.practiceId}` : null;
  const [flow, terms, outcomes, strain, signals] = await Promise.all([
    readFlow(db, scope, period),
    readTerms(db, scope, period, today),
    readOutcomes(db, scope, period, today),
    readStrain(db, scope, period),
    signalsWhere
      ? sql<Count>`select 'all' as key, count(*)::int as n from signal_records s
          where ${signalsWhere} and s.recorded_on between ${period.from}::date and ${period.to}::date`.execute(db)
      : null,
  ]);
  return { flow, terms, outcomes, strain, demand: { signalsByBucket: signals?.rows ?? null } };
}

/** Every figure of a scope and period. */
export async function readFigures(db: Database, scope: FigureScope, period: Period, breakdown: Breakdown, today: string): Promise<Figures> {
  const [demand, flow, terms, outcomes, strain, reach] = await Promise.all([
    readDemand(db, scope, period, breakdown),
    readFlow(db, scope, period),
    readTerms(db, scope, period, today),
    readOutcomes(db, scope, period, today),
    readStrain(db, scope, period),
    readReach(db, scope, period, today),
  ]);
  return { demand, flow, terms, outcomes, strain, reach };
}
