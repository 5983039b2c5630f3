import { sql, type Kysely } from 'kysely';

/**
 * The waiting-room screen (issue #14): one public address per practice, for a TV browser, with a
 * secret in the address instead of a sign-in. Only the SHA-256 of the secret is stored (like the
 * calendar feeds), so a database copy does not open the screens; revoking deletes the row, and a
 * new address replaces the old one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('waiting_room_screens')
    .addColumn('practice_id', 'uuid', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
