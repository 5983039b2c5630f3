/**
 * /metrics in Prometheus' text format, through the real app on both databases: only with the
 * token (or on METRICS_PORT), per route pattern never per URL, and counts without personal data.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { forEachDatabase } from '../test/support/databases.ts';
import { testApp, TestBrowser } from '../test/support/http.ts';
import { addDaysIso, amsterdamToday } from './platform/dates.ts';
import { enqueueMail } from './platform/mail/outbox.ts';
import { testConfig } from './platform/config.ts';
import { startServer } from './server.ts';
import { createLogger } from './platform/log.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from './referrals/test-fixture.ts';
import { sendReferral } from './referrals/send-referral.ts';

const TOKEN = 'metrics-token-for-the-tests-0123456789abcdef';
const PATIENT = 'Meetbare Patiënt';

forEachDatabase('metrics (/metrics)', (db) => {
  let w: ReferralWorld;
  let referralId: string;
  let scraped: string;
  const app = () => testApp(db(), { metricsToken: TOKEN }).app;
  const scrape = (authorization?: string) => app().request('/metrics', { headers: authorization ? { authorization } : {} });

  before(async () => {
    w = await insertReferralWorld(db());
    // An open referral past its first-contact term, another past both; a mail waiting two hours; a job that last succeeded an hour ago.
    const today = amsterdamToday();
    referralId = (await sendReferral(db(), contextOf(w.users.staffA), referralInput(w, { patient_name: PATIENT }), BASE_URL)).id;
    const second = (await sendReferral(db(), contextOf(w.users.staffA), referralInput(w, { patient_name: `${PATIENT} 2` }), BASE_URL)).id;
    await db()
      .updateTable('referrals')
      .set({ first_contact_due: addDaysIso(today, -2) })
      .where('id', '=', referralId)
      .execute();
    await db()
      .updateTable('referrals')
      .set({ first_contact_due: addDaysIso(today, -9), first_conversation_due: addDaysIso(today, -1) })
      .where('id', '=', second)
      .execute();
    await enqueueMail(db(), { to: 'medewerker@test.kortelijn.nl', subject: 'Er is iets voor u', text: 'Zie Korte Lijn.' });
    await sql`update outbox_mail set created_at = now() - interval '2 hours'`.execute(db());
    await db()
      .insertInto('job_runs')
      .values({ name: 'mail.deliver', next_run_at: new Date(), last_succeeded_at: new Date(Date.now() - 3_600_000), last_finished_at: new Date() })
      .onConflict((oc) => oc.column('name').doUpdateSet({ last_succeeded_at: new Date(Date.now() - 3_600_000), last_error: null }))
      .execute();
    // Traffic: a referral page (anonymous: sent to sign in) and a wrong password.
    await app().request(`/verwijzingen/${referralId}`);
    const browser = new TestBrowser(app());
    await browser.get('/inloggen');
    await browser.post('/inloggen', { email: w.users.staffA.email, password: 'not-the-password' });
    const res = await scrape(`Bearer ${TOKEN}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    scraped = await res.text();
  });

  const sample = (name: string, labels: Record<string, string> = {}): number | undefined => {
    const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    for (const line of scraped.split('\n')) {
      if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
      if (wanted.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return undefined;
  };

  it('without a token, or with a wrong one, /metrics answers 401 and shows nothing', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`]) {
      const res = await scrape(authorization);
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="metrics"');
      assert.doesNotMatch(await res.text(), /korte_lijn_/);
    }
  });

  it('without METRICS_TOKEN configured, /metrics is not found on the app port', async () => {
    const res = await testApp(db()).app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 404);
  });

  it('requests are counted per route pattern, never per URL', () => {
    assert.equal(sample('korte_lijn_http_request_duration_seconds_count', { method: 'GET', route: '/verwijzingen/:id', status: '303' }), 1);
    assert.ok(sample('korte_lijn_http_request_duration_seconds_count', { method: 'POST', route: '/inloggen' })! >= 1);
    assert.ok(!scraped.includes(referralId), 'no referral id');
  });

  it('the database connections, the outbox and the jobs are reported', () => {
    assert.ok(sample('korte_lijn_db_connections_max')! >= 1);
    assert.equal(sample('korte_lijn_db_connections_waiting'), 0);
    assert.ok(sample('korte_lijn_db_connections_in_use')! >= 0);
    assert.equal(sample('korte_lijn_database_reachable'), 1);
    assert.ok(sample('korte_lijn_outbox_pending')! >= 1);
    assert.ok(sample('korte_lijn_outbox_oldest_pending_age_seconds')! >= 7_000);
    assert.equal(sample('korte_lijn_outbox_failed'), 0);
    const age = sample('korte_lijn_job_last_success_age_seconds', { job: 'mail.deliver' })!;
    assert.ok(age >= 3_590 && age < 3_700, String(age));
    assert.equal(sample('korte_lijn_job_failing', { job: 'mail.deliver' }), 0);
  });

  it('referrals overdue now are counted per team and milestone', () => {
    assert.equal(sample('korte_lijn_referrals_overdue', { team_id: w.noord, milestone: 'first_contact' }), 2);
    assert.equal(sample('korte_lijn_referrals_overdue', { team_id: w.noord, milestone: 'first_conversation' }), 1);
  });

  it('a wrong password counts as a failed sign-in', () => {
    assert.equal(sample('korte_lijn_login_failures_total', { step: 'password', outcome: 'failed' }), 1);
  });

  it('no personal data: no patient name, no e-mail address, no free text', () => {
    assert.ok(!scraped.includes('Meetbare'));
    assert.doesNotMatch(scraped, /@/);
    assert.ok(!scraped.includes('Ik slaap slecht'));
  });
});

describe('metrics on their own port (METRICS_PORT)', () => {
  const folders: string[] = [];
  after(async () => {
    await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('answer /metrics there without a token, and nothing else; the app port does not serve them', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kl-metrics-port-'));
    folders.push(dataDir);
    const metricsPort = await freePort();
    const server = await startServer(testConfig({ dataDir, metricsPort }), createLogger('silent'));
    try {
      assert.equal(server.metricsUrl, `http://127.0.0.1:${metricsPort}`);
      const metrics = await fetch(`${server.metricsUrl}/metrics`);
      assert.equal(metrics.status, 200);
      assert.match(await metrics.text(), /korte_lijn_db_connections_max 1/);
      assert.equal((await fetch(`${server.metricsUrl}/verwijzingen`)).status, 404);
      assert.equal((await fetch(`${server.url}/metrics`)).status, 404);
    } finally {
      await server.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
