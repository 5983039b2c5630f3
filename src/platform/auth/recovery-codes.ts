import { createHash, randomInt } from 'node:crypto';

/**
 * One-time recovery codes for the second factor: for the day the phone is lost. Shown once, at
 * set-up or when renewed, and stored only as hashes; each works once.
 *
 * A code is 12 characters of Crockford's base32 (60 random bits), shown in three groups of four.
 * That is too much to guess online (sign-in is throttled) and, hashed with the user's id as salt,
 * too much to recover from a leaked database by trying every code (NIST SP 800-63B §5.1.2: a
 * look-up secret of at least 20 bits may use a plain hash with salt; this has far more).
 */
export const RECOVERY_CODE_COUNT = 10;
const LENGTH = 12;
const GROUP = 4;
/** Crockford's base32: no I, L, O or U, so nothing reads as another character. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh set of codes, formatted for reading (e.g. "K7QX-M2PD-9RTW"). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const raw = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    codes.add(raw.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-'));
  }
  return [...codes];
}

/**
 * What the person typed, as the code it stands for: capitals, spaces and dashes do not matter,
 * and letters that look like digits are read as those digits (Crockford: O → 0, I and L → 1).
 * Null when it cannot be a recovery code at all.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== LENGTH || [...code].some((ch) => !ALPHABET.includes(ch))) return null;
  return code;
}

/** The stored form of a code (normalised first): SHA-256 over the user's id and the code. */
export function hashRecoveryCode(userId: string, normalisedCode: string): string {
  return createHash('sha256').update(`${userId}:${normalisedCode}`).digest('hex');
}
