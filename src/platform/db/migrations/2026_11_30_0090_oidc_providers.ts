import { sql, type Kysely } from 'kysely';

/**
 * OpenID Connect sign-in per organisation (issue #15): the organisation's identity provider (issuer,
 * client id, the client secret encrypted with a key kept outside the database), the e-mail domains
 * its staff may sign in with, and whether the provider's multi-factor claim stands in for the app's
 * own second factor. One provider per organisation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table oidc_providers (
      organisation_id uuid primary key references organisations(id) on delete cascade,
      issuer text not null,
      client_id text not null,
      client_secret_encrypted text not null,
      email_domains text[] not null,
      enabled boolean not null default true,
      mfa_from_idp boolean not null default false,
      mfa_acr_values text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null
    )`.execute(db);
}
