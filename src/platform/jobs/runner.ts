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
  /** How often it runs; also how long a claimed run may take before another instance may take it over (at least a minute). */
  everySeconds: number;
  /** When the run after one at `now` is due, for jobs that run at a time of day (the nightly backup); default now + everySeconds. */
  nextRunAfter?: (now: Date) => Date;
  /**
   * The work. `stopping` is aborted when the app shuts down: a job that works through a batch stops
   * after the item at hand and leaves the rest for the next run (or another instance).
   */
  run(stopping: AbortSignal): Promise<unknown>;
}

const notStopping = new AbortController().signal;

/** Runs the jobs that are due, one after the other; once `stopping` is aborted, it starts no further job. */
export async function runDueJobs(db: Database, jobs: Job[], log: Logger, stopping: AbortSignal = notStopping): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    if (stopping.aborted) break;
    await db
      .insertInto('job_runs')
      .values({ name: job.name, next_run_at: job.nextRunAfter ? job.nextRunAfter(new Date()) : new Date() })
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
      const result = await job.run(stopping);
      log.debug({ job: job.name, result }, 'job done');
    } catch (err) {
      error = err instanceof Error ? err.message.slice(0, 500) : 'unknown error';
      log.error({ job: job.name, err: error }, 'job failed');
    }
    const finished = new Date();
    await db
      .updateTable('job_runs')
      .set({
        locked_until: null,
        last_finished_at: finished,
        last_error: error,
        next_run_at: job.nextRunAfter ? job.nextRunAfter(finished) : new Date(finished.getTime() + job.everySeconds * 1000),
        ...(error === null ? { last_succeeded_at: finished } : {}),
      })
      .where('name', '=', job.name)
      .execute();
    ran.push(job.name);
  }
  return ran;
}

/**
 * Ticks every `tickSeconds` until stopped. Returns a stop function for a graceful shutdown: no
 * further job starts, the running one is told to stop after the item at hand, and stop resolves
 * once it has (and its run is recorded).
 */
export function startJobLoop(db: Database, jobs: Job[], log: Logger, tickSeconds = 15): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const stopping = new AbortController();
  const timer = setInterval(() => {
    if (stopping.signal.aborted) return;
    running = running.then(() => runDueJobs(db, jobs, log, stopping.signal)).catch((err) => log.error({ err: String(err) }, 'job tick failed'));
  }, tickSeconds * 1000);
  timer.unref();
  return async () => {
    stopping.abort();
    clearInterval(timer);
    await running;
  };
}

export interface JobStatus {
  name: string;
  lastSucceededAt: Date | null;
  /** The last run ended with an error. */
  failing: boolean;
}

/** Every job's last success, for monitoring (one row per job: a small table). */
export async function jobStatuses(db: Database): Promise<JobStatus[]> {
  const rows = await db.selectFrom('job_runs').select(['name', 'last_succeeded_at', 'last_error']).orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, lastSucceededAt: r.last_succeeded_at, failing: r.last_error !== null }));
}
