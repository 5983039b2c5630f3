import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { forEachDatabase } from '../../../test/support/databases.ts';
import type { Database } from '../db/database.ts';
import { createLogger } from '../log.ts';
import { runDueJobs, type Job } from './runner.ts';

const log = createLogger('silent');

function countingJob(name: string, everySeconds = 60, work: () => Promise<void> = async () => {}): Job & { runs: number } {
  const job = {
    name,
    everySeconds,
    runs: 0,
    run: async () => {
      job.runs++;
      await work();
    },
  };
  return job;
}

async function jobRow(db: Database, name: string) {
  return db.selectFrom('job_runs').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

forEachDatabase('background job runner', (db, kind) => {
  test('a due job runs, and not again before its interval has passed', async () => {
    const job = countingJob('test.interval', 3600);
    assert.deepEqual(await runDueJobs(db(), [job], log), ['test.interval']);
    assert.deepEqual(await runDueJobs(db(), [job], log), []);
    assert.equal(job.runs, 1);
    const row = await jobRow(db(), 'test.interval');
    assert.equal(row.locked_until, null);
    assert.equal(row.last_error, null);
    assert.ok(row.next_run_at.getTime() > Date.now() + 3500_000, 'next run about an hour later');
  });

  test(`two runners ticking at the same time${kind === 'postgres' ? ' (two connections)' : ''} run a job once`, async () => {
    const job = countingJob('test.once', 60, () => sleep(200));
    const [a, b] = await Promise.all([runDueJobs(db(), [job], log), runDueJobs(db(), [job], log)]);
    assert.equal(job.runs, 1);
    assert.deepEqual([...a, ...b], ['test.once'], 'exactly one runner claimed it');
  });

  test('while one runner is busy with a job, another runner skips it', async () => {
    let release!: () => void;
    const job = countingJob('test.busy', 1, () => new Promise<void>((resolve) => (release = resolve)));
    const first = runDueJobs(db(), [job], log);
    while (job.runs === 0) await sleep(10);
    // The interval (1 s) has passed, but the first run still holds the lock.
    await sleep(1100);
    assert.deepEqual(await runDueJobs(db(), [job], log), []);
    release();
    assert.deepEqual(await first, ['test.busy']);
    assert.equal(job.runs, 1);
  });

  test('a failing job records its error, the other jobs still run, and it runs again when due', async () => {
    const failing: Job = { name: 'test.failing', everySeconds: 60, run: async () => Promise.reject(new Error('upstream unavailable')) };
    const next = countingJob('test.after-failing');
    assert.deepEqual(await runDueJobs(db(), [failing, next], log), ['test.failing', 'test.after-failing']);
    assert.equal(next.runs, 1);
    const row = await jobRow(db(), 'test.failing');
    assert.equal(row.last_error, 'upstream unavailable');
    assert.equal(row.locked_until, null);
    await db()
      .updateTable('job_runs')
      .set({ next_run_at: new Date(Date.now() - 1000) })
      .where('name', '=', 'test.failing')
      .execute();
    assert.deepEqual(await runDueJobs(db(), [failing], log), ['test.failing']);
  });

  test('a job whose runner died (its lock has expired) is taken over by another runner', async () => {
    const job = countingJob('test.crashed');
    await db()
      .insertInto('job_runs')
      .values({ name: 'test.crashed', next_run_at: new Date(Date.now() - 60_000), locked_until: new Date(Date.now() - 1000) })
      .execute();
    assert.deepEqual(await runDueJobs(db(), [job], log), ['test.crashed']);
    assert.equal(job.runs, 1);
  });
});
