/**
 * The app survives a restart of its PostgreSQL server: requests during the outage get a quick 503,
 * and it serves again by itself once the server is back (platform/db/database.ts, availability.ts).
 * Here and not in platform/db because it starts the whole server. PostgreSQL only: PGlite runs
 * inside the app's own process and cannot restart on its own.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { startServer } from './server.ts';
import { backgroundJobs } from './jobs.ts';
import { testConfig } from './platform/config.ts';
import { startJobLoop, type Job } from './platform/jobs/runner.ts';
import { startTemporaryPostgres } from '../test/support/postgres.ts';
import { createTenant, createTestUser, TEST_PASSWORD } from '../test/support/fixtures.ts';
import { overHttp, signedInBrowser } from '../test/support/http.ts';

interface Answer {
  path: string;
  started: number;
  ended: number;
  /** 0: no answer within the client's timeout (a hanging request). */
  status: number;
  retryAfter: string | null;
  body: string;
}

/** The client gives up after this long: a request the app leaves hanging shows up as status 0. */
const CLIENT_TIMEOUT_MS = 15_000;
const OUTAGE_MS = 3_000;

describe('a PostgreSQL restart while the app is under load', { timeout: 180_000 }, () => {
  it('the app keeps running, answers 503 during the outage and 200 again within 10 s after', async (t) => {
    const postgres = await startTemporaryPostgres();
    if (!postgres) return t.skip('PostgreSQL is not installed');

    // Anything thrown outside a request (an unhandled 'error' event of the pg pool ends a real process).
    const crashes: unknown[] = [];
    const onCrash = (err: unknown) => crashes.push(err);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);

    const logLines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
    const server = await startServer(testConfig({ databaseUrl: postgres.url, jobsEnabled: true, dbWaitSeconds: 2 }), log);
    let stopJobs = async () => {};
    let stopLoad = () => {};
    try {
      const db = server.database.db;
      const tenant = await createTenant(db);
      const staff = await createTestUser(db, tenant, 'practice_staff');
      const browser = await signedInBrowser(overHttp(server.url), db, { email: staff.email, password: TEST_PASSWORD });
      const cookie = browser.cookieHeader;

      // The background jobs tick every 200 ms here (15 s in the app), so they run into the outage too.
      const jobs: Job[] = backgroundJobs(server.services, server.mailer);
      stopJobs = startJobLoop(db, jobs, log, 0.2);

      // Six clients, each asking in turn for the health check and a signed-in page that reads the
      // practice's referrals and writes an audit entry.
      const answers: Answer[] = [];
      let loading = true;
      stopLoad = () => (loading = false);
      const client = async (index: number) => {
        for (let i = index; loading; i++) {
          const path = i % 2 === 0 ? '/healthz' : '/verwijzingen';
          const started = performance.now();
          try {
            // The health check is asked as a load balancer does, without cookies.
            const headers: Record<string, string> = path === '/healthz' ? {} : { cookie };
            const res = await fetch(new URL(path, server.url), { headers, redirect: 'manual', signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
            answers.push({ path, started, ended: performance.now(), status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() });
          } catch {
            answers.push({ path, started, ended: performance.now(), status: 0, retryAfter: null, body: '' });
          }
          await sleep(20);
        }
      };
      const clients = Promise.all([0, 1, 2, 3, 4, 5].map(client));
      const firstOkAfter = async (since: number, withinMs: number) => {
        const deadline = since + withinMs;
        const ok = (path: string) => answers.find((a) => a.path === path && a.started >= since && a.status === 200);
        while (performance.now() < deadline && !(ok('/healthz') && ok('/verwijzingen'))) await sleep(50);
        return { healthz: ok('/healthz')?.ended ?? null, page: ok('/verwijzingen')?.ended ?? null };
      };

      const before = await firstOkAfter(performance.now(), 10_000);
      assert.ok(before.healthz && before.page, 'the app serves before the restart');

      await postgres.halt(); // pg_ctl stop -m fast: every open connection is terminated
      const down = performance.now();
      await sleep(OUTAGE_MS);
      const resuming = performance.now();
      await postgres.resume();
      const up = performance.now();

      const after = await firstOkAfter(up, 10_000);
      // A job added now runs on the loop's next tick: the loop outlived the outage.
      let ranAfterRestart = false;
      jobs.push({ name: 'test.after-restart', everySeconds: 3600, run: async () => (ranAfterRestart = true) });
      for (const deadline = performance.now() + 5_000; !ranAfterRestart && performance.now() < deadline;) await sleep(50);
      stopLoad();
      await clients;

      const duringOutage = answers.filter((a) => a.started >= down && a.ended <= resuming);
      t.diagnostic(
        `${answers.length} answers, ${duringOutage.length} during the outage; 200 again ${Math.round((after.healthz ?? NaN) - up)} ms (health) and ${Math.round((after.page ?? NaN) - up)} ms (page) after the server was back`,
      );
      assert.deepEqual(crashes, [], 'nothing was thrown outside a request');
      assert.ok(
        logLines.some((line) => line.includes('database connection lost')),
        'the terminated connections were noticed and reported, not left to crash the process',
      );

      const unexpected = answers.filter((a) => a.status !== 200 && a.status !== 503);
      assert.deepEqual(
        unexpected.map((a) => `${a.path} ${a.status} after ${Math.round(a.ended - a.started)} ms`),
        [],
        'every answer is 200 or 503: no 500, and no request left hanging',
      );

      assert.ok(duringOutage.length >= 10, `requests were made during the outage (${duringOutage.length})`);
      for (const a of duringOutage) {
        assert.equal(a.status, 503, `${a.path} during the outage`);
        assert.ok(Number(a.retryAfter) > 0, `${a.path} says when to retry`);
        assert.ok(a.ended - a.started < 5_000, `${a.path} answered quickly (${Math.round(a.ended - a.started)} ms)`);
        if (a.path === '/healthz') assert.deepEqual(JSON.parse(a.body), { status: 'unavailable', db: 'down' });
        else assert.match(a.body, /Korte Lijn kan nu even niet bij de gegevens/);
      }

      assert.ok(after.healthz !== null && after.healthz - up < 10_000, 'the health check is 200 again within 10 s');
      assert.ok(after.page !== null && after.page - up < 10_000, 'the signed-in page is 200 again within 10 s');
      assert.ok(ranAfterRestart, 'background jobs run again after the restart');
    } finally {
      stopLoad();
      await stopJobs();
      await server.close();
      await postgres.stop();
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    }
  });
});
