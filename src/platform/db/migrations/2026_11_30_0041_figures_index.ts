import { sql, type Kysely } from 'kysely';
import { createIndexConcurrently } from '../concurrent-index.ts';

/**
 * The figures (src/figures, issue 12) count referrals by the day they were sent, over a region:
 * at 2,000,000 referrals a quarter is some 120,000 rows spread over the whole table. This index
 * holds, beside the day, every column the figures count on, so PostgreSQL answers them from the
 * index alone (an index-only scan) instead of reading the table; no summary table is needed, and
 * the figures cannot drift from the referrals. Free text (question, feedback) is never in it.
 * Built concurrently: the app keeps writing during the build. The reason and strain columns
 * (migration 2026_11_30_0050, later than this one) are not in it; their figures read the table.
 */
export const transactional = false;

export async function up(db: Kysely<unknown>): Promise<void> {
  await createIndexConcurrently(
    db,
    'referrals_figures',
    sql`on referrals (requested_on) include (team_id, practice_id, source, status, municipality_code, district_code, needs, urgency_triggers,
      first_contact_due, first_contact_on, first_conversation_due, first_conversation_on, already_known, outcome, closed_at)`,
  );
}
