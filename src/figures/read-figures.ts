import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import { addDaysIso } from '../platform/dates.ts';
import { isWorkingDay } from '../referrals/due-dates.ts';
import type { FigureScope } from './figure-scope.ts';
import { currentQuarter, type Granularity, type Period } from './periods.ts';

/**
 * The figures of one scope and period, as counts straight from the database (issue 12). Nothing
 * here is shown as it is: figure-tables.ts suppresses small counts before any screen, chart or CSV
 * sees them. Only aggregates leave these queries: no row, name, free text or date of a referral.
 *
 * Each figure is a few aggregate statements over `referrals` (and the day counts of signals and
 * self-checks), filtered on the request day through the index `referrals_requested_on`. No summary
 * tables: at 2,000,000 referrals each figure stays well under its 300 ms budget (README, "Figures
 * at scale"), and figures read from the source cannot drift from it.
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

export async function readDemand(db: Database, scope: FigureScope, period: Period, breakdown: Breakdown): Promise<Demand> {
  const where = sql`${inScope(scope)} and ${inPeriod(period)}`;
  const unit = truncUnit[period.granularity];
  const area = {
    municipality: sql`r.municipality_code`,
    district: sql`r.district_code`,
    team: sql`r.team_id::text`,
    practice: sql`r.practice_id::text`,
  }[breakdown];
  const areaLabel = {
    municipality: sql`(select o.name from organisations o where o.kind = 'municipality' and o.cbs_code = a.key)`,
    district: sql`(select d.name from districts d where d.code = a.key)`,
    team: sql`(select t.name from teams t where t.id::text = a.key)`,
    practice: sql`(select o.name from organisations o where o.id::text = a.key)`,
  }[breakdown];
  const signalsWhere =
    scope.kind === 'region' ? sql`s.practice_id in (${practicesOf(scope)})` : scope.kind === 'practice' ? sql`s.practice_id = ${scope.practiceId}` : null;
  const municipalities = selfcheckMunicipalities(scope);
  const [byBucket, byNeed, byUrgency, byArea, signals, selfchecks] = await Promise.all([
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
    signalsWhere
      ? sql<Count>`select to_char(date_trunc(${unit}, s.recorded_on), 'YYYY-MM-DD') as key, count(*)::int as n from signal_records s
          where ${signalsWhere} and s.recorded_on between ${period.from}::date and ${period.to}::date group by 1 order by 1`.execute(db)
      : null,
    municipalities
      ? sql<Count>`select to_char(date_trunc(${unit}, c.day), 'YYYY-MM-DD') as key, sum(c.count)::int as n from selfcheck_result_counts c
          where c.municipality_code in (${municipalities}) and c.day between ${period.from}::date and ${period.to}::date group by 1 order by 1`.execute(db)
      : null,
  ]);
  return {
    byBucket: byBucket.rows,
    byNeed: byNeed.rows,
    byUrgency: byUrgency.rows,
    breakdown,
    byArea: byArea.rows,
    signalsByBucket: signals?.rows ?? null,
    selfchecksByBucket: selfchecks?.rows ?? null,
  };
}

export async function readFlow(db: Database, scope: FigureScope, period: Period): Promise<Flow> {
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
    sql<{ n: number }>`select count(distinct e.referral_id)::int as n from referral_events e join referrals r on r.id = e.referral_id
      where e.type = 'forwarded' and ${where}`.execute(db),
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
  return { ...counts.rows[0]!, forwarded: forwarded.rows[0]?.n ?? 0, rejectReasons: pick('reject'), closeReasons: pick('close') };
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

export async function readTerms(db: Database, scope: FigureScope, period: Period, today: string): Promise<Terms> {
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
    sql<{ contact: number; conversation: number }>`
      select count(*) filter (where r.first_contact_on is null and r.first_contact_due < ${today}::date)::int as contact,
             count(*) filter (where r.first_conversation_on is null and r.first_conversation_due < ${today}::date)::int as conversation
      from referrals r where ${inScope(scope)} and r.status in ('requested', 'received', 'accepted', 'in-progress')`.execute(db),
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
    overdueContactNow: overdue.rows[0]?.contact ?? 0,
    overdueConversationNow: overdue.rows[0]?.conversation ?? 0,
  };
}

/** Feedback within 8 weeks closes the loop (the action study: the practice wants to hear back). */
export const LOOP_DAYS = 56;

export async function readOutcomes(db: Database, scope: FigureScope, period: Period, today: string): Promise<Outcomes> {
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
                                and r.closed_at < (r.requested_on + ${LOOP_DAYS + 1}::int)::timestamptz)::int as "loopClosed"
      from referrals r where ${where} and r.status <> 'cancelled'`.execute(db),
  ]);
  return { byOutcome: byOutcome.rows, ...rest.rows[0]! };
}

export async function readStrain(db: Database, scope: FigureScope, period: Period): Promise<Strain> {
  const where = sql`${inScope(scope)} and ${inPeriod(period)}`;
  const rows = await sql<{ key: string; label: string | null; n: number; sumChange: number }>`
    select r.team_id::text as key, (select t.name from teams t where t.id = r.team_id) as label, count(*)::int as n,
           sum(r.strain_at_close - r.strain_at_referral)::int as "sumChange"
    from referrals r where ${where} and r.strain_at_referral is not null and r.strain_at_close is not null
    group by r.team_id order by 3 desc, 2`.execute(db);
  const byTeam = rows.rows;
  return { byTeam, n: byTeam.reduce((s, r) => s + r.n, 0), sumChange: byTeam.reduce((s, r) => s + r.sumChange, 0) };
}

export async function readReach(db: Database, scope: FigureScope, period: Period, today: string): Promise<Reach> {
  const quarter = currentQuarter(today);
  const municipalities = selfcheckMunicipalities(scope);
  const [practices, selfchecks, selfReferrals] = await Promise.all([
    sql<{ referred: number; all: number }>`
      select (select count(distinct r.practice_id)::int from referrals r
              where ${inScope(scope)} and ${inPeriod(quarter)} and r.practice_id in (${practicesOf(scope)})) as referred,
             (select count(*)::int from organisations where kind = 'practice' and region_id = ${scope.regionId}) as "all"`.execute(db),
    municipalities
      ? sql<{ n: number }>`select coalesce(sum(c.count), 0)::int as n from selfcheck_result_counts c
          where c.municipality_code in (${municipalities}) and c.day between ${period.from}::date and ${period.to}::date`.execute(db)
      : null,
    sql<{ n: number }>`select count(*)::int as n from referrals r where ${inScope(scope)} and ${inPeriod(period)} and r.source = 'selfcheck'`.execute(db),
  ]);
  return {
    quarterFrom: quarter.from,
    quarterTo: quarter.to,
    practicesReferred: practices.rows[0]?.referred ?? 0,
    practicesAll: practices.rows[0]?.all ?? 0,
    selfchecks: selfchecks ? (selfchecks.rows[0]?.n ?? 0) : null,
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
