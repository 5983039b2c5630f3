import { sql, type Kysely } from 'kysely';

/**
 * Dutch full-text search over the social map (issue #11 §4): the words of a service's name (weight
 * A) and description (weight B), stemmed with PostgreSQL's `dutch` configuration (Snowball; the
 * same in PGlite), kept up to date by the database itself as a generated column. The GIN index
 * serves a search by words alone; a search for a postcode first narrows to the services of that
 * area. The services table is small (about 50,000 nationally), so building it in the migration
 * transaction is quick.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table services add column search_vector tsvector generated always as (
      setweight(to_tsvector('dutch'::regconfig, name), 'A') || setweight(to_tsvector('dutch'::regconfig, description), 'B')
    ) stored`.execute(db);
  await sql`create index services_search on services using gin (search_vector)`.execute(db);
}
