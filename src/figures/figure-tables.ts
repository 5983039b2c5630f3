import type { Text } from '../platform/i18n.ts';
import { categoryLabels, isCategory } from '../needs/categories.ts';
import { outcomeLabels } from '../referrals/labels.ts';
import { urgencyLabels, urgencyTriggers, type UrgencyTrigger } from '../referrals/urgency.ts';
import { reasonLabel } from '../referrals/reasons.ts';
import { outcomes as outcomeCodes, type Outcome } from '../referrals/state-machine.ts';
import type { FigureScope } from './figure-scope.ts';
import { bucketLabel, buckets, daysBetween, type Period } from './periods.ts';
import type { Breakdown, Count, Demand, FigureId, Figures, Flow, KeyCounts, Outcomes, Reach, Strain, TermLine, Terms } from './read-figures.ts';
import { protectCount, protectList, protectSteps, protectTable, safeShare, safeStatistic, type Shown } from './suppression.ts';

/**
 * The figures as tables, small counts already suppressed (suppression.ts): the one shape that the
 * page, the charts and the CSV read, so none of them can show more than the others. Pure.
 */
export type Value =
  | Shown
  | { kind: 'percent'; value: number | null }
  | { kind: 'days'; value: number | null }
  | { kind: 'average'; value: number | null }
  /** A count that is not about people (practices), shown as it is. */
  | { kind: 'plain'; value: number };

export interface Column {
  /** Stable code in the CSV's `measure` column. */
  measure: string;
  label: Text;
}

export interface Row {
  /** Stable code in the CSV's `category` column (a need, a bucket, a CBS code, …). */
  key: string;
  label: Text;
  /** The CSV's `period`: a bucket (2026-11, 2026-W48, 2026-Q4) or the whole period (2026-09-01/2026-11-30). */
  period: string;
  municipalityCode: string | null;
  values: Value[];
  total?: boolean;
}

export interface FigureTable {
  /** Stable table name: the CSV download of this table (`?csv=<id>`). */
  id: string;
  figure: FigureId;
  caption: Text;
  category: Text;
  columns: Column[];
  rows: Row[];
  /** How the chart draws it: bars per category, columns over time, or no chart. */
  chart: 'bars' | 'columns' | null;
}

const TOTAL: Text = { nl: 'Totaal', en: 'Total' };
const NOT_KNOWN: Text = { nl: 'Onbekend', en: 'Unknown' };

export interface TableContext {
  scope: FigureScope;
  period: Period;
}

const interval = (period: { from: string; to: string }) => `${period.from}/${period.to}`;

function scopeCode(scope: FigureScope): string | null {
  return scope.kind === 'municipality' ? scope.code : null;
}

/** The period and municipality of a row about the whole period of the page. */
const about = (ctx: TableContext) => ({ period: interval(ctx.period), municipalityCode: scopeCode(ctx.scope) });

const plainLabel = (s: string): Text => ({ nl: s, en: s });

const areaHeaders: Record<Breakdown, Text> = {
  municipality: { nl: 'Gemeente (woonplaats)', en: 'Municipality (residence)' },
  district: { nl: 'Wijk (woonplaats)', en: 'District (residence)' },
  team: { nl: 'Team', en: 'Team' },
  practice: { nl: 'Praktijk', en: 'Practice' },
};

/** A one-column table of exclusive categories with their total, suppressed as a whole. */
function columnWithTotal(ctx: TableContext, rows: Array<{ key: string; label: Text; n: number; code?: string | null }>, keyPeriod = interval(ctx.period)) {
  const t = protectTable(rows.map((r) => [r.n]));
  const out: Row[] = rows.map((r, i) => ({
    key: r.key,
    label: r.label,
    period: keyPeriod,
    municipalityCode: r.code ?? scopeCode(ctx.scope),
    values: [t.cells[i]![0]!],
  }));
  out.push({ key: 'total', label: TOTAL, period: keyPeriod, municipalityCode: scopeCode(ctx.scope), values: [t.total], total: true });
  return out;
}

function listRows(ctx: TableContext, counts: Count[], label: (key: string) => Text): Row[] {
  const shown = protectList(counts.map((c) => c.n));
  return counts.map((c, i) => ({ key: c.key, label: label(c.key), ...about(ctx), values: [shown[i]!] }));
}

/** One count per bucket of the period, zero for a bucket without any, with the total. */
function bucketCounts(ctx: TableContext, counts: Count[]): Array<{ key: string; label: Text; n: number }> {
  const byKey = new Map(counts.map((c) => [c.key, c.n]));
  return buckets(ctx.period).map((b) => ({ key: b, label: plainLabel(bucketLabel(b, ctx.period.granularity)), n: byKey.get(b) ?? 0 }));
}

function demandTables(ctx: TableContext, d: Demand): FigureTable[] {
  const byBucket = new Map(d.byBucket.map((b) => [b.bucket, b]));
  const series = buckets(ctx.period).map((b) => ({ b, practice: byBucket.get(b)?.practice ?? 0, selfcheck: byBucket.get(b)?.selfcheck ?? 0 }));
  const sent = protectTable(series.map((s) => [s.practice, s.selfcheck]));
  const tables: FigureTable[] = [
    {
      id: 'applications_by_period',
      figure: 'demand',
      caption: { nl: 'Aanmeldingen per periode', en: 'Applications per period' },
      category: { nl: 'Periode', en: 'Period' },
      columns: [
        { measure: 'applications_practice', label: { nl: 'Van de praktijk', en: 'From a practice' } },
        { measure: 'applications_selfcheck', label: { nl: 'Via de zelftest', en: 'Via the self-check' } },
        { measure: 'applications', label: TOTAL },
      ],
      rows: [
        ...series.map((s, i) => {
          const period = bucketLabel(s.b, ctx.period.granularity);
          return { key: s.b, label: plainLabel(period), period, municipalityCode: scopeCode(ctx.scope), values: [...sent.cells[i]!, sent.rowTotals[i]!] };
        }),
        {
          key: 'total',
          label: TOTAL,
          ...about(ctx),
          values: [...sent.columnTotals, sent.total],
          total: true,
        },
      ],
      chart: 'columns',
    },
    {
      id: 'applications_by_need',
      figure: 'demand',
      caption: {
        nl: 'Aanmeldingen per soort hulp (een aanmelding kan meer soorten hulp hebben)',
        en: 'Applications per kind of help (one application may have several)',
      },
      category: { nl: 'Soort hulp', en: 'Kind of help' },
      columns: [{ measure: 'applications', label: { nl: 'Aanmeldingen', en: 'Applications' } }],
      rows: listRows(ctx, d.byNeed, (k) => (isCategory(k) ? categoryLabels[k] : plainLabel(k))),
      chart: 'bars',
    },
    {
      id: 'applications_by_crisis',
      figure: 'demand',
      caption: { nl: 'Crisisinterventies per soort crisis', en: 'Crisis interventions per kind of crisis' },
      category: { nl: 'Soort', en: 'Kind' },
      columns: [{ measure: 'applications', label: { nl: 'Aanmeldingen', en: 'Applications' } }],
      rows: listRows(ctx, d.byUrgency, (k) =>
        k === 'none'
          ? { nl: 'Geen crisis', en: 'No crisis' }
          : (urgencyTriggers as readonly string[]).includes(k)
            ? urgencyLabels[k as UrgencyTrigger]
            : plainLabel(k),
      ),
      chart: 'bars',
    },
    {
      id: `applications_by_${d.breakdown}`,
      figure: 'demand',
      caption: { nl: `Aanmeldingen per ${areaHeaders[d.breakdown].nl.toLowerCase()}`, en: `Applications per ${areaHeaders[d.breakdown].en.toLowerCase()}` },
      category: areaHeaders[d.breakdown],
      columns: [{ measure: 'applications', label: { nl: 'Aanmeldingen', en: 'Applications' } }],
      rows: columnWithTotal(
        ctx,
        d.byArea.map((a) => ({
          key: a.key,
          label: a.key === '' ? NOT_KNOWN : plainLabel(a.label ?? a.key),
          n: a.n,
          code: d.breakdown === 'municipality' ? a.key || null : scopeCode(ctx.scope),
        })),
      ),
      chart: 'bars',
    },
  ];
  for (const [id, counts, caption, measure] of [
    ['signals_by_period', d.signalsByBucket, { nl: 'Signalen per periode', en: 'Signals per period' }, 'signals'],
    ['selfchecks_by_period', d.selfchecksByBucket, { nl: 'Ingevulde zelftests per periode', en: 'Self-checks completed per period' }, 'selfchecks'],
  ] as const) {
    if (!counts) continue;
    const rows = bucketCounts(ctx, counts);
    tables.push({
      id,
      figure: 'demand',
      caption,
      category: { nl: 'Periode', en: 'Period' },
      columns: [{ measure, label: { nl: 'Aantal', en: 'Count' } }],
      rows: columnWithTotal(ctx, rows).map((r) => (r.total ? r : { ...r, period: r.label.nl })),
      chart: 'columns',
    });
  }
  return tables;
}

function flowTables(ctx: TableContext, fl: Flow): FigureTable[] {
  const steps = [
    ['sent', { nl: 'Verstuurd', en: 'Sent' }, fl.sent],
    ['opened', { nl: 'Geopend door het team', en: 'Opened by the team' }, fl.opened],
    ['accepted', { nl: 'Aangenomen', en: 'Accepted' }, fl.accepted],
    ['first_contact', { nl: 'Eerste contact', en: 'First contact' }, fl.firstContact],
    ['first_conversation', { nl: 'Eerste gesprek', en: 'First conversation' }, fl.firstConversation],
    ['closed', { nl: 'Afgesloten met resultaat', en: 'Closed with an outcome' }, fl.closed],
  ] as const;
  const shown = protectSteps(steps.map((s) => s[2]));
  const share = (n: number, s: Value): Value => ({ kind: 'percent', value: s.kind === 'suppressed' ? null : safeShare(n, fl.sent) });
  const others = protectList([fl.forwarded, fl.rejected, fl.cancelled]);
  const reasonRows = (counts: Count[]) => listRows(ctx, counts, (k) => reasonLabel(k));
  const columns = [
    { measure: 'referrals', label: { nl: 'Aantal', en: 'Count' } },
    { measure: 'share_of_sent', label: { nl: '% van verstuurd', en: '% of sent' } },
  ];
  return [
    {
      id: 'flow_funnel',
      figure: 'flow',
      caption: { nl: 'Van versturen tot afsluiten', en: 'From sending to closing' },
      category: { nl: 'Stap', en: 'Step' },
      columns,
      rows: [
        ...steps.map(([key, label, n], i) => ({
          key,
          label,
          ...about(ctx),
          values: [shown[i]!, share(n, shown[i]!)],
        })),
        ...(
          [
            ['forwarded', { nl: 'Doorgestuurd naar een ander team', en: 'Forwarded to another team' }, fl.forwarded],
            ['rejected', { nl: 'Afgewezen', en: 'Rejected' }, fl.rejected],
            ['cancelled', { nl: 'Ingetrokken door de praktijk', en: 'Withdrawn by the practice' }, fl.cancelled],
          ] as const
        ).map(([key, label, n], i) => ({
          key,
          label,
          ...about(ctx),
          values: [others[i]!, share(n, others[i]!)],
        })),
      ],
      chart: 'bars',
    },
    {
      id: 'rejected_by_reason',
      figure: 'flow',
      caption: { nl: 'Afgewezen, per reden', en: 'Rejected, by reason' },
      category: { nl: 'Reden', en: 'Reason' },
      columns: [{ measure: 'referrals_rejected', label: { nl: 'Aantal', en: 'Count' } }],
      rows: reasonRows(fl.rejectReasons),
      chart: 'bars',
    },
    {
      id: 'closed_without_help_by_reason',
      figure: 'flow',
      caption: { nl: 'Afgesloten zonder hulp, per reden', en: 'Closed without help, by reason' },
      category: { nl: 'Reden', en: 'Reason' },
      columns: [{ measure: 'referrals_closed_without_help', label: { nl: 'Aantal', en: 'Count' } }],
      rows: reasonRows(fl.closeReasons),
      chart: 'bars',
    },
  ];
}

function termRow(ctx: TableContext, key: string, label: Text, line: TermLine): Row {
  return {
    key,
    label,
    ...about(ctx),
    values: [
      protectCount(line.n),
      { kind: 'percent', value: safeShare(line.contactWithin, line.contactDue) },
      { kind: 'days', value: safeStatistic(line.contactMedian, line.contactCount) },
      { kind: 'days', value: safeStatistic(line.contactP90, line.contactCount) },
      { kind: 'percent', value: safeShare(line.conversationWithin, line.conversationDue) },
      { kind: 'days', value: safeStatistic(line.conversationMedian, line.conversationCount) },
      { kind: 'days', value: safeStatistic(line.conversationP90, line.conversationCount) },
    ],
  };
}

function termTables(ctx: TableContext, t: Terms): FigureTable[] {
  const overdue = protectList([t.overdueContactNow, t.overdueConversationNow]);
  return [
    {
      id: 'terms',
      figure: 'terms',
      caption: { nl: 'Binnen de termijn, en hoeveel werkdagen het duurde', en: 'Within the term, and how many working days it took' },
      category: { nl: 'Soort aanmelding', en: 'Kind of application' },
      columns: [
        { measure: 'referrals', label: { nl: 'Aantal', en: 'Count' } },
        { measure: 'first_contact_within_term_pct', label: { nl: 'Eerste contact op tijd (%)', en: 'First contact on time (%)' } },
        { measure: 'first_contact_working_days_median', label: { nl: 'Werkdagen tot contact, mediaan', en: 'Working days to contact, median' } },
        { measure: 'first_contact_working_days_p90', label: { nl: 'Werkdagen tot contact, 90e percentiel', en: 'Working days to contact, 90th percentile' } },
        { measure: 'first_conversation_within_term_pct', label: { nl: 'Eerste gesprek op tijd (%)', en: 'First conversation on time (%)' } },
        { measure: 'first_conversation_working_days_median', label: { nl: 'Werkdagen tot gesprek, mediaan', en: 'Working days to conversation, median' } },
        {
          measure: 'first_conversation_working_days_p90',
          label: { nl: 'Werkdagen tot gesprek, 90e percentiel', en: 'Working days to conversation, 90th percentile' },
        },
      ],
      rows: [
        termRow(ctx, 'normal', { nl: 'Gewoon (gesprek binnen 4 weken)', en: 'Normal (conversation within 4 weeks)' }, t.normal),
        termRow(ctx, 'crisis', { nl: 'Crisis (gesprek binnen 3 werkdagen)', en: 'Crisis (conversation within 3 working days)' }, t.urgent),
      ],
      chart: null,
    },
    {
      id: 'overdue_now',
      figure: 'terms',
      caption: { nl: 'Nu te laat (open verwijzingen, vandaag)', en: 'Overdue now (open referrals, today)' },
      category: { nl: 'Wat', en: 'What' },
      columns: [{ measure: 'referrals_overdue', label: { nl: 'Aantal', en: 'Count' } }],
      rows: [
        {
          key: 'first_contact',
          label: { nl: 'Nog geen eerste contact', en: 'No first contact yet' },
          period: 'now',
          municipalityCode: scopeCode(ctx.scope),
          values: [overdue[0]!],
        },
        {
          key: 'first_conversation',
          label: { nl: 'Nog geen eerste gesprek', en: 'No first conversation yet' },
          period: 'now',
          municipalityCode: scopeCode(ctx.scope),
          values: [overdue[1]!],
        },
      ],
      chart: 'bars',
    },
  ];
}

function outcomeTables(ctx: TableContext, o: Outcomes): FigureTable[] {
  const ordered = outcomeCodes.map((code) => ({ key: code, label: outcomeLabels[code as Outcome], n: o.byOutcome.find((c) => c.key === code)?.n ?? 0 }));
  const loop = protectList([o.loopEligible, o.loopClosed]);
  return [
    {
      id: 'outcomes',
      figure: 'outcomes',
      caption: { nl: 'Resultaat van afgesloten verwijzingen', en: 'Outcome of closed referrals' },
      category: { nl: 'Resultaat', en: 'Outcome' },
      columns: [{ measure: 'referrals_closed', label: { nl: 'Aantal', en: 'Count' } }],
      rows: columnWithTotal(ctx, ordered),
      chart: 'bars',
    },
    {
      id: 'households_new_known',
      figure: 'outcomes',
      caption: { nl: 'Nieuwe en al bekende huishoudens', en: 'New and already known households' },
      category: { nl: 'Huishouden', en: 'Household' },
      columns: [{ measure: 'referrals', label: { nl: 'Aantal', en: 'Count' } }],
      rows: columnWithTotal(ctx, [
        { key: 'new', label: { nl: 'Nieuw voor het team', en: 'New to the team' }, n: o.new },
        { key: 'known', label: { nl: 'Al bekend bij het team', en: 'Already known to the team' }, n: o.known },
        { key: 'unknown', label: { nl: 'Niet vastgelegd', en: 'Not recorded' }, n: o.unknown },
      ]),
      chart: 'bars',
    },
    {
      id: 'closed_loop',
      figure: 'outcomes',
      caption: { nl: 'Teruggekoppeld aan de praktijk binnen 8 weken', en: 'Feedback to the practice within 8 weeks' },
      category: { nl: 'Wat', en: 'What' },
      columns: [
        { measure: 'referrals', label: { nl: 'Aantal', en: 'Count' } },
        { measure: 'closed_loop_pct', label: { nl: '%', en: '%' } },
      ],
      rows: [
        {
          key: 'eligible',
          label: { nl: 'Verwijzingen van 8 weken of ouder', en: 'Referrals 8 weeks or older' },
          ...about(ctx),
          values: [loop[0]!, { kind: 'percent', value: null }],
        },
        {
          key: 'closed_loop',
          label: { nl: 'Met terugkoppeling binnen 8 weken', en: 'With feedback within 8 weeks' },
          ...about(ctx),
          values: [loop[1]!, { kind: 'percent', value: safeShare(o.loopClosed, o.loopEligible) }],
        },
      ],
      chart: null,
    },
  ];
}

function strainTables(ctx: TableContext, s: Strain): FigureTable[] {
  const average = (sum: number, n: number): Value => ({ kind: 'average', value: safeStatistic(n > 0 ? Math.round((sum / n) * 10) / 10 : null, n) });
  return [
    {
      id: 'strain_change',
      figure: 'strain',
      caption: { nl: 'Gemiddelde verandering in geldstress (afsluiten min verwijzen)', en: 'Average change in financial strain (closing minus referral)' },
      category: { nl: 'Team', en: 'Team' },
      columns: [
        { measure: 'referrals_with_both_answers', label: { nl: 'Verwijzingen met beide antwoorden', en: 'Referrals with both answers' } },
        { measure: 'strain_change_avg', label: { nl: 'Gemiddelde verandering', en: 'Average change' } },
      ],
      rows: [
        ...s.byTeam.map((t) => ({
          key: t.key,
          label: plainLabel(t.label ?? t.key),
          ...about(ctx),
          values: [protectCount(t.n), average(t.sumChange, t.n)],
        })),
        {
          key: 'total',
          label: TOTAL,
          ...about(ctx),
          values: [protectCount(s.n), average(s.sumChange, s.n)],
          total: true,
        },
      ],
      chart: null,
    },
  ];
}

function reachTables(ctx: TableContext, r: Reach): FigureTable[] {
  const rows: Row[] = [
    {
      key: 'practices_referred',
      label: { nl: 'Praktijken die dit kwartaal verwezen', en: 'Practices that referred this quarter' },
      period: interval({ from: r.quarterFrom, to: r.quarterTo }),
      municipalityCode: scopeCode(ctx.scope),
      values: [
        { kind: 'plain', value: r.practicesReferred },
        { kind: 'percent', value: r.practicesAll > 0 ? Math.round((r.practicesReferred / r.practicesAll) * 100) : null },
      ],
    },
    {
      key: 'practices_all',
      label: { nl: 'Alle praktijken van de regio', en: 'All practices of the region' },
      period: interval({ from: r.quarterFrom, to: r.quarterTo }),
      municipalityCode: scopeCode(ctx.scope),
      values: [
        { kind: 'plain', value: r.practicesAll },
        { kind: 'percent', value: r.practicesAll > 0 ? 100 : null },
      ],
    },
  ];
  if (r.selfchecks !== null) {
    const shown = protectList([r.selfchecks, r.selfReferrals]);
    rows.push(
      {
        key: 'selfchecks',
        label: { nl: 'Ingevulde zelftests', en: 'Self-checks completed' },
        ...about(ctx),
        values: [shown[0]!, { kind: 'percent', value: null }],
      },
      {
        key: 'self_referrals',
        label: { nl: 'Aanmeldingen via de zelftest', en: 'Self-referrals from the self-check' },
        ...about(ctx),
        values: [shown[1]!, { kind: 'percent', value: safeShare(r.selfReferrals, r.selfchecks) }],
      },
    );
  }
  return [
    {
      id: 'reach',
      figure: 'reach',
      caption: { nl: 'Bereik', en: 'Reach' },
      category: { nl: 'Wat', en: 'What' },
      columns: [
        { measure: 'count', label: { nl: 'Aantal', en: 'Count' } },
        { measure: 'share_pct', label: { nl: '%', en: '%' } },
      ],
      rows,
      chart: null,
    },
  ];
}

/** The tables of each figure, from that figure's counts alone. */
export const tablesOf: { [K in FigureId]: (ctx: TableContext, counts: Figures[K]) => FigureTable[] } = {
  demand: demandTables,
  flow: flowTables,
  terms: termTables,
  outcomes: outcomeTables,
  strain: strainTables,
  reach: reachTables,
};

/** Every table of the figures of one scope and period, grouped by figure in page order. */
export function figureTables(ctx: TableContext, f: Figures): FigureTable[] {
  return [
    ...demandTables(ctx, f.demand),
    ...flowTables(ctx, f.flow),
    ...termTables(ctx, f.terms),
    ...outcomeTables(ctx, f.outcomes),
    ...strainTables(ctx, f.strain),
    ...reachTables(ctx, f.reach),
  ];
}

/** Weeks in a period (at least one), to compare counts of periods of different length. */
export function weeksIn(period: { from: string; to: string }): number {
  return Math.max(1, (daysBetween(period.from, period.to) + 1) / 7);
}

interface KeyMeasure {
  measure: string;
  label: Text;
  value: (f: KeyCounts, period: Period) => Value;
  /** Percentage points or working days: the difference is shown as it is; per-week counts as a percentage change. */
  change: 'relative' | 'absolute';
}

const perWeek = (n: number, period: Period): Value =>
  protectCount(n).kind === 'suppressed' ? { kind: 'suppressed' } : { kind: 'average', value: Math.round((n / weeksIn(period)) * 10) / 10 };
const sum = (counts: Count[] | null) => (counts ?? []).reduce((s, c) => s + c.n, 0);
const both = (f: KeyCounts, pick: (l: TermLine) => [number, number]) => {
  const [a, b] = pick(f.terms.normal);
  const [c, d] = pick(f.terms.urgent);
  return safeShare(a + c, b + d);
};

export const keyMeasures: KeyMeasure[] = [
  {
    measure: 'applications_per_week',
    label: { nl: 'Aanmeldingen per week', en: 'Applications per week' },
    value: (f, p) => perWeek(f.flow.sent, p),
    change: 'relative',
  },
  {
    measure: 'signals_per_week',
    label: { nl: 'Signalen per week', en: 'Signals per week' },
    value: (f, p) => (f.demand.signalsByBucket ? perWeek(sum(f.demand.signalsByBucket), p) : { kind: 'average', value: null }),
    change: 'relative',
  },
  {
    measure: 'first_contact_within_term_pct',
    label: { nl: 'Eerste contact op tijd (%)', en: 'First contact on time (%)' },
    value: (f) => ({ kind: 'percent', value: both(f, (l) => [l.contactWithin, l.contactDue]) }),
    change: 'absolute',
  },
  {
    measure: 'first_conversation_within_term_pct',
    label: { nl: 'Eerste gesprek op tijd (%)', en: 'First conversation on time (%)' },
    value: (f) => ({ kind: 'percent', value: both(f, (l) => [l.conversationWithin, l.conversationDue]) }),
    change: 'absolute',
  },
  {
    measure: 'closed_loop_pct',
    label: { nl: 'Teruggekoppeld binnen 8 weken (%)', en: 'Feedback within 8 weeks (%)' },
    value: (f) => ({ kind: 'percent', value: safeShare(f.outcomes.loopClosed, f.outcomes.loopEligible) }),
    change: 'absolute',
  },
  {
    measure: 'already_known_pct',
    label: { nl: 'Al bekend bij het team (%)', en: 'Already known to the team (%)' },
    value: (f) => ({ kind: 'percent', value: safeShare(f.outcomes.known, f.outcomes.known + f.outcomes.new) }),
    change: 'absolute',
  },
  {
    measure: 'strain_change_avg',
    label: { nl: 'Verandering in geldstress', en: 'Change in financial strain' },
    value: (f) => ({ kind: 'average', value: safeStatistic(f.strain.n > 0 ? Math.round((f.strain.sumChange / f.strain.n) * 10) / 10 : null, f.strain.n) }),
    change: 'absolute',
  },
];

function numeric(v: Value): number | null {
  return v.kind === 'suppressed' ? null : v.value;
}

/** The key figures beside the baseline (nulmeting) and the change since; without a baseline, only this period. */
export function keyFigureTable(ctx: TableContext, current: KeyCounts, baseline: { period: Period; figures: KeyCounts } | null): FigureTable {
  return {
    id: 'key_figures',
    figure: 'demand',
    caption: baseline
      ? { nl: 'Kerncijfers, vergeleken met de nulmeting', en: 'Key figures, compared with the baseline' }
      : { nl: 'Kerncijfers', en: 'Key figures' },
    category: { nl: 'Cijfer', en: 'Figure' },
    columns: [
      { measure: 'value', label: { nl: 'Deze periode', en: 'This period' } },
      ...(baseline
        ? [
            {
              measure: 'baseline',
              label: { nl: `Nulmeting (${baseline.period.from} – ${baseline.period.to})`, en: `Baseline (${baseline.period.from} – ${baseline.period.to})` },
            },
            { measure: 'change', label: { nl: 'Verschil', en: 'Change' } },
          ]
        : []),
    ],
    rows: keyMeasures.map((m) => {
      const now = m.value(current, ctx.period);
      const values: Value[] = [now];
      if (baseline) {
        const then = m.value(baseline.figures, baseline.period);
        const [a, b] = [numeric(now), numeric(then)];
        const change =
          a === null || b === null ? null : m.change === 'absolute' ? Math.round((a - b) * 10) / 10 : b === 0 ? null : Math.round(((a - b) / b) * 100);
        values.push(then, m.change === 'relative' ? { kind: 'percent', value: change } : { kind: 'average', value: change });
      }
      return { key: m.measure, label: m.label, ...about(ctx), values };
    }),
    chart: null,
  };
}
