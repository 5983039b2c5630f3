import { it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { databaseKind, type Database } from './database.ts';

/**
 * Statements with parameters are prepared once per connection and then only bound and run, on
 * PostgreSQL and on PGlite (prepared-statements.ts). What the app gets back
 * must not change: the same values and types, the rows a change affected, the database's errors.
 */
forEachDatabase('prepared statements', (db) => {
  /** How often each of the connection's prepared statements with this text fragment was planned. */
  const planCounts = async (conn: Database, fragment: string) => {
    const { rows } = await sql<{ runs: number }>`select (generic_plans + custom_plans)::int as runs from pg_prepared_statements
      where statement like ${`%${fragment}%`} and statement not like '%pg_prepared_statements%'`.execute(conn);
    return rows.map((r) => r.runs);
  };

  it('prepares a statement once and runs it again with new values', async () => {
    await db()
      .connection()
      .execute(async (conn) => {
        for (const n of [1, 2, 3]) {
          const { rows } = await sql<{ doubled: number }>`select ${n}::int * 2 as doubled /* prepared-once */`.execute(conn);
          assert.deepEqual(rows, [{ doubled: n * 2 }]);
        }
        assert.deepEqual(await planCounts(conn, 'prepared-once'), [3], 'one prepared statement, run three times');
      });
  });

  it('gives back the same values and types as before', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select ${'7'}::bigint as big, ${'2026-12-01'}::date as day, ${'2026-12-01T10:00:00Z'}::timestamptz as at,
             ${JSON.stringify({ a: [1, 'b'] })}::jsonb as doc, ${['x', 'y,z']}::text[] as list, ${true}::boolean as yes,
             ${null}::text as nothing, ${1.5}::float8 as half, ${'Zoë "de" Vries'}::text as name`.execute(db());
    assert.deepEqual(rows, [
      {
        big: '7',
        day: '2026-12-01',
        at: new Date('2026-12-01T10:00:00Z'),
        doc: { a: [1, 'b'] },
        list: ['x', 'y,z'],
        yes: true,
        nothing: null,
        half: 1.5,
        name: 'Zoë "de" Vries',
      },
    ]);
  });

  it('sends values of every kind the app binds, on the first run and when the statement is reused', async () => {
    for (const n of [1, 2]) {
      const at = new Date(Date.UTC(2026, 11, n, 9, 30));
      const { rows } = await sql<Record<string, unknown>>`
        select ${at}::timestamptz as at, ${BigInt(n) * 10n}::bigint as big, ${['a', null, 'b"c']}::text[] as list,
               ${{ n }}::jsonb as doc, ${n % 2 === 0}::boolean as even, ${'€ 5,-'}::text as text /* reused-values */`.execute(db());
      assert.deepEqual(rows, [{ at, big: String(n * 10), list: ['a', null, 'b"c'], doc: { n }, even: n % 2 === 0, text: '€ 5,-' }]);
    }
  });

  it('counts the rows a change affected, and passes on the database error with its code', async () => {
    const bucket = `prepared-${databaseKind(db())}`;
    const inserted = await db()
      .insertInto('rate_limit_hits')
      .values([
        { bucket, key_hash: 'a' },
        { bucket, key_hash: 'b' },
      ])
      .executeTakeFirst();
    assert.equal(inserted.numInsertedOrUpdatedRows, 2n);
    const deleted = await db().deleteFrom('rate_limit_hits').where('bucket', '=', bucket).executeTakeFirst();
    assert.equal(deleted.numDeletedRows, 2n);
    await assert.rejects(sql`select ${'not a number'}::int as n`.execute(db()), (err: { code?: string }) => err.code === '22P02');
    // The failed statement left the connection usable.
    assert.deepEqual((await sql<{ n: number }>`select ${5}::int as n`.execute(db())).rows, [{ n: 5 }]);
  });

  it('prepares again when a table it reads changed shape, outside a transaction', async () => {
    await sql`create table prepared_shape (id int)`.execute(db());
    try {
      await db()
        .connection()
        .execute(async (conn) => {
          await sql`insert into prepared_shape values (1)`.execute(conn);
          const before = await sql`select * from prepared_shape where id = ${1}`.execute(conn);
          assert.deepEqual(before.rows, [{ id: 1 }]);
          await sql`alter table prepared_shape add column label text default 'nieuw'`.execute(conn);
          const after = await sql`select * from prepared_shape where id = ${1}`.execute(conn);
          assert.deepEqual(after.rows, [{ id: 1, label: 'nieuw' }]);
        });
    } finally {
      await sql`drop table prepared_shape`.execute(db());
    }
  });

  it('in a transaction the refusal ends the transaction as PostgreSQL says, and the next run prepares again', async () => {
    await sql`create table prepared_shape_trx (id int)`.execute(db());
    try {
      await db()
        .connection()
        .execute(async (conn) => {
          await sql`select * from prepared_shape_trx where id = ${1}`.execute(conn);
          await sql`alter table prepared_shape_trx add column label text`.execute(conn);
          await assert.rejects(
            conn.transaction().execute((trx) => sql`select * from prepared_shape_trx where id = ${1}`.execute(trx)),
            (err: { code?: string }) => err.code === '0A000',
          );
          await sql`insert into prepared_shape_trx values (1)`.execute(conn);
          const after = await sql`select * from prepared_shape_trx where id = ${1}`.execute(conn);
          assert.deepEqual(after.rows, [{ id: 1, label: null }]);
        });
    } finally {
      await sql`drop table prepared_shape_trx`.execute(db());
    }
  });
});
