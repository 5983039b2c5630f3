/**
 * Overload: a request that cannot get a database connection within the wait limit (DB_WAIT_SECONDS)
 * is answered at once with 503 + Retry-After instead of queueing for as long as it takes, and what
 * already holds a connection finishes untouched.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../test/support/databases.ts';
import { createTenant, createTestUser, TEST_PASSWORD } from '../../../test/support/fixtures.ts';
import { signedInBrowser, testApp, type TestBrowser } from '../../../test/support/http.ts';
import { POSTGRES_POOL_SIZE, type DatabaseHandle } from './database.ts';

const WAIT_SECONDS = 0.5;
const HOLD_MS = 3_000;

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`a database kept busy [${kind}]`, () => {
    let handle: DatabaseHandle | null = null;
    let app: ReturnType<typeof testApp>['app'];
    let browser: TestBrowser;

    before(async () => {
      handle = await openTestDatabase(kind, { waitSeconds: WAIT_SECONDS });
      if (!handle) return;
      app = testApp(handle.db).app;
      const staff = await createTestUser(handle.db, await createTenant(handle.db), 'practice_staff');
      browser = await signedInBrowser(app, handle.db, { email: staff.email, password: TEST_PASSWORD });
    });
    after(() => handle?.close());

    it('a page that waited longer than the limit for a connection gets 503 with Retry-After at once, and the busy transactions still commit whole', async (t) => {
      if (!handle) return t.skip('PostgreSQL is not installed');
      const db = handle.db;
      // Every connection is taken by a transaction that writes, works for a while, and writes again:
      // PGlite's one connection, or the whole pool on PostgreSQL.
      const holders = kind === 'pglite' ? 1 : POSTGRES_POOL_SIZE;
      let holding = 0;
      const busy = Array.from({ length: holders }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('job_runs')
            .values({ name: `test.hold-${i}-a`, next_run_at: new Date() })
            .execute();
          holding++;
          await sleep(HOLD_MS);
          await trx
            .insertInto('job_runs')
            .values({ name: `test.hold-${i}-b`, next_run_at: new Date() })
            .execute();
        }),
      );
      while (holding < holders) await sleep(10);

      const started = performance.now();
      const page = await browser.get('/verwijzingen');
      const waited = performance.now() - started;
      assert.equal(page.status, 503);
      assert.equal(page.headers.get('retry-after'), '5');
      assert.match(page.html, /Het is nu erg druk bij Korte Lijn\. Probeer het over een paar seconden opnieuw\./);
      assert.ok(waited < HOLD_MS - 1_000, `answered after ${Math.round(waited)} ms, not when the database came free`);

      const health = await app.request('/healthz');
      assert.equal(health.status, 503);
      assert.deepEqual(await health.json(), { status: 'unavailable', db: 'busy' });

      await Promise.all(busy);
      const written = await db.selectFrom('job_runs').select('name').where('name', 'like', 'test.hold-%').execute();
      assert.equal(written.length, 2 * holders, 'no statement of a transaction that had started was cut off');

      assert.equal((await browser.get('/verwijzingen')).status, 200, 'served again once a connection is free');
    });

    it('a page read while other statements kept the database busy for longer than the limit gets 503 with Retry-After, without running', async (t) => {
      if (!handle) return t.skip('PostgreSQL is not installed');
      if (kind === 'postgres') return t.skip('PostgreSQL runs statements outside the event loop: covered by the test above');
      const db = handle.db;
      const audited = await db.selectFrom('audit_log').select('id').execute();
      // PGlite runs statements synchronously on the event loop: this one keeps it busy for a second.
      const sleeping = sql`select pg_sleep(1)`.execute(db);
      const page = await browser.get('/verwijzingen');
      await sleeping;
      assert.equal(page.status, 503);
      assert.equal(page.headers.get('retry-after'), '5');
      assert.match(page.html, /Het is nu erg druk bij Korte Lijn/);
      const auditedAfter = await db.selectFrom('audit_log').select('id').execute();
      assert.equal(auditedAfter.length, audited.length, 'the page did not run (reading the list would have been audited)');
    });
  });
}
