import { it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { actorOf, forEachDatabase, testContext } from '../../../test/support/databases.ts';
import { createTenant, createTestUser } from '../../../test/support/fixtures.ts';
import { entryHash, GENESIS_HASH, searchAudit, verifyAuditChain, writeAudit } from './audit.ts';

forEachDatabase('audit log', (db) => {
  const ctx = testContext({ ip: '198.51.100.7', requestId: 'req-audit' });
  const allEntries = () => db().selectFrom('audit_log').selectAll().orderBy('id').execute();

  it('an empty log verifies', async () => {
    assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: 0 });
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
    assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: 5 });
    assert.deepEqual(await verifyAuditChain(db(), 2), { ok: true, checked: 5 });
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
    assert.deepEqual(await verifyAuditChain(db()), { ok: true, checked: rows.length });
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
