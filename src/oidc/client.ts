import * as client from 'openid-client';
import { AppError } from '../platform/errors.ts';
import type { Config } from '../platform/config.ts';
import { appUrl } from '../platform/http/app-url.ts';
import type { SignInProvider } from './providers.ts';

/**
 * The OpenID Connect relying party, with the certified `openid-client` library: the authorization
 * code flow with PKCE (S256), state and nonce (OpenID Connect Core 1.0 §3.1; RFC 7636), all checked
 * by the library on return. The provider's metadata is discovered from its issuer
 * (/.well-known/openid-configuration) and kept a while per issuer and client.
 */

/** Where every provider sends the browser back: one address, registered at each provider as its redirect URI. */
export const CALLBACK_PATH = '/inloggen/terug';

/** The redirect URI as the provider must know it: under PUBLIC_URL, so it matches behind a reverse proxy. */
export function redirectUriFor(config: Pick<Config, 'publicUrl'>, requestUrl: string): string {
  return appUrl(config, requestUrl, CALLBACK_PATH);
}

const DISCOVERY_TTL_MS = 10 * 60_000;
const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/** Plain http issuers only outside production (a local test provider); production needs https. */
function configurationFor(provider: SignInProvider, options: { allowHttp: boolean }): Promise<client.Configuration> {
  const key = JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret, options.allowHttp]);
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const config = client
    .discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
      ...(options.allowHttp && provider.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {}),
      timeout: 10,
    })
    .catch((err: unknown) => {
      discovered.delete(key);
      throw err;
    });
  discovered.set(key, { at: Date.now(), config });
  return config;
}

/** What the browser keeps (in a short-lived httpOnly cookie) between leaving for the provider and coming back. */
export interface PendingSignIn {
  organisationId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go after signing in (a local path). */
  back: string;
}

export const idpUnreachable = () =>
  new AppError(
    'oidc_unreachable',
    503,
    {
      nl: 'De inlogdienst van uw organisatie reageert nu niet. Probeer het later opnieuw, of log in met uw wachtwoord.',
      en: 'Your organisation’s sign-in service does not respond now. Try again later, or sign in with your password.',
    },
    'oidc provider unreachable',
  );

/** The address at the provider to send the browser to, and what to keep for the way back. */
export async function beginSignIn(
  provider: SignInProvider,
  input: { redirectUri: string; back: string; allowHttp: boolean },
): Promise<{ url: string; pending: PendingSignIn }> {
  let config: client.Configuration;
  try {
    config = await configurationFor(provider, input);
  } catch {
    throw idpUnreachable();
  }
  const pending: PendingSignIn = {
    organisationId: provider.organisationId,
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    back: input.back,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    response_type: 'code',
    scope: 'openid email',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, pending };
}

/** The claims sign-in reads: the ID token's, with e-mail from the UserInfo endpoint when the ID token has none. */
export interface IdentityClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  amr?: unknown;
  acr?: unknown;
}

/**
 * The way back: exchanges the code (with the PKCE verifier) after the library checked the state, and
 * the ID token (signature, issuer, audience, expiry, nonce). Throws when anything does not match.
 */
export async function finishSignIn(
  provider: SignInProvider,
  input: { redirectUri: string; callbackQuery: string; pending: PendingSignIn; allowHttp: boolean },
): Promise<IdentityClaims> {
  const config = await configurationFor(provider, input);
  // Built on the registered redirect URI (PUBLIC_URL), not on the request's own host: the library
  // sends this address, without its query, as redirect_uri in the token request.
  const currentUrl = new URL(input.redirectUri);
  currentUrl.search = input.callbackQuery;
  const tokens = await client.authorizationCodeGrant(config, currentUrl, {
    expectedState: input.pending.state,
    expectedNonce: input.pending.nonce,
    pkceCodeVerifier: input.pending.codeVerifier,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new Error('no ID token');
  const claims: IdentityClaims = { sub: idToken.sub, email: idToken['email'], email_verified: idToken['email_verified'], amr: idToken.amr, acr: idToken.acr };
  if (claims.email === undefined || claims.email_verified === undefined) {
    // Many providers put e-mail only in UserInfo; the subject must be the ID token's (OIDC Core §5.3.2).
    const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
    claims.email = info.email;
    claims.email_verified = info.email_verified;
  }
  return claims;
}
