/**
 * Background work during a graceful shutdown (server.ts): the job runner starts no further job once
 * told to stop, and the mail job hands the claim on its unsent mail back instead of letting it
 * run out. Also what monitoring reads of a job: when it last succeeded.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { createLogger } from '../log.ts';
import { runDueJobs, jobStatuses, type Job } from './runner.ts';
import { deliverPendingMail, enqueueMail } from '../mail/outbox.ts';
import type { Mailer } from '../mail/mailer.ts';

const log = createLogger('silent');

forEachDatabase('background work while shutting down', (db) => {
  it('once told to stop, the runner finishes the job at hand and starts no further one', async () => {
    await db().deleteFrom('job_runs').execute();
    const stopping = new AbortController();
    const ran: string[] = [];
    const job = (name: string, work: () => void = () => {}): Job => ({
      name,
      everySeconds: 60,
      run: async (signal) => {
        ran.push(`${name}${signal.aborted ? ' (told to stop)' : ''}`);
        work();
      },
    });
    const done = await runDueJobs(db(), [job('first', () => stopping.abort()), job('second')], log, stopping.signal);
    assert.deepEqual(done, ['first']);
    assert.deepEqual(ran, ['first']);
    const first = await db().selectFrom('job_runs').selectAll().where('name', '=', 'first').executeTakeFirstOrThrow();
    assert.equal(first.locked_until, null, 'the finished run is recorded and its claim released');
  });

  it('a job records when it last succeeded; a failed run keeps the earlier success and is marked failing', async () => {
    await db().deleteFrom('job_runs').execute();
    let fail = false;
    const job: Job = {
      name: 'flaky',
      everySeconds: 1,
      run: async () => {
        if (fail) throw new Error('smtp down');
      },
    };
    await runDueJobs(db(), [job], log);
    const [succeeded] = await jobStatuses(db());
    assert.equal(succeeded?.failing, false);
    assert.ok(succeeded?.lastSucceededAt);
    fail = true;
    await db()
      .updateTable('job_runs')
      .set({ next_run_at: new Date(Date.now() - 1000) })
      .execute();
    await runDueJobs(db(), [job], log);
    const [failed] = await jobStatuses(db());
    assert.equal(failed?.failing, true);
    assert.equal(failed?.lastSucceededAt?.getTime(), succeeded.lastSucceededAt.getTime());
  });

  it('the mail job stopped half-way sends the mail at hand and gives the claim on the rest back at once', async () => {
    await db().deleteFrom('outbox_mail').execute();
    for (let i = 0; i < 3; i++) await enqueueMail(db(), { to: `medewerker${i}@test.kortelijn.nl`, subject: 'Er is iets voor u', text: 'Zie Korte Lijn.' });
    const stopping = new AbortController();
    const sent: string[] = [];
    const mailer: Mailer = {
      delivers: true,
      send: async (mail) => {
        sent.push(mail.to);
        stopping.abort(); // SIGTERM arrives while the first mail goes out
      },
      close: () => {},
    };
    const report = await deliverPendingMail(db(), mailer, log, 50, stopping.signal);
    assert.deepEqual(report, { sent: 1, failed: 0 });
    const rows = await db().selectFrom('outbox_mail').select(['sent_at', 'locked_until']).execute();
    assert.equal(rows.filter((r) => r.sent_at !== null).length, 1);
    assert.deepEqual(
      rows.filter((r) => r.sent_at === null).map((r) => r.locked_until),
      [null, null],
      'the unsent mail is free for another instance right away',
    );
  });
});
