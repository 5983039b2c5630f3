import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type CompiledQuery, type Driver } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { compileOnce } from './compile-once.ts';

/** A database that records what it is sent and answers with no rows: compileOnce's part ends there. */
function recordingDatabase(): { db: Kysely<DB>; sent: CompiledQuery[] } {
  const sent: CompiledQuery[] = [];
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => ({
      executeQuery: async (query) => {
        sent.push(query);
        return { rows: [] };
      },
      streamQuery: () => {
        throw new Error('not used');
      },
    }),
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return { db, sent };
}

describe('a statement compiled once', () => {
  test("runs with each request's values in the places of its parameters", async () => {
    const { db, sent } = recordingDatabase();
    const read = compileOnce((k, v: { teamId: string; offset: number }) =>
      k.selectFrom('referrals').select('id').where('team_id', '=', v.teamId).offset(v.offset),
    );
    await read(db, { teamId: 'team-a', offset: 0 });
    await read(db, { teamId: 'team-b', offset: 50 });
    assert.deepEqual(
      sent.map((q) => q.parameters),
      [
        ['team-a', 0],
        ['team-b', 50],
      ],
    );
    assert.equal(sent[0]!.sql, sent[1]!.sql);
    assert.doesNotMatch(sent[0]!.sql, /object|compileOnce/);
  });

  test('a value used as raw SQL text is refused before anything is sent, and the error names it', async () => {
    const { db, sent } = recordingDatabase();
    const read = compileOnce((k, v: { teamId: string; column: string }) =>
      k.selectFrom('referrals').select(sql.raw<string>(v.column).as('picked')).where('team_id', '=', v.teamId),
    );
    await assert.rejects(read(db, { teamId: 'team-a', column: 'reference' }), /compileOnce: column must be bound parameters/);
    assert.equal(sent.length, 0);
  });

  test('a value used both as a parameter and inside a string is refused too', async () => {
    const { db } = recordingDatabase();
    const read = compileOnce((k, v: { teamId: string }) =>
      k
        .selectFrom('referrals')
        .select(sql.raw<string>(`'${v.teamId}'`).as('label'))
        .where('team_id', '=', v.teamId),
    );
    await assert.rejects(read(db, { teamId: 'team-a' }), /compileOnce: teamId must be bound parameters/);
  });

  test('a value the statement never uses is refused: the statement would silently ignore it', async () => {
    const { db } = recordingDatabase();
    const read = compileOnce((k, v: { teamId: string; namePattern: string }) => k.selectFrom('referrals').select('id').where('team_id', '=', v.teamId));
    await assert.rejects(read(db, { teamId: 'team-a', namePattern: '%jan%' }), /compileOnce: namePattern must be bound parameters/);
  });
});
