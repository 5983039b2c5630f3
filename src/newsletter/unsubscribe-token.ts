import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one-click unsubscribe link of the newsletter (RFC 8058): the address itself is the
 * authorisation, so it carries the user id signed with a key derived from the server's secret
 * (HMAC-SHA-256 over a purpose label, so a token for this purpose is worth nothing elsewhere).
 * It only ever unsubscribes, which is safe to do without a session.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function signature(secret: string, userId: string): string {
  const key = createHmac('sha256', secret).update('korte-lijn/newsletter-unsubscribe/v1').digest();
  return createHmac('sha256', key).update(userId).digest('base64url');
}

export function unsubscribeToken(secret: string, userId: string): string {
  return `${userId}.${signature(secret, userId)}`;
}

/** The user id of a valid token, or null. */
export function verifyUnsubscribeToken(secret: string, token: string): string | null {
  const [userId, sig, ...rest] = token.split('.');
  if (!userId || !sig || rest.length > 0 || !UUID.test(userId)) return null;
  const expected = Buffer.from(signature(secret, userId));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}
