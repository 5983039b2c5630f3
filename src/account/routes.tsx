import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import QRCode from 'qrcode';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { localPath } from '../platform/http/local-path.ts';
import { cookieOptions } from '../platform/http/cookies.ts';
import { nextSignInStep } from '../platform/auth/sessions.ts';
import { anyRole, authorize, signInRequired } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { AppError, retryAfterSeconds } from '../platform/errors.ts';
import type { Text, Translate } from '../platform/i18n.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, ButtonLink, ErrorSummary, Heading1, Paragraph, PostForm, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { destroySession, SESSION_COOKIE, type RenewedSession } from '../platform/auth/sessions.ts';
import {
  changeOwnPassword,
  confirmTotpEnrolment,
  passwordRules,
  pendingTotpSecret,
  recoveryCodesLeft,
  renewRecoveryCodes,
  signIn,
  type SignedIn,
  verifyRecoveryCode,
  verifySecondFactor,
} from './sign-in.ts';
import { totpUri } from '../platform/auth/totp.ts';
import { MIN_PASSWORD_LENGTH } from '../platform/auth/passwords.ts';
import { roleLabels } from '../platform/auth/roles.ts';
import { RECOVERY_CODE_COUNT } from '../platform/auth/recovery-codes.ts';
import { listSignInOrganisations, type SignInOrganisation } from '../oidc/providers.ts';

const loginSchema = (t: Translate) =>
  z.object({
    email: z
      .string()
      .trim()
      .min(1, t({ nl: 'Vul uw e-mailadres in.', en: 'Enter your e-mail address.' }))
      .max(254),
    password: z
      .string()
      .min(1, t({ nl: 'Vul uw wachtwoord in.', en: 'Enter your password.' }))
      .max(1000),
  });

const codeSchema = (t: Translate) =>
  z.object({
    code: z
      .string()
      .trim()
      .regex(/^\d{3}\s?\d{3}$/, t({ nl: 'Typ de code van 6 cijfers uit uw app.', en: 'Type the 6-digit code from your app.' })),
  });

const recoveryCodeSchema = (t: Translate) =>
  z.object({
    recovery_code: z
      .string()
      .trim()
      .min(1, t({ nl: 'Typ een van uw herstelcodes.', en: 'Type one of your recovery codes.' }))
      .max(
        40,
        t({ nl: 'Een herstelcode heeft 12 tekens, bijvoorbeeld K7QX-M2PD-9RTW.', en: 'A recovery code has 12 characters, for example K7QX-M2PD-9RTW.' }),
      ),
  });

const newPasswordSchema = (t: Translate) =>
  z
    .object({
      current: z
        .string()
        .min(1, t({ nl: 'Vul uw huidige wachtwoord in.', en: 'Enter your current password.' }))
        .max(1000),
      next: z.string().min(MIN_PASSWORD_LENGTH, t(passwordRules.tooShort)).max(1000),
      repeat: z.string().max(1000),
    })
    .refine((v) => v.next === v.repeat, { path: ['repeat'], message: t(passwordRules.mismatch) });

/** Only local paths are accepted as "back to" targets: no open redirect. */
export function safeBack(value: string | undefined): string {
  const path = localPath(value);
  return /^\/[a-zA-Z0-9/_-]*$/.test(path) ? path : '/';
}

/** A sign-in step that carries the "back to" target along, so the second factor does not lose it. */
export function withBack(path: string, back: string): string {
  return back === '/' ? path : `${path}?terug=${encodeURIComponent(back)}`;
}

interface LoginProps {
  errors?: FieldErrors;
  email?: string | undefined;
  back: string;
  problem?: string;
}

/** The sign-in page, with a way in through each organisation that has its own identity provider (src/oidc). */
/** A throttled step says when to try again in a Retry-After header too, as the error handler does for the rest. */
function retryLater(c: AppContext, err: AppError): void {
  const seconds = retryAfterSeconds(err);
  if (seconds !== undefined) c.header('Retry-After', String(seconds));
}

export async function renderLoginPage(c: AppContext, services: Services, status: 200 | 400 | 401 | 404 | 422 | 429 | 503, props: LoginProps) {
  const organisations = await listSignInOrganisations(services.db);
  return c.html(<LoginPage view={view(c)} organisations={organisations} {...props} />, status);
}

function LoginPage(props: LoginProps & { view: ViewContext; organisations: SignInOrganisation[] }) {
  const { view } = props;
  const t = view.t;
  const withOrganisations = props.organisations.length > 0;
  return (
    <Page view={view} title={t({ nl: 'Inloggen', en: 'Sign in' })}>
      <Heading1>{t({ nl: 'Inloggen bij Korte Lijn', en: 'Sign in to Korte Lijn' })}</Heading1>
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <ErrorSummary view={view} errors={props.errors ?? {}} />
      <PostForm view={view} action={`/inloggen?terug=${encodeURIComponent(props.back)}`} novalidate>
        <TextField
          view={view}
          name="email"
          type="email"
          autocomplete="username"
          required
          label={{ nl: 'E-mailadres', en: 'E-mail address' }}
          value={props.email}
          errors={props.errors}
        />
        <TextField
          view={view}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          label={{ nl: 'Wachtwoord', en: 'Password' }}
          errors={props.errors}
        />
        <div class="kl-actions">
          <Button>{t({ nl: 'Inloggen', en: 'Sign in' })}</Button>
          {withOrganisations ? (
            <button
              class="utrecht-button utrecht-button--secondary-action"
              type="submit"
              formaction={`/inloggen/organisatie?terug=${encodeURIComponent(props.back)}`}
              data-testid="sign-in-via-organisation"
            >
              {t({ nl: 'Inloggen via uw organisatie', en: 'Sign in through your organisation' })}
            </button>
          ) : null}
        </div>
      </PostForm>
      <Paragraph>
        {t({
          nl: 'Wachtwoord vergeten? Vraag uw leidinggevende of de functioneel beheerder om een nieuw wachtwoord.',
          en: 'Forgot your password? Ask your manager or the functional administrator for a new one.',
        })}
      </Paragraph>
      {withOrganisations ? (
        <section aria-labelledby="via-organisation">
          <h2 class="utrecht-heading-2" id="via-organisation">
            {t({ nl: 'Inloggen via uw organisatie', en: 'Sign in through your organisation' })}
          </h2>
          <Paragraph>
            {t({
              nl: 'Logt u bij uw organisatie in met een eigen account (zoals Microsoft)? Typ hierboven uw e-mailadres en kies "Inloggen via uw organisatie", of kies hier uw organisatie. U heeft wel een account in Korte Lijn nodig.',
              en: 'Do you sign in at your organisation with its own account (such as Microsoft)? Type your e-mail address above and choose "Sign in through your organisation", or choose your organisation here. You do need an account in Korte Lijn.',
            })}
          </Paragraph>
          <ul class="utrecht-unordered-list kl-plain-list">
            {props.organisations.map((o) => (
              <li class="utrecht-unordered-list__item">
                <ButtonLink variant="secondary" href={withBack(`/inloggen/organisatie/${o.id}`, props.back)}>
                  {t({ nl: `Inloggen via ${o.name}`, en: `Sign in through ${o.name}` })}
                </ButtonLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

/** The six-digit code from the authenticator app. */
function AppCodeField(props: { view: ViewContext; label: Text; errors: FieldErrors | undefined }) {
  return (
    <TextField view={props.view} name="code" required inputmode="numeric" autocomplete="one-time-code" size="short" label={props.label} errors={props.errors} />
  );
}

/**
 * The second step of signing in: the code from the app, or (phone lost) a one-time recovery code.
 * One page for both, each linking to the other.
 */
function SecondStepPage(props: { view: ViewContext; kind: 'app' | 'recovery'; back: string; errors?: FieldErrors; problem?: string }) {
  const t = props.view.t;
  const app = props.kind === 'app';
  const title = app ? { nl: 'Inlogcode', en: 'Sign-in code' } : { nl: 'Inloggen met een herstelcode', en: 'Sign in with a recovery code' };
  return (
    <Page view={props.view} title={t(title)}>
      <Heading1>{t(app ? { nl: 'Typ uw inlogcode', en: 'Type your sign-in code' } : title)}</Heading1>
      <Paragraph>
        {t(
          app
            ? {
                nl: 'Open de authenticator-app op uw telefoon en typ de code van 6 cijfers.',
                en: 'Open the authenticator app on your phone and type the 6-digit code.',
              }
            : {
                nl: 'Typ een van de herstelcodes die u kreeg toen u tweestapsverificatie instelde. Elke code werkt maar één keer.',
                en: 'Type one of the recovery codes you were given when you set up two-step verification. Each code works only once.',
              },
        )}
      </Paragraph>
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <ErrorSummary view={props.view} errors={props.errors ?? {}} />
      <PostForm view={props.view} action={withBack(app ? '/tweestaps' : '/tweestaps/herstelcode', props.back)} novalidate>
        {app ? (
          <AppCodeField view={props.view} label={{ nl: 'Code', en: 'Code' }} errors={props.errors} />
        ) : (
          <TextField
            view={props.view}
            name="recovery_code"
            required
            autocomplete="off"
            label={{ nl: 'Herstelcode', en: 'Recovery code' }}
            errors={props.errors}
          />
        )}
        <Button>{t(app ? { nl: 'Doorgaan', en: 'Continue' } : { nl: 'Inloggen', en: 'Sign in' })}</Button>
      </PostForm>
      {app ? null : (
        <Paragraph>
          {t({
            nl: 'Geen herstelcodes meer? Vraag uw leidinggevende of de functioneel beheerder om uw tweestapsverificatie opnieuw in te stellen.',
            en: 'No recovery codes left? Ask your manager or the functional administrator to reset your two-step verification.',
          })}
        </Paragraph>
      )}
      <Paragraph>
        <a class="utrecht-link" href={withBack(app ? '/tweestaps/herstelcode' : '/tweestaps', props.back)}>
          {t(
            app
              ? { nl: 'Telefoon kwijt of niet bij de hand? Log in met een herstelcode', en: 'Phone lost or not at hand? Sign in with a recovery code' }
              : { nl: 'Terug naar de code uit de app', en: 'Back to the code from the app' },
          )}
        </a>
      </Paragraph>
    </Page>
  );
}

/** The recovery codes, shown once: only their hashes are kept. */
function RecoveryCodesPage(props: { view: ViewContext; codes: string[]; next: string; intro: 'enrolled' | 'renewed' }) {
  const t = props.view.t;
  return (
    <Page view={props.view} title={t({ nl: 'Uw herstelcodes', en: 'Your recovery codes' })}>
      <Heading1>{t({ nl: 'Bewaar uw herstelcodes', en: 'Keep your recovery codes' })}</Heading1>
      {props.intro === 'enrolled' ? (
        <Alert type="ok">{t({ nl: 'Tweestapsverificatie is ingesteld.', en: 'Two-step verification is set up.' })}</Alert>
      ) : (
        <Alert type="ok">
          {t({ nl: 'U heeft nieuwe herstelcodes. De oude codes werken niet meer.', en: 'You have new recovery codes. The old codes no longer work.' })}
        </Alert>
      )}
      <Paragraph>
        {t({
          nl: 'Bent u uw telefoon kwijt? Dan logt u in met een van deze codes in plaats van de code uit de app. Elke code werkt één keer.',
          en: 'Lost your phone? Then sign in with one of these codes instead of the code from the app. Each code works once.',
        })}
      </Paragraph>
      <Paragraph>
        <strong>
          {t({
            nl: 'U ziet deze codes maar één keer. Schrijf ze op of print ze, en bewaar ze op een veilige plek, niet bij uw telefoon.',
            en: 'You see these codes only once. Write them down or print them, and keep them in a safe place, not with your phone.',
          })}
        </strong>
      </Paragraph>
      <ul class="utrecht-unordered-list kl-recovery-codes" aria-label={t({ nl: 'Herstelcodes', en: 'Recovery codes' })}>
        {props.codes.map((code) => (
          <li class="utrecht-unordered-list__item">
            <code data-testid="recovery-code">{code}</code>
          </li>
        ))}
      </ul>
      <Paragraph>
        <ButtonLink href={props.next}>{t({ nl: 'Ik heb de codes bewaard', en: 'I have kept the codes' })}</ButtonLink>
      </Paragraph>
    </Page>
  );
}

async function EnrolPage(props: { view: ViewContext; secret: string; back: string; errors?: FieldErrors; problem?: string }) {
  const t = props.view.t;
  const uri = totpUri(props.secret, props.view.actor?.email ?? 'Korte Lijn');
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return (
    <Page view={props.view} title={t({ nl: 'Tweestapsverificatie instellen', en: 'Set up two-step verification' })}>
      <Heading1>{t({ nl: 'Tweestapsverificatie instellen', en: 'Set up two-step verification' })}</Heading1>
      <Paragraph>
        {t({
          nl: 'Met uw account kunt u bij gegevens van patiënten, of bepalen wie daarbij mag. Daarom logt u in met uw wachtwoord én een code uit een app op uw telefoon (bijvoorbeeld Microsoft Authenticator of Google Authenticator).',
          en: 'Your account gives access to patient data, or decides who has access. That is why you sign in with your password and a code from an app on your phone (for example Microsoft Authenticator or Google Authenticator).',
        })}
      </Paragraph>
      <ol class="utrecht-ordered-list">
        <li class="utrecht-ordered-list__item">{t({ nl: 'Open de app en kies "account toevoegen".', en: 'Open the app and choose "add account".' })}</li>
        <li class="utrecht-ordered-list__item">
          {t({ nl: 'Scan de QR-code, of typ de sleutel hieronder over.', en: 'Scan the QR code, or type in the key below.' })}
        </li>
        <li class="utrecht-ordered-list__item">
          {t({ nl: 'Typ de code van 6 cijfers die de app laat zien.', en: 'Type the 6-digit code that the app shows.' })}
        </li>
      </ol>
      <figure class="kl-qr">
        <div
          role="img"
          aria-label={t({ nl: 'QR-code voor uw authenticator-app', en: 'QR code for your authenticator app' })}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
        <figcaption>
          {t({ nl: 'Sleutel:', en: 'Key:' })}{' '}
          <span class="kl-secret" data-testid="totp-secret">
            {props.secret}
          </span>
        </figcaption>
      </figure>
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <ErrorSummary view={props.view} errors={props.errors ?? {}} />
      <PostForm view={props.view} action={withBack('/tweestaps/instellen', props.back)} novalidate>
        <AppCodeField view={props.view} label={{ nl: 'Code uit de app', en: 'Code from the app' }} errors={props.errors} />
        <Button>{t({ nl: 'Instellen', en: 'Set up' })}</Button>
      </PostForm>
    </Page>
  );
}

function ChangePasswordPage(props: { view: ViewContext; errors?: FieldErrors; required: boolean; done?: boolean }) {
  const t = props.view.t;
  return (
    <Page view={props.view} title={t({ nl: 'Wachtwoord wijzigen', en: 'Change password' })}>
      <Heading1>{t({ nl: 'Wachtwoord wijzigen', en: 'Change password' })}</Heading1>
      {props.required ? (
        <Alert type="info">
          {t({
            nl: 'U heeft een tijdelijk wachtwoord gekregen. Kies nu uw eigen wachtwoord.',
            en: 'You were given a temporary password. Choose your own password now.',
          })}
        </Alert>
      ) : null}
      {props.done ? <Alert type="ok">{t({ nl: 'Uw wachtwoord is gewijzigd.', en: 'Your password has been changed.' })}</Alert> : null}
      <ErrorSummary view={props.view} errors={props.errors ?? {}} />
      <PostForm view={props.view} action="/wachtwoord-wijzigen" novalidate>
        <TextField
          view={props.view}
          name="current"
          type="password"
          autocomplete="current-password"
          required
          label={{ nl: 'Huidig wachtwoord', en: 'Current password' }}
          errors={props.errors}
        />
        <TextField
          view={props.view}
          name="next"
          type="password"
          autocomplete="new-password"
          required
          label={{ nl: 'Nieuw wachtwoord', en: 'New password' }}
          description={passwordRules.tooShort}
          errors={props.errors}
        />
        <TextField
          view={props.view}
          name="repeat"
          type="password"
          autocomplete="new-password"
          required
          label={{ nl: 'Nieuw wachtwoord nog een keer', en: 'New password again' }}
          errors={props.errors}
        />
        <Button>{t({ nl: 'Wachtwoord opslaan', en: 'Save password' })}</Button>
      </PostForm>
    </Page>
  );
}

/** After the first step (password or identity provider): the new session's cookie, then the next step. */
export function continueSignIn(c: AppContext, services: Services, result: SignedIn, back: string) {
  setCookie(c, SESSION_COOKIE, result.token, { ...cookieOptions(services), maxAge: services.config.sessionHours * 3600 });
  const target =
    result.next === 'totp-setup'
      ? withBack('/tweestaps/instellen', back)
      : result.next === 'totp'
        ? withBack('/tweestaps', back)
        : result.next === 'change-password'
          ? '/wachtwoord-wijzigen'
          : back;
  return c.redirect(target, 303);
}

export function registerAuthRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db, config } = services;

  const setSessionCookie = (c: AppContext, token: string) =>
    setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(services), maxAge: config.sessionHours * 3600 });

  /** After the second factor: the browser gets the new session token, and a page shown now the new CSRF token. */
  const useRenewedSession = (c: AppContext, renewed: RenewedSession) => {
    setSessionCookie(c, renewed.token);
    c.set('csrfToken', renewed.csrfToken);
  };

  app.get('/inloggen', (c) => {
    if (c.get('session')) return c.redirect(nextSignInStep(c.get('session')!), 303);
    return renderLoginPage(c, services, 200, { back: safeBack(c.req.query('terug')) });
  });

  app.post('/inloggen', async (c) => {
    const v = view(c);
    const back = safeBack(c.req.query('terug'));
    const form = await parseForm(c, loginSchema(v.t));
    if (!form.ok) return renderLoginPage(c, services, 422, { errors: form.errors, email: form.values['email'], back });
    try {
      return continueSignIn(c, services, await signIn(db, config, c.get('ctx'), form.data), back);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 429)) {
        retryLater(c, err);
        return renderLoginPage(c, services, err.status, { problem: v.t(err.userMessage), email: form.data.email, back });
      }
      throw err;
    }
  });

  app.post('/uitloggen', async (c) => {
    const session = c.get('session');
    if (session) {
      await writeAudit(db, c.get('ctx'), { action: 'auth.logout', subjectType: 'user', subjectId: session.actor.userId });
      await destroySession(db, session.tokenHash);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/inloggen', 303);
  });

  /** Steps of a sign-in in progress: any session may use them, but only for its own user. */
  const pendingSession = (c: AppContext) => {
    const session = c.get('session');
    if (!session) throw signInRequired();
    return session;
  };

  app.get('/tweestaps', (c) => {
    const session = pendingSession(c);
    if (session.mfaPassed || !session.totpEnrolled) return c.redirect(nextSignInStep(session), 303);
    return c.html(<SecondStepPage kind="app" view={view(c)} back={safeBack(c.req.query('terug'))} />);
  });

  app.post('/tweestaps', async (c) => {
    const session = pendingSession(c);
    const v = view(c);
    const back = safeBack(c.req.query('terug'));
    const form = await parseForm(c, codeSchema(v.t));
    if (!form.ok) return c.html(<SecondStepPage kind="app" view={v} back={back} errors={form.errors} />, 422);
    try {
      useRenewedSession(c, await verifySecondFactor(db, c.get('ctx'), session.tokenHash, form.data.code));
    } catch (err) {
      if (err instanceof AppError && (err.status === 422 || err.status === 429)) {
        retryLater(c, err);
        return c.html(<SecondStepPage kind="app" view={v} back={back} problem={v.t(err.userMessage)} />, err.status);
      }
      throw err;
    }
    const next = nextSignInStep({ ...session, mfaPassed: true });
    return c.redirect(next === '/' ? back : next, 303);
  });

  app.get('/tweestaps/herstelcode', (c) => {
    const session = pendingSession(c);
    if (session.mfaPassed || !session.totpEnrolled) return c.redirect(nextSignInStep(session), 303);
    return c.html(<SecondStepPage kind="recovery" view={view(c)} back={safeBack(c.req.query('terug'))} />);
  });

  app.post('/tweestaps/herstelcode', async (c) => {
    const session = pendingSession(c);
    if (session.mfaPassed || !session.totpEnrolled) return c.redirect(nextSignInStep(session), 303);
    const v = view(c);
    const back = safeBack(c.req.query('terug'));
    const form = await parseForm(c, recoveryCodeSchema(v.t));
    if (!form.ok) return c.html(<SecondStepPage kind="recovery" view={v} back={back} errors={form.errors} />, 422);
    try {
      const { session: renewed } = await verifyRecoveryCode(db, c.get('ctx'), session.tokenHash, form.data.recovery_code);
      useRenewedSession(c, renewed);
    } catch (err) {
      if (err instanceof AppError && (err.status === 422 || err.status === 429)) {
        retryLater(c, err);
        return c.html(<SecondStepPage kind="recovery" view={v} back={back} problem={v.t(err.userMessage)} />, err.status);
      }
      throw err;
    }
    // Signed in with a recovery code: the account page says how many are left and what to do next.
    const next = nextSignInStep({ ...session, mfaPassed: true });
    return c.redirect(next === '/' ? '/account?herstelcode=gebruikt' : next, 303);
  });

  app.get('/tweestaps/instellen', async (c) => {
    const session = pendingSession(c);
    if (session.mfaPassed || session.totpEnrolled) return c.redirect(nextSignInStep(session), 303);
    const secret = await pendingTotpSecret(db, session.actor.userId);
    return c.html(await EnrolPage({ view: view(c), secret, back: safeBack(c.req.query('terug')) }));
  });

  app.post('/tweestaps/instellen', async (c) => {
    const session = pendingSession(c);
    if (session.totpEnrolled) return c.redirect(nextSignInStep(session), 303);
    const v = view(c);
    const secret = await pendingTotpSecret(db, session.actor.userId);
    const back = safeBack(c.req.query('terug'));
    const form = await parseForm(c, codeSchema(v.t));
    if (!form.ok) return c.html(await EnrolPage({ view: v, secret, back, errors: form.errors }), 422);
    let recoveryCodes: string[];
    try {
      const enrolled = await confirmTotpEnrolment(db, c.get('ctx'), session.tokenHash, form.data.code);
      useRenewedSession(c, enrolled.session);
      recoveryCodes = enrolled.recoveryCodes;
    } catch (err) {
      if (err instanceof AppError && (err.status === 422 || err.status === 429)) {
        retryLater(c, err);
        return c.html(await EnrolPage({ view: v, secret, back, problem: v.t(err.userMessage) }), err.status);
      }
      throw err;
    }
    // Shown in this answer and nowhere else: only the hashes of the codes are stored.
    const next = nextSignInStep({ ...session, mfaPassed: true, totpEnrolled: true });
    return c.html(<RecoveryCodesPage view={view(c)} codes={recoveryCodes} next={next === '/' ? back : next} intro="enrolled" />);
  });

  app.get('/wachtwoord-wijzigen', (c) => {
    const session = pendingSession(c);
    if (!session.mfaPassed) return c.redirect(nextSignInStep(session), 303);
    return c.html(<ChangePasswordPage view={view(c)} required={session.mustChangePassword} done={c.req.query('gewijzigd') === '1'} />);
  });

  app.post('/wachtwoord-wijzigen', async (c) => {
    const session = pendingSession(c);
    if (!session.mfaPassed) return c.redirect(nextSignInStep(session), 303);
    const v = view(c);
    const form = await parseForm(c, newPasswordSchema(v.t));
    if (!form.ok) return c.html(<ChangePasswordPage view={v} errors={form.errors} required={session.mustChangePassword} />, 422);
    const outcome = await changeOwnPassword(db, c.get('ctx'), session.tokenHash, form.data);
    if (outcome !== 'ok') {
      const errors: FieldErrors = outcome === 'wrong-current' ? { current: v.t(passwordRules.wrongCurrent) } : { next: v.t(passwordRules.sameAsOld) };
      return c.html(<ChangePasswordPage view={v} errors={errors} required={session.mustChangePassword} />, 422);
    }
    return c.redirect(session.mustChangePassword ? '/' : '/wachtwoord-wijzigen?gewijzigd=1', 303);
  });

  app.get('/account', authorize(services, { roles: anyRole }), async (c) => {
    const actor = c.get('ctx').actor!;
    return c.html(
      <AccountPage
        view={view(c)}
        recoveryCodesLeft={await recoveryCodesLeft(db, actor.userId)}
        secondFactor={c.get('session')?.totpEnrolled ?? false}
        usedRecoveryCode={c.req.query('herstelcode') === 'gebruikt'}
      />,
    );
  });

  app.post('/account/herstelcodes', authorize(services, { roles: anyRole }), async (c) => {
    const v = view(c);
    const actor = c.get('ctx').actor!;
    const page = async (errors: FieldErrors | undefined, problem: string | undefined, status: 422 | 429) =>
      c.html(
        <AccountPage
          view={v}
          recoveryCodesLeft={await recoveryCodesLeft(db, actor.userId)}
          secondFactor={c.get('session')?.totpEnrolled ?? false}
          errors={errors}
          problem={problem}
        />,
        status,
      );
    const form = await parseForm(c, codeSchema(v.t));
    if (!form.ok) return page(form.errors, undefined, 422);
    try {
      const codes = await renewRecoveryCodes(db, c.get('ctx'), form.data.code);
      return c.html(<RecoveryCodesPage view={v} codes={codes} next="/account" intro="renewed" />);
    } catch (err) {
      if (err instanceof AppError && (err.status === 422 || err.status === 429)) {
        retryLater(c, err);
        return page(undefined, v.t(err.userMessage), err.status);
      }
      throw err;
    }
  });
}

function AccountPage(props: {
  view: ViewContext;
  recoveryCodesLeft: number;
  secondFactor: boolean;
  usedRecoveryCode?: boolean;
  errors?: FieldErrors | undefined;
  problem?: string | undefined;
}) {
  const v = props.view;
  const actor = v.actor!;
  const t = v.t;
  const left = props.recoveryCodesLeft;
  return (
    <Page view={v} title={t({ nl: 'Mijn account', en: 'My account' })}>
      <Heading1>{t({ nl: 'Mijn account', en: 'My account' })}</Heading1>
      {props.usedRecoveryCode ? (
        <Alert type="warning">
          {t({
            nl: `U bent ingelogd met een herstelcode. U heeft nog ${left} ${left === 1 ? 'herstelcode' : 'herstelcodes'}. Heeft u uw telefoon niet meer? Vraag uw leidinggevende of de functioneel beheerder om uw tweestapsverificatie opnieuw in te stellen.`,
            en: `You signed in with a recovery code. You have ${left} recovery ${left === 1 ? 'code' : 'codes'} left. No longer have your phone? Ask your manager or the functional administrator to reset your two-step verification.`,
          })}
        </Alert>
      ) : null}
      <dl class="utrecht-data-list">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t({ nl: 'Naam', en: 'Name' })}</dt>
          <dd class="utrecht-data-list__item-value">{actor.name}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t({ nl: 'E-mailadres', en: 'E-mail address' })}</dt>
          <dd class="utrecht-data-list__item-value">{actor.email}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t({ nl: 'Rol', en: 'Role' })}</dt>
          <dd class="utrecht-data-list__item-value">{t(roleLabels[actor.role])}</dd>
        </div>
      </dl>
      <Paragraph>
        <a class="utrecht-link" href="/wachtwoord-wijzigen">
          {t({ nl: 'Wachtwoord wijzigen', en: 'Change password' })}
        </a>
      </Paragraph>
      {props.secondFactor ? (
        <section aria-labelledby="recovery-codes">
          <h2 class="utrecht-heading-2" id="recovery-codes">
            {t({ nl: 'Herstelcodes', en: 'Recovery codes' })}
          </h2>
          <Paragraph>
            <span data-testid="recovery-codes-left">
              {t({
                nl: `U heeft nog ${left} van de ${RECOVERY_CODE_COUNT} herstelcodes.`,
                en: `You have ${left} of ${RECOVERY_CODE_COUNT} recovery codes left.`,
              })}
            </span>{' '}
            {t({
              nl: 'Met een herstelcode logt u in als u uw telefoon niet bij de hand heeft.',
              en: 'A recovery code lets you sign in when you do not have your phone.',
            })}
          </Paragraph>
          <Paragraph>
            {t({
              nl: `Nieuwe codes nodig? Typ de code uit uw app. U krijgt dan ${RECOVERY_CODE_COUNT} nieuwe codes; de oude werken daarna niet meer.`,
              en: `Need new codes? Type the code from your app. You then get ${RECOVERY_CODE_COUNT} new codes; the old ones stop working.`,
            })}
          </Paragraph>
          {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
          <ErrorSummary view={v} errors={props.errors ?? {}} />
          <PostForm view={v} action="/account/herstelcodes" novalidate>
            <AppCodeField view={v} label={{ nl: 'Code uit de app', en: 'Code from the app' }} errors={props.errors} />
            <Button variant="secondary">{t({ nl: 'Nieuwe herstelcodes maken', en: 'Make new recovery codes' })}</Button>
          </PostForm>
        </section>
      ) : null}
    </Page>
  );
}
