import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import { backfill } from '../platform/db/migrations/2026_11_30_0120_referral_figure_counts.ts';

export interface RebuildReport {
  referrals: number;
  rows: number;
  ms: number;
}

/**
 * Counts the summary table `referral_figure_counts` again from the referrals as they are: the repair
 * for a summary that is wrong (a team moved to another region, a write with the triggers disabled;
 * docs/decisions/005). `npm run cli -- figures:rebuild`. The backfill adds to what is there, so the
 * table is emptied first, in the same transaction; the lock keeps every writer of referrals out
 * until the new counts are committed (their triggers would otherwise add to a half-built table),
 * while readers go on reading the old counts. Running it twice gives the same counts as once.
 */
export async function rebuildFigureCounts(db: Database): Promise<RebuildReport> {
  const started = performance.now();
  return await db.transaction().execute(async (tx) => {
    await sql`lock table referrals in share row exclusive mode`.execute(tx);
    await sql`delete from referral_figure_counts`.execute(tx);
    await sql.raw(backfill).execute(tx);
    const { rows } = await sql<{ referrals: number; rows: number }>`
      select (select count(*)::int from referrals) as referrals, (select count(*)::int from referral_figure_counts) as rows`.execute(tx);
    return { referrals: rows[0]?.referrals ?? 0, rows: rows[0]?.rows ?? 0, ms: performance.now() - started };
  });
}
