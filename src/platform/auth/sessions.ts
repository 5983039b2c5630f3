import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import type { Actor } from '../context.ts';

export const SESSION_COOKIE = 'kl_session';

export interface LoadedSession {
  tokenHash: string;
  csrfToken: string;
  mfaPassed: boolean;
  actor: Actor;
  mustChangePassword: boolean;
  totpEnrolled: boolean;
  /** Unread in-app notifications (shown in the header), read with the session: one round trip. */
  unread: number;
}

/** Signed in with every step done: second factor (when required) and no pending password change. */
export function sessionComplete(session: { mfaPassed: boolean; mustChangePassword: boolean }): boolean {
  return session.mfaPassed && !session.mustChangePassword;
}

/** Where a session that has not finished signing in goes next: the second factor, then a new password. */
export function nextSignInStep(session: { mfaPassed: boolean; totpEnrolled: boolean; mustChangePassword: boolean }): string {
  if (!session.mfaPassed) return session.totpEnrolled ? '/tweestaps' : '/tweestaps/instellen';
  if (session.mustChangePassword) return '/wachtwoord-wijzigen';
  return '/';
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Creates a server-side session (stored in the database so any app instance can serve it). Returns the cookie token. */
export async function createSession(db: Database, input: { userId: string; mfaPassed: boolean; ip: string; hours: number }): Promise<string> {
  const token = randomToken();
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: input.userId,
      csrf_token: randomToken(),
      mfa_passed: input.mfaPassed,
      ip: input.ip,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + input.hours * 3600_000),
    })
    .execute();
  return token;
}

/** Idle sessions end after this long without a request, even before their absolute expiry. */
const IDLE_MINUTES = 60;
/** last_seen_at is refreshed at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 60_000;

export async function loadSession(db: Database, token: string, now = new Date()): Promise<LoadedSession | null> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.token_hash',
      'sessions.csrf_token',
      'sessions.mfa_passed',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.role',
      'users.name',
      'users.email',
      'users.practice_id',
      'users.team_id',
      'users.region_id',
      'users.must_change_password',
      'users.totp_enrolled_at',
      'users.disabled_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('notifications')
        .select((n) => n.fn.countAll<string>().as('n'))
        .whereRef('notifications.user_id', '=', 'users.id')
        .where('notifications.read_at', 'is', null)
        .as('unread'),
    )
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const idleSince = now.getTime() - row.last_seen_at.getTime();
  if (row.expires_at <= now || row.disabled_at || idleSince > IDLE_MINUTES * 60_000) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  if (idleSince > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    mfaPassed: row.mfa_passed,
    mustChangePassword: row.must_change_password,
    totpEnrolled: row.totp_enrolled_at !== null,
    unread: Number(row.unread ?? 0),
    actor: {
      userId: row.user_id,
      role: row.role,
      name: row.name,
      email: row.email,
      practiceId: row.practice_id,
      teamId: row.team_id,
      regionId: row.region_id,
    },
  };
}

export interface RenewedSession {
  /** The new cookie token. */
  token: string;
  csrfToken: string;
}

/**
 * The second factor has passed: the session gets a new token and a new CSRF token, and the token
 * from the password step stops working (OWASP ASVS 3.2.1: a new session token on authentication).
 * A token seen before the second factor, e.g. on a shared practice PC, never becomes a full session.
 * Null when the session no longer exists.
 */
export async function renewSessionAfterSecondFactor(db: Database, tokenHash: string): Promise<RenewedSession | null> {
  const token = randomToken();
  const csrfToken = randomToken();
  const renewed = await db
    .updateTable('sessions')
    .set({ token_hash: hashToken(token), csrf_token: csrfToken, mfa_passed: true })
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return Number(renewed.numUpdatedRows) === 1 ? { token, csrfToken } : null;
}

export async function destroySession(db: Database, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a user (after a password reset, disabling, or a role change). */
export async function revokeUserSessions(db: Database, userId: string, exceptTokenHash?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptTokenHash) q = q.where('token_hash', '!=', exceptTokenHash);
  await q.execute();
}

export async function purgeExpiredSessions(db: Database, now = new Date()): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}
