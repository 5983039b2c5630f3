import { createHmac } from 'node:crypto';
import { DEVELOPMENT_AUDIT_KEY } from '../config.ts';

/**
 * The secret the audit log's hashes are keyed with (HMAC-SHA256, audit.ts). It lives outside the
 * database (AUDIT_KEY or AUDIT_KEY_FILE, config.ts): whoever can write the database cannot compute a
 * valid hash for a changed entry without it. The id is a fingerprint of the secret, stored with each
 * entry, so verification can tell "written with another key" from "changed afterwards" and a key
 * can later be rotated; it reveals nothing about the secret.
 */
export interface AuditKey {
  readonly secret: Buffer;
  readonly id: string;
}

export function auditKey(secret: string): AuditKey {
  const bytes = Buffer.from(secret, 'utf8');
  return { secret: bytes, id: createHmac('sha256', bytes).update('korte-lijn audit key id').digest('hex').slice(0, 16) };
}

/**
 * The key entries are written with. Set once at start-up from the configuration (server.ts, the
 * CLI); until then — in tests and scripts — the development key, which config.ts refuses in production.
 */
let current = auditKey(DEVELOPMENT_AUDIT_KEY);

export function useAuditKey(secret: string): void {
  current = auditKey(secret);
}

export function currentAuditKey(): AuditKey {
  return current;
}
