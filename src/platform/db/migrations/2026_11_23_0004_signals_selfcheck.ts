import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * Anonymous signal records (no patient identity; counted for monitoring) and the self-check's
 * anonymous counts, plus a generic rate-limit log for public forms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);

  await db.schema
    .createTable('signal_records')
    .addColumn('id', 'uuid', id)
    .addColumn('practice_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('recorded_on', 'date', (c) => c.notNull())
    .addColumn('signals', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('strain', 'smallint', (c) => c.check(sql`strain between 0 and 4`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('conversation_held', 'referred', 'declined', 'later')`))
    .addColumn('needs', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('note', 'text')
    .addColumn('referral_id', 'uuid', (c) => c.references('referrals.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('signal_records_practice').on('signal_records').columns(['practice_id', 'recorded_on']).execute();

  await db.schema
    .createTable('selfcheck_answer_counts')
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('selfcheck_answer_counts_pk', ['day', 'question_id', 'answer'])
    .execute();

  await db.schema
    .createTable('selfcheck_result_counts')
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('selfcheck_result_counts_pk', ['day', 'lang', 'level', 'municipality_code'])
    .execute();

  // Public forms (self-check contact request): hits per hashed IP, counted over a sliding window.
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('rate_limit_hits_lookup').on('rate_limit_hits').columns(['bucket', 'key_hash', 'at']).execute();
}
