/**
 * A real OpenID Provider for tests (the `oidc-provider` package, certified by the OpenID
 * Foundation), started on a free port: the authorization code flow with PKCE required, signed ID
 * tokens, discovery and UserInfo. Its login page asks which test account signs in; the account says
 * whether its e-mail is verified and which amr/acr the sign-in reports (to test MFA).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdpAccount {
  email: string;
  emailVerified: boolean;
  /** Authentication method references the sign-in reports (RFC 8176), e.g. ['pwd', 'mfa']. */
  amr?: string[];
  acr?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by login name (what the login page's field takes). */
  accounts: Map<string, TestIdpAccount>;
  close(): Promise<void>;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function loginPage(uid: string, problem = ''): string {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Inloggen bij de testorganisatie</title></head><body><main>
<h1>Inloggen bij de testorganisatie</h1>${problem ? `<p role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label for="login">Gebruikersnaam</label> <input id="login" name="login" autocomplete="username">
<button type="submit" name="action" value="login">Inloggen bij de testorganisatie</button>
<button type="submit" name="action" value="deny">Annuleren</button>
</form></main></body></html>`;
}

/** Starts the provider with one confidential client whose only redirect URIs are `redirectUris`. */
export async function startTestIdp(options: { redirectUris: string[] }): Promise<TestIdp> {
  const accounts = new Map<string, TestIdpAccount>();
  const clientId = `korte-lijn-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // openid-client's default client authentication.
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    // amr and acr in the ID token with scope openid, as Entra ID and Keycloak send them.
    claims: { sid: null, auth_time: null, iss: null, openid: ['sub', 'acr', 'amr'], email: ['email', 'email_verified'] },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: account.emailVerified }) };
    },
  });
  const callback = provider.callback();

  server.on('request', (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (!match) return callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
          return;
        }
        const form = await formBody(req);
        if (form.get('action') === 'deny') {
          await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'cancelled' }, { mergeWithLastSubmission: false });
          return;
        }
        const login = form.get('login') ?? '';
        const account = accounts.get(login);
        if (!account) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'Onbekende gebruiker.'));
          return;
        }
        const grant = new provider.Grant({ accountId: login, clientId: String(details.params['client_id']) });
        grant.addOIDCScope('openid email');
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: login, ...(account.amr ? { amr: account.amr } : {}), ...(account.acr ? { acr: account.acr } : {}) }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
      }
    })();
  });

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
