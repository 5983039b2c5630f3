import { sql, type Kysely } from 'kysely';

/**
 * The yearly checklist per practice on the region's network view (the action study: "wie houdt het
 * onderwerp jaarlijks voor iedereen op de agenda?"). Items the app can tell by itself (agreement
 * reviewed, visit held, contacts confirmed) are computed; the others are ticked here, per calendar
 * year, by who saw them done.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('practice_checklist')
    .addColumn('practice_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'smallint', (c) => c.notNull().check(sql`year between 2020 and 2100`))
    .addColumn('item', 'text', (c) => c.notNull().check(sql`item in ('materials_refreshed', 'topic_on_team_agenda', 'staff_trained')`))
    .addColumn('done_on', 'date', (c) => c.notNull())
    .addColumn('done_by', 'uuid', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('practice_checklist_pk', ['practice_id', 'year', 'item'])
    .execute();
}
