import { sql, type Kysely } from 'kysely';

/**
 * First contact within N working days is an agreement between practice and team, not law: the
 * agreed range is 1–10 (docs/product.md), not capped at the default of 3 as the first migration had it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agreements drop constraint agreements_first_contact_working_days_check`.execute(db);
  await sql`alter table agreements add constraint agreements_first_contact_working_days_check check (first_contact_working_days between 1 and 10)`.execute(db);
}
