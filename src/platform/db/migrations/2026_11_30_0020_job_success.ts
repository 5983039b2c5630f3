import { sql, type Kysely } from 'kysely';

/**
 * When each background job last finished without an error, for monitoring (platform/metrics): the
 * backup, the mail delivery or the retention purge that has not succeeded for a while must be
 * noticed, and last_finished_at alone also moves on a failed run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table job_runs add column last_succeeded_at timestamptz`.execute(db);
  await sql`update job_runs set last_succeeded_at = last_finished_at where last_error is null`.execute(db);
}
