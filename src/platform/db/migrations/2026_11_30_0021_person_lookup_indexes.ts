import { sql, type Kysely } from 'kysely';
import { createIndexConcurrently } from '../concurrent-index.ts';

/**
 * A person asks what Korte Lijn holds about them (AVG art. 15, src/privacy-requests), and the access
 * report lists the referrals of the same person (src/access-report): both look for a date of birth
 * among one practice's or one team's referrals. Built concurrently, outside the migration
 * transaction: on a large referrals table the app keeps writing during the build.
 */
export const transactional = false;

export async function up(db: Kysely<unknown>): Promise<void> {
  await createIndexConcurrently(db, 'referrals_practice_birth_date', sql`on referrals (practice_id, patient_birth_date) where patient_birth_date is not null`);
  await createIndexConcurrently(db, 'referrals_team_birth_date', sql`on referrals (team_id, patient_birth_date) where patient_birth_date is not null`);
}
