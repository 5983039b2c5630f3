import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { beforeCommit } from './commit-hooks.ts';
import { statementCount } from './database.ts';

forEachDatabase('work before commit', (db) => {
  const count = async (bucket: string) => (await db().selectFrom('rate_limit_hits').select('id').where('bucket', '=', bucket).execute()).length;

  it('runs inside the transaction, after its own work, right before it commits', async () => {
    const order: string[] = [];
    await db()
      .transaction()
      .execute(async (trx) => {
        await beforeCommit(trx, async () => {
          // Sees the transaction's uncommitted row: same transaction, same connection.
          order.push(`hook sees ${(await trx.selectFrom('rate_limit_hits').select('id').where('bucket', '=', 'hook-test').execute()).length}`);
          await trx.insertInto('rate_limit_hits').values({ bucket: 'hook-test', key_hash: 'from-the-hook' }).execute();
        });
        await trx.insertInto('rate_limit_hits').values({ bucket: 'hook-test', key_hash: 'from-the-work' }).execute();
        order.push('work done');
      });
    assert.deepEqual(order, ['work done', 'hook sees 1']);
    assert.equal(await count('hook-test'), 2, 'both rows committed');
  });

  it('does not run when the transaction rolls back', async () => {
    let ran = false;
    await assert.rejects(
      db()
        .transaction()
        .execute(async (trx) => {
          await beforeCommit(trx, async () => {
            ran = true;
          });
          throw new Error('the work fails');
        }),
      /the work fails/,
    );
    assert.equal(ran, false);
  });

  it('a hook that fails rolls the whole transaction back', async () => {
    await assert.rejects(
      db()
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('rate_limit_hits').values({ bucket: 'hook-fails', key_hash: 'x' }).execute();
          await beforeCommit(trx, () => Promise.reject(new Error('the hook fails')));
        }),
      /the hook fails/,
    );
    assert.equal(await count('hook-fails'), 0);
  });

  it('registering costs no round trip to the database', async () => {
    await db()
      .transaction()
      .execute(async (trx) => {
        const before = statementCount(db());
        await beforeCommit(trx, async () => {});
        assert.equal(statementCount(db()) - before, 0);
      });
  });
});

it('without the wrapped dialect, registering fails loudly instead of skipping the work', async () => {
  const plain = new Kysely<unknown>({ dialect: new PGliteDialect(new PGlite()) });
  try {
    await assert.rejects(
      plain.transaction().execute((trx) => beforeCommit(trx, async () => {})),
      /beforeCommit needs withCommitHooks/,
    );
  } finally {
    await plain.destroy();
  }
});
