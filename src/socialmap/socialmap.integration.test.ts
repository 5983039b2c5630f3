import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { auditEntries, createTenant, createTestUser, type Tenant } from '../../test/support/fixtures.ts';
import { TestBrowser, testApp } from '../../test/support/http.ts';
import type { Database } from '../platform/db/database.ts';
import type { Role, User } from '../platform/db/schema.ts';
import { createSession } from '../platform/auth/sessions.ts';
import { routeAddress } from '../routing/route-referral.ts';
import { createContact } from './create-contact.ts';
import { createService } from './create-service.ts';
import { searchAtPostcode, searchServices } from './search-services.ts';
import { statementCount } from '../platform/db/database.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { serviceInput } from './test-fixture.ts';

/**
 * The social map end to end on both databases: search and ranking by postcode and need, the
 * public page without professional contacts, editing scoped to the own organisation, "klopt nog"
 * and replacing a contact with its history kept.
 */

const ctx = testContext();

interface Place {
  tenant: Tenant;
  cbs: string;
  pc4: string;
  district: string;
}

/** A tenant whose municipality owns one PC4 (with a district), so routing and search can resolve it. */
async function createPlace(db: Database, pc4: string): Promise<Place> {
  const tenant = await createTenant(db);
  const org = await db.selectFrom('organisations').select(['cbs_code', 'name']).where('id', '=', tenant.municipalityId).executeTakeFirstOrThrow();
  const cbs = org.cbs_code!;
  const district = `WK${cbs.slice(2)}01`;
  await db
    .updateTable('organisations')
    .set({ city: `Stad ${cbs}` })
    .where('id', '=', tenant.municipalityId)
    .execute();
  await db.insertInto('districts').values({ code: district, name: 'Noord', municipality_code: cbs }).execute();
  await db.insertInto('postcode_areas').values({ pc4, municipality_code: cbs, district_code: district, source: 'test' }).execute();
  await db.insertInto('routing_rules').values({ municipality_code: cbs, district_code: null, category: null, team_id: tenant.teamId }).execute();
  return { tenant, cbs, pc4, district };
}

async function signedIn(db: Database, user: User): Promise<TestBrowser> {
  const browser = new TestBrowser(testApp(db).app);
  const token = await createSession(db, { userId: user.id, mfaPassed: true, ip: '127.0.0.1', hours: 1 });
  const session = await db.selectFrom('sessions').select('csrf_token').where('user_id', '=', user.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  browser.cookies.set('kl_session', token);
  browser.csrf = session.csrf_token;
  return browser;
}

async function userOf(db: Database, tenant: Tenant, role: Role) {
  return createTestUser(db, tenant, role);
}

/** The part of `whole` that `part` has, key by key: what a smaller card should equal. */
function shownPart(part: unknown, whole: unknown): unknown {
  if (Array.isArray(part)) return part.map((p, i) => shownPart(p, (whole as unknown[])[i]));
  if (part !== null && typeof part === 'object' && !(part instanceof Date))
    return Object.fromEntries(Object.keys(part).map((k) => [k, shownPart((part as Record<string, unknown>)[k], (whole as Record<string, unknown>)[k])]));
  return whole;
}

/** A valid service form as a browser posts it. */
function serviceForm(organisationId: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    organisation_id: organisationId,
    team_id: '',
    name: 'Schuldhulp Zuid',
    description: 'Hulp bij schulden.',
    phone: '053 123 4567',
    email: '',
    url: '',
    status: 'active',
    is_free: 'yes',
    fees_description: '',
    eligibility_description: '',
    application_process: '',
    pc4s: '',
    cat_debt_counselling: 'on',
    lang_nl: 'on',
    ...over,
  };
}

forEachDatabase('social map', (db) => {
  let here: Place;
  let elsewhere: Place;
  let municipalityWide: string;
  let postcodeOnly: string;
  let foodBank: string;

  before(async () => {
    here = await createPlace(db(), '7601');
    elsewhere = await createPlace(db(), '7511');
    municipalityWide = (
      await createService(
        db(),
        ctx,
        serviceInput(here.tenant.municipalityId, { name: 'Schuldhulp hele gemeente', areas: { municipalities: [here.cbs], districts: [], pc4s: [] } }),
      )
    ).id;
    postcodeOnly = (
      await createService(
        db(),
        ctx,
        serviceInput(here.tenant.municipalityId, { name: 'Schuldhulp Centrum', areas: { municipalities: [], districts: [], pc4s: ['7601'] } }),
      )
    ).id;
    foodBank = (
      await createService(
        db(),
        ctx,
        serviceInput(here.tenant.municipalityId, {
          name: 'Voedseluitgifte Stad',
          categories: ['food_bank'],
          areas: { municipalities: [here.cbs], districts: [], pc4s: [] },
        }),
      )
    ).id;
    await createService(
      db(),
      ctx,
      serviceInput(elsewhere.tenant.municipalityId, { name: 'Schuldhulp elders', areas: { municipalities: [elsewhere.cbs], districts: [], pc4s: [] } }),
    );
    await createService(
      db(),
      ctx,
      serviceInput(here.tenant.municipalityId, {
        name: 'Schuldhulp gestopt',
        status: 'inactive',
        areas: { municipalities: [here.cbs], districts: [], pc4s: [] },
      }),
    );
  });

  describe('search', () => {
    it('finds the services covering the postcode for the need, a PC4 area ranked above the whole municipality', async () => {
      const route = await routeAddress(db(), { postcode: '7601', houseNumber: null, need: 'debt_counselling', regionId: null });
      const results = await searchServices(db(), { address: route.decision.address, need: 'debt_counselling', text: null, audience: 'professional' });
      assert.deepEqual(
        results.map((r) => r.card.name),
        ['Schuldhulp Centrum', 'Schuldhulp hele gemeente'],
      );
      assert.deepEqual(
        results.map((r) => r.areaMatch),
        ['pc4', 'municipality'],
      );
    });

    it('leaves out services for another need, another municipality, and inactive services', async () => {
      const route = await routeAddress(db(), { postcode: '7601', houseNumber: null, need: null, regionId: null });
      const names = (await searchServices(db(), { address: route.decision.address, need: null, text: null, audience: 'professional' })).map((r) => r.card.name);
      assert.ok(names.includes('Voedseluitgifte Stad'));
      assert.ok(!names.includes('Schuldhulp elders'));
      assert.ok(!names.includes('Schuldhulp gestopt'));
    });

    it('practice staff search by postcode and need over HTTP and see the routing line above the results', async () => {
      const browser = await signedIn(db(), await userOf(db(), here.tenant, 'practice_staff'));
      const page = await browser.get('/sociale-kaart?postcode=7601&hulpvraag=debt_counselling&zoekwoord=');
      assert.equal(page.status, 200);
      const first = page.html.indexOf('Schuldhulp Centrum');
      const second = page.html.indexOf('Schuldhulp hele gemeente');
      assert.ok(first > 0 && second > first, 'the PC4 service comes first');
      assert.ok(!page.html.includes('Voedseluitgifte Stad'), 'a service for another need is left out');
      assert.match(page.html, /7601 ligt in Stad GM\d{4}, wijk Noord\. De verwijzing gaat naar Wijkteam/);
    });

    it('an invalid postcode gets a clear Dutch message with status 422, an unknown one too', async () => {
      const browser = await signedIn(db(), await userOf(db(), here.tenant, 'practice_staff'));
      const invalid = await browser.get('/sociale-kaart?postcode=75+AB&hulpvraag=');
      assert.equal(invalid.status, 422);
      assert.match(invalid.html, /Vul een geldige postcode in, zoals 7511 AB of 7511\./);
      const unknown = await browser.get('/sociale-kaart?postcode=9999');
      assert.equal(unknown.status, 422);
      assert.match(unknown.html, /Deze postcode kennen we niet/);
    });

    it('a staff search is one statement: it resolves the postcode, routes and ranks in one round trip, as routeAddress and searchServices do', async () => {
      const regionId = here.tenant.regionId;
      // A PC6 from the CBS address table wins over its PC4 (here: without a district).
      await db().insertInto('postcode_addresses').values({ pc6: '7601ZZ', house_number: 1, municipality_code: here.cbs, district_code: null }).execute();
      for (const [postcode, need] of [
        ['7601', 'debt_counselling'],
        ['7601 AB', null],
        ['7601 ZZ', 'debt_counselling'],
        ['9999', null],
      ] as const) {
        const before = statementCount(db());
        const search = await searchAtPostcode(db(), {
          postcode: parsePostcode(postcode)!,
          need,
          text: null,
          audience: 'professional',
          askingRegionId: regionId,
        });
        assert.equal(statementCount(db()) - before, 1, postcode);
        const route = await routeAddress(db(), { postcode, houseNumber: null, need, regionId });
        const { source: _source, ...address } = route.decision.address as typeof route.decision.address & { source: string };
        assert.deepEqual(search.route, { ...route, decision: { ...route.decision, address } }, postcode);
        const results = address.municipalityCode ? await searchServices(db(), { address, need, text: null, audience: 'professional' }) : [];
        // The same results, each card the part of the whole card that a result shows.
        assert.deepEqual(
          search.results.map((r) => r.card.id),
          results.map((r) => r.card.id),
          postcode,
        );
        assert.deepEqual(search.results, shownPart(search.results, results), postcode);
        for (const { card } of search.results) assert.ok(!('description' in card) && !('eligibility' in card), 'a result does not load the service page');
      }
    });

    it('a staff search returns the route (address, routing rules, desks) once, not again with every result', async () => {
      const rows: unknown[] = [];
      const watched = db().withPlugin({
        transformQuery: ({ node }) => node,
        transformResult: async ({ result }) => {
          rows.push(...result.rows);
          return result;
        },
      });
      const search = await searchAtPostcode(watched, {
        postcode: parsePostcode('7601')!,
        need: null,
        text: null,
        audience: 'professional',
        askingRegionId: here.tenant.regionId,
      });
      assert.ok(search.results.length >= 2, 'more than one result, or this proves nothing');
      assert.equal(search.route.decision.teamId, here.tenant.teamId);
      assert.equal(rows.length, 1, 'one row: the route and the results, each once');
      assert.equal(rows.filter((row) => JSON.stringify(row).includes('"rules"')).length, 1);
    });

    it('the staff search page resolves the postcode once: the session, the search and the response times, at most 3 statements', async () => {
      const browser = await signedIn(db(), await userOf(db(), here.tenant, 'practice_staff'));
      const path = '/sociale-kaart?postcode=7601&hulpvraag=debt_counselling&zoekwoord=';
      assert.equal((await browser.get(path)).status, 200);
      const before = statementCount(db());
      assert.equal((await browser.get(path)).status, 200);
      const statements = statementCount(db()) - before;
      assert.ok(statements <= 3, `${statements} statements`);
    });

    it('searching writes no audit entry: a postcode search is not patient data', async () => {
      const before = (await db().selectFrom('audit_log').select('id').execute()).length;
      const browser = await signedIn(db(), await userOf(db(), here.tenant, 'practice_staff'));
      await browser.get('/sociale-kaart?postcode=7601');
      const after = (await db().selectFrom('audit_log').select('id').execute()).length;
      assert.equal(after, before);
    });
  });

  describe('public page', () => {
    it('shows residents public contacts only, never professional direct lines', async () => {
      await createContact(db(), ctx, postcodeOnly, {
        name: 'Publieke Petra',
        job_title: 'Consulent',
        phone: '053 111 1111',
        email: null,
        visibility: 'public',
        phone_hours: [],
      });
      await createContact(db(), ctx, postcodeOnly, {
        name: 'Directe Dirk',
        job_title: 'Schuldhulpverlener',
        phone: '06 9999 9999',
        email: 'dirk@test.example',
        visibility: 'professional',
        phone_hours: [],
      });
      const browser = new TestBrowser(testApp(db()).app);
      const page = await browser.get('/hulp?postcode=7601');
      assert.equal(page.status, 200);
      assert.ok(page.html.includes('Publieke Petra'));
      assert.ok(!page.html.includes('Directe Dirk'));
      assert.ok(!page.html.includes('06 9999 9999'));

      const staff = await signedIn(db(), await userOf(db(), here.tenant, 'practice_staff'));
      const professional = await staff.get(`/sociale-kaart/diensten/${postcodeOnly}`);
      assert.ok(professional.html.includes('Directe Dirk'), 'staff do see the professional contact');
    });

    it('answers an invalid postcode with 422 and a Dutch message, without signing in', async () => {
      const page = await new TestBrowser(testApp(db()).app).get('/hulp?postcode=hallo');
      assert.equal(page.status, 422);
      assert.match(page.html, /Vul een geldige postcode in/);
    });

    it('a postcode in no region is told to call the municipality, without naming a region the page does not know', async () => {
      const page = await new TestBrowser(testApp(db()).app).get('/hulp?postcode=9999');
      assert.equal(page.status, 422);
      assert.match(page.html, /Woont u buiten deze regio\? Bel dan uw gemeente\./);
      assert.doesNotMatch(page.html, /Twente/);
    });
  });

  describe('editing is limited to the own organisation', () => {
    it("a team coordinator gets 404 on another organisation's service, an administrator can edit it", async () => {
      const outsider = await signedIn(db(), await userOf(db(), elsewhere.tenant, 'team_admin'));
      assert.equal((await outsider.get(`/sociale-kaart/diensten/${municipalityWide}/bewerken`)).status, 404);
      assert.equal((await outsider.post(`/sociale-kaart/diensten/${municipalityWide}`, serviceForm(here.tenant.municipalityId, { gm_x: '' }))).status, 404);
      assert.equal((await outsider.post(`/sociale-kaart/diensten/${municipalityWide}/klopt-nog`, {})).status, 404);
      assert.equal((await outsider.get(`/sociale-kaart/diensten/nieuw?organisatie=${here.tenant.municipalityId}`)).status, 404);
      const unchanged = await db().selectFrom('services').select('name').where('id', '=', municipalityWide).executeTakeFirstOrThrow();
      assert.equal(unchanged.name, 'Schuldhulp hele gemeente');

      const admin = await signedIn(db(), await userOf(db(), elsewhere.tenant, 'admin'));
      assert.equal((await admin.get(`/sociale-kaart/diensten/${municipalityWide}/bewerken`)).status, 200);
      const saved = await admin.post(
        `/sociale-kaart/diensten/${municipalityWide}`,
        serviceForm(here.tenant.municipalityId, { name: 'Schuldhulp hele gemeente (nieuw)', [`gm_${here.cbs}`]: 'on', phone_2: '09:00-12:00' }),
      );
      assert.equal(saved.status, 303, saved.html.slice(0, 500));
      const changed = await db().selectFrom('services').select('name').where('id', '=', municipalityWide).executeTakeFirstOrThrow();
      assert.equal(changed.name, 'Schuldhulp hele gemeente (nieuw)');
      const entry = (await auditEntries(db(), 'socialmap.service_updated')).find((e) => e.subject_id === municipalityWide);
      assert.ok(entry, 'the change is audited');
      assert.ok((entry.details as { changed: string[] }).changed.includes('name'));
      assert.ok(!JSON.stringify(entry.details).includes('nieuw'), 'the audit names fields, not their values');
    });

    it('a team coordinator edits and adds services of their own organisation', async () => {
      const own = await signedIn(db(), await userOf(db(), here.tenant, 'team_admin'));
      assert.equal((await own.get(`/sociale-kaart/diensten/${foodBank}/bewerken`)).status, 200);
      const created = await own.post(
        '/sociale-kaart/diensten',
        serviceForm(here.tenant.municipalityId, { name: 'Budgetcursus', cat_budget_coaching: 'on', pc4s: '7601' }),
      );
      assert.equal(created.status, 303);
      const id = /\/sociale-kaart\/diensten\/([0-9a-f-]{36})/.exec(created.location ?? '')?.[1];
      assert.ok(id);
      const row = await db().selectFrom('services').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.organisation_id, here.tenant.municipalityId);
      assert.deepEqual(row.categories, ['debt_counselling', 'budget_coaching']);
      assert.ok(row.last_verified_at, 'a new entry starts as verified');
      // Posting for another organisation is refused as if it did not exist.
      assert.equal((await own.post('/sociale-kaart/diensten', serviceForm(elsewhere.tenant.municipalityId))).status, 404);
    });

    it('a form with errors is shown again with 422 and the typed values kept', async () => {
      const own = await signedIn(db(), await userOf(db(), here.tenant, 'team_admin'));
      const page = await own.post('/sociale-kaart/diensten', serviceForm(here.tenant.municipalityId, { cat_debt_counselling: '', name: 'Mijn nieuwe dienst' }));
      assert.equal(page.status, 422);
      assert.match(page.html, /Kies minstens één soort hulp\./);
      assert.match(page.html, /value="Mijn nieuwe dienst"/);
    });

    it('practice staff and team members may search but not edit', async () => {
      for (const role of ['practice_staff', 'team_member'] as const) {
        const browser = await signedIn(db(), await userOf(db(), here.tenant, role));
        assert.equal((await browser.get(`/sociale-kaart/diensten/${foodBank}/bewerken`)).status, 403, role);
        assert.equal((await browser.get(`/sociale-kaart/diensten/${foodBank}`)).status, 200, role);
      }
    });
  });

  describe('keeping entries fresh', () => {
    it('"klopt nog" sets last_verified_at to now and writes an audit row in the same change', async () => {
      const longAgo = new Date('2025-01-01T00:00:00Z');
      await db().updateTable('services').set({ last_verified_at: longAgo }).where('id', '=', foodBank).execute();
      const user = await userOf(db(), here.tenant, 'team_admin');
      const browser = await signedIn(db(), user);
      const due = await browser.get('/sociale-kaart/controleren');
      assert.equal(due.status, 200);
      assert.ok(due.html.includes('Voedseluitgifte Stad'), 'the stale service is on the list to check');
      assert.ok(!due.html.includes('Schuldhulp elders'), "another organisation's entries are not");

      const started = Date.now();
      const res = await browser.post(`/sociale-kaart/diensten/${foodBank}/klopt-nog`, { terug: '/sociale-kaart/controleren' });
      assert.equal(res.status, 303);
      assert.equal(res.location, '/sociale-kaart/controleren?melding=geverifieerd');
      const row = await db().selectFrom('services').select('last_verified_at').where('id', '=', foodBank).executeTakeFirstOrThrow();
      assert.ok(row.last_verified_at && row.last_verified_at.getTime() >= started - 1000, 'verified just now');
      const entry = (await auditEntries(db(), 'socialmap.service_verified')).find((e) => e.subject_id === foodBank);
      assert.equal(entry?.actor_user_id, user.id);
      assert.equal(entry?.outcome, 'success');
      assert.ok(!(await browser.get('/sociale-kaart/controleren')).html.includes('Voedseluitgifte Stad'), 'no longer to check');
    });
  });

  describe('contacts', () => {
    it('replacing a contact ends the old one, links it to the successor and keeps the history visible', async () => {
      const old = await createContact(db(), ctx, municipalityWide, {
        name: 'Vertrekkende Vera',
        job_title: 'Schuldhulpverlener',
        phone: '06 1111 1111',
        email: null,
        visibility: 'professional',
        phone_hours: [{ weekday: 2, opens_at: '09:00', closes_at: '10:00' }],
      });
      const user = await userOf(db(), here.tenant, 'team_admin');
      const browser = await signedIn(db(), user);
      const form = await browser.get(`/sociale-kaart/contactpersonen/${old.id}/vervangen`);
      assert.equal(form.status, 200);
      assert.match(form.html, /value="09:00-10:00"/, 'the phone hours of the role are offered again');
      const res = await browser.post(`/sociale-kaart/contactpersonen/${old.id}/vervangen`, {
        name: 'Nieuwe Nadia',
        job_title: 'Schuldhulpverlener',
        phone: '06 2222 2222',
        email: '',
        visibility: 'professional',
        phone_2: '09:00-10:00',
      });
      assert.equal(res.status, 303);

      const rows = await db().selectFrom('contacts').selectAll().where('service_id', '=', municipalityWide).execute();
      const vera = rows.find((r) => r.id === old.id)!;
      const nadia = rows.find((r) => r.name === 'Nieuwe Nadia')!;
      assert.ok(vera.ended_at, 'the old contact is ended, not deleted');
      assert.equal(vera.replaced_by_id, nadia.id);
      assert.equal(nadia.ended_at, null);
      const entry = (await auditEntries(db(), 'socialmap.contact_replaced')).find((e) => e.subject_id === old.id);
      assert.equal((entry?.details as { replaced_by?: string }).replaced_by, nadia.id);

      const page = await browser.get(`/sociale-kaart/diensten/${municipalityWide}`);
      assert.match(page.html, /Eerdere contactpersonen/);
      const history = page.html.slice(page.html.indexOf('Eerdere contactpersonen'));
      assert.ok(history.includes('Vertrekkende Vera') && history.includes('Nieuwe Nadia'), 'history names who left and who took over');

      // A contact that has left cannot be replaced (or confirmed) again.
      assert.equal(
        (await browser.post(`/sociale-kaart/contactpersonen/${old.id}/vervangen`, { name: 'Nog Iemand', phone: '06 3333 3333', visibility: 'public' })).status,
        409,
      );
      assert.equal((await browser.post(`/sociale-kaart/contactpersonen/${old.id}/klopt-nog`, {})).status, 409);
    });

    it("a team coordinator cannot touch another organisation's contact", async () => {
      const contact = await createContact(db(), ctx, municipalityWide, {
        name: 'Andere Anna',
        job_title: null,
        phone: '06 4444 4444',
        email: null,
        visibility: 'public',
        phone_hours: [],
      });
      const outsider = await signedIn(db(), await userOf(db(), elsewhere.tenant, 'team_admin'));
      assert.equal((await outsider.get(`/sociale-kaart/contactpersonen/${contact.id}/vervangen`)).status, 404);
      assert.equal(
        (await outsider.post(`/sociale-kaart/contactpersonen/${contact.id}/vervangen`, { name: 'X Y', phone: '06 5555 5555', visibility: 'public' })).status,
        404,
      );
      const row = await db().selectFrom('contacts').select('ended_at').where('id', '=', contact.id).executeTakeFirstOrThrow();
      assert.equal(row.ended_at, null);
    });
  });

  describe('locations', () => {
    it('a new walk-in location, linked to a service, appears on the public page with its walk-in hours', async () => {
      const own = await signedIn(db(), await userOf(db(), here.tenant, 'team_admin'));
      assert.equal((await own.get(`/sociale-kaart/locaties/nieuw?organisatie=${here.tenant.municipalityId}`)).status, 200);
      const created = await own.post('/sociale-kaart/locaties', {
        organisation_id: here.tenant.municipalityId,
        name: 'Inloop De Brug',
        street: 'Brugstraat',
        house_number: '3',
        postcode: '7601ab',
        city: 'Stad',
        description: '',
        accessibility: '',
        is_walk_in: 'on',
        walk_in_3: '9-12',
      });
      assert.equal(created.status, 303, created.html.slice(0, 300));
      const location = await db().selectFrom('locations').selectAll().where('name', '=', 'Inloop De Brug').executeTakeFirstOrThrow();
      assert.equal(location.postcode, '7601 AB');
      assert.ok((await auditEntries(db(), 'socialmap.location_created')).some((e) => e.subject_id === location.id));

      const form = await own.get(`/sociale-kaart/diensten/${postcodeOnly}/bewerken`);
      assert.match(form.html, new RegExp(`name="loc_${location.id}"`), 'the service form offers the new location');
      const values = { ...serviceForm(here.tenant.municipalityId, { name: 'Schuldhulp Centrum', pc4s: '7601' }), [`loc_${location.id}`]: 'on' };
      assert.equal((await own.post(`/sociale-kaart/diensten/${postcodeOnly}`, values)).status, 303);

      const page = await new TestBrowser(testApp(db()).app).get('/hulp?postcode=7601');
      const walkIn = page.html.slice(page.html.indexOf('Binnenlopen zonder afspraak'), page.html.indexOf('Hulp bij u in de buurt'));
      assert.ok(walkIn.includes('Inloop De Brug') && walkIn.includes('09:00–12:00'), 'the walk-in point and its hours are listed');
    });

    it('a team coordinator cannot add a location to another organisation or edit one', async () => {
      const other = (
        await db()
          .insertInto('locations')
          .values({ organisation_id: elsewhere.tenant.municipalityId, name: 'Elders', updated_at: new Date() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const own = await signedIn(db(), await userOf(db(), here.tenant, 'team_admin'));
      assert.equal((await own.get(`/sociale-kaart/locaties/nieuw?organisatie=${elsewhere.tenant.municipalityId}`)).status, 404);
      assert.equal((await own.get(`/sociale-kaart/locaties/${other}/bewerken`)).status, 404);
      assert.equal((await own.post(`/sociale-kaart/locaties/${other}/klopt-nog`, {})).status, 404);
    });
  });

  describe('region coordinators', () => {
    it('edit entries of their own region only', async () => {
      const own = await signedIn(db(), await userOf(db(), here.tenant, 'region_coordinator'));
      assert.equal((await own.get(`/sociale-kaart/diensten/${foodBank}/bewerken`)).status, 200);
      const other = await signedIn(db(), await userOf(db(), elsewhere.tenant, 'region_coordinator'));
      assert.equal((await other.get(`/sociale-kaart/diensten/${foodBank}/bewerken`)).status, 404);
    });
  });
});
