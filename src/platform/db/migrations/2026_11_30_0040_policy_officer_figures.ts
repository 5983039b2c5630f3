import { sql, type Kysely } from 'kysely';

/**
 * Issue 12, "Zicht op behoefte": the aggregate-only role of a municipal policy officer
 * (beleidsmedewerker) and the baseline (nulmeting) a regional coordinator marks.
 *
 * - `policy_officer` belongs to a region, like the regional coordinator, and may be narrowed to one
 *   municipality of it (`users.municipality_code`, a CBS code). It sees figures only: no referral,
 *   no name, no signal record.
 * - `figure_baselines`: one marked period per region; every figure shows its change against it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check
    check (role in ('practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator', 'policy_officer', 'admin'))`.execute(db);
  await sql`alter table users drop constraint users_membership_matches_role`.execute(db);
  await sql`alter table users add constraint users_membership_matches_role check (case
    when role in ('practice_staff', 'practice_admin') then practice_id is not null and team_id is null and region_id is null
    when role in ('team_member', 'team_admin') then team_id is not null and practice_id is null and region_id is null
    when role in ('region_coordinator', 'policy_officer') then region_id is not null and practice_id is null and team_id is null
    else practice_id is null and team_id is null and region_id is null end)`.execute(db);
  await db.schema
    .alterTable('users')
    .addColumn('municipality_code', 'text', (c) => c.check(sql`municipality_code is null or (role = 'policy_officer' and municipality_code ~ '^GM[0-9]{4}$')`))
    .execute();

  await db.schema
    .createTable('figure_baselines')
    .addColumn('region_id', 'uuid', (c) => c.primaryKey().references('regions.id'))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('marked_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('figure_baselines_period', sql`ends_on >= starts_on and ends_on - starts_on <= 400`)
    .execute();
}
