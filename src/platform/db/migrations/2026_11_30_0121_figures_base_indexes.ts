import { sql, type Kysely } from 'kysely';
import { createIndexConcurrently } from '../concurrent-index.ts';

/**
 * Indexes for the figures that stay on the base tables (docs/decisions/005):
 * - the figures of a team or a practice read its own referrals of the period (a few hundred a
 *   quarter) through (team_id, requested_on) and (practice_id, requested_on), instead of the whole
 *   region's quarter from `referrals_figures`;
 * - the flow figure counts forwarded referrals from `referral_events` (a forward is an event, not a
 *   column of the referral): a partial index on the forwards alone finds them without reading every
 *   event (some 4,000,000 at 2,000,000 referrals).
 * Built concurrently: the app keeps writing.
 *
 * And drops the covering index `referrals_figures` (migration 2026_11_30_0041): a region's and a
 * municipality's figures read the summary table (migration 0120), a team's and a practice's the
 * indexes above, and nothing else reads referrals by a range of request days, so no statement uses
 * it (`explain` of a team's and a practice's statements; idx_scan stayed 0 while every figure of
 * every scope was read at 300,000 referrals), while every insert and most updates of a referral
 * wrote its 16 columns. Dropped concurrently, as docs/decisions/004 asks for large tables: a plain
 * DROP INDEX would block the table's readers and writers while it waits for its lock.
 */
export const transactional = false;

export async function up(db: Kysely<unknown>): Promise<void> {
  await createIndexConcurrently(db, 'referrals_team_requested', sql`on referrals (team_id, requested_on)`);
  await createIndexConcurrently(db, 'referrals_practice_requested', sql`on referrals (practice_id, requested_on)`);
  await createIndexConcurrently(db, 'referral_events_forwarded', sql`on referral_events (referral_id) where type = 'forwarded'`);
  await sql`drop index concurrently if exists referrals_figures`.execute(db);
}
