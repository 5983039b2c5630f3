/**
 * /readyz for load balancers: ready only when the database answers, its schema is the one this
 * code knows, and mail is moving. Through the real app, on both databases.
 */
import { beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { testApp } from '../../../test/support/http.ts';

forEachDatabase('readiness (/readyz)', (db) => {
  const readyz = async (config: Parameters<typeof testApp>[1] = {}) => {
    const res = await testApp(db(), config).app.request('/readyz');
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { status: string; checks: Record<string, string> } };
  };
  const mailWaitingSince = (minutesAgo: number) =>
    db()
      .insertInto('outbox_mail')
      .values({
        to_address: 'medewerker@test.kortelijn.nl',
        subject: 'Er is iets voor u',
        body_text: 'Zie Korte Lijn.',
        created_at: sql`now() - make_interval(mins => ${minutesAgo})`,
      })
      .execute();

  beforeEach(async () => {
    await db().deleteFrom('outbox_mail').execute();
  });

  it('an instance with a current schema and a database that answers is ready', async () => {
    assert.deepEqual(await readyz(), {
      status: 200,
      retryAfter: null,
      body: { status: 'ready', checks: { database: 'ok', migrations: 'current', outbox: 'not_checked' } },
    });
  });

  it('mail waiting longer than READY_OUTBOX_MINUTES makes the instance not ready, with Retry-After', async () => {
    await mailWaitingSince(90);
    const answer = await readyz({ smtpUrl: 'smtp://127.0.0.1:2525', readyOutboxMinutes: 60 });
    assert.equal(answer.status, 503);
    assert.ok(answer.retryAfter);
    assert.deepEqual(answer.body, { status: 'not_ready', checks: { database: 'ok', migrations: 'current', outbox: 'stuck' } });
  });

  it('mail that waits less long, or no SMTP server configured at all, does not', async () => {
    await mailWaitingSince(10);
    assert.equal((await readyz({ smtpUrl: 'smtp://127.0.0.1:2525', readyOutboxMinutes: 60 })).body.checks['outbox'], 'ok');
    await mailWaitingSince(600);
    assert.equal((await readyz({ smtpUrl: undefined })).status, 200, 'without SMTP_URL mail waits by design');
    assert.equal((await readyz({ smtpUrl: 'smtp://127.0.0.1:2525', readyOutboxMinutes: 0 })).status, 200, '0 switches the check off');
  });

  it('a database migrated by a newer version makes this instance not ready', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('2099_01_01_0001_from_the_future', ${new Date().toISOString()})`.execute(db());
    try {
      const answer = await readyz();
      assert.equal(answer.status, 503);
      assert.equal(answer.body.checks['migrations'], 'newer');
    } finally {
      await sql`delete from kysely_migration where name = '2099_01_01_0001_from_the_future'`.execute(db());
    }
  });

  it('a database that lacks a migration of this code makes it not ready', async () => {
    const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(db());
    const newest = rows[0]!;
    await sql`delete from kysely_migration where name = ${newest.name}`.execute(db());
    try {
      const answer = await readyz();
      assert.equal(answer.status, 503);
      assert.equal(answer.body.checks['migrations'], 'pending');
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${newest.name}, ${newest.timestamp})`.execute(db());
    }
  });
});
