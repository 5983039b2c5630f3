import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * A sliding-window limit for public forms, counted in the database so it holds across instances.
 * The key (an IP address) is stored only as a SHA-256 hash with the bucket name, and rows are
 * purged after a day (jobs.ts). A keyed hash with a deployment secret would be stronger.
 */
export async function allowHit(db: Database, bucket: string, key: string, max: number, windowMinutes: number): Promise<boolean> {
  const keyHash = hitKeyHash(bucket, key);
  const since = sql<Date>`now() - make_interval(mins => ${windowMinutes})`;
  // Count and insert under a per-key lock: otherwise a burst of simultaneous requests all count
  // below the limit and all get through.
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${keyHash}, 0))`.execute(trx);
    const row = await trx
      .selectFrom('rate_limit_hits')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('bucket', '=', bucket)
      .where('key_hash', '=', keyHash)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(row.n) >= max) return false;
    await trx.insertInto('rate_limit_hits').values({ bucket, key_hash: keyHash }).execute();
    return true;
  });
}

/**
 * Seconds until `key` may be counted again in `bucket`: 0 while it is below `max` hits in the
 * window, otherwise until the oldest hit that keeps it at the limit leaves the window (for a
 * Retry-After header). Only reads: for checking a limit before the work it guards.
 */
export async function secondsUntilAllowed(db: Database, bucket: string, key: string, max: number, windowMinutes: number): Promise<number> {
  const row = await db
    .selectFrom('rate_limit_hits')
    .select(sql<string>`extract(epoch from at + make_interval(mins => ${windowMinutes}) - now())`.as('wait'))
    .where('bucket', '=', bucket)
    .where('key_hash', '=', hitKeyHash(bucket, key))
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${windowMinutes})`)
    .orderBy('at', 'desc')
    .offset(max - 1)
    .limit(1)
    .executeTakeFirst();
  return row ? Math.max(1, Math.ceil(Number(row.wait))) : 0;
}

function hitKeyHash(bucket: string, key: string): string {
  return createHash('sha256').update(`${bucket}:${key}`).digest('hex');
}

export async function purgeOldHits(db: Database, olderThanHours = 24): Promise<number> {
  const res = await db
    .deleteFrom('rate_limit_hits')
    .where('at', '<', sql<Date>`now() - make_interval(hours => ${olderThanHours})`)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
