/**
 * How the schema is brought up to date at start (database.ts, migrateToLatest) on both databases:
 * index builds on large tables run concurrently, outside a transaction; instances that start at
 * the same time migrate once; a database migrated by a newer version is refused with a clear message.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDatabase, openTestDatabase } from '../../../test/support/databases.ts';
import { freshPostgresDatabase } from '../../../test/support/postgres.ts';
import { migrateToLatest, migrationState, openDatabase, SchemaNewerError } from './database.ts';
import { createIndexConcurrently } from './concurrent-index.ts';
import { migrationProvider } from './migrations/index.ts';

forEachDatabase('migrations', (db) => {
  it('the person lookup indexes are built by a migration that runs outside a transaction, and are valid', async () => {
    // CREATE INDEX CONCURRENTLY fails inside a transaction block on PostgreSQL: that the migration
    // went through shows it ran on its own.
    const { rows } = await sql<{ name: string; valid: boolean }>`
      select c.relname as name, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
      where c.relname in ('referrals_practice_birth_date', 'referrals_team_birth_date') order by c.relname`.execute(db());
    assert.deepEqual(rows, [
      { name: 'referrals_practice_birth_date', valid: true },
      { name: 'referrals_team_birth_date', valid: true },
    ]);
  });

  it('an index build that failed half-way (an invalid index) is dropped and built again', async () => {
    await sql`create table index_repair (id int, code text)`.execute(db());
    await sql`insert into index_repair values (1, 'a'), (2, 'a')`.execute(db());
    // A unique index over duplicates fails, and a concurrent build leaves it behind, invalid.
    await assert.rejects(sql`create unique index concurrently index_repair_code on index_repair (code)`.execute(db()));
    const validity = async () =>
      (
        await sql<{
          valid: boolean;
        }>`select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = 'index_repair_code'`.execute(db())
      ).rows[0]?.valid;
    assert.equal(await validity(), false, 'the failed build left an invalid index');
    await createIndexConcurrently(db(), 'index_repair_code', sql`on index_repair (code)`);
    assert.equal(await validity(), true);
    await sql`drop table index_repair`.execute(db());
  });

  it('a database migrated by a newer version of the app is refused, naming the migration it does not know', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('2099_01_01_0001_from_the_future', ${new Date().toISOString()})`.execute(db());
    try {
      assert.deepEqual(await migrationState(db()), { pending: [], unknown: ['2099_01_01_0001_from_the_future'] });
      await assert.rejects(
        migrateToLatest(db()),
        (err: unknown) =>
          err instanceof SchemaNewerError && /newer version of Korte Lijn/.test(err.message) && /2099_01_01_0001_from_the_future/.test(err.message),
      );
    } finally {
      await sql`delete from kysely_migration where name = '2099_01_01_0001_from_the_future'`.execute(db());
    }
  });
});

describe('instances that start at the same time [postgres]', () => {
  it('migrate a new database once between them, every migration exactly once', async (t) => {
    const databaseUrl = await freshPostgresDatabase();
    if (!databaseUrl) return t.skip('PostgreSQL is not installed');
    const [a, b] = await Promise.all([openDatabase({ databaseUrl, dataDir: '' }), openDatabase({ databaseUrl, dataDir: '' })]);
    try {
      const [appliedA, appliedB] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)]);
      const all = Object.keys(await migrationProvider.getMigrations()).sort();
      assert.deepEqual([...appliedA, ...appliedB].sort(), all);
      assert.deepEqual(await migrationState(a.db), { pending: [], unknown: [] });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('a fresh embedded database', () => {
  it('is migrated from nothing, every migration exactly once', async () => {
    const handle = await openTestDatabase('pglite');
    try {
      assert.deepEqual(await migrationState(handle!.db), { pending: [], unknown: [] });
      assert.deepEqual(await migrateToLatest(handle!.db), []);
    } finally {
      await handle?.close();
    }
  });
});
