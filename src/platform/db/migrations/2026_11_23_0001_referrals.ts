import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * Referrals with consent, response terms, history, message threads, consultations without a
 * patient, notifications, the mail outbox, background job bookkeeping and practice–team agreements.
 * Patient fields are nullable: they are erased on consent withdrawal and by the retention purge,
 * while the row (and its counts) stays.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('agreements')
    .addColumn('id', 'uuid', id)
    .addColumn('practice_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('first_contact_working_days', 'smallint', (c) => c.check(sql`first_contact_working_days between 1 and 3`))
    .addColumn('first_conversation_days', 'smallint', (c) => c.check(sql`first_conversation_days between 1 and 28`))
    .addColumn('urgent_first_conversation_working_days', 'smallint', (c) => c.check(sql`urgent_first_conversation_working_days between 1 and 3`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('agreements_practice_team', ['practice_id', 'team_id'])
    .execute();

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'uuid', id)
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('practice', 'selfcheck')`))
    .addColumn('practice_id', 'uuid', (c) => c.references('organisations.id'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    // Double submits carry the same key (a hidden field of the form) and find the first referral.
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('assigned_to', 'uuid', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('requested', 'received', 'accepted', 'in-progress', 'completed', 'rejected', 'cancelled', 'failed')`),
    )
    // Patient (minimal, erasable). No BSN: never asked, never stored.
    .addColumn('patient_name', 'text')
    .addColumn('patient_birth_date', 'date')
    .addColumn('patient_phone', 'text')
    .addColumn('patient_email', 'text')
    .addColumn('patient_postcode', 'text')
    .addColumn('patient_house_number', 'text')
    .addColumn('preferred_language', 'text')
    .addColumn('best_time_to_call', 'text')
    .addColumn('question', 'text')
    // Kept after erasure, for monitoring (no person can be found from these alone).
    .addColumn('needs', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('urgency_triggers', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('handover', 'text', (c) =>
      c.notNull().check(sql`handover in ('phone_together', 'meeting_at_practice', 'home_visit', 'neutral_talk', 'team_contacts_patient')`),
    )
    .addColumn('contact_channel', 'text', (c) => c.notNull().check(sql`contact_channel in ('phone', 'email', 'via_practice')`))
    .addColumn('municipality_code', 'text')
    .addColumn('district_code', 'text')
    .addColumn('route_explanation', 'text')
    .addColumn('requested_on', 'date', (c) => c.notNull())
    .addColumn('first_contact_due', 'date', (c) => c.notNull())
    .addColumn('first_conversation_due', 'date', (c) => c.notNull())
    .addColumn('first_contact_on', 'date')
    .addColumn('first_conversation_on', 'date')
    .addColumn('contact_attempts', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('already_known', 'boolean')
    .addColumn('outcome', 'text')
    .addColumn('feedback', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('contact_escalated_at', 'timestamptz')
    .addColumn('conversation_escalated_at', 'timestamptz')
    .addColumn('consent_withdrawn_at', 'timestamptz')
    .addColumn('personal_data_erased_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('referrals_team_status').on('referrals').columns(['team_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('referrals_practice_created').on('referrals').columns(['practice_id', 'created_at']).execute();
  await db.schema.createIndex('referrals_assigned').on('referrals').columns(['assigned_to', 'status']).execute();
  // The escalation sweep reads only open referrals past a due date.
  await sql`create index referrals_contact_due on referrals (first_contact_due) where first_contact_on is null and contact_escalated_at is null and status in ('requested', 'received', 'accepted', 'in-progress')`.execute(
    db,
  );
  await sql`create index referrals_conversation_due on referrals (first_conversation_due) where first_conversation_on is null and conversation_escalated_at is null and status in ('requested', 'received', 'accepted', 'in-progress')`.execute(
    db,
  );
  await sql`create index referrals_retention on referrals (closed_at) where personal_data_erased_at is null and closed_at is not null`.execute(db);

  await db.schema
    .createTable('consents')
    .addColumn('id', 'uuid', id)
    .addColumn('referral_id', 'uuid', (c) => c.notNull().references('referrals.id'))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('verbal', 'written', 'online')`))
    .addColumn('data_scope', sql`text[]`, (c) => c.notNull())
    .addColumn('recipient_team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('feedback_allowed', 'boolean', (c) => c.notNull())
    .addColumn('given_at', 'timestamptz', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawal_recorded_by', 'uuid', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('consents_referral').on('consents').column('referral_id').execute();

  await db.schema
    .createTable('referral_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('referral_id', 'uuid', (c) => c.notNull().references('referrals.id'))
    .addColumn('at', 'timestamptz', now)
    .addColumn('actor_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('from_team_id', 'uuid', (c) => c.references('teams.id'))
    .addColumn('to_team_id', 'uuid', (c) => c.references('teams.id'))
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('referral_events_referral').on('referral_events').columns(['referral_id', 'id']).execute();

  await db.schema
    .createTable('consultations')
    .addColumn('id', 'uuid', id)
    .addColumn('practice_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('asked_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'answered', 'closed')`),
    )
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('consultations_team').on('consultations').columns(['team_id', 'created_at']).execute();
  await db.schema.createIndex('consultations_practice').on('consultations').columns(['practice_id', 'created_at']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', id)
    .addColumn('referral_id', 'uuid', (c) => c.references('referrals.id'))
    .addColumn('consultation_id', 'uuid', (c) => c.references('consultations.id'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('author_side', 'text', (c) => c.notNull().check(sql`author_side in ('practice', 'team')`))
    .addColumn('body', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addCheckConstraint('messages_one_thread', sql`num_nonnulls(referral_id, consultation_id) = 1`)
    .execute();
  await db.schema.createIndex('messages_referral').on('messages').columns(['referral_id', 'created_at']).execute();
  await db.schema.createIndex('messages_consultation').on('messages').columns(['consultation_id', 'created_at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'uuid', (c) => c.references('referrals.id'))
    .addColumn('consultation_id', 'uuid', (c) => c.references('consultations.id'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notifications_user_unread').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute();

  // Transactional outbox: mail is written in the same transaction as the change, sent by a job.
  await db.schema
    .createTable('outbox_mail')
    .addColumn('id', 'uuid', id)
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', now)
    .addColumn('locked_until', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
  await sql`create index outbox_mail_pending on outbox_mail (next_attempt_at) where sent_at is null`.execute(db);

  // Recurring jobs: one row per job; an instance claims a due run with an atomic update.
  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_started_at', 'timestamptz')
    .addColumn('last_finished_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
}
