import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * A sliding-window limit for public forms, counted in the database so it holds across instances.
 * The key (an IP address) is stored only as a salted hash: no personal data at rest.
 */
export async function allowHit(db: Database, bucket: string, key: string, max: number, windowMinutes: number): Promise<boolean> {
  const keyHash = createHash('sha256').update(`${bucket}:${key}`).digest('hex');
  const since = sql<Date>`now() - make_interval(mins => ${windowMinutes})`;
  const row = await db
    .selectFrom('rate_limit_hits')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('bucket', '=', bucket)
    .where('key_hash', '=', keyHash)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= max) return false;
  await db.insertInto('rate_limit_hits').values({ bucket, key_hash: keyHash }).execute();
  return true;
}

export async function purgeOldHits(db: Database, olderThanHours = 24): Promise<number> {
  const res = await db.deleteFrom('rate_limit_hits').where('at', '<', sql<Date>`now() - make_interval(hours => ${olderThanHours})`).executeTakeFirst();
  return Number(res.numDeletedRows);
}
