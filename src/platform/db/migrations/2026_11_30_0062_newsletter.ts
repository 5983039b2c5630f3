import { sql, type Kysely } from 'kysely';

/**
 * The region's bimonthly newsletter (issue 13): composed from what changed on the social map and the
 * coming events, edited and sent by the regional coordinator, kept as an archive. Everyone who works
 * in the region receives it unless they unsubscribed (one click, RFC 8058); unsubscribing is a row
 * here, subscribing again removes it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('newsletters')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('region_id', 'uuid', (c) => c.notNull().references('regions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('sent_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('recipients', 'integer')
    .execute();
  await db.schema.createIndex('newsletters_region').on('newsletters').columns(['region_id', 'created_at']).execute();

  await db.schema
    .createTable('newsletter_unsubscribes')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
