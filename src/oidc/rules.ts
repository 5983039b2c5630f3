/**
 * Pure rules of OpenID Connect sign-in: which e-mail domains an organisation allows, and when an
 * identity provider's multi-factor claim stands in for the app's own second factor.
 */

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "Huisarts-Esch.nl, @wijkteam.enschede.nl" → ["huisarts-esch.nl", "wijkteam.enschede.nl"]; null when one is not a domain. */
export function parseEmailDomains(text: string): string[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !DOMAIN.test(p))) return null;
  return [...new Set(parts)];
}

/** The domain of an e-mail address, lower case; null when it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return DOMAIN.test(domain) ? domain : null;
}

/**
 * Only an exact domain counts: "esch.nl" does not allow "x.esch.nl" or "evil-esch.nl". An
 * organisation lists each domain its staff use.
 */
export function domainAllowed(email: string, allowed: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== null && allowed.includes(domain);
}

/**
 * Authentication method references that mean more than one factor (RFC 8176: "mfa" multiple
 * factors, "otp" a one-time password, "hwk" a hardware-secured key). "pwd" alone does not.
 */
export const MFA_AMR = ['mfa', 'otp', 'hwk'] as const;

export interface MfaPolicy {
  /** The organisation lets its provider's MFA stand in for the app's own second factor. */
  mfaFromIdp: boolean;
  /** acr values that the organisation counts as multi-factor (e.g. its provider's "…/mfa" level). */
  mfaAcrValues: readonly string[];
}

/** Whether the ID token shows a multi-factor sign-in that the organisation accepts instead of the app's TOTP. */
export function idpMfaAccepted(claims: { amr?: unknown; acr?: unknown }, policy: MfaPolicy): boolean {
  if (!policy.mfaFromIdp) return false;
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
  if (amr.some((v) => (MFA_AMR as readonly string[]).includes(v))) return true;
  return typeof claims.acr === 'string' && policy.mfaAcrValues.includes(claims.acr);
}

/**
 * The e-mail address an identity provider vouches for: only with `email_verified` exactly true
 * (OpenID Connect Core 1.0 §5.1) and a domain the organisation allows; otherwise the reason why not.
 */
export function vouchedEmail(
  claims: { email?: unknown; email_verified?: unknown },
  allowedDomains: readonly string[],
): { email: string; refusal: null } | { email: null; refusal: 'no_email' | 'email_not_verified' | 'domain_not_allowed' } {
  if (typeof claims.email !== 'string' || !claims.email.includes('@')) return { email: null, refusal: 'no_email' };
  if (claims.email_verified !== true) return { email: null, refusal: 'email_not_verified' };
  const email = claims.email.trim().toLowerCase(); // as platform/auth/passwords.ts normaliseEmail
  if (!domainAllowed(email, allowedDomains)) return { email: null, refusal: 'domain_not_allowed' };
  return { email, refusal: null };
}
