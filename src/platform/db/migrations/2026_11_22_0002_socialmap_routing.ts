import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * The social map (aligned with Open Referral HSDS 3: organization, service, location,
 * service_at_location, contact, phone, schedule, service_area) and postcode routing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(sql`now()`);

  await db.schema.alterTable('organisations').addColumn('description', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('last_verified_at', 'timestamptz').execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'uuid', id)
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'inactive')`),
    )
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('is_free', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('fees_description', 'text')
    .addColumn('eligibility_description', 'text')
    .addColumn('application_process', 'text')
    .addColumn('languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{nl}'::text[]`))
    .addColumn('last_verified_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('services_organisation').on('services').column('organisation_id').execute();
  await sql`create index services_categories on services using gin (categories)`.execute(db);

  await db.schema
    .createTable('locations')
    .addColumn('id', 'uuid', id)
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('street', 'text')
    .addColumn('house_number', 'text')
    .addColumn('postcode', 'text')
    .addColumn('city', 'text')
    .addColumn('is_walk_in', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('accessibility', 'text')
    .addColumn('last_verified_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('locations_organisation').on('locations').column('organisation_id').execute();

  await db.schema
    .createTable('service_locations')
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('location_id', 'uuid', (c) => c.notNull().references('locations.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('service_locations_pk', ['service_id', 'location_id'])
    .execute();
  await db.schema.createIndex('service_locations_location').on('service_locations').column('location_id').execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'uuid', id)
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
    .addColumn('service_id', 'uuid', (c) => c.references('services.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('job_title', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    // Public contacts appear on the resident pages; professional ones (direct lines) only for signed-in staff.
    .addColumn('visibility', 'text', (c) =>
      c
        .notNull()
        .defaultTo('professional')
        .check(sql`visibility in ('public', 'professional')`),
    )
    .addColumn('ended_at', 'timestamptz')
    .addColumn('replaced_by_id', 'uuid', (c) => c.references('contacts.id'))
    .addColumn('last_verified_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('contacts_service').on('contacts').column('service_id').execute();
  await db.schema.createIndex('contacts_organisation').on('contacts').column('organisation_id').execute();

  await db.schema
    .createTable('schedules')
    .addColumn('id', 'uuid', id)
    .addColumn('service_id', 'uuid', (c) => c.references('services.id').onDelete('cascade'))
    .addColumn('location_id', 'uuid', (c) => c.references('locations.id').onDelete('cascade'))
    .addColumn('contact_id', 'uuid', (c) => c.references('contacts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('opening', 'walk_in', 'phone', 'on_site')`))
    // ISO weekday: 1 = Monday … 7 = Sunday.
    .addColumn('weekday', 'smallint', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('opens_at', 'text', (c) => c.notNull().check(sql`opens_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`))
    .addColumn('closes_at', 'text', (c) => c.notNull().check(sql`closes_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`))
    .addColumn('note', 'text')
    .addCheckConstraint('schedules_one_owner', sql`num_nonnulls(service_id, location_id, contact_id) = 1`)
    .addCheckConstraint('schedules_order', sql`opens_at < closes_at`)
    .execute();
  await db.schema.createIndex('schedules_service').on('schedules').column('service_id').execute();
  await db.schema.createIndex('schedules_location').on('schedules').column('location_id').execute();
  await db.schema.createIndex('schedules_contact').on('schedules').column('contact_id').execute();

  await db.schema
    .createTable('districts')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^WK[0-9]{4}[0-9A-Z]{2}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull().check(sql`municipality_code ~ '^GM[0-9]{4}$'`))
    .execute();

  await db.schema
    .createTable('service_areas')
    .addColumn('id', 'uuid', id)
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('municipality_code', 'text', (c) => c.check(sql`municipality_code ~ '^GM[0-9]{4}$'`))
    .addColumn('district_code', 'text', (c) => c.check(sql`district_code ~ '^WK[0-9]{4}[0-9A-Z]{2}$'`))
    .addColumn('pc4', 'text', (c) => c.check(sql`pc4 ~ '^[1-9][0-9]{3}$'`))
    .addCheckConstraint('service_areas_one_kind', sql`num_nonnulls(municipality_code, district_code, pc4) = 1`)
    .execute();
  await db.schema.createIndex('service_areas_service').on('service_areas').column('service_id').execute();
  await db.schema.createIndex('service_areas_municipality').on('service_areas').columns(['municipality_code', 'service_id']).execute();
  await db.schema.createIndex('service_areas_district').on('service_areas').columns(['district_code', 'service_id']).execute();
  await db.schema.createIndex('service_areas_pc4').on('service_areas').columns(['pc4', 'service_id']).execute();

  // PC4 → municipality (+ district where known). Shipped for Twente; replaced by a CBS import.
  await db.schema
    .createTable('postcode_areas')
    .addColumn('pc4', 'text', (c) => c.primaryKey().check(sql`pc4 ~ '^[1-9][0-9]{3}$'`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().check(sql`municipality_code ~ '^GM[0-9]{4}$'`))
    .addColumn('district_code', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('postcode_areas_municipality').on('postcode_areas').column('municipality_code').execute();

  // CBS "Buurt, wijk en gemeente voor postcode huisnummer" (≈8M rows when loaded).
  await db.schema
    .createTable('postcode_addresses')
    .addColumn('pc6', 'text', (c) => c.notNull())
    .addColumn('house_number', 'integer', (c) => c.notNull())
    .addColumn('neighbourhood_code', 'text')
    .addColumn('district_code', 'text')
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('postcode_addresses_pk', ['pc6', 'house_number'])
    .execute();

  await db.schema
    .createTable('routing_rules')
    .addColumn('id', 'uuid', id)
    .addColumn('municipality_code', 'text', (c) => c.notNull().check(sql`municipality_code ~ '^GM[0-9]{4}$'`))
    // null district: the whole municipality; null category: every need (the municipality's fallback desk).
    .addColumn('district_code', 'text')
    .addColumn('category', 'text')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await sql`create unique index routing_rules_unique on routing_rules (municipality_code, coalesce(district_code, ''), coalesce(category, ''))`.execute(db);

  await db.schema
    .alterTable('regions')
    .addColumn('fallback_team_id', 'uuid', (c) => c.references('teams.id'))
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
}
