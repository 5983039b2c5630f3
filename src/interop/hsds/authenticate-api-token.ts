import type { Database } from '../../platform/db/database.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { hashToken } from '../../platform/auth/sessions.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { allowHit, secondsUntilAllowed } from '../../platform/http/rate-limit.ts';

/** last_used_at is refreshed at most this often, to keep every API call from writing. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Refused tokens a source address may send per window before it has to wait. Each refusal is
 * audited, so without a limit anyone could fill the audit log (and keep guessing tokens) with a
 * loop of bad requests; with it, a source writes at most this many audit rows per window.
 */
export const REFUSED_TOKENS_PER_WINDOW = 10;
export const REFUSED_TOKEN_WINDOW_MINUTES = 15;
const BUCKET = 'api-token-refused';

export type BearerCheck = { kind: 'accepted'; actor: Actor } | { kind: 'refused' } | { kind: 'throttled'; retryAfterSeconds: number };

/**
 * Checks an `Authorization` header on the API. A source that sent too many refused tokens is
 * throttled: it waits (429 + Retry-After), whatever token it sends next — otherwise it could go on
 * guessing — and its requests are neither checked nor audited until the window has passed. Below
 * the limit a refused token is counted and audited. Valid tokens are never counted.
 */
export async function checkBearerToken(db: Database, ctx: RequestContext, header: string, path: string, now = new Date()): Promise<BearerCheck> {
  const wait = await secondsUntilAllowed(db, BUCKET, ctx.ip, REFUSED_TOKENS_PER_WINDOW, REFUSED_TOKEN_WINDOW_MINUTES);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: wait };
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  const actor = token ? await authenticateApiToken(db, token, now) : null;
  if (actor) return { kind: 'accepted', actor };
  // Counted under a lock: of a burst of simultaneous bad requests only the allowed number get through.
  if (!(await allowHit(db, BUCKET, ctx.ip, REFUSED_TOKENS_PER_WINDOW, REFUSED_TOKEN_WINDOW_MINUTES))) {
    return { kind: 'throttled', retryAfterSeconds: await secondsUntilAllowed(db, BUCKET, ctx.ip, REFUSED_TOKENS_PER_WINDOW, REFUSED_TOKEN_WINDOW_MINUTES) };
  }
  await writeAudit(db, ctx, {
    action: 'api_token.refused',
    subjectType: 'route',
    subjectId: path,
    outcome: 'denied',
    details: { reason: token ? 'unknown_or_revoked' : 'malformed_header' },
  });
  return { kind: 'refused' };
}

/**
 * The user behind a bearer token, or null when the token is unknown, revoked, or its user is
 * disabled. Records when the token was last used.
 */
export async function authenticateApiToken(db: Database, token: string, now = new Date()): Promise<Actor | null> {
  if (token.length < 20 || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.id',
      'users.role',
      'users.name',
      'users.email',
      'users.practice_id',
      'users.team_id',
      'users.region_id',
      'users.disabled_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  return { userId: row.id, role: row.role, name: row.name, email: row.email, practiceId: row.practice_id, teamId: row.team_id, regionId: row.region_id };
}
