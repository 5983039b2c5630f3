import { sql, type Kysely } from 'kysely';

/**
 * The audit log, keyed and searchable per patient (NEN 7513).
 *
 * - `key_id`: entries from now on are hashed with HMAC-SHA256 under a key the database does not
 *   hold (AUDIT_KEY); the column names that key by its fingerprint. Older entries keep their plain
 *   SHA-256 and `key_id` null; they still verify, and the first keyed entry, which hashes the last
 *   of them, covers them from then on (platform/audit/audit.ts).
 * - `patient_refs`: the referrals whose patient data a list read showed, so "who looked at my data"
 *   finds list reads too, through an index instead of a scan of every entry's JSON. Earlier list
 *   reads kept those ids in `details.referralIds` (which their hash covers); they are copied over.
 *   The copy is an index of what the hashed details say, and verification checks it against them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add column key_id text`.execute(db);
  await sql`alter table audit_log add column patient_refs text[] not null default '{}'`.execute(db);
  // The append-only trigger refuses every UPDATE; this one fills the new column and changes nothing hashed.
  await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
  await sql`
    update audit_log set patient_refs = array(select jsonb_array_elements_text(details -> 'referralIds'))
    where jsonb_typeof(details -> 'referralIds') = 'array'`.execute(db);
  await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
  // Only entries about several patients are indexed; single-patient entries use audit_log_patient.
  await sql`create index audit_log_patient_refs on audit_log using gin (patient_refs) where patient_refs <> '{}'`.execute(db);
}
