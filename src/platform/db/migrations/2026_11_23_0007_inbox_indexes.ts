import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the team inbox and the practice list at national size (2M referrals, several events
 * each), both shown a page at a time:
 * - the open referrals' index ends in the id, so pages have a stable order, and carries the columns
 *   the tab counts test (status, assignee, contact dates), so counting reads no table rows;
 * - the practice list pages through its referrals newest first, id breaking ties;
 * - the consent in force is a referral's newest; the list reads it from the index alone;
 * - the "doorgestuurd" tab looks for a team's forwards among all events, of which few are forwards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index referrals_team_open`.execute(db);
  await sql`create index referrals_team_open on referrals (team_id, first_conversation_due, first_contact_due, created_at, id)
            include (status, assigned_to, first_contact_on, first_conversation_on)
            where status not in ('completed', 'rejected', 'cancelled', 'failed')`.execute(db);
  await sql`drop index referrals_practice_created`.execute(db);
  await sql`create index referrals_practice_created on referrals (practice_id, created_at, id)`.execute(db);
  await sql`drop index consents_referral`.execute(db);
  await sql`create index consents_referral on consents (referral_id, given_at desc) include (feedback_allowed, withdrawn_at)`.execute(db);
  await sql`create index referral_events_forwarded_from on referral_events (from_team_id, referral_id) where type = 'forwarded'`.execute(db);
}
