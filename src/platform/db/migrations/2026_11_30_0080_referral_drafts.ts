import { sql, type Kysely } from 'kysely';

/**
 * A referral started in the GP information system (HIS): the HIS posts a draft FHIR ServiceRequest
 * and gets a link to the prefilled new-referral page; the assistant confirms consent and sends
 * (src/interop/fhir/draft-link.ts). The draft holds the form's fields (patient data), so it lives
 * one day at most: expired drafts are removed whenever a new one is stored, and opening one after
 * that finds nothing. It belongs to the practice whose token posted it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table referral_drafts (
      id uuid primary key default gen_random_uuid(),
      practice_id uuid not null references organisations(id) on delete cascade,
      created_by uuid references users(id) on delete set null,
      form_values jsonb not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index referral_drafts_expires_at on referral_drafts (expires_at)`.execute(db);
}
