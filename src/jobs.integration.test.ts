/**
 * The background jobs as the app runs them (jobs.ts through the job runner): what they leave
 * behind on both databases.
 */
import { beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDatabase } from '../test/support/databases.ts';
import { createTenant } from '../test/support/fixtures.ts';
import { testApp } from '../test/support/http.ts';
import { backgroundJobs } from './jobs.ts';
import { runDueJobs } from './platform/jobs/runner.ts';
import { createMailer } from './platform/mail/mailer.ts';
import { enqueueMail } from './platform/mail/outbox.ts';
import { createLogger } from './platform/log.ts';
import { LONGEST_WINDOW_MINUTES } from './platform/auth/rate-limit.ts';

const log = createLogger('silent');

forEachDatabase('background jobs', (db) => {
  /** Every job due now, once, with a mailer for this SMTP_URL (none: no SMTP server configured). */
  async function runJobs(smtpUrl?: string) {
    const { services } = testApp(db(), { smtpUrl });
    const mailer = createMailer({ smtpUrl, from: services.config.mailFrom, log });
    try {
      return await runDueJobs(db(), backgroundJobs(services, mailer), log);
    } finally {
      mailer.close();
    }
  }

  beforeEach(async () => {
    await db().deleteFrom('job_runs').execute();
  });

  it('without an SMTP server, mail is never marked sent: it stays in the outbox with no attempt used', async () => {
    await enqueueMail(db(), { to: 'medewerker@test.kortelijn.nl', subject: 'Er is iets voor u', text: 'Zie Korte Lijn.' });
    await runJobs();
    await db().deleteFrom('job_runs').execute();
    await runJobs();
    const rows = await db().selectFrom('outbox_mail').select(['sent_at', 'attempts', 'last_error']).execute();
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0], { sent_at: null, attempts: 0, last_error: null });
  });

  it('sign-in failures older than the longest throttle window are purged; newer ones stay', async () => {
    const at = (minutesAgo: number) => sql<Date>`now() - make_interval(mins => ${minutesAgo})`;
    await db()
      .insertInto('login_failures')
      .values([
        { email: 'oud@test.kortelijn.nl', ip: '192.0.2.90', at: at(LONGEST_WINDOW_MINUTES + 10) },
        { email: 'nieuw@test.kortelijn.nl', ip: '192.0.2.90', at: at(LONGEST_WINDOW_MINUTES - 10) },
      ])
      .execute();
    await runJobs();
    const left = await db().selectFrom('login_failures').select('email').where('ip', '=', '192.0.2.90').execute();
    assert.deepEqual(
      left.map((r) => r.email),
      ['nieuw@test.kortelijn.nl'],
    );
  });

  it('referral drafts from a HIS are purged once expired (they hold patient data for a day at most); current ones stay', async () => {
    const tenant = await createTenant(db());
    const hour = 3600_000;
    await db()
      .insertInto('referral_drafts')
      .values([
        { practice_id: tenant.practiceId, form_values: JSON.stringify({ patient_name: 'Verlopen Concept' }), expires_at: new Date(Date.now() - hour) },
        { practice_id: tenant.practiceId, form_values: JSON.stringify({ patient_name: 'Geldig Concept' }), expires_at: new Date(Date.now() + hour) },
      ])
      .execute();
    await runJobs();
    const left = await db().selectFrom('referral_drafts').select('form_values').where('practice_id', '=', tenant.practiceId).execute();
    assert.deepEqual(
      left.map((r) => r.form_values['patient_name']),
      ['Geldig Concept'],
    );
  });
});
