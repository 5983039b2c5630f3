import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Migrator, sql } from 'kysely';
import { actorOf, forEachDatabase, testContext } from '../../../test/support/databases.ts';
import { createTenant, createTestUser } from '../../../test/support/fixtures.ts';
import { freshPostgresDatabase } from '../../../test/support/postgres.ts';
import { migrateToLatest, openDatabase, statementCount, type Database } from '../db/database.ts';
import { migrationProvider } from '../db/migrations/index.ts';
import type { AuditEntry } from '../db/schema.ts';
import { entryHash, GENESIS_HASH, searchAudit, verifyAuditChain, writeAudit } from './audit.ts';
import { auditKey, currentAuditKey } from './audit-key.ts';

const KEYED_LOG_MIGRATION = '2026_11_30_0002_tamper_evident_audit';

forEachDatabase('audit log', (db, kind) => {
  const ctx = testContext({ ip: '198.51.100.7', requestId: 'req-audit' });
  const allEntries = () => db().selectFrom('audit_log').selectAll().orderBy('id').execute();

  it('an empty log verifies', async () => {
    assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: 0, keyed: 0 });
  });

  it('the first entry points at the genesis hash and every next entry at the hash of the one before', async () => {
    for (const action of ['test.one', 'test.two', 'test.three']) await writeAudit(db(), ctx, { action });
    const rows = await allEntries();
    assert.equal(rows.length, 3);
    assert.equal(rows[0]!.prev_hash, GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
    for (const row of rows) assert.equal(row.hash, entryHash(row), `entry ${row.id} hash`);
  });

  it('entry ids come back as strings on both databases, as the schema types them', async () => {
    const [row] = await allEntries();
    assert.equal(typeof row!.id, 'string');
  });

  it('an intact log verifies, also when read in small batches', async () => {
    await writeAudit(db(), ctx, { action: 'test.four' });
    await writeAudit(db(), ctx, { action: 'test.five' });
    assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: 5, keyed: 5 });
    assert.deepEqual(await verifyAuditChain(db(), 2), { ok: true, checked: 5, keyed: 5 });
  });

  it('records who acted, on whose behalf, from where, in which request, and the outcome', async () => {
    const tenant = await createTenant(db());
    const user = await createTestUser(db(), tenant, 'practice_staff');
    const actorCtx = testContext({ actor: actorOf(user), ip: '203.0.113.9', requestId: 'req-who' });
    await writeAudit(db(), actorCtx, {
      action: 'test.viewed',
      subjectType: 'referral',
      subjectId: 'r-1',
      patientRef: 'r-1',
      outcome: 'denied',
      details: { z: 1, a: { y: [1, 2], b: 'x' } },
    });
    const row = await db().selectFrom('audit_log').selectAll().where('request_id', '=', 'req-who').executeTakeFirstOrThrow();
    assert.equal(row.actor_user_id, user.id);
    assert.equal(row.actor_role, 'practice_staff');
    assert.equal(row.on_behalf_of, `practice:${tenant.practiceId}`);
    assert.equal(row.subject_type, 'referral');
    assert.equal(row.subject_id, 'r-1');
    assert.equal(row.patient_ref, 'r-1');
    assert.equal(row.ip, '203.0.113.9');
    assert.equal(row.outcome, 'denied');
    assert.deepEqual(row.details, { z: 1, a: { y: [1, 2], b: 'x' } });
    assert.ok(row.at instanceof Date);
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  it('details with a missing value or a date are hashed as they are stored, so the chain still verifies', async () => {
    await writeAudit(db(), ctx, {
      action: 'test.odd_details',
      details: { missing: undefined, at: new Date('2026-11-23T10:00:00Z'), text: 'Ünïcødé “quotes” \\ \n' },
    });
    const row = await db().selectFrom('audit_log').selectAll().where('action', '=', 'test.odd_details').executeTakeFirstOrThrow();
    assert.deepEqual(row.details, { at: '2026-11-23T10:00:00.000Z', text: 'Ünïcødé “quotes” \\ \n' });
    assert.equal(entryHash(row), row.hash);
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  it('an entry written inside a transaction that rolls back disappears with the change', async () => {
    const before = (await allEntries()).length;
    await assert.rejects(
      db()
        .transaction()
        .execute(async (trx) => {
          await writeAudit(trx, ctx, { action: 'test.rolled_back' });
          throw new Error('the change fails');
        }),
      /the change fails/,
    );
    assert.equal((await allEntries()).length, before);
    await writeAudit(db(), ctx, { action: 'test.after_rollback' });
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  it('twenty entries written at the same time still form one unbroken chain', async () => {
    const before = (await allEntries()).length;
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeAudit(db(), testContext({ requestId: `concurrent-${i}` }), { action: 'test.concurrent' })));
    const rows = await allEntries();
    assert.equal(rows.length, before + 20);
    assert.equal(new Set(rows.map((r) => r.prev_hash)).size, rows.length, 'two entries share a predecessor: the chain forked');
    assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: rows.length, keyed: rows.length });
  });

  it('each entry is an HMAC under the audit key, and names the key by its fingerprint only', async () => {
    const rows = await allEntries();
    const key = currentAuditKey();
    for (const row of rows) {
      assert.equal(row.key_id, key.id);
      assert.equal(row.hash, entryHash(row, key));
      assert.notEqual(row.hash, entryHash(row, auditKey('another-key-of-at-least-32-characters')), 'the hash depends on the key');
    }
    assert.ok(!JSON.stringify(rows).includes(key.secret.toString('utf8')), 'the key itself is not in the log');
  });

  it('an entry on its own is one statement', async () => {
    await writeAudit(db(), ctx, { action: 'test.warm_up' });
    const before = statementCount(db());
    await writeAudit(db(), ctx, { action: 'test.one_statement' });
    assert.equal(statementCount(db()) - before, 1);
  });

  it('entries written at the same time go out together, in one statement, in the order written', async () => {
    await writeAudit(db(), ctx, { action: 'test.warm_up' });
    const before = statementCount(db());
    await Promise.all(Array.from({ length: 10 }, (_, i) => writeAudit(db(), ctx, { action: 'test.together', details: { i } })));
    assert.equal(statementCount(db()) - before, 1);
    const rows = await db().selectFrom('audit_log').select('details').where('action', '=', 'test.together').orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => r.details['i']),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  });

  it('an entry written inside a transaction is appended when the transaction commits, as its last statement', async () => {
    let costOfWriting = -1;
    let visibleBeforeCommit = -1;
    await db()
      .transaction()
      .execute(async (trx) => {
        const before = statementCount(db());
        await writeAudit(trx, ctx, { action: 'test.in_transaction', details: { n: 1 } });
        await writeAudit(trx, ctx, { action: 'test.in_transaction', details: { n: 2 } });
        costOfWriting = statementCount(db()) - before;
        visibleBeforeCommit = (await trx.selectFrom('audit_log').select('id').where('action', '=', 'test.in_transaction').execute()).length;
      });
    assert.equal(costOfWriting, 0, 'writing costs no round trip until the commit');
    assert.equal(visibleBeforeCommit, 0, 'not appended while the transaction works');
    const rows = await db().selectFrom('audit_log').selectAll().where('action', '=', 'test.in_transaction').orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => r.details),
      [{ n: 1 }, { n: 2 }],
    );
    assert.equal(rows[1]!.prev_hash, rows[0]!.hash, 'appended one after the other, in the order written');
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  it(
    'a second writer is not held up while a transaction that wrote an audit entry works on',
    { skip: kind === 'pglite' && 'PGlite has one connection: every statement waits for an open transaction anyway' },
    async () => {
      let entryWritten!: () => void;
      const written = new Promise<void>((resolve) => (entryWritten = resolve));
      const slow = db()
        .transaction()
        .execute(async (trx) => {
          await writeAudit(trx, ctx, { action: 'test.slow_transaction' });
          entryWritten();
          await sleep(1000);
          await trx.selectFrom('audit_chain_head').select('last_hash').execute();
        });
      await written;
      const started = performance.now();
      await writeAudit(db(), ctx, { action: 'test.quick_writer' });
      const waited = performance.now() - started;
      await slow;
      assert.ok(waited < 500, `the second writer waited ${Math.round(waited)} ms for the slow transaction`);
      const [quick, late] = await db()
        .selectFrom('audit_log')
        .select(['action', 'id'])
        .where('action', 'in', ['test.slow_transaction', 'test.quick_writer'])
        .orderBy('id')
        .execute();
      assert.deepEqual([quick!.action, late!.action], ['test.quick_writer', 'test.slow_transaction']);
      assert.equal((await verifyAuditChain(db())).ok, true);
    },
  );

  it('transactions and single entries written at the same time still form one unbroken chain', async () => {
    const before = (await allEntries()).length;
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) =>
        db()
          .transaction()
          .execute(async (trx) => {
            await writeAudit(trx, ctx, { action: 'test.mixed_transaction', details: { i, n: 1 } });
            await trx.selectFrom('audit_chain_head').select('last_hash').execute();
            await writeAudit(trx, ctx, { action: 'test.mixed_transaction', details: { i, n: 2 } });
          }),
      ),
      ...Array.from({ length: 8 }, (_, i) => writeAudit(db(), ctx, { action: 'test.mixed_single', details: { i } })),
    ]);
    const rows = await allEntries();
    assert.equal(rows.length, before + 24);
    assert.equal(new Set(rows.map((r) => r.prev_hash)).size, rows.length, 'two entries share a predecessor: the chain forked');
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  it('an entry after one appended by another instance links to that newest entry', async () => {
    // Another app instance appended: the head moved without this process seeing it.
    const head = await db().selectFrom('audit_chain_head').select('last_hash').executeTakeFirstOrThrow();
    const theirs = { ...sampleEntry('test.other_instance'), prev_hash: head.last_hash, key_id: currentAuditKey().id };
    const theirHash = entryHash(theirs);
    await insertRow(db(), { ...theirs, hash: theirHash });
    await db().updateTable('audit_chain_head').set({ prev_hash: head.last_hash, last_hash: theirHash }).execute();

    await writeAudit(db(), ctx, { action: 'test.after_other_instance' });
    const mine = await db().selectFrom('audit_log').selectAll().where('action', '=', 'test.after_other_instance').executeTakeFirstOrThrow();
    assert.equal(mine.prev_hash, theirHash);
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  it('the log does not verify with another key, and says the key is wrong', async () => {
    const verdict = await verifyAuditChain(db(), 1000, auditKey('not-the-key-the-app-writes-with-0123456789'));
    assert.equal(verdict.ok, false);
    if (!verdict.ok) {
      assert.equal(verdict.problem, 'wrong_key');
      assert.equal(verdict.brokenId, (await allEntries())[0]!.id);
      assert.match(verdict.reason, /AUDIT_KEY is missing or not the key/);
    }
  });

  it('searches newest first, by action, page by page', async () => {
    const first = await searchAudit(db(), { action: 'test.concurrent' }, undefined, 15);
    assert.equal(first.rows.length, 15);
    assert.equal(first.hasMore, true);
    const ids = first.rows.map((r) => Number(r.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );
    const second = await searchAudit(db(), { action: 'test.concurrent' }, first.rows.at(-1)!.id, 15);
    assert.equal(second.rows.length, 5);
    assert.equal(second.hasMore, false);
  });

  it('the database refuses to change an audit entry', async () => {
    await assert.rejects(db().updateTable('audit_log').set({ action: 'test.rewritten' }).where('action', '=', 'test.two').execute(), /append-only/);
    assert.equal((await db().selectFrom('audit_log').select('id').where('action', '=', 'test.two').execute()).length, 1);
  });

  it('the database refuses to remove an audit entry', async () => {
    await assert.rejects(db().deleteFrom('audit_log').where('action', '=', 'test.two').execute(), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(db()), /append-only/);
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  // The tests below bypass the trigger, as someone with full database access could, to show that
  // verification still catches tampering. They leave the log broken, so they come last.

  it('verification names exactly the entry whose content was changed', async () => {
    await sql`drop trigger audit_log_no_change on audit_log`.execute(db());
    const target = (await allEntries())[2]!;
    await db().updateTable('audit_log').set({ action: 'test.innocent' }).where('id', '=', target.id).execute();
    const verdict = await verifyAuditChain(db());
    assert.equal(verdict.ok, false);
    if (!verdict.ok) {
      assert.equal(verdict.brokenId, target.id);
      assert.equal(verdict.checked, 2);
      assert.match(verdict.reason, /changed/);
    }
    // Putting the original back makes the chain whole again.
    await db().updateTable('audit_log').set({ action: target.action }).where('id', '=', target.id).execute();
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  it('rewriting an entry and recomputing the hashes after it without the key is caught at that entry', async () => {
    const rows = await allEntries();
    const target = rows.length - 5;
    const guess = auditKey('the-attacker-guesses-a-key-0123456789abcdef');
    const attempts: Array<{ how: string; rehash: (row: AuditEntry) => Pick<AuditEntry, 'key_id' | 'hash'>; problem: string }> = [
      // Keeps the key id and computes HMACs under a key of their own.
      { how: 'a guessed key', rehash: (row) => ({ key_id: row.key_id, hash: entryHash(row, guess) }), problem: 'changed' },
      // Names their own key in the entries.
      {
        how: 'a key of their own, named in the entries',
        rehash: (row) => ({ key_id: guess.id, hash: entryHash({ ...row, key_id: guess.id }, guess) }),
        problem: 'wrong_key',
      },
      // Turns the entries into "old" ones, whose plain SHA-256 needs no key.
      { how: 'plain SHA-256', rehash: (row) => ({ key_id: null, hash: entryHash({ ...row, key_id: null }) }), problem: 'unkeyed_after_keyed' },
    ];
    for (const attempt of attempts) {
      await rewriteChain(db(), rows, target, { action: 'test.innocent' }, attempt.rehash);
      const verdict = await verifyAuditChain(db());
      assert.equal(verdict.ok, false, attempt.how);
      if (!verdict.ok) assert.deepEqual([verdict.brokenId, verdict.problem], [rows[target]!.id, attempt.problem], attempt.how);
      await restoreChain(db(), rows);
      assert.equal((await verifyAuditChain(db())).ok, true, `restored after ${attempt.how}`);
    }
  });

  it('rewriting the whole log as entries from before keying is caught: the newest entry must be keyed', async () => {
    const rows = await allEntries();
    await rewriteChain(db(), rows, 0, {}, (row) => ({ key_id: null, hash: entryHash({ ...row, key_id: null }) }));
    const verdict = await verifyAuditChain(db());
    assert.equal(verdict.ok, false);
    if (!verdict.ok) assert.deepEqual([verdict.brokenId, verdict.problem], [rows.at(-1)!.id, 'head_unkeyed']);
    await restoreChain(db(), rows);
    assert.equal((await verifyAuditChain(db())).ok, true);
  });

  it('verification notices entries cut off the end of the log, and names the last one left', async () => {
    const rows = await allEntries();
    const [secondLast, last] = rows.slice(-2);
    await db().deleteFrom('audit_log').where('id', '=', last!.id).execute();
    const verdict = await verifyAuditChain(db(), 3);
    assert.equal(verdict.ok, false);
    if (!verdict.ok) {
      assert.equal(verdict.brokenId, secondLast!.id);
      assert.equal(verdict.checked, rows.length - 1);
      assert.match(verdict.reason, /cut off/);
    }
  });

  it('the database keeps the chain head', async () => {
    await assert.rejects(sql`delete from audit_chain_head`.execute(db()), /keep its row/);
  });

  it('verification names the entry after one that was removed', async () => {
    const rows = await allEntries();
    await db().deleteFrom('audit_log').where('id', '=', rows[3]!.id).execute();
    const verdict = await verifyAuditChain(db(), 2);
    assert.equal(verdict.ok, false);
    if (!verdict.ok) {
      assert.equal(verdict.brokenId, rows[4]!.id);
      assert.match(verdict.reason, /removed/);
    }
  });
});

forEachDatabase('audit log kept from before keying', (db) => {
  const ctx = testContext({ requestId: 'req-upgrade' });

  it('entries hashed without a key still verify, and the first keyed entry links to the last of them', async () => {
    // As the unkeyed app wrote them, a list read among them (its referrals in details, copied to patient_refs by the migration).
    let prev = GENESIS_HASH;
    for (const details of [{}, { referralIds: ['r-1', 'r-2'] }, { step: 3 }]) {
      const entry = {
        ...sampleEntry('test.before_keying'),
        details,
        patient_refs: (details as { referralIds?: string[] }).referralIds ?? [],
        prev_hash: prev,
        key_id: null,
      };
      prev = entryHash(entry);
      await insertRow(db(), { ...entry, hash: prev });
    }
    await db().updateTable('audit_chain_head').set({ last_hash: prev }).execute();
    assert.deepEqual(await verifyAuditChain(db()), {
      ok: false,
      checked: 3,
      brokenId: (await db().selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id,
      problem: 'head_unkeyed',
      reason:
        'the newest entry is not keyed: right after the upgrade to a keyed log this lasts until the app writes its next entry; otherwise the log was rewritten without the key',
    });

    await writeAudit(db(), ctx, { action: 'test.after_keying' });
    await writeAudit(db(), ctx, { action: 'test.after_keying' });
    assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: 5, keyed: 2 });
    const firstKeyed = await db().selectFrom('audit_log').selectAll().where('action', '=', 'test.after_keying').orderBy('id').executeTakeFirstOrThrow();
    assert.equal(firstKeyed.prev_hash, prev);
  });

  it('an old entry whose copied patient references differ from its details does not verify', async () => {
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db());
    const listRead = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'test.before_keying')
      .orderBy('id')
      .offset(1)
      .executeTakeFirstOrThrow();
    await sql`update audit_log set patient_refs = array['r-1'] where id = ${listRead.id}`.execute(db());
    const verdict = await verifyAuditChain(db());
    assert.equal(verdict.ok, false);
    if (!verdict.ok) assert.deepEqual([verdict.brokenId, verdict.problem], [listRead.id, 'changed']);
  });
});

/** An entry as another writer (an older app, another instance) would store it. */
function sampleEntry(action: string) {
  return {
    at: new Date(),
    actor_user_id: null,
    actor_role: null,
    on_behalf_of: null,
    action,
    subject_type: null,
    subject_id: null,
    patient_ref: null,
    patient_refs: [] as string[],
    ip: '192.0.2.55',
    request_id: 'req-elsewhere',
    outcome: 'success' as const,
    details: {} as Record<string, unknown>,
  };
}

async function insertRow(db: Database, row: ReturnType<typeof sampleEntry> & Pick<AuditEntry, 'prev_hash' | 'hash' | 'key_id'>): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ ...row, details: JSON.stringify(row.details) })
    .execute();
}

/**
 * What someone with write access to the database but without the key can do: change entry `from`
 * and give it and every later entry a new hash (and the head), each linked to the one before.
 */
async function rewriteChain(
  db: Database,
  rows: AuditEntry[],
  from: number,
  change: Partial<AuditEntry>,
  rehash: (row: AuditEntry) => Pick<AuditEntry, 'key_id' | 'hash'>,
): Promise<void> {
  let prev = rows[from]!.prev_hash;
  for (const original of rows.slice(from)) {
    const row = { ...original, ...(original === rows[from] ? change : {}), prev_hash: prev };
    const { key_id, hash } = rehash(row);
    await db.updateTable('audit_log').set({ action: row.action, prev_hash: prev, key_id, hash }).where('id', '=', row.id).execute();
    prev = hash;
  }
  await db.updateTable('audit_chain_head').set({ last_hash: prev }).execute();
}

async function restoreChain(db: Database, rows: AuditEntry[]): Promise<void> {
  for (const row of rows) {
    await db
      .updateTable('audit_log')
      .set({ action: row.action, prev_hash: row.prev_hash, key_id: row.key_id, hash: row.hash })
      .where('id', '=', row.id)
      .execute();
  }
  await db
    .updateTable('audit_chain_head')
    .set({ prev_hash: rows.at(-1)!.prev_hash, last_hash: rows.at(-1)!.hash })
    .execute();
}

describe('the migration to a keyed log', () => {
  for (const kind of ['pglite', 'postgres'] as const) {
    it(`copies the referrals of earlier list reads to patient_refs, so they can be found per patient [${kind}]`, async (t) => {
      const url = kind === 'postgres' ? await freshPostgresDatabase() : undefined;
      if (url === null) return t.skip('PostgreSQL is not installed');
      const handle = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
      try {
        const all = await migrationProvider.getMigrations();
        const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < KEYED_LOG_MIGRATION));
        await new Migrator({ db: handle.db, provider: { getMigrations: async () => before } }).migrateToLatest();
        await sql`
          insert into audit_log (at, action, outcome, details, prev_hash, hash)
          values (now(), 'referral.list_read', 'success', ${JSON.stringify({ page: 1, referralIds: ['r-1', 'r-2'] })}::jsonb, ${GENESIS_HASH}, 'h1'),
                 (now(), 'referral.read', 'success', '{}'::jsonb, 'h1', 'h2')`.execute(handle.db);
        await migrateToLatest(handle.db);
        const rows = await handle.db.selectFrom('audit_log').select(['action', 'patient_refs', 'key_id']).orderBy('id').execute();
        assert.deepEqual(rows, [
          { action: 'referral.list_read', patient_refs: ['r-1', 'r-2'], key_id: null },
          { action: 'referral.read', patient_refs: [], key_id: null },
        ]);
        await assert.rejects(handle.db.updateTable('audit_log').set({ action: 'x' }).execute(), /append-only/, 'the trigger is back on');
      } finally {
        await handle.close();
      }
    });
  }
});
