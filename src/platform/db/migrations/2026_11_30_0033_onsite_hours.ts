import { sql, type Kysely } from 'kysely';

/**
 * On-site hours (spreekuur in de praktijk): a team member's recurring hours at a GP practice, with
 * exceptions (holidays, cancellations), and the slots a practice books from a referral whose
 * hand-over is "Kennismaking in de praktijk" — the first conversation held at the practice instead
 * of the town hall (the action study's recommendation). A booked slot is the referral's planned
 * first conversation (`referrals.first_conversation_planned_at`) and appears in the staff member's
 * iCalendar feed (`calendar_feeds`: a secret, revocable address per user, stored only as a hash).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = sql`gen_random_uuid()`;
  const time = (column: string) => sql.raw(`${column} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`);
  await db.schema
    .createTable('onsite_hours')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('practice_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('host_user_id', 'uuid', (c) => c.notNull().references('users.id'))
    // ISO weekday: 1 = Monday … 7 = Sunday.
    .addColumn('weekday', 'smallint', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('starts_at', 'text', (c) => c.notNull().check(time('starts_at')))
    .addColumn('ends_at', 'text', (c) => c.notNull().check(time('ends_at')))
    .addColumn('slot_minutes', 'smallint', (c) => c.notNull().check(sql`slot_minutes between 15 and 120`))
    .addColumn('room', 'text')
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('onsite_hours_order', sql`starts_at < ends_at`)
    .execute();
  await db.schema.createIndex('onsite_hours_practice').on('onsite_hours').columns(['practice_id', 'team_id']).execute();

  await db.schema
    .createTable('onsite_exceptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('onsite_hours_id', 'uuid', (c) => c.notNull().references('onsite_hours.id'))
    .addColumn('on_date', 'date', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('holiday', 'cancelled')`))
    .addColumn('note', 'text')
    .addUniqueConstraint('onsite_exceptions_day', ['onsite_hours_id', 'on_date'])
    .execute();

  await db.schema
    .createTable('onsite_bookings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('onsite_hours_id', 'uuid', (c) => c.notNull().references('onsite_hours.id'))
    .addColumn('referral_id', 'uuid', (c) => c.notNull().references('referrals.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('booked_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancelled_by', 'uuid', (c) => c.references('users.id'))
    .execute();
  // One booking per slot and one per referral, however many people click at once.
  await sql`create unique index onsite_bookings_slot on onsite_bookings (onsite_hours_id, starts_at) where cancelled_at is null`.execute(db);
  await sql`create unique index onsite_bookings_referral on onsite_bookings (referral_id) where cancelled_at is null`.execute(db);

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`alter table referrals add column first_conversation_planned_at timestamptz, add column first_conversation_place text`.execute(db);
}
