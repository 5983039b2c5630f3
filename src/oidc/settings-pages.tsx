import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view, type ViewContext } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { AppError } from '../platform/errors.ts';
import type { Translate } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, ErrorSummary, Heading1, Link, Paragraph, PostForm, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import { Checkbox } from '../platform/ui/form-fields.tsx';
import { loadProviderSettings, removeProvider, saveProvider, type ProviderSettings } from './providers.ts';
import { parseEmailDomains } from './rules.ts';
import { redirectUriFor } from './client.ts';

const adminOnly = { roles: ['admin'] } as const;

/** An issuer is an https URL (OpenID Connect Discovery §2); plain http only outside production, for a local test provider. */
function settingsSchema(t: Translate, allowHttp: boolean) {
  return z.object({
    issuer: z
      .string()
      .trim()
      .max(500)
      .refine(
        (v) => {
          try {
            const url = new URL(v);
            return (url.protocol === 'https:' || (allowHttp && url.protocol === 'http:')) && !url.search && !url.hash;
          } catch {
            return false;
          }
        },
        t({
          nl: 'Vul het adres van de inlogdienst (issuer) in, dat begint met https://, bijvoorbeeld https://login.microsoftonline.com/…/v2.0.',
          en: 'Fill in the address of the sign-in service (issuer), starting with https://, for example https://login.microsoftonline.com/…/v2.0.',
        }),
      ),
    client_id: z
      .string()
      .trim()
      .min(1, t({ nl: 'Vul de client-ID in die de inlogdienst voor Korte Lijn gaf.', en: 'Fill in the client ID the sign-in service gave for Korte Lijn.' }))
      .max(300),
    client_secret: z.string().trim().max(1000).default(''),
    email_domains: z
      .string()
      .max(2000)
      .transform((v, ctx) => {
        const domains = parseEmailDomains(v);
        if (!domains) {
          ctx.addIssue({
            code: 'custom',
            message: t({
              nl: 'Vul een of meer e-maildomeinen in, gescheiden door komma’s, zoals huisartsenesch.nl.',
              en: 'Fill in one or more e-mail domains, separated by commas, such as huisartsenesch.nl.',
            }),
          });
          return z.NEVER;
        }
        return domains;
      }),
    mfa_acr_values: z
      .string()
      .max(1000)
      .default('')
      .transform((v) => [...new Set(v.split(/[\s,]+/).filter(Boolean))]),
    mfa_from_idp: z.literal('ja').optional(),
    enabled: z.literal('ja').optional(),
  });
}

function SettingsPage(props: {
  view: ViewContext;
  organisationId: string;
  organisationName: string;
  settings: ProviderSettings | null;
  values?: Record<string, string>;
  errors?: FieldErrors;
  problem?: string;
  notice?: string;
  redirectUri: string;
}) {
  const { view, settings } = props;
  const t = view.t;
  const values = props.values ?? {
    issuer: settings?.issuer ?? '',
    client_id: settings?.clientId ?? '',
    email_domains: settings?.emailDomains.join(', ') ?? '',
    mfa_acr_values: settings?.mfaAcrValues.join(', ') ?? '',
    ...(settings?.mfaFromIdp ? { mfa_from_idp: 'ja' } : {}),
    ...(settings === null || settings.enabled ? { enabled: 'ja' } : {}),
  };
  const base = `/beheer/organisaties/${props.organisationId}/inloggen`;
  const title = t({
    nl: `Inloggen via de eigen inlogdienst: ${props.organisationName}`,
    en: `Sign-in through its own identity provider: ${props.organisationName}`,
  });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      {props.notice ? <Alert type="ok">{props.notice}</Alert> : null}
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <Paragraph>
        {t({
          nl: 'Medewerkers van deze organisatie kunnen inloggen met het account van hun organisatie (bijvoorbeeld Microsoft Entra ID of Keycloak), via OpenID Connect. Ze hebben wel eerst een account in Korte Lijn nodig, met hetzelfde e-mailadres: inloggen via de organisatie maakt geen accounts of rollen aan. Een geblokkeerd account blijft geblokkeerd.',
          en: 'Staff of this organisation can sign in with their organisation’s account (for example Microsoft Entra ID or Keycloak), through OpenID Connect. They do need an account in Korte Lijn first, with the same e-mail address: signing in through the organisation creates no accounts or roles. A blocked account stays blocked.',
        })}
      </Paragraph>
      <Paragraph>
        {t({ nl: 'Geef de inlogdienst dit terugkeeradres (redirect URI):', en: 'Give the identity provider this redirect URI:' })}{' '}
        <code data-testid="redirect-uri">{props.redirectUri}</code>
      </Paragraph>
      <ErrorSummary view={view} errors={props.errors ?? {}} />
      <PostForm view={view} action={base} novalidate>
        <TextField
          view={view}
          name="issuer"
          type="url"
          required
          label={{ nl: 'Adres van de inlogdienst (issuer)', en: 'Address of the identity provider (issuer)' }}
          value={values['issuer']}
          errors={props.errors}
        />
        <TextField view={view} name="client_id" required label={{ nl: 'Client-ID', en: 'Client ID' }} value={values['client_id']} errors={props.errors} />
        <TextField
          view={view}
          name="client_secret"
          type="password"
          autocomplete="off"
          required={settings === null}
          label={{ nl: 'Clientgeheim (client secret)', en: 'Client secret' }}
          description={
            settings
              ? {
                  nl: 'Er is een geheim opgeslagen (versleuteld; het wordt nooit getoond). Laat dit leeg om het te houden.',
                  en: 'A secret is stored (encrypted; it is never shown). Leave this empty to keep it.',
                }
              : { nl: 'Het wordt versleuteld opgeslagen en nooit meer getoond.', en: 'It is stored encrypted and never shown again.' }
          }
          errors={props.errors}
        />
        <TextField
          view={view}
          name="email_domains"
          required
          label={{ nl: 'E-maildomeinen van medewerkers', en: 'E-mail domains of staff' }}
          description={{
            nl: 'Gescheiden door komma’s, bijvoorbeeld huisartsenesch.nl. Alleen accounts met een e-mailadres op deze domeinen kunnen zo inloggen.',
            en: 'Separated by commas, for example huisartsenesch.nl. Only accounts with an e-mail address on these domains can sign in this way.',
          }}
          value={values['email_domains']}
          errors={props.errors}
        />
        <Checkbox
          name="mfa_from_idp"
          checked={values['mfa_from_idp'] === 'ja'}
          label={t({
            nl: 'De tweestapsverificatie van de inlogdienst telt in plaats van de code uit de app van Korte Lijn',
            en: 'The identity provider’s multi-factor sign-in counts instead of the code from the Korte Lijn app',
          })}
        />
        <TextField
          view={view}
          name="mfa_acr_values"
          label={{ nl: 'acr-waarden die als tweestapsverificatie tellen (niet verplicht)', en: 'acr values that count as multi-factor (optional)' }}
          description={{
            nl: 'Alleen als het vakje hierboven aan staat. De inlogdienst meldt tweestaps in amr (mfa, otp of hwk) of in acr; noem hier de acr-waarden van uw inlogdienst, gescheiden door komma’s. Zonder die melding volgt de code uit de app.',
            en: 'Only when the box above is ticked. The provider reports multi-factor in amr (mfa, otp or hwk) or in acr; list your provider’s acr values here, separated by commas. Without that report, the code from the app follows.',
          }}
          value={values['mfa_acr_values']}
          errors={props.errors}
        />
        <Checkbox
          name="enabled"
          checked={values['enabled'] === 'ja'}
          label={t({ nl: 'Aan: medewerkers kunnen zo inloggen', en: 'On: staff can sign in this way' })}
        />
        <div class="kl-actions">
          <Button>{t({ nl: 'Opslaan', en: 'Save' })}</Button>
          <Link href={`/beheer/organisaties/${props.organisationId}`}>{t({ nl: 'Terug naar de organisatie', en: 'Back to the organisation' })}</Link>
        </div>
      </PostForm>
      {settings ? (
        <PostForm view={view} action={`${base}/verwijderen`}>
          <Button variant="danger">{t({ nl: 'Inloggen via de organisatie verwijderen', en: 'Remove sign-in through the organisation' })}</Button>
        </PostForm>
      ) : null}
    </Page>
  );
}

/** Administrator pages: an organisation's OpenID Connect settings (/beheer/organisaties/:id/inloggen). */
export function registerOidcSettingsPages(app: Hono<AppEnv>, services: Services): void {
  const { db, config } = services;
  const guard = authorize(services, adminOnly);
  const allowHttp = config.env !== 'production';

  const render = async (c: AppContext, status: 200 | 422, extra: { values?: Record<string, string>; errors?: FieldErrors; problem?: string } = {}) => {
    const id = idParam(c);
    const { organisationName, settings } = await loadProviderSettings(db, id);
    const notice = c.req.query('melding') === 'opgeslagen' ? view(c).t({ nl: 'Opgeslagen.', en: 'Saved.' }) : undefined;
    return c.html(
      <SettingsPage
        view={view(c)}
        organisationId={id}
        organisationName={organisationName}
        settings={settings}
        redirectUri={redirectUriFor(config, c.req.url)}
        {...(notice ? { notice } : {})}
        {...extra}
      />,
      status,
    );
  };

  app.get('/beheer/organisaties/:id/inloggen', guard, (c) => render(c, 200));

  app.post('/beheer/organisaties/:id/inloggen', guard, async (c) => {
    const id = idParam(c);
    const form = await parseForm(c, settingsSchema(view(c).t, allowHttp));
    const values = { ...form.values, client_secret: '' };
    if (!form.ok) return render(c, 422, { values, errors: form.errors });
    try {
      await saveProvider(db, config, c.get('ctx'), id, {
        issuer: form.data.issuer,
        clientId: form.data.client_id,
        clientSecret: form.data.client_secret,
        emailDomains: form.data.email_domains,
        enabled: form.data.enabled === 'ja',
        mfaFromIdp: form.data.mfa_from_idp === 'ja',
        mfaAcrValues: form.data.mfa_acr_values,
      });
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return render(c, 422, { values, problem: view(c).t(err.userMessage) });
      throw err;
    }
    return c.redirect(`/beheer/organisaties/${id}/inloggen?melding=opgeslagen`, 303);
  });

  app.post('/beheer/organisaties/:id/inloggen/verwijderen', guard, async (c) => {
    const id = idParam(c);
    await removeProvider(db, c.get('ctx'), id);
    return c.redirect(`/beheer/organisaties/${id}/inloggen`, 303);
  });
}
