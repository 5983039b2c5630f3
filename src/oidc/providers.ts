import type { Database } from '../platform/db/database.ts';
import type { Config } from '../platform/config.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { emailDomain } from './rules.ts';
import { openSecret, sealSecret, secretKey } from './secret-box.ts';

/** What the settings page shows: everything but the secret, which is never shown back. */
export interface ProviderSettings {
  organisationId: string;
  organisationName: string;
  issuer: string;
  clientId: string;
  emailDomains: string[];
  enabled: boolean;
  mfaFromIdp: boolean;
  mfaAcrValues: string[];
  updatedAt: Date;
}

/** What the sign-in needs: the settings with the secret, decrypted. */
export interface SignInProvider extends ProviderSettings {
  clientSecret: string;
}

/** An organisation whose staff can sign in through its identity provider (a button on the sign-in page). */
export interface SignInOrganisation {
  id: string;
  name: string;
}

const organisationMissing = () => notFound('organisation');

/** The organisation (for the page title) and its provider settings, when it has any. */
export async function loadProviderSettings(db: Database, organisationId: string): Promise<{ organisationName: string; settings: ProviderSettings | null }> {
  const org = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', organisationId).executeTakeFirst();
  if (!org) throw organisationMissing();
  const row = await db.selectFrom('oidc_providers').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
  return { organisationName: org.name, settings: row ? toSettings(row, org.name) : null };
}

function toSettings(
  row: {
    organisation_id: string;
    issuer: string;
    client_id: string;
    email_domains: string[];
    enabled: boolean;
    mfa_from_idp: boolean;
    mfa_acr_values: string[];
    updated_at: Date;
  },
  organisationName: string,
): ProviderSettings {
  return {
    organisationId: row.organisation_id,
    organisationName,
    issuer: row.issuer,
    clientId: row.client_id,
    emailDomains: row.email_domains,
    enabled: row.enabled,
    mfaFromIdp: row.mfa_from_idp,
    mfaAcrValues: row.mfa_acr_values,
    updatedAt: row.updated_at,
  };
}

export interface ProviderInput {
  issuer: string;
  clientId: string;
  /** Empty: keep the stored secret. */
  clientSecret: string;
  emailDomains: string[];
  enabled: boolean;
  mfaFromIdp: boolean;
  mfaAcrValues: string[];
}

const secretNeeded = () =>
  new AppError('oidc_secret_needed', 422, {
    nl: 'Vul het clientgeheim (client secret) in: deze organisatie heeft er nog geen.',
    en: 'Fill in the client secret: this organisation does not have one yet.',
  });

const domainTaken = (domain: string, organisation: string) =>
  new AppError('oidc_domain_taken', 422, {
    nl: `Het domein ${domain} hoort al bij het inloggen van ${organisation}. Een domein kan maar bij één organisatie horen.`,
    en: `The domain ${domain} already belongs to the sign-in of ${organisation}. A domain can belong to one organisation only.`,
  });

/**
 * Saves an organisation's provider (administrator). The secret is stored encrypted and only replaced
 * when a new one is typed. A domain belongs to one organisation only, so typing an e-mail address
 * on the sign-in page leads to exactly one provider. Audited without the secret.
 */
export async function saveProvider(db: Database, config: Config, ctx: RequestContext, organisationId: string, input: ProviderInput): Promise<void> {
  const { settings } = await loadProviderSettings(db, organisationId);
  if (!settings && !input.clientSecret) throw secretNeeded();
  const others = await db
    .selectFrom('oidc_providers')
    .innerJoin('organisations', 'organisations.id', 'oidc_providers.organisation_id')
    .select(['organisations.name', 'oidc_providers.email_domains'])
    .where('oidc_providers.organisation_id', '<>', organisationId)
    .execute();
  for (const domain of input.emailDomains) {
    const owner = others.find((o) => o.email_domains.includes(domain));
    if (owner) throw domainTaken(domain, owner.name);
  }
  const now = new Date();
  const values = {
    issuer: input.issuer,
    client_id: input.clientId,
    email_domains: input.emailDomains,
    enabled: input.enabled,
    mfa_from_idp: input.mfaFromIdp,
    mfa_acr_values: input.mfaAcrValues,
    updated_at: now,
    ...(input.clientSecret ? { client_secret_encrypted: sealSecret(secretKey(config.auditKey), input.clientSecret) } : {}),
  };
  await db.transaction().execute(async (trx) => {
    if (settings) await trx.updateTable('oidc_providers').set(values).where('organisation_id', '=', organisationId).execute();
    else
      await trx
        .insertInto('oidc_providers')
        .values({ ...values, organisation_id: organisationId, client_secret_encrypted: values.client_secret_encrypted! })
        .execute();
    await writeAudit(trx, ctx, {
      action: 'oidc.provider_saved',
      subjectType: 'organisation',
      subjectId: organisationId,
      details: {
        issuer: input.issuer,
        clientId: input.clientId,
        emailDomains: input.emailDomains,
        enabled: input.enabled,
        mfaFromIdp: input.mfaFromIdp,
        mfaAcrValues: input.mfaAcrValues,
        secretChanged: Boolean(input.clientSecret),
      },
    });
  });
}

/** Removes an organisation's provider: its staff sign in with their password again. Audited. */
export async function removeProvider(db: Database, ctx: RequestContext, organisationId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('oidc_providers').where('organisation_id', '=', organisationId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return;
    await writeAudit(trx, ctx, { action: 'oidc.provider_removed', subjectType: 'organisation', subjectId: organisationId });
  });
}

/** Organisations with an enabled provider, by name: the buttons on the sign-in page. */
export async function listSignInOrganisations(db: Database): Promise<SignInOrganisation[]> {
  return db
    .selectFrom('oidc_providers')
    .innerJoin('organisations', 'organisations.id', 'oidc_providers.organisation_id')
    .select(['organisations.id', 'organisations.name'])
    .where('oidc_providers.enabled', '=', true)
    .orderBy('organisations.name')
    .execute();
}

/** The organisation whose enabled provider takes this e-mail address's domain, or null. */
export async function organisationForEmail(db: Database, email: string): Promise<SignInOrganisation | null> {
  const domain = emailDomain(email);
  if (!domain) return null;
  const row = await db
    .selectFrom('oidc_providers')
    .innerJoin('organisations', 'organisations.id', 'oidc_providers.organisation_id')
    .select(['organisations.id', 'organisations.name'])
    .where('oidc_providers.enabled', '=', true)
    .where((eb) => eb(eb.val(domain), '=', eb.fn.any('oidc_providers.email_domains')))
    .executeTakeFirst();
  return row ?? null;
}

export const providerUnavailable = () =>
  new AppError('oidc_unavailable', 404, {
    nl: 'Inloggen via deze organisatie kan (nu) niet. Log in met uw e-mailadres en wachtwoord.',
    en: 'Signing in through this organisation is not possible (now). Sign in with your e-mail address and password.',
  });

const secretUnreadable = () =>
  new AppError(
    'oidc_secret_unreadable',
    503,
    {
      nl: 'Inloggen via uw organisatie werkt nu niet: de instellingen moeten opnieuw worden ingevoerd. Meld dit aan de functioneel beheerder, en log in met uw wachtwoord.',
      en: 'Signing in through your organisation does not work now: its settings must be entered again. Tell the functional administrator, and sign in with your password.',
    },
    'oidc client secret cannot be decrypted (another audit key?)',
  );

/** An enabled provider with its secret, for the sign-in; 404 when there is none. */
export async function loadSignInProvider(db: Database, config: Config, organisationId: string): Promise<SignInProvider> {
  const row = await db
    .selectFrom('oidc_providers')
    .innerJoin('organisations', 'organisations.id', 'oidc_providers.organisation_id')
    .selectAll('oidc_providers')
    .select('organisations.name as organisation_name')
    .where('oidc_providers.organisation_id', '=', organisationId)
    .where('oidc_providers.enabled', '=', true)
    .executeTakeFirst();
  if (!row) throw providerUnavailable();
  const clientSecret = openSecret(secretKey(config.auditKey), row.client_secret_encrypted);
  if (clientSecret === null) throw secretUnreadable();
  return { ...toSettings(row, row.organisation_name), clientSecret };
}
