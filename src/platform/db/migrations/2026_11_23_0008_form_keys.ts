import { sql, type Kysely } from 'kysely';

/**
 * Messages and consultation questions carry the form key of the form that sent them (forms.ts
 * FORM_KEY): the same form sent twice by the same person stores one message, one question.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages add column form_key text`.execute(db);
  await sql`create unique index messages_form_key on messages (author_id, form_key) where form_key is not null`.execute(db);
  await sql`alter table consultations add column form_key text`.execute(db);
  await sql`create unique index consultations_form_key on consultations (asked_by, form_key) where form_key is not null`.execute(db);
}
