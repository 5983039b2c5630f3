import { sql, type Kysely } from 'kysely';

/**
 * Two-step verification for every role brings recovery codes: one-time codes shown once at set-up,
 * stored only as hashes, so a lost phone does not need a database edit.
 *
 * Sign-in throttling counts only failed verifications: an attempt still being checked is a
 * `pending` row (it holds a place against simultaneous guesses) until it becomes a failure or is
 * removed after success.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('used_at', 'timestamptz')
    .addUniqueConstraint('recovery_codes_user_code', ['user_id', 'code_hash'])
    .execute();
  await sql`alter table login_failures add column pending boolean not null default false`.execute(db);
  // Pair counts (account + source) and the purge read these.
  await db.schema.createIndex('login_failures_email_ip_at').on('login_failures').columns(['email', 'ip', 'at']).execute();
  await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
}
