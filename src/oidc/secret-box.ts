import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Client secrets of identity providers, encrypted at rest (AES-256-GCM). The key is derived (HKDF,
 * RFC 5869) from the audit key, which lives outside the database (AUDIT_KEY / AUDIT_KEY_FILE): a
 * copy of the database alone does not reveal the secrets, and no extra key has to be managed. A
 * different `info` keeps this key independent of the audit log's HMAC key. A new audit key makes
 * the stored secrets unreadable; the administrator then enters them again (the sign-in says so).
 */
const VERSION = 'v1';

export function secretKey(auditKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', auditKey, 'korte-lijn', 'oidc client secret v1', 32));
}

export function sealSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The secret, or null when it was sealed under another key or was changed. */
export function openSecret(key: Buffer, sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
