import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Logger } from '../log.ts';

/**
 * Recurring background jobs kept in the database (table job_runs). Each tick, an instance claims a
 * due job with one atomic UPDATE; other instances skip it until it is done or its lock expires.
 * Jobs themselves must be idempotent: a crash mid-run means the job runs again.
 */
export interface Job {
  name: string;
  everySeconds: number;
  run(): Promise<unknown>;
}

export async function runDueJobs(db: Database, jobs: Job[], log: Logger): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    await db
      .insertInto('job_runs')
      .values({ name: job.name, next_run_at: new Date() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const claimed = await db
      .updateTable('job_runs')
      .set({ locked_until: sql`now() + make_interval(secs => ${Math.max(60, job.everySeconds)})`, last_started_at: new Date() })
      .where('name', '=', job.name)
      .where('next_run_at', '<=', sql<Date>`now()`)
      .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', sql<Date>`now()`)]))
      .returning('name')
      .executeTakeFirst();
    if (!claimed) continue;
    let error: string | null = null;
    try {
      const result = await job.run();
      log.debug({ job: job.name, result }, 'job done');
    } catch (err) {
      error = err instanceof Error ? err.message.slice(0, 500) : 'unknown error';
      log.error({ job: job.name, err: error }, 'job failed');
    }
    await db
      .updateTable('job_runs')
      .set({ locked_until: null, last_finished_at: new Date(), last_error: error, next_run_at: new Date(Date.now() + job.everySeconds * 1000) })
      .where('name', '=', job.name)
      .execute();
    ran.push(job.name);
  }
  return ran;
}

/** Ticks every `tickSeconds` until stopped. Returns a stop function that waits for a running tick. */
export function startJobLoop(db: Database, jobs: Job[], log: Logger, tickSeconds = 15): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => runDueJobs(db, jobs, log)).catch((err) => log.error({ err: String(err) }, 'job tick failed'));
  }, tickSeconds * 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
