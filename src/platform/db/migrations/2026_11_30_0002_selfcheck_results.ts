import { sql, type Kysely } from 'kysely';

/**
 * A self-check result behind a short-lived key, so no address carries the answers (a shared
 * computer's browser history must not tell the next person about someone's money worries). The
 * browser holds the key in a session cookie; the database holds only its SHA-256 hash, the level,
 * the kinds of help, the crisis types and — once asked for local help — the postcode. A row dies
 * after 30 minutes without use or at "Sluit en wis".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table selfcheck_results (
      key_hash text primary key,
      level text not null,
      help text[] not null,
      urgency text[] not null,
      postcode text,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index selfcheck_results_expires_at on selfcheck_results (expires_at)`.execute(db);
}
