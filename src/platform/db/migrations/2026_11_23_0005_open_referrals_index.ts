import { sql, type Kysely } from 'kysely';

/**
 * The team inbox reads only open referrals, in due order. Closed ones are most of the table after a
 * few years (2M referrals nationally): a partial index keeps the inbox and its tab counts small.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index referrals_team_open on referrals (team_id, first_conversation_due, first_contact_due, created_at)
            where status not in ('completed', 'rejected', 'cancelled', 'failed')`.execute(db);
}
