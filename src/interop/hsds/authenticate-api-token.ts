import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/context.ts';
import { hashToken } from '../../platform/auth/sessions.ts';

/** last_used_at is refreshed at most this often, to keep every API call from writing. */
const TOUCH_EVERY_MS = 60_000;

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
