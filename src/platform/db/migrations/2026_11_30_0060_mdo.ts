import { sql, type Kysely } from 'kysely';

/**
 * Multidisciplinary consultation (MDO, issue 13): a practice or team plans a meeting at one
 * practice with participants (users) from the practice and the region's teams, puts referrals on
 * the agenda that both sides may see, only with the patient's recorded consent for discussion in
 * an MDO (AVG art. 7: provable consent, per purpose), and records per case the agreed actions with
 * an owner and due date. The minutes hold no patient data beyond what the referral already has.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('mdos')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('practice_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('video_link', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('planned')
        .check(sql`status in ('planned', 'held', 'cancelled')`),
    )
    .addColumn('minutes', 'text')
    .addColumn('planned_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('held_at', 'timestamptz')
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('mdos_has_place', sql`place is not null or video_link is not null`)
    .addCheckConstraint('mdos_held_has_time', sql`(status = 'held') = (held_at is not null)`)
    .execute();
  await db.schema.createIndex('mdos_practice').on('mdos').columns(['practice_id', 'starts_at']).execute();

  await db.schema
    .createTable('mdo_participants')
    .addColumn('mdo_id', 'uuid', (c) => c.notNull().references('mdos.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('mdo_participants_pk', ['mdo_id', 'user_id'])
    .execute();
  await db.schema.createIndex('mdo_participants_user').on('mdo_participants').column('user_id').execute();

  await db.schema
    .createTable('mdo_cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mdo_id', 'uuid', (c) => c.notNull().references('mdos.id').onDelete('cascade'))
    .addColumn('referral_id', 'uuid', (c) => c.notNull().references('referrals.id'))
    .addColumn('consent_method', 'text', (c) => c.notNull().check(sql`consent_method in ('verbal', 'written')`))
    .addColumn('consent_given_on', 'date', (c) => c.notNull())
    .addColumn('added_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('conclusion', 'text')
    .addUniqueConstraint('mdo_cases_once', ['mdo_id', 'referral_id'])
    .execute();
  await db.schema.createIndex('mdo_cases_referral').on('mdo_cases').column('referral_id').execute();

  await db.schema
    .createTable('mdo_actions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mdo_id', 'uuid', (c) => c.notNull().references('mdos.id').onDelete('cascade'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('mdo_cases.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('mdo_actions_owner_open').on('mdo_actions').columns(['owner_id', 'due_on']).where(sql.ref('done_at'), 'is', null).execute();
}
