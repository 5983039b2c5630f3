import { sql, type Kysely, type Migration, type RawBuilder } from 'kysely';

/**
 * Index builds on large tables (referrals, audit_log: millions of rows nationally) must not stop
 * the app from writing while they run. A plain CREATE INDEX holds a SHARE lock on the table for the
 * whole build, which blocks every insert and update; CREATE INDEX CONCURRENTLY lets writes go on,
 * but PostgreSQL refuses to run it inside a transaction block, and Kysely runs each migration in
 * one. So a migration that builds such an index says `export const transactional = false` and the
 * migration runner (database.ts, migrateToLatest) runs it on its own, outside a transaction
 * (docs/decisions/004-backups-and-online-index-builds.md).
 *
 * A concurrent build that fails half-way (a crash, a restart during the rollout) leaves an INVALID
 * index behind, which `if not exists` would then take for done; it is dropped and built again.
 * PGlite accepts the same statements (it has only one connection, so nothing waits).
 */
export interface NonTransactionalMigration extends Migration {
  readonly transactional: false;
}

export function isNonTransactional(migration: Migration): migration is NonTransactionalMigration {
  return (migration as Partial<NonTransactionalMigration>).transactional === false;
}

/** Builds `name` with `definition` ("on table (columns) …") concurrently; idempotent; repairs an invalid leftover. */
export async function createIndexConcurrently<T>(db: Kysely<T>, name: string, definition: RawBuilder<unknown>): Promise<void> {
  const { rows } = await sql<{ valid: boolean }>`
    select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
    where c.relname = ${name} and c.relnamespace = current_schema()::regnamespace`.execute(db);
  if (rows[0]?.valid === true) return;
  if (rows[0]) await sql`drop index concurrently if exists ${sql.id(name)}`.execute(db);
  await sql`create index concurrently if not exists ${sql.id(name)} ${definition}`.execute(db);
}
