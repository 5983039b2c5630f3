import { sql, type Kysely } from 'kysely';

/**
 * Visits to GP practices (the action study: "ga minimaal 1–2 maal per jaar op bezoek, in afstemming
 * met collega's"): one calendar per practice, shared by every team of the region, with who came from
 * which team, the topics, agreed follow-ups with owners and the next visit due. `visit_reminders`
 * makes the "no visit in 12 months" reminder go out once per lapse, whichever instance runs the job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('visits')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('practice_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('planned_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('planned')
        .check(sql`status in ('planned', 'held', 'cancelled')`),
    )
    .addColumn('held_on', 'date')
    .addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('notes', 'text')
    .addColumn('next_visit_due', 'date')
    .addColumn('planned_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('visits_held_has_date', sql`(status = 'held') = (held_on is not null)`)
    .execute();
  await db.schema.createIndex('visits_practice').on('visits').columns(['practice_id', 'planned_on']).execute();

  await db.schema
    .createTable('visit_participants')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('visit_id', 'uuid', (c) => c.notNull().references('visits.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_participants_visit').on('visit_participants').column('visit_id').execute();

  await db.schema
    .createTable('visit_follow_ups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('visit_id', 'uuid', (c) => c.notNull().references('visits.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('done_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('visit_follow_ups_visit').on('visit_follow_ups').column('visit_id').execute();

  await db.schema
    .createTable('visit_reminders')
    .addColumn('practice_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('due_since', 'date', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('visit_reminders_pk', ['practice_id', 'due_since'])
    .execute();
}
