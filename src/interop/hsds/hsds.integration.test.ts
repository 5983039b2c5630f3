import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase, openTestDatabase, testContext } from '../../../test/support/databases.ts';
import { appError, auditEntries } from '../../../test/support/fixtures.ts';
import type { Database, DatabaseHandle } from '../../platform/db/database.ts';
import { exportMap } from './export-map.ts';
import { importMap } from './import-map.ts';
import { schemaErrors } from './official-schemas.ts';
import { insertFixtureMap, prepareEmptyMap, type FixtureMap } from './test-fixture.ts';
import type { HsdsExportDocument, HsdsOrganization, HsdsService } from './hsds-types.ts';

/** exported_at is the one volatile field of an export (docs/decisions/003-hsds-mapping.md). */
const withoutVolatile = (doc: HsdsExportDocument) => ({ ...doc, exported_at: '(volatile)' });
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Everything of the social map, for "nothing changed" checks. */
async function mapTables(db: Database) {
  const [organisations, services, locations, serviceLocations, contacts, schedules, areas] = await Promise.all([
    db.selectFrom('organisations').selectAll().orderBy('id').execute(),
    db.selectFrom('services').selectAll().orderBy('id').execute(),
    db.selectFrom('locations').selectAll().orderBy('id').execute(),
    db.selectFrom('service_locations').selectAll().orderBy('service_id').orderBy('location_id').execute(),
    db.selectFrom('contacts').selectAll().orderBy('id').execute(),
    db.selectFrom('schedules').selectAll().orderBy('id').execute(),
    db.selectFrom('service_areas').selectAll().orderBy('id').execute(),
  ]);
  return { organisations, services, locations, serviceLocations, contacts, schedules, areas };
}

const findService = (doc: HsdsExportDocument, id: string): HsdsService => {
  const found = doc.organizations.flatMap((o) => o.services).find((s) => s.id === id);
  assert.ok(found, `service ${id} in the export`);
  return found;
};
const findOrganization = (doc: HsdsExportDocument, id: string): HsdsOrganization => {
  const found = doc.organizations.find((o) => o.id === id);
  assert.ok(found, `organisation ${id} in the export`);
  return found;
};
const termCodes = (attributes: Array<{ taxonomy_term: { taxonomy: string; code: string } }>, taxonomy: string) =>
  attributes.filter((a) => a.taxonomy_term.taxonomy === taxonomy).map((a) => a.taxonomy_term.code);

forEachDatabase('HSDS export and import', (db, kind) => {
  let fixture: FixtureMap;
  let exported: HsdsExportDocument;
  before(async () => {
    fixture = await insertFixtureMap(db());
    exported = await exportMap(db(), testContext());
  });

  describe('export', () => {
    it('every exported organisation validates against the official HSDS 3 organization.json schema', () => {
      assert.equal(exported.organizations.length, 2);
      for (const organization of exported.organizations) assert.equal(schemaErrors('organization', organization), '', `${organization.name} does not validate`);
    });

    it('every exported service, on its own, validates against the official service.json schema', () => {
      for (const service of exported.organizations.flatMap((o) => o.services))
        assert.equal(schemaErrors('service', service), '', `${service.name} does not validate`);
    });

    it('GP practices and ended contacts are not on the exported map; professional contacts are', () => {
      assert.ok(!exported.organizations.some((o) => o.id === fixture.practiceId));
      const contactIds = exported.organizations.flatMap((o) => [...o.contacts, ...o.services.flatMap((s) => s.contacts)]).map((c) => c.id);
      assert.ok(!contactIds.includes(fixture.endedContactId));
      assert.ok(contactIds.includes(fixture.professionalContactId));
      assert.ok(contactIds.includes(fixture.organisationContactId));
    });

    it('needs, cost, languages, areas and the last-verified date map to the documented HSDS fields', () => {
      const schuldhulp = findService(exported, fixture.schuldhulpId);
      assert.deepEqual(termCodes(schuldhulp.attributes, 'korte-lijn-need'), ['debt_counselling', 'budget_coaching']);
      assert.deepEqual(
        schuldhulp.cost_options.map((c) => [c.option, c.amount]),
        [['Gratis', 0]],
      );
      assert.deepEqual(
        schuldhulp.languages.map((l) => [l.code, l.name]),
        [
          ['nl', 'Nederlands'],
          ['en', 'Engels'],
          ['tr', 'Turks'],
        ],
      );
      // 2026-02-28T23:30Z is 1 March in Amsterdam.
      assert.equal(schuldhulp.assured_date, '2026-03-01');
      assert.equal(schuldhulp.last_modified, '2026-03-01T10:00:00.123Z');
      const geldmaatje = findService(exported, fixture.geldmaatjeId);
      assert.equal(geldmaatje.status, 'inactive');
      assert.equal(geldmaatje.fees_description, 'Eenmalig € 5 inschrijfgeld.');
      assert.deepEqual(
        geldmaatje.cost_options.map((c) => [c.option, c.amount]),
        [['Niet gratis', undefined]],
      );
      assert.deepEqual(
        geldmaatje.service_areas.map((a) => [a.extent_type, a.extent, a.name]),
        [
          ['text', 'WK015301', 'Wijk Centrum, Gemeente Enschede'],
          ['text', '7521', 'Postcode 7521'],
        ],
      );
      const municipality = findOrganization(exported, fixture.municipalityId);
      assert.deepEqual(
        municipality.organization_identifiers.map((i) => i.identifier),
        ['GM0153'],
      );
      assert.deepEqual(termCodes(municipality.attributes, 'korte-lijn-organisation-kind'), ['municipality']);
      assert.equal(municipality.attributes.find((a) => a.taxonomy_term.taxonomy === 'korte-lijn-verification')?.value, '2026-03-02');
    });

    it('per-weekday hours become weekly HSDS schedules with byday, and their kind survives as an attribute', () => {
      const schuldhulp = findService(exported, fixture.schuldhulpId);
      assert.deepEqual(
        schuldhulp.schedules.map((s) => [s.freq, s.byday, s.opens_at, s.closes_at, s.notes, termCodes(s.attributes, 'korte-lijn-schedule-kind')[0]]),
        [
          ['WEEKLY', 'FR', '13:00', '16:00', 'Zonder afspraak', 'walk_in'],
          ['WEEKLY', 'MO,TU,WE,TH', '09:00', '12:00', undefined, 'phone'],
        ],
      );
      const stadskantoor = findOrganization(exported, fixture.municipalityId).locations.find((l) => l.id === fixture.stadskantoorId)!;
      assert.deepEqual(
        stadskantoor.schedules.map((s) => [s.byday, s.opens_at, s.closes_at, s.notes]),
        [
          ['MO,TU,WE,TH,FR', '08:30', '17:00', undefined],
          ['TH', '18:00', '20:00', 'Koopavond'],
        ],
      );
      assert.deepEqual(termCodes(stadskantoor.attributes, 'korte-lijn-location-feature'), ['walk_in']);
      assert.deepEqual(
        stadskantoor.addresses.map((a) => [a.address_1, a.postal_code, a.city, a.country]),
        [['Hengelosestraat 51', '7514 AD', 'Enschede', 'NL']],
      );
      const jan = findService(exported, fixture.schuldhulpId).contacts.find((c) => c.id === fixture.professionalContactId)!;
      assert.deepEqual(
        jan.attributes.filter((a) => a.taxonomy_term.taxonomy === 'korte-lijn-contact-hours').map((a) => [a.taxonomy_term.code, JSON.parse(a.value!)]),
        [
          ['phone', { byday: 'MO,WE', opens_at: '13:00', closes_at: '14:00' }],
          ['on_site', { byday: 'TU', opens_at: '09:00', closes_at: '11:00', notes: 'In de praktijk' }],
        ],
      );
    });

    it('an export is audited with counts only, no names or contact details', async () => {
      const entry = (await auditEntries(db(), 'hsds.export')).at(-1);
      assert.ok(entry);
      assert.deepEqual(entry.details, { organisations: 2, services: 3, locations: 2, contacts: 4, includesProfessionalContacts: true });
    });
  });

  describe('round trip', () => {
    let empty: DatabaseHandle | null = null;
    before(async () => {
      empty = await openTestDatabase(kind);
    });
    after(async () => {
      await empty?.close();
    });

    it('export → import into an empty database → export again gives identical JSON (only exported_at differs)', async () => {
      assert.ok(empty, 'a second, empty database');
      const regionId = await prepareEmptyMap(empty.db);
      const counts = await importMap(empty.db, testContext(), copy(exported), { regionId });
      assert.deepEqual(counts, {
        organisations: { created: 2, updated: 0 },
        services: { created: 3, updated: 0 },
        locations: { created: 2, updated: 0 },
        contacts: { created: 4, updated: 0 },
        schedules: 15,
        serviceAreas: 4,
      });
      const again = await exportMap(empty.db, testContext());
      assert.deepEqual(withoutVolatile(again), withoutVolatile(exported));
      const municipality = await empty.db
        .selectFrom('organisations')
        .select(['kind', 'cbs_code', 'region_id'])
        .where('id', '=', fixture.municipalityId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(municipality, { kind: 'municipality', cbs_code: 'GM0153', region_id: regionId });
    });

    it('importing the same document again updates in place: same rows, no duplicates', async () => {
      assert.ok(empty);
      const before = await mapTables(empty.db);
      const counts = await importMap(empty.db, testContext(), copy(exported), { regionId: null });
      assert.deepEqual(counts.services, { created: 0, updated: 3 });
      const afterwards = await mapTables(empty.db);
      assert.deepEqual(afterwards.schedules, before.schedules);
      assert.deepEqual(afterwards.areas, before.areas);
      assert.deepEqual(afterwards.serviceLocations, before.serviceLocations);
      assert.equal(afterwards.contacts.length, before.contacts.length);
    });
  });

  describe('import', () => {
    it('an import updates what changed, keeps Korte Lijn-only fields (the receiving team) and is audited with counts', async () => {
      const team = await db()
        .insertInto('teams')
        .values({ organisation_id: fixture.municipalityId, name: 'Team Schuldhulp', updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db().updateTable('services').set({ team_id: team.id }).where('id', '=', fixture.schuldhulpId).execute();
      const changed = copy(exported);
      const service = findService(changed, fixture.schuldhulpId);
      service.name = 'Schuldhulp Enschede';
      service.schedules = service.schedules.filter((s) => s.byday !== 'FR');
      service.service_areas.push({
        id: '0f5a4f58-59a4-4a5d-9b0e-6f1c1a3f0c11',
        service_id: service.id,
        name: 'Postcode 7511',
        description: '',
        extent: '7511',
        extent_type: 'text',
      });
      const ctx = testContext();
      await importMap(db(), ctx, changed, { regionId: null });
      const row = await db().selectFrom('services').select(['name', 'team_id']).where('id', '=', fixture.schuldhulpId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { name: 'Schuldhulp Enschede', team_id: team.id });
      const kinds = await db().selectFrom('schedules').select('kind').where('service_id', '=', fixture.schuldhulpId).execute();
      assert.deepEqual([...new Set(kinds.map((k) => k.kind))], ['phone']);
      const areas = await db()
        .selectFrom('service_areas')
        .select(['municipality_code', 'pc4'])
        .where('service_id', '=', fixture.schuldhulpId)
        .orderBy('pc4')
        .execute();
      assert.deepEqual(areas, [
        { municipality_code: null, pc4: '7511' },
        { municipality_code: 'GM0153', pc4: null },
      ]);
      const entry = (await auditEntries(db(), 'hsds.import')).find((e) => e.request_id === ctx.requestId);
      assert.equal(entry?.outcome, 'success');
      assert.deepEqual(Object.keys(entry!.details).sort(), ['contacts', 'locations', 'organisations', 'regionId', 'schedules', 'serviceAreas', 'services']);
      assert.ok(!JSON.stringify(entry!.details).includes('Jansen'));
      // Put the fixture back for the tests below.
      await importMap(db(), testContext(), copy(exported), { regionId: null });
      exported = await exportMap(db(), testContext());
    });

    const badDocuments: Array<[string, (doc: HsdsExportDocument) => unknown, RegExp]> = [
      ['a document that is not an HSDS document', () => 'hallo', /verwacht een HSDS-document/],
      [
        'a service without a status',
        (doc) => (delete (doc.organizations[0]!.services[0] as Partial<HsdsService>).status, doc),
        /organizations\[0\]\.services\[0\]\.status/,
      ],
      [
        'a service area that is not a CBS code or PC4',
        (doc) => ((doc.organizations[0]!.services[0]!.service_areas[0]!.extent = 'Heel Twente'), doc),
        /werkgebied niet herkend/,
      ],
      [
        'hours that close before they open',
        (doc) => ((doc.organizations[0]!.services[0]!.schedules[0]!.closes_at = '08:00'), doc),
        /moet later zijn dan opens_at/,
      ],
      ['an unknown need', (doc) => ((doc.organizations[0]!.services[0]!.attributes[0]!.taxonomy_term.code = 'casino'), doc), /onbekende soort hulp 'casino'/],
      [
        'an e-mail address that is not one',
        (doc) => ((doc.organizations[0]!.email = 'geen mail'), doc),
        /organizations\[0\]\.email: is geen geldig e-mailadres/,
      ],
      [
        'a service offered at a location that exists nowhere',
        (doc) => ((doc.organizations[0]!.services[0]!.service_at_locations = [{ location_id: '7d1c7c55-9a8e-4b43-a7c2-3b7f1d0b9e01' } as never]), doc),
        /bestaat niet in Korte Lijn/,
      ],
    ];
    for (const [what, spoil, message] of badDocuments) {
      it(`refused with a Dutch message (422), nothing changed: ${what}`, async () => {
        const before = await mapTables(db());
        const ctx = testContext();
        await assert.rejects(importMap(db(), ctx, spoil(copy(exported)), { regionId: fixture.regionId }), (err: unknown) => {
          appError('hsds_invalid', 422)(err);
          const text = (err as { userMessage: { nl: string } }).userMessage.nl;
          assert.match(text, /^Het HSDS-bestand is niet ingelezen; er is niets veranderd\./);
          assert.match(text, message);
          return true;
        });
        assert.deepEqual(await mapTables(db()), before);
        const entry = (await auditEntries(db(), 'hsds.import')).find((e) => e.request_id === ctx.requestId);
        assert.equal(entry?.outcome, 'failure');
      });
    }

    it('a municipality whose CBS code already belongs to another organisation is refused (409), and nothing changes', async () => {
      const doc = copy(exported);
      const municipality = findOrganization(doc, fixture.municipalityId);
      municipality.id = '9b2f3c1e-0d4a-4e8b-8c6f-2a1b3c4d5e6f';
      municipality.services = [];
      municipality.locations = [];
      municipality.contacts = [];
      const before = await mapTables(db());
      await assert.rejects(importMap(db(), testContext(), { organizations: [municipality] }, { regionId: fixture.regionId }), appError('hsds_conflict', 409));
      assert.deepEqual(await mapTables(db()), before);
    });

    it('new organisations need a region: without one the import is refused (422)', async () => {
      const newcomer = { id: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5', name: 'Nieuwe Stichting', description: '' };
      await assert.rejects(importMap(db(), testContext(), [newcomer], { regionId: null }), appError('hsds_region_required', 422));
      await importMap(db(), testContext(), [newcomer], { regionId: fixture.regionId });
      const row = await db().selectFrom('organisations').select(['kind', 'region_id']).where('id', '=', newcomer.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { kind: 'social', region_id: fixture.regionId });
    });
  });
});
