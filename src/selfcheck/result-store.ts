import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../platform/db/database.ts';
import { isCategory, type Category } from '../needs/categories.ts';
import { urgencyTriggers, type UrgencyTrigger } from '../referrals/urgency.ts';
import type { Level } from './scoring.ts';

/**
 * A self-check result lives behind a short-lived key, never in an address: the browser history of
 * a shared computer (library, waiting room) must not tell the next person about someone's money
 * worries. The browser keeps the key in a session cookie; the database keeps only the key's hash
 * and what the result page needs (level, kinds of help, crisis types, and the postcode once local
 * help was asked for). Nothing about the person. A result not used for RESULT_IDLE_MINUTES is gone
 * for good, and "Sluit en wis" erases it at once (AVG art. 5(1)(c) and (e): minimal, short).
 */
export const RESULT_IDLE_MINUTES = 30;

export interface ResultState {
  level: Level;
  help: Category[];
  urgency: UrgencyTrigger[];
}

export interface StoredResult extends ResultState {
  postcode: string | null;
}

const levels: readonly string[] = ['none', 'some', 'serious', 'urgent'];

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function expiry(now: Date): Date {
  return new Date(now.getTime() + RESULT_IDLE_MINUTES * 60_000);
}

/** A key looks like what newKey makes; anything else is not looked up. */
export function isResultKey(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Removes the results that expired: on every new result, and by a background job (jobs.ts) when nobody comes. */
export async function purgeExpiredResults(db: Database, now = new Date()): Promise<void> {
  await db.deleteFrom('selfcheck_results').where('expires_at', '<=', now).execute();
}

/** Stores a result and returns its key. Results that expired earlier are removed on the way. */
export async function saveResult(db: Database, state: ResultState, now = new Date()): Promise<string> {
  const key = randomBytes(32).toString('base64url');
  await purgeExpiredResults(db, now);
  await db
    .insertInto('selfcheck_results')
    .values({ key_hash: hashOf(key), level: state.level, help: state.help, urgency: state.urgency, postcode: null, expires_at: expiry(now) })
    .execute();
  return key;
}

/** The result behind the key, while it lives; each use keeps it alive for another RESULT_IDLE_MINUTES. */
export async function loadResult(db: Database, key: string, now = new Date()): Promise<StoredResult | null> {
  if (!isResultKey(key)) return null;
  const row = await db
    .updateTable('selfcheck_results')
    .set({ expires_at: expiry(now) })
    .where('key_hash', '=', hashOf(key))
    .where('expires_at', '>', now)
    .returning(['level', 'help', 'urgency', 'postcode'])
    .executeTakeFirst();
  if (!row || !levels.includes(row.level)) return null;
  return {
    level: row.level as Level,
    help: row.help.filter(isCategory),
    urgency: row.urgency.filter((u): u is UrgencyTrigger => (urgencyTriggers as readonly string[]).includes(u)),
    postcode: row.postcode,
  };
}

/** Remembers the postcode local help was asked for, so the page can show it again (language switch, reload). */
export async function rememberPostcode(db: Database, key: string, postcode: string, now = new Date()): Promise<void> {
  if (!isResultKey(key)) return;
  await db.updateTable('selfcheck_results').set({ postcode }).where('key_hash', '=', hashOf(key)).where('expires_at', '>', now).execute();
}

/** "Sluit en wis": the result is gone, whatever its age. */
export async function eraseResult(db: Database, key: string): Promise<void> {
  if (!isResultKey(key)) return;
  await db.deleteFrom('selfcheck_results').where('key_hash', '=', hashOf(key)).execute();
}
