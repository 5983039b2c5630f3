import { nl } from 'zod/locales';
import type { ExpressionBuilder, OnConflictTables, OnConflictUpdateDatabase, Transaction, UpdateObject } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { RequestContext } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { translator, type Text } from '../../platform/i18n.ts';
import { importDocumentSchema } from './import-schema.ts';
import { contactColumns, locationColumns } from '../../socialmap/entries.ts';
import { importedServiceColumns, planImport, type ImportIssue, type ImportPlan } from './from-hsds.ts';

export interface ImportCounts {
  organisations: { created: number; updated: number };
  services: { created: number; updated: number };
  locations: { created: number; updated: number };
  contacts: { created: number; updated: number };
  /** Our rows: one per weekday. */
  schedules: number;
  serviceAreas: number;
}

const MAX_ISSUES_SHOWN = 5;
const CHUNK = 500;

/**
 * Imports an HSDS 3.0 document into the social map: upsert by HSDS id (our UUIDs are the HSDS
 * ids), all or nothing in one transaction, audited with counts only. A service's areas, locations
 * and hours, and a location's or contact's hours, are replaced by what the document says; nothing
 * is deleted otherwise. New organisations join `regionId` (organisations belong to a region).
 */
export async function importMap(db: Database, ctx: RequestContext, input: unknown, options: { regionId: string | null }): Promise<ImportCounts> {
  try {
    const plan = parseAndPlan(input);
    return await db.transaction().execute(async (trx) => {
      const counts = await applyPlan(trx, plan, options.regionId);
      await writeAudit(trx, ctx, { action: 'hsds.import', subjectType: 'social_map', details: { ...counts, regionId: options.regionId } });
      return counts;
    });
  } catch (err) {
    const failure = err instanceof AppError ? err : databaseRefusal(err);
    if (!failure) throw err;
    await writeAudit(db, ctx, { action: 'hsds.import', subjectType: 'social_map', outcome: 'failure', details: { reason: failure.code } });
    throw failure;
  }
}

function parseAndPlan(input: unknown): ImportPlan {
  const parsed = importDocumentSchema(translator('nl')).safeParse(input, { error: nl().localeError });
  if (!parsed.success) {
    const english = importDocumentSchema(translator('en')).safeParse(input);
    const issuesEn = english.success ? [] : english.error.issues;
    throw invalidDocument(
      parsed.error.issues.map((issue, i) => ({
        path: formatPath(issue.path),
        message: { nl: issue.message, en: issuesEn[i]?.message ?? issue.message },
      })),
    );
  }
  const planned = planImport(parsed.data);
  if (!planned.ok) throw invalidDocument(planned.issues);
  return planned.plan;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(document)';
}

function invalidDocument(issues: ImportIssue[]): AppError {
  const list = (lang: keyof Text) => {
    const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((i) => `${i.path}: ${i.message[lang]}`);
    const more = issues.length - shown.length;
    return shown.join('; ') + (more > 0 ? (lang === 'nl' ? ` (en nog ${more} andere fout${more === 1 ? '' : 'en'})` : ` (and ${more} more)`) : '');
  };
  return new AppError(
    'hsds_invalid',
    422,
    {
      nl: `Het HSDS-bestand is niet ingelezen; er is niets veranderd. ${list('nl')}`,
      en: `The HSDS file was not imported; nothing was changed. ${list('en')}`,
    },
    `hsds import refused: ${issues.length} issue(s)`,
  );
}

/** Constraint violations that validation should already have caught: still a clear 4xx, never a 500. */
function databaseRefusal(err: unknown): AppError | null {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code?: unknown }).code) : '';
  if (code === '23505')
    return new AppError('hsds_conflict', 409, {
      nl: 'Het HSDS-bestand botst met wat er al is (een id of CBS-code bestaat al); er is niets veranderd.',
      en: 'The HSDS file conflicts with existing data (an id or CBS code already exists); nothing was changed.',
    });
  if (code === '23503' || code === '23514' || code === '22P02' || code === '22001') {
    return new AppError('hsds_invalid', 422, {
      nl: 'Het HSDS-bestand bevat waarden die Korte Lijn niet kan opslaan; er is niets veranderd.',
      en: 'The HSDS file holds values Korte Lijn cannot store; nothing was changed.',
    });
  }
  return null;
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

async function existingIds(trx: Transaction<DB>, table: 'organisations' | 'services' | 'locations' | 'contacts', ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(ids)) {
    for (const row of await trx.selectFrom(table).select('id').where('id', 'in', part).execute()) found.add(row.id);
  }
  return found;
}

/** What an upsert changes on a row that exists: each column takes the value the import brought (`excluded`). */
function takeImported<Table extends keyof DB>(
  eb: ExpressionBuilder<OnConflictUpdateDatabase<DB, Table>, OnConflictTables<Table>>,
  columns: ReadonlyArray<keyof DB[Table] & string>,
): UpdateObject<OnConflictUpdateDatabase<DB, Table>, OnConflictTables<Table>> {
  // The names are checked against the table in the signature; Kysely cannot type references built from them.
  return Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}` as never)])) as UpdateObject<
    OnConflictUpdateDatabase<DB, Table>,
    OnConflictTables<Table>
  >;
}

const split = (ids: readonly string[], existing: Set<string>) => ({
  created: ids.filter((id) => !existing.has(id)).length,
  updated: ids.filter((id) => existing.has(id)).length,
});

async function applyPlan(trx: Transaction<DB>, plan: ImportPlan, regionId: string | null): Promise<ImportCounts> {
  const now = new Date();
  const existingRegions = new Map<string, string>();
  for (const part of chunks(plan.organisations.map((o) => o.id))) {
    for (const row of await trx.selectFrom('organisations').select(['id', 'region_id']).where('id', 'in', part).execute())
      existingRegions.set(row.id, row.region_id);
  }
  const existingOrgs = new Set(existingRegions.keys());
  const newOrgs = plan.organisations.filter((o) => !existingOrgs.has(o.id));
  if (newOrgs.length > 0) {
    const region = regionId ? await trx.selectFrom('regions').select('id').where('id', '=', regionId).executeTakeFirst() : undefined;
    if (!region) {
      throw new AppError('hsds_region_required', 422, {
        nl: 'Het bestand bevat nieuwe organisaties; geef op in welke regio ze horen (CLI: --region NAAM, API: ?region=NAAM).',
        en: 'The file contains new organisations; say which region they belong to (CLI: --region NAME, API: ?region=NAME).',
      });
    }
    const codes = newOrgs.map((o) => o.cbs_code).filter((c): c is string => c !== null);
    const taken = codes.length ? await trx.selectFrom('organisations').select(['id', 'cbs_code']).where('cbs_code', 'in', codes).execute() : [];
    if (taken.length > 0) {
      throw new AppError('hsds_conflict', 409, {
        nl: `Er bestaat al een gemeente met CBS-code ${taken.map((t) => t.cbs_code).join(', ')} onder een ander id; er is niets veranderd.`,
        en: `A municipality with CBS code ${taken.map((t) => t.cbs_code).join(', ')} already exists under another id; nothing was changed.`,
      });
    }
  }
  const missingLocations = plan.referencedLocationIds.filter((r) => !plan.locations.some((l) => l.id === r.id));
  if (missingLocations.length > 0) {
    const known = await existingIds(
      trx,
      'locations',
      missingLocations.map((r) => r.id),
    );
    const unknown = missingLocations.filter((r) => !known.has(r.id));
    if (unknown.length > 0) {
      throw invalidDocument(
        unknown.map((r) => ({
          path: r.path,
          message: {
            nl: 'deze locatie staat niet in het bestand en bestaat niet in Korte Lijn',
            en: 'this location is not in the file and does not exist in Korte Lijn',
          },
        })),
      );
    }
  }
  const [existingServices, existingLocations, existingContacts] = await Promise.all([
    existingIds(
      trx,
      'services',
      plan.services.map((s) => s.id),
    ),
    existingIds(
      trx,
      'locations',
      plan.locations.map((l) => l.id),
    ),
    existingIds(
      trx,
      'contacts',
      plan.contacts.map((c) => c.id),
    ),
  ]);

  for (const part of chunks(plan.organisations)) {
    await trx
      .insertInto('organisations')
      .values(
        part.map((o) => ({
          id: o.id,
          kind: o.kind,
          cbs_code: o.cbs_code,
          region_id: existingRegions.get(o.id) ?? regionId!,
          name: o.name,
          description: o.description,
          email: o.email,
          website: o.website,
          phone: o.phone,
          last_verified_at: o.last_verified_at,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        // Kind, CBS code and region stay as they are: an import does not move or re-classify an organisation.
        oc.column('id').doUpdateSet((eb) => takeImported(eb, ['name', 'description', 'email', 'website', 'phone', 'last_verified_at', 'updated_at'])),
      )
      .execute();
  }
  for (const part of chunks(plan.locations)) {
    await trx
      .insertInto('locations')
      .values(part.map((l) => ({ ...l, updated_at: now })))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => takeImported(eb, ['organisation_id', ...locationColumns, 'last_verified_at', 'updated_at'])))
      .execute();
  }
  for (const part of chunks(plan.services)) {
    await trx
      .insertInto('services')
      .values(part.map((s) => ({ ...s, updated_at: s.updated_at ?? now })))
      .onConflict((oc) =>
        // team_id is not among the imported columns: Korte Lijn's own, left as it is.
        oc.column('id').doUpdateSet((eb) => takeImported(eb, ['organisation_id', ...importedServiceColumns, 'last_verified_at', 'updated_at'])),
      )
      .execute();
  }
  for (const part of chunks(plan.contacts)) {
    await trx
      .insertInto('contacts')
      .values(part.map((c) => ({ ...c, updated_at: now })))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => takeImported(eb, ['organisation_id', 'service_id', ...contactColumns, 'last_verified_at', 'updated_at'])),
      )
      .execute();
  }

  const serviceIds = plan.services.map((s) => s.id);
  for (const part of chunks(serviceIds)) {
    await trx.deleteFrom('service_locations').where('service_id', 'in', part).execute();
    await trx.deleteFrom('service_areas').where('service_id', 'in', part).execute();
    await trx.deleteFrom('schedules').where('service_id', 'in', part).execute();
  }
  for (const part of chunks(plan.locations.map((l) => l.id))) await trx.deleteFrom('schedules').where('location_id', 'in', part).execute();
  for (const part of chunks(plan.contacts.map((c) => c.id))) await trx.deleteFrom('schedules').where('contact_id', 'in', part).execute();

  for (const part of chunks(plan.serviceLocations))
    await trx
      .insertInto('service_locations')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
  for (const part of chunks(plan.areas)) {
    await trx
      .insertInto('service_areas')
      .values(part)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => takeImported(eb, ['service_id', 'municipality_code', 'district_code', 'pc4'])))
      .execute();
  }
  for (const part of chunks(plan.schedules)) {
    await trx
      .insertInto('schedules')
      .values(part)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => takeImported(eb, ['service_id', 'location_id', 'contact_id', 'kind', 'weekday', 'opens_at', 'closes_at', 'note'])),
      )
      .execute();
  }

  return {
    organisations: split(
      plan.organisations.map((o) => o.id),
      existingOrgs,
    ),
    services: split(serviceIds, existingServices),
    locations: split(
      plan.locations.map((l) => l.id),
      existingLocations,
    ),
    contacts: split(
      plan.contacts.map((c) => c.id),
      existingContacts,
    ),
    schedules: plan.schedules.length,
    serviceAreas: plan.areas.length,
  };
}
