import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { cookieOptions } from '../platform/http/cookies.ts';
import { idParam } from '../platform/http/params.ts';
import { parseForm } from '../platform/http/forms.ts';
import { nextSignInStep } from '../platform/auth/sessions.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/errors.ts';
import { translator } from '../platform/i18n.ts';
import { beginSignIn, finishSignIn, redirectUriFor, CALLBACK_PATH, type PendingSignIn } from '../oidc/client.ts';
import { loadSignInProvider, organisationForEmail, type SignInOrganisation, type SignInProvider } from '../oidc/providers.ts';
import { idpMfaAccepted, vouchedEmail } from '../oidc/rules.ts';
import { signInWithIdentityProvider } from './sign-in.ts';
import { continueSignIn, renderLoginPage, safeBack, withBack } from './routes.tsx';
import { view, type ViewContext } from '../platform/ui/view.ts';
import { Page } from '../platform/ui/layout.tsx';
import { ButtonLink, Heading1, Paragraph } from '../platform/ui/components.tsx';

/**
 * Sign-in through an organisation's own identity provider (OpenID Connect, src/oidc): start from a
 * button per organisation or from the typed e-mail address, leave for the provider, come back to
 * CALLBACK_PATH. Between leaving and coming back the browser keeps state, nonce and the PKCE
 * verifier in a cookie that scripts cannot read (httpOnly), that is sent on the provider's
 * top-level redirect back but not on cross-site subrequests (SameSite=Lax), and that lives ten
 * minutes, only under /inloggen. Tampering with it only breaks one's own sign-in: state and nonce
 * must match what the provider signed, and the verifier what it was challenged with.
 */
const FLOW_COOKIE = 'kl_oidc';
const FLOW_MINUTES = 10;

const pendingSchema = z.object({
  organisationId: z.uuid(),
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  codeVerifier: z.string().min(43).max(128),
  back: z.string().max(500),
});

function readPending(c: AppContext): PendingSignIn | null {
  const raw = getCookie(c, FLOW_COOKIE);
  if (!raw) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? { ...parsed.data, back: safeBack(parsed.data.back) } : null;
  } catch {
    return null;
  }
}

const flowLost = {
  nl: 'Het inloggen via uw organisatie duurde te lang, of is in een ander venster begonnen. Probeer het opnieuw.',
  en: 'Signing in through your organisation took too long, or was started in another window. Please try again.',
};

const callbackRefused = {
  nl: 'Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw, of log in met uw wachtwoord.',
  en: 'Signing in through your organisation did not work. Try again, or sign in with your password.',
};

const noProviderForEmail = {
  nl: 'Voor dit e-mailadres kunt u niet via uw organisatie inloggen. Log in met uw wachtwoord.',
  en: 'You cannot sign in through your organisation with this e-mail address. Sign in with your password.',
};

const emailSchema = z.object({ email: z.string().trim().max(254).default('') });

function OnToProviderPage(props: { view: ViewContext; organisation: SignInOrganisation; back: string }) {
  const t = props.view.t;
  const title = t({ nl: 'Inloggen via uw organisatie', en: 'Sign in through your organisation' });
  return (
    <Page view={props.view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: `U logt in via ${props.organisation.name}. U gaat naar de inlogpagina van uw organisatie en komt daarna terug in Korte Lijn.`,
          en: `You sign in through ${props.organisation.name}. You go to your organisation’s sign-in page and then come back to Korte Lijn.`,
        })}
      </Paragraph>
      <Paragraph>
        <ButtonLink href={withBack(`/inloggen/organisatie/${props.organisation.id}`, props.back)}>
          {t({ nl: `Verder naar inloggen bij ${props.organisation.name}`, en: `On to signing in at ${props.organisation.name}` })}
        </ButtonLink>
      </Paragraph>
      <Paragraph>
        <a class="utrecht-link" href={withBack('/inloggen', props.back)}>
          {t({ nl: 'Terug: inloggen met wachtwoord', en: 'Back: sign in with a password' })}
        </a>
      </Paragraph>
    </Page>
  );
}

export function registerOidcSignInRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db, config } = services;
  const allowHttp = config.env !== 'production';

  /** Leaves for the organisation's provider, keeping the flow's secrets in the browser's short-lived cookie. */
  const leaveFor = async (c: AppContext, provider: SignInProvider, back: string) => {
    const { url, pending } = await beginSignIn(provider, { redirectUri: redirectUriFor(config, c.req.url), back, allowHttp });
    setCookie(c, FLOW_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      ...cookieOptions(services),
      path: '/inloggen',
      maxAge: FLOW_MINUTES * 60,
    });
    return c.redirect(url, 303);
  };

  /** A problem before or after the provider: the sign-in page with the message and the right status. */
  const refuse = (c: AppContext, err: unknown, back: string) => {
    if (err instanceof AppError && [401, 404, 422, 429, 503].includes(err.status))
      return renderLoginPage(c, services, err.status as 401, { problem: translator(c.get('ctx').lang)(err.userMessage), back });
    throw err;
  };

  app.get('/inloggen/organisatie/:id', async (c) => {
    if (c.get('session')) return c.redirect(nextSignInStep(c.get('session')!), 303);
    const back = safeBack(c.req.query('terug'));
    const organisationId = idParam(c);
    try {
      return await leaveFor(c, await loadSignInProvider(db, config, organisationId), back);
    } catch (err) {
      return refuse(c, err, back);
    }
  });

  app.post('/inloggen/organisatie', async (c) => {
    const back = safeBack(c.req.query('terug'));
    const t = translator(c.get('ctx').lang);
    const form = await parseForm(c, emailSchema);
    const email = form.ok ? form.data.email : '';
    if (!email)
      return renderLoginPage(c, services, 422, {
        back,
        errors: {
          email: t({ nl: 'Vul uw e-mailadres in om via uw organisatie in te loggen.', en: 'Enter your e-mail address to sign in through your organisation.' }),
        },
      });
    const organisation = await organisationForEmail(db, email);
    if (!organisation) return renderLoginPage(c, services, 422, { back, email, problem: t(noProviderForEmail) });
    // The page's CSP allows forms to lead only to this site (form-action 'self', also after a
    // redirect), so a form cannot send the browser on to the provider: a link on this page does.
    return c.html(<OnToProviderPage view={view(c)} organisation={organisation} back={back} />);
  });

  app.get(CALLBACK_PATH, async (c) => {
    const t = translator(c.get('ctx').lang);
    const pending = readPending(c);
    deleteCookie(c, FLOW_COOKIE, { path: '/inloggen' });
    if (!pending) return renderLoginPage(c, services, 400, { back: '/', problem: t(flowLost) });
    const back = pending.back;
    try {
      const provider = await loadSignInProvider(db, config, pending.organisationId);
      let claims;
      try {
        claims = await finishSignIn(provider, { redirectUri: redirectUriFor(config, c.req.url), callbackQuery: new URL(c.req.url).search, pending, allowHttp });
      } catch (err) {
        // A refusal at the provider, a wrong state or nonce, a bad token: audited, without details of the person.
        const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : 'unknown';
        const providerError = new URL(c.req.url).searchParams.get('error');
        c.get('ctx').log.warn({ code, providerError, organisationId: pending.organisationId }, 'oidc callback refused');
        await writeAudit(db, c.get('ctx'), {
          action: 'auth.oidc_failed',
          subjectType: 'organisation',
          subjectId: pending.organisationId,
          outcome: 'failure',
          details: { reason: 'callback_invalid', code, ...(providerError ? { providerError: providerError.slice(0, 60) } : {}) },
        });
        return renderLoginPage(c, services, 401, { back, problem: t(callbackRefused) });
      }
      const vouched = vouchedEmail(claims, provider.emailDomains);
      const result = await signInWithIdentityProvider(db, config, c.get('ctx'), {
        organisationId: provider.organisationId,
        verifiedEmail: vouched.email,
        refusal: vouched.refusal,
        mfaByIdentityProvider: idpMfaAccepted(claims, provider),
      });
      return continueSignIn(c, services, result, back);
    } catch (err) {
      return refuse(c, err, back);
    }
  });
}
