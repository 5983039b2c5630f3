/**
 * The database-backed sliding-window limit for public forms, on both databases: the limit holds,
 * buckets and addresses are counted apart, old hits fall out of the window, and the address itself
 * is never stored.
 */
import { createHash } from 'node:crypto';
import { beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { allowHit, purgeOldHits, secondsUntilAllowed } from './rate-limit.ts';

forEachDatabase('rate limit for public forms', (db) => {
  beforeEach(async () => {
    await db().deleteFrom('rate_limit_hits').execute();
  });

  const hits = async (n: number, bucket: string, key: string, max = 5, windowMinutes = 60) => {
    const answers: boolean[] = [];
    for (let i = 0; i < n; i++) answers.push(await allowHit(db(), bucket, key, max, windowMinutes));
    return answers;
  };

  it('five hits within the window are allowed, the sixth is refused (and not stored)', async () => {
    assert.deepEqual(await hits(6, 'selfcheck-contact', '203.0.113.9'), [true, true, true, true, true, false]);
    assert.equal(await allowHit(db(), 'selfcheck-contact', '203.0.113.9', 5, 60), false, 'still refused');
    const stored = await db().selectFrom('rate_limit_hits').select('id').execute();
    assert.equal(stored.length, 5, 'refused hits are not stored');
  });

  it('a burst of simultaneous hits cannot get past the limit', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => allowHit(db(), 'selfcheck-contact', '203.0.113.50', 5, 60)));
    assert.equal(answers.filter(Boolean).length, 5, `allowed: ${answers.filter(Boolean).length}`);
    assert.equal((await db().selectFrom('rate_limit_hits').select('id').execute()).length, 5);
  });

  it('another address, or another bucket, has its own count', async () => {
    await hits(5, 'selfcheck-contact', '203.0.113.9');
    assert.equal(await allowHit(db(), 'selfcheck-contact', '203.0.113.9', 5, 60), false);
    assert.equal(await allowHit(db(), 'selfcheck-contact', '203.0.113.10', 5, 60), true, 'another address');
    assert.equal(await allowHit(db(), 'selfcheck', '203.0.113.9', 5, 60), true, 'another bucket, same address');
    assert.equal(await allowHit(db(), 'selfcheck-contact', '2001:db8::1', 5, 60), true, 'an IPv6 address');
  });

  it('the address is stored only as a hash, never as itself', async () => {
    const ip = '203.0.113.77';
    await allowHit(db(), 'selfcheck-contact', ip, 5, 60);
    const rows = await db().selectFrom('rate_limit_hits').selectAll().execute();
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.bucket, 'selfcheck-contact');
    assert.match(row.key_hash, /^[0-9a-f]{64}$/);
    assert.ok(!row.key_hash.includes(ip) && !row.key_hash.includes('203'), 'the address itself is not in the hash column');
    const everything = JSON.stringify(rows);
    assert.ok(!everything.includes(ip), 'the address appears nowhere in the row');
    // The same address in another bucket hashes differently, so buckets cannot be joined on it.
    await allowHit(db(), 'selfcheck', ip, 5, 60);
    const hashes = new Set((await db().selectFrom('rate_limit_hits').select('key_hash').execute()).map((r) => r.key_hash));
    assert.equal(hashes.size, 2);
    assert.ok(!hashes.has(createHash('sha256').update(ip).digest('hex')), 'not a bare hash of the address');
  });

  it('hits older than the window no longer count', async () => {
    await hits(5, 'selfcheck-contact', '203.0.113.9');
    assert.equal(await allowHit(db(), 'selfcheck-contact', '203.0.113.9', 5, 60), false);
    await sql`update rate_limit_hits set at = now() - interval '61 minutes'`.execute(db());
    assert.equal(await allowHit(db(), 'selfcheck-contact', '203.0.113.9', 5, 60), true, 'the window has slid past the old hits');
  });

  it('the window is sliding: hits just inside it still count', async () => {
    await hits(5, 'selfcheck-contact', '203.0.113.9');
    await sql`update rate_limit_hits set at = now() - interval '59 minutes'`.execute(db());
    assert.equal(await allowHit(db(), 'selfcheck-contact', '203.0.113.9', 5, 60), false);
  });

  it('purgeOldHits removes hits older than a day and keeps recent ones', async () => {
    await hits(3, 'selfcheck', '203.0.113.9', 30);
    const [oldest] = await db().selectFrom('rate_limit_hits').select('id').orderBy('id').limit(1).execute();
    await sql`update rate_limit_hits set at = now() - interval '25 hours' where id = ${oldest!.id}`.execute(db());
    assert.equal(await purgeOldHits(db()), 1);
    assert.equal((await db().selectFrom('rate_limit_hits').select('id').execute()).length, 2);
  });

  it('below the limit there is no wait; at the limit the wait lasts until the oldest hit leaves the window', async () => {
    await hits(4, 'api-token-refused', '203.0.113.9');
    assert.equal(await secondsUntilAllowed(db(), 'api-token-refused', '203.0.113.9', 5, 60), 0);
    await hits(1, 'api-token-refused', '203.0.113.9');
    await sql`update rate_limit_hits set at = now() - interval '50 minutes' where id = (select min(id) from rate_limit_hits)`.execute(db());
    const wait = await secondsUntilAllowed(db(), 'api-token-refused', '203.0.113.9', 5, 60);
    assert.ok(wait > 9 * 60 && wait <= 10 * 60, `${wait} s`);
    assert.equal(await secondsUntilAllowed(db(), 'api-token-refused', '203.0.113.10', 5, 60), 0, 'another address');
    assert.equal(await secondsUntilAllowed(db(), 'selfcheck', '203.0.113.9', 5, 60), 0, 'another bucket');
  });
});
