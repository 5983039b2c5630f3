import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/errors.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { scopeId, type FigureScope } from './figure-scope.ts';
import { figureTables, keyFigureTable, type FigureTable } from './figure-tables.ts';
import { daysBetween, type Period } from './periods.ts';
import { breakdownsOf, readFigures, readKeyCounts, type Breakdown } from './read-figures.ts';

/**
 * The figures of one scope for a page or a CSV download: read, suppressed into tables, compared
 * with the region's baseline, and audited like every other read (NEN 7513: who looked at what;
 * no patient is involved, so there is no patient reference).
 */
export interface ShownFigures {
  tables: FigureTable[];
  keyFigures: FigureTable;
  baseline: Period | null;
  breakdown: Breakdown;
  breakdowns: Breakdown[];
}

export async function readBaseline(db: Database, regionId: string): Promise<Period | null> {
  const row = await db.selectFrom('figure_baselines').select(['starts_on', 'ends_on']).where('region_id', '=', regionId).executeTakeFirst();
  return row ? { granularity: 'month', from: row.starts_on, to: row.ends_on } : null;
}

export async function showFigures(
  db: Database,
  ctx: RequestContext,
  scope: FigureScope,
  period: Period,
  requested: { breakdown?: string | undefined; csv?: string | undefined },
  now = new Date(),
): Promise<ShownFigures> {
  const today = amsterdamToday(now);
  const breakdowns = breakdownsOf(scope);
  const breakdown = breakdowns.find((b) => b === requested.breakdown) ?? breakdowns[0]!;
  const baselinePeriod = await readBaseline(db, scope.regionId);
  const [figures, baseline] = await Promise.all([
    readFigures(db, scope, period, breakdown, today),
    baselinePeriod ? readKeyCounts(db, scope, baselinePeriod, today) : null,
  ]);
  const tableContext = { scope, period };
  const shown: ShownFigures = {
    tables: figureTables(tableContext, figures),
    keyFigures: keyFigureTable(tableContext, figures, baseline && baselinePeriod ? { period: baselinePeriod, figures: baseline } : null),
    baseline: baselinePeriod,
    breakdown,
    breakdowns,
  };
  await writeAudit(db, ctx, {
    action: requested.csv ? 'figures.exported' : 'figures.viewed',
    subjectType: `figures_${scope.kind}`,
    subjectId: scopeId(scope),
    details: { from: period.from, to: period.to, granularity: period.granularity, ...(requested.csv ? { table: requested.csv } : {}) },
  });
  return shown;
}

const badBaseline = () =>
  new AppError('bad_baseline', 422, {
    nl: 'Kies een begin- en einddatum voor de nulmeting, met het einde na het begin en niet langer dan 13 maanden.',
    en: 'Choose a start and end date for the baseline, the end after the start and no longer than 13 months.',
  });

/** A baseline ends on or after its start and spans at most 13 months (400 days). */
export function baselineFits(from: string, to: string): boolean {
  return to >= from && daysBetween(from, to) <= 400;
}

/** A regional coordinator marks the baseline (nulmeting) of their region; marking again replaces it. */
export async function markBaseline(db: Database, ctx: RequestContext, regionId: string, from: string, to: string): Promise<void> {
  if (!baselineFits(from, to)) throw badBaseline();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('figure_baselines')
      .values({ region_id: regionId, starts_on: from, ends_on: to, marked_by: ctx.actor?.userId ?? null })
      .onConflict((oc) => oc.column('region_id').doUpdateSet({ starts_on: from, ends_on: to, marked_by: ctx.actor?.userId ?? null, marked_at: new Date() }))
      .execute();
    await writeAudit(trx, ctx, { action: 'figures.baseline_marked', subjectType: 'region', subjectId: regionId, details: { from, to } });
  });
}
