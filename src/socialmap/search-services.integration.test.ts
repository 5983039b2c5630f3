import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { createTenant } from '../../test/support/fixtures.ts';
import type { Category } from '../needs/categories.ts';
import { createLocation } from './create-location.ts';
import { createService } from './create-service.ts';
import { TestBrowser, testApp } from '../../test/support/http.ts';
import type { ServiceInput } from './entries.ts';
import type { AddressArea } from './rank-services.ts';
import { searchServices } from './search-services.ts';
import { serviceInput as fixture } from './test-fixture.ts';

/**
 * The search ranks in SQL and matches words with Dutch full-text search, the same on PGlite and
 * PostgreSQL: the order of results (area, need, words, freshness, name) and the ways a word finds
 * a service (stem, start of a word, part of a compound, an everyday word for a need).
 */

const ctx = testContext();
const PC4 = '7601';
const DISTRICT = 'WK099901';
const MUNICIPALITY = 'GM0999';
const address: AddressArea = { pc4: PC4, districtCode: DISTRICT, municipalityCode: MUNICIPALITY };
const DAY = 86_400_000;

const serviceInput = (organisationId: string, over: Partial<ServiceInput> = {}) =>
  fixture(organisationId, { areas: { municipalities: [MUNICIPALITY], districts: [], pc4s: [] }, ...over });

forEachDatabase('social map search: ranking and Dutch full-text search', (db) => {
  let organisationId: string;
  const service = async (name: string, over: Partial<ServiceInput> & { verifiedDaysAgo?: number | null } = {}) => {
    const { verifiedDaysAgo, ...input } = over;
    const { id } = await createService(db(), ctx, serviceInput(organisationId, { name, ...input }));
    const at =
      verifiedDaysAgo === undefined
        ? new Date(Date.parse('2026-10-01T00:00:00Z'))
        : verifiedDaysAgo === null
          ? null
          : new Date(Date.now() - verifiedDaysAgo * DAY);
    await db().updateTable('services').set({ last_verified_at: at }).where('id', '=', id).execute();
    return id;
  };
  const names = async (need: Category | null, text: string | null = null) =>
    (await searchServices(db(), { address, need, text, audience: 'professional' })).map((r) => r.card.name);

  before(async () => {
    const tenant = await createTenant(db(), { municipality: { cbsCode: MUNICIPALITY, name: 'Gemeente Proefstad' } });
    organisationId = tenant.municipalityId;
    await db().insertInto('districts').values({ code: DISTRICT, name: 'Noord', municipality_code: MUNICIPALITY }).execute();
    await db().insertInto('postcode_areas').values({ pc4: PC4, municipality_code: MUNICIPALITY, district_code: DISTRICT, source: 'test' }).execute();
  });

  describe('ranking', () => {
    before(async () => {
      await service('Rang gemeente', { categories: ['budget_coaching'], verifiedDaysAgo: 1 });
      await service('Rang postcode', { categories: ['budget_coaching'], verifiedDaysAgo: 900, areas: { municipalities: [], districts: [], pc4s: [PC4] } });
      await service('Rang wijk', { categories: ['budget_coaching'], verifiedDaysAgo: 400, areas: { municipalities: [], districts: [DISTRICT], pc4s: [] } });
      await service('Rang wijkteam', { categories: ['neighbourhood_team'], verifiedDaysAgo: 0 });
      await service('Rang elders', { categories: ['budget_coaching'], areas: { municipalities: ['GM0998'], districts: [], pc4s: ['7602'] } });
      await service('Rang gestopt', { categories: ['budget_coaching'], status: 'inactive' });
      await service('Rang voedsel', { categories: ['food_bank'] });
    });

    it('ranks a PC4 area above a district above the whole municipality, whatever the freshness', async () => {
      const found = (await names('budget_coaching')).filter((n) => n.startsWith('Rang') && n !== 'Rang wijkteam');
      assert.deepEqual(found, ['Rang postcode', 'Rang wijk', 'Rang gemeente']);
    });

    it('within one area, a service for the need comes before a general entry point, which is always shown', async () => {
      const results = await searchServices(db(), { address, need: 'budget_coaching', text: null, audience: 'professional' });
      const mine = results.filter((r) => r.card.name === 'Rang gemeente' || r.card.name === 'Rang wijkteam');
      assert.deepEqual(
        mine.map((r) => [r.card.name, r.areaMatch, r.needFit]),
        [
          ['Rang gemeente', 'municipality', 'exact'],
          ['Rang wijkteam', 'municipality', 'general'],
        ],
      );
    });

    it('leaves out services for another need, another area, and inactive services', async () => {
      const found = await names('budget_coaching');
      for (const left of ['Rang voedsel', 'Rang elders', 'Rang gestopt']) assert.ok(!found.includes(left), left);
      assert.ok((await names(null)).includes('Rang voedsel'), 'without a need every kind of help is shown');
    });

    it('with equal area and need, the most recently verified comes first, never-verified last, then by name', async () => {
      await service('Vers Zeta', { categories: ['legal_aid'], verifiedDaysAgo: 2 });
      await service('Vers Alfa', { categories: ['legal_aid'], verifiedDaysAgo: 2 });
      await service('Nooit', { categories: ['legal_aid'], verifiedDaysAgo: null });
      await service('Oud', { categories: ['legal_aid'], verifiedDaysAgo: 300 });
      const found = (await names('legal_aid')).filter((n) => ['Vers Zeta', 'Vers Alfa', 'Nooit', 'Oud'].includes(n));
      assert.deepEqual(found, ['Vers Alfa', 'Vers Zeta', 'Oud', 'Nooit']);
    });

    it('returns at most the asked number of results, the best ones', async () => {
      const results = await searchServices(db(), { address, need: 'budget_coaching', text: null, audience: 'professional', limit: 2 });
      assert.deepEqual(
        results.map((r) => r.card.name),
        ['Rang postcode', 'Rang wijk'],
      );
    });
  });

  describe('walk-in points for residents', () => {
    it("on /hulp the walk-in points in the resident's own municipality come first, even when a service elsewhere was checked more recently", async () => {
      await db().insertInto('postcode_areas').values({ pc4: '7602', municipality_code: 'GM0998', district_code: null, source: 'test' }).execute();
      const walkIn = (name: string, postcode: string, city: string) =>
        createLocation(db(), ctx, {
          organisation_id: organisationId,
          name,
          description: null,
          street: 'Markt',
          house_number: '1',
          postcode,
          city,
          is_walk_in: true,
          accessibility: null,
          opening_hours: [],
          walk_in_hours: [{ weekday: 2, opens_at: '09:00', closes_at: '12:00' }],
        });
      const far = await walkIn('Inloop Buurdorp', '7602 AB', 'Buurdorp');
      const near = await walkIn('Inloop Proefstad', '7601 AA', 'Proefstad');
      await service('Regionaal spreekuur', { categories: ['walk_in'], verifiedDaysAgo: 0, location_ids: [far.id] });
      await service('Spreekuur Proefstad', { categories: ['walk_in'], verifiedDaysAgo: 500, location_ids: [near.id] });
      const page = await new TestBrowser(testApp(db()).app).get(`/hulp?postcode=${PC4}`);
      assert.equal(page.status, 200);
      const nearAt = page.html.indexOf('Inloop Proefstad');
      const farAt = page.html.indexOf('Inloop Buurdorp');
      assert.ok(nearAt > 0 && farAt > nearAt, `Proefstad at ${nearAt}, Buurdorp at ${farAt}`);
    });
  });

  describe('words', () => {
    before(async () => {
      await service('Schuldhulpverlening Proefstad', { description: 'Hulp bij schulden, betalingsachterstanden en een deurwaarder aan de deur.' });
      await service('Café de Inloop', { description: 'Koffie en een luisterend oor.', categories: ['walk_in'] });
      await service('Huurteam', { description: 'Voor huurders met een achterstand.', categories: ['admin_help'] });
      await service('Stichting Wonen', { description: 'Hulp voor huurders.', categories: ['housing_arrears'] });
    });

    it('PostgreSQL and PGlite stem Dutch the same way', async () => {
      const { rows } = await sql<{
        v: string;
      }>`select to_tsvector('dutch', 'Huurachterstanden, schulden en deurwaarders bij de woningcorporatie')::text as v`.execute(db());
      assert.equal(rows[0]!.v, "'deurwaarder':4 'huurachterstand':1 'schuld':2 'woningcorporatie':7");
    });

    it('a word finds its other forms: "schuld" finds "schulden", "deurwaarders" finds "deurwaarder"', async () => {
      assert.ok((await names(null, 'deurwaarders')).includes('Schuldhulpverlening Proefstad'));
      assert.ok((await names(null, 'betalingsachterstand')).includes('Schuldhulpverlening Proefstad'));
    });

    it('a word is also the start of one, and a part of a compound: "deurw" and "hulp" find "Schuldhulpverlening"', async () => {
      assert.ok((await names(null, 'deurw')).includes('Schuldhulpverlening Proefstad'));
      assert.ok((await names(null, 'hulp')).includes('Schuldhulpverlening Proefstad'));
    });

    it('capitals and accents do not matter, and stop words like "bij" and "de" are left out', async () => {
      assert.ok((await names(null, 'CAFE')).includes('Café de Inloop'));
      assert.ok((await names(null, 'hulp bij de deurwaarder')).includes('Schuldhulpverlening Proefstad'));
    });

    it('every word must match: a word that fits nothing leaves the service out', async () => {
      assert.deepEqual(await names(null, 'deurwaarder fietsenmaker'), []);
    });

    it('an everyday word finds the services for its need: "huurachterstand" finds debt counselling and the housing desk', async () => {
      const found = await names(null, 'huurachterstand');
      assert.ok(found.includes('Schuldhulpverlening Proefstad'));
      assert.ok(found.includes('Stichting Wonen'));
      assert.ok(!found.includes('Café de Inloop'));
    });

    it('the organisation name is searched too', async () => {
      assert.ok((await names(null, 'Proefstad')).includes('Rang gemeente'));
    });

    it('a match in the name ranks above one in the description', async () => {
      const found = (await names(null, 'huur')).filter((n) => n === 'Huurteam' || n === 'Stichting Wonen');
      assert.deepEqual(found, ['Huurteam', 'Stichting Wonen']);
    });

    it('search text cannot break the query: quotes, operators and SQL are just words', async () => {
      for (const text of ["schuld' or 1=1 --", 'a & b | !c', ':*', '(((', '\\']) {
        await searchServices(db(), { address, need: null, text, audience: 'public' });
      }
    });
  });
});
