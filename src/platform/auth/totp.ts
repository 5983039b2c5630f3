import { Secret, TOTP } from 'otpauth';

/** RFC 6238 TOTP with the usual authenticator-app settings (SHA-1, 6 digits, 30 s). */
const PERIOD_SECONDS = 30;

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: 'Korte Lijn',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, label: string): string {
  return totpFor(secretBase32, label).toString();
}

/**
 * Checks a code with one step of clock drift either side. Returns the accepted time step, or null.
 * A step at or before `lastUsedStep` is refused, so an overheard code cannot be replayed.
 */
export function acceptTotp(secretBase32: string, code: string, lastUsedStep: number | null, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32, 'check').validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return null;
  return step;
}

/** For tests and the e2e flows: the current code of a secret. */
export function currentTotp(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32, 'code').generate({ timestamp: now });
}
