import { sql, type Kysely } from 'kysely';

/**
 * Practice–team agreements (samenwerkingsafspraken) become a document the two sides write together:
 * the named fixed contact on each side, preferred hand-over forms, how consent is recorded, how and
 * when feedback reaches the practice, and a yearly review. The columns of `agreements` hold what is
 * IN FORCE (send-referral.ts reads its terms); a change waits in `proposal` until the practice
 * manager confirms it. Every draft, confirmation and contact change is kept in `agreement_history`.
 *
 * Rows from before this migration were already applied to referrals, so they count as agreed now,
 * and so does a row written without a status (the default).
 * Notifications get a `link`: the new kinds (an agreement to confirm, a contact who left, a visit
 * that is due) point to a page that is neither a referral nor a consultation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications add column link text check (link is null or link ~ '^/[^/]')`.execute(db);

  await sql`alter table agreements
    add column team_contact_id uuid references contacts (id),
    add column team_contact_hours text,
    add column practice_contact_name text,
    add column practice_contact_role text,
    add column practice_contact_phone text,
    add column practice_contact_hours text,
    add column practice_contact_confirmed_at timestamptz,
    add column handover_forms text[] not null default '{}'::text[],
    add column consent_recording text,
    add column feedback_arrangement text,
    add column agreed_at timestamptz,
    add column agreed_by uuid references users (id),
    add column review_due_on date,
    add column proposal jsonb,
    add column proposed_by uuid references users (id),
    add column proposed_at timestamptz,
    add column team_contact_prompted_at timestamptz,
    add column practice_contact_prompted_at timestamptz`.execute(db);
  await sql`update agreements set agreed_at = updated_at, review_due_on = (updated_at + interval '1 year')::date`.execute(db);
  // A row written without saying otherwise is an agreement in force, as every row was before; a
  // draft (agreements/draft-agreement.ts) says it is not (agreed_at null) and carries its proposal.
  await sql`alter table agreements alter column agreed_at set default now()`.execute(db);
  await sql`alter table agreements alter column review_due_on set default ((now() at time zone 'Europe/Amsterdam') + interval '1 year')::date`.execute(db);
  // A concept (never agreed) always carries the proposal the practice is asked to confirm.
  await sql`alter table agreements add constraint agreements_concept_has_proposal check (agreed_at is not null or proposal is not null)`.execute(db);
  await sql`create index agreements_team_contact on agreements (team_contact_id) where team_contact_id is not null`.execute(db);
  await sql`create index agreements_team on agreements (team_id)`.execute(db);

  await db.schema
    .createTable('agreement_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('agreement_id', 'uuid', (c) => c.notNull().references('agreements.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('drafted', 'confirmed', 'team_contact_replaced', 'team_contact_left', 'practice_contact_confirmed')`),
    )
    // The agreement's content as it stood after this event (proposed or in force): the history shows what changed.
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('agreement_history_agreement').on('agreement_history').columns(['agreement_id', 'id']).execute();
}
