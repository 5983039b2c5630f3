import { sql, type Kysely } from 'kysely';
import { createIndexConcurrently } from '../concurrent-index.ts';

/**
 * Pages that say what to do next (issue 11, section 5):
 * - The start page shows a practice what is new since the user's previous visit (feedback from the
 *   teams): `home_seen_at` is the last time the user saw the start page, `home_news_since` where the
 *   news of the current visit begins (the end of the previous visit).
 * - A first conversation can be planned for a day still to come; the escalation job then looks for
 *   open referrals whose conversation date lies after today. That is a range on
 *   `first_conversation_on`, which the existing partial index (`… where first_conversation_on is
 *   null`) cannot serve. Built concurrently, outside the migration transaction: the referrals
 *   table is large and keeps being written.
 */
export const transactional = false;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column if not exists home_seen_at timestamptz, add column if not exists home_news_since timestamptz`.execute(db);
  await createIndexConcurrently(
    db,
    'referrals_conversation_planned',
    sql`on referrals (first_conversation_on, first_conversation_due)
        where first_conversation_on is not null and conversation_escalated_at is null and status in ('requested', 'received', 'accepted', 'in-progress')`,
  );
}
