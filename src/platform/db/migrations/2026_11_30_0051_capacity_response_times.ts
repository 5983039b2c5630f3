import { sql, type Kysely } from 'kysely';
import { createIndexConcurrently } from '../concurrent-index.ts';

/**
 * Figures that flow back into the work (issue 12):
 * - a service's capacity status, set by the team or organisation that keeps the entry: open,
 *   waiting list (with the expected weeks) or temporarily closed, and when it was last confirmed.
 *   No status is "unknown"; a status not confirmed for 30 days counts as unknown again
 *   (src/socialmap/capacity.ts), so a stale "open" never misleads;
 * - the typical time to first contact per team, measured from the referrals: an index on the
 *   contacts made, per team and day, so the median over the last 90 days reads only those rows.
 *   Built concurrently, outside a transaction (platform/db/concurrent-index.ts): the referrals
 *   table is large and the app keeps writing during the build. The columns are one statement, so
 *   a half-run migration leaves them all or none.
 */
export const transactional = false;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table services
      add column if not exists capacity_status text
        constraint services_capacity_status_code check (capacity_status in ('open', 'waiting_list', 'closed')),
      add column if not exists capacity_waiting_weeks smallint
        constraint services_capacity_waiting_weeks_range check (capacity_waiting_weeks between 1 and 52),
      add column if not exists capacity_confirmed_at timestamptz,
      add constraint services_capacity_confirmed check ((capacity_status is null) = (capacity_confirmed_at is null)),
      add constraint services_capacity_weeks_with_waiting_list check (coalesce(capacity_status = 'waiting_list', false) = (capacity_waiting_weeks is not null))`.execute(
    db,
  );
  await createIndexConcurrently(
    db,
    'referrals_team_first_contact',
    sql`on referrals (team_id, first_contact_on) include (requested_on) where first_contact_on is not null`,
  );
}
