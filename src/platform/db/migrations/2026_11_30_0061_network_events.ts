import { sql, type Kysely } from 'kysely';

/**
 * Network events (issue 13: netwerkbijeenkomst, wijksafari, training) with sign-up, and what their
 * invitation mail needs from the outbox: an iCalendar attachment (RFC 5545, text/calendar) and
 * extra headers (e.g. List-Unsubscribe, RFC 8058). Both are stored with the mail, so the outbox job
 * sends exactly what was written in the transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox_mail').addColumn('headers', 'jsonb').execute();
  await db.schema.alterTable('outbox_mail').addColumn('attachments', 'jsonb').execute();

  const now = sql`now()`;
  await db.schema
    .createTable('network_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('region_id', 'uuid', (c) => c.notNull().references('regions.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('network_meeting', 'district_safari', 'training')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('organised_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('network_events_ends_after_start', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('network_events_region').on('network_events').columns(['region_id', 'starts_at']).execute();

  await db.schema
    .createTable('network_event_signups')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('network_events.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('signed_up_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('network_event_signups_pk', ['event_id', 'user_id'])
    .execute();
}
