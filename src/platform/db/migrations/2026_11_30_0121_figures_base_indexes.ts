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
 */
export const transactional = false;

export async function up(db: Kysely<unknown>): Promise<void> {
  await createIndexConcurrently(db, 'referrals_team_requested', sql`on referrals (team_id, requested_on)`);
  await createIndexConcurrently(db, 'referrals_practice_requested', sql`on referrals (practice_id, requested_on)`);
  await createIndexConcurrently(db, 'referral_events_forwarded', sql`on referral_events (referral_id) where type = 'forwarded'`);
}
