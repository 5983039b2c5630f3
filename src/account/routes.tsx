import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import QRCode from 'qrcode';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { cookieOptions } from '../platform/http/cookies.ts';
import { nextSignInStep } from '../platform/auth/sessions.ts';
import { anyRole, authorize, signInRequired } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { AppError } from '../platform/errors.ts';
import type { Translate } from '../platform/i18n.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, ErrorSummary, Heading1, Paragraph, PostForm, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { destroySession, SESSION_COOKIE } from '../platform/auth/sessions.ts';
import { changeOwnPassword, confirmTotpEnrolment, passwordRules, pendingTotpSecret, signIn, verifySecondFactor } from './sign-in.ts';
import { totpUri } from '../platform/auth/totp.ts';
import { MIN_PASSWORD_LENGTH } from '../platform/auth/passwords.ts';
import { roleLabels } from '../platform/auth/roles.ts';

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
function safeBack(value: string | undefined): string {
  return value && /^\/[a-zA-Z0-9/_-]*$/.test(value) && !value.startsWith('//') ? value : '/';
}

function LoginPage(props: { view: ViewContext; errors?: FieldErrors; email?: string; back: string; problem?: string }) {
  const { view } = props;
  const t = view.t;
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
        <Button>{t({ nl: 'Inloggen', en: 'Sign in' })}</Button>
      </PostForm>
      <Paragraph>
        {t({
          nl: 'Wachtwoord vergeten? Vraag de beheerder van uw organisatie om een nieuw wachtwoord.',
          en: 'Forgot your password? Ask the administrator of your organisation for a new one.',
        })}
      </Paragraph>
    </Page>
  );
}

function CodePage(props: { view: ViewContext; errors?: FieldErrors; problem?: string }) {
  const t = props.view.t;
  return (
    <Page view={props.view} title={t({ nl: 'Inlogcode', en: 'Sign-in code' })}>
      <Heading1>{t({ nl: 'Typ uw inlogcode', en: 'Type your sign-in code' })}</Heading1>
      <Paragraph>
        {t({
          nl: 'Open de authenticator-app op uw telefoon en typ de code van 6 cijfers.',
          en: 'Open the authenticator app on your phone and type the 6-digit code.',
        })}
      </Paragraph>
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <ErrorSummary view={props.view} errors={props.errors ?? {}} />
      <PostForm view={props.view} action="/tweestaps" novalidate>
        <TextField
          view={props.view}
          name="code"
          required
          inputmode="numeric"
          autocomplete="one-time-code"
          size="short"
          label={{ nl: 'Code', en: 'Code' }}
          errors={props.errors}
        />
        <Button>{t({ nl: 'Doorgaan', en: 'Continue' })}</Button>
      </PostForm>
    </Page>
  );
}

async function EnrolPage(props: { view: ViewContext; secret: string; errors?: FieldErrors; problem?: string }) {
  const t = props.view.t;
  const uri = totpUri(props.secret, props.view.actor?.email ?? 'Korte Lijn');
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return (
    <Page view={props.view} title={t({ nl: 'Tweestapsverificatie instellen', en: 'Set up two-step verification' })}>
      <Heading1>{t({ nl: 'Tweestapsverificatie instellen', en: 'Set up two-step verification' })}</Heading1>
      <Paragraph>
        {t({
          nl: 'U werkt met gegevens van patiënten. Daarom logt u in met uw wachtwoord én een code uit een app op uw telefoon (bijvoorbeeld Microsoft Authenticator of Google Authenticator).',
          en: 'You work with patient data. That is why you sign in with your password and a code from an app on your phone (for example Microsoft Authenticator or Google Authenticator).',
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
      <PostForm view={props.view} action="/tweestaps/instellen" novalidate>
        <TextField
          view={props.view}
          name="code"
          required
          inputmode="numeric"
          autocomplete="one-time-code"
          size="short"
          label={{ nl: 'Code uit de app', en: 'Code from the app' }}
          errors={props.errors}
        />
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

export function registerAuthRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db, config } = services;

  app.get('/inloggen', (c) => {
    if (c.get('session')) return c.redirect(nextSignInStep(c.get('session')!), 303);
    return c.html(<LoginPage view={view(c)} back={safeBack(c.req.query('terug'))} />);
  });

  app.post('/inloggen', async (c) => {
    const v = view(c);
    const back = safeBack(c.req.query('terug'));
    const form = await parseForm(c, loginSchema(v.t));
    if (!form.ok) return c.html(<LoginPage view={v} errors={form.errors} email={form.values['email']} back={back} />, 422);
    try {
      const result = await signIn(db, config, c.get('ctx'), form.data);
      setCookie(c, SESSION_COOKIE, result.token, { ...cookieOptions(services), maxAge: config.sessionHours * 3600 });
      const target =
        result.next === 'totp-setup'
          ? '/tweestaps/instellen'
          : result.next === 'totp'
            ? '/tweestaps'
            : result.next === 'change-password'
              ? '/wachtwoord-wijzigen'
              : back;
      return c.redirect(target, 303);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 429)) {
        return c.html(<LoginPage view={v} problem={v.t(err.userMessage)} email={form.data.email} back={back} />, err.status);
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
    return c.html(<CodePage view={view(c)} />);
  });

  app.post('/tweestaps', async (c) => {
    const session = pendingSession(c);
    const v = view(c);
    const form = await parseForm(c, codeSchema(v.t));
    if (!form.ok) return c.html(<CodePage view={v} errors={form.errors} />, 422);
    try {
      await verifySecondFactor(db, c.get('ctx'), session.tokenHash, form.data.code);
    } catch (err) {
      if (err instanceof AppError && (err.status === 422 || err.status === 429))
        return c.html(<CodePage view={v} problem={v.t(err.userMessage)} />, err.status);
      throw err;
    }
    return c.redirect(nextSignInStep({ ...session, mfaPassed: true }), 303);
  });

  app.get('/tweestaps/instellen', async (c) => {
    const session = pendingSession(c);
    if (session.mfaPassed || session.totpEnrolled) return c.redirect(nextSignInStep(session), 303);
    const secret = await pendingTotpSecret(db, session.actor.userId);
    return c.html(await EnrolPage({ view: view(c), secret }));
  });

  app.post('/tweestaps/instellen', async (c) => {
    const session = pendingSession(c);
    if (session.totpEnrolled) return c.redirect(nextSignInStep(session), 303);
    const v = view(c);
    const secret = await pendingTotpSecret(db, session.actor.userId);
    const form = await parseForm(c, codeSchema(v.t));
    if (!form.ok) return c.html(await EnrolPage({ view: v, secret, errors: form.errors }), 422);
    try {
      await confirmTotpEnrolment(db, c.get('ctx'), session.tokenHash, form.data.code);
    } catch (err) {
      if (err instanceof AppError && (err.status === 422 || err.status === 429))
        return c.html(await EnrolPage({ view: v, secret, problem: v.t(err.userMessage) }), err.status);
      throw err;
    }
    return c.redirect(nextSignInStep({ ...session, mfaPassed: true, totpEnrolled: true }), 303);
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

  app.get('/account', authorize(services, { roles: anyRole }), (c) => {
    const v = view(c);
    const actor = c.get('ctx').actor!;
    const t = v.t;
    return c.html(
      <Page view={v} title={t({ nl: 'Mijn account', en: 'My account' })}>
        <Heading1>{t({ nl: 'Mijn account', en: 'My account' })}</Heading1>
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
      </Page>,
    );
  });
}
