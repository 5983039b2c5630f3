import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * A sliding-window limit for public forms, counted in the database so it holds across instances.
 * The key (an IP address) is stored only as a SHA-256 hash with the bucket name, and rows are
 * purged after a day (jobs.ts). A keyed hash with a deployment secret would be stronger.
 */
export async function allowHit(db: Database, bucket: string, key: string, max: number, windowMinutes: number): Promise<boolean> {
  const keyHash = createHash('sha256').update(`${bucket}:${key}`).digest('hex');
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

export async function purgeOldHits(db: Database, olderThanHours = 24): Promise<number> {
  const res = await db
    .deleteFrom('rate_limit_hits')
    .where('at', '<', sql<Date>`now() - make_interval(hours => ${olderThanHours})`)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
