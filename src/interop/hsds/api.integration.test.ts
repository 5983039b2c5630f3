import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase, testContext } from '../../../test/support/databases.ts';
import { auditEntries, createTestUser, type Tenant } from '../../../test/support/fixtures.ts';
import { testApp } from '../../../test/support/http.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import type { Role } from '../../platform/db/schema.ts';
import { createApiToken } from './create-api-token.ts';
import { REFUSED_TOKEN_WINDOW_MINUTES, REFUSED_TOKENS_PER_WINDOW } from './authenticate-api-token.ts';
import { revokeApiTokens } from './revoke-api-token.ts';
import { schemaErrors } from './official-schemas.ts';
import { insertFixtureMap, type FixtureMap } from './test-fixture.ts';
import type { HsdsExportDocument, HsdsOrganization, HsdsPage, HsdsService } from './hsds-types.ts';

type Json = Record<string, unknown>;

forEachDatabase('HSDS API', (db) => {
  let app: Hono<AppEnv>;
  let fixture: FixtureMap;
  let tenant: Tenant;
  const tokens = {} as Record<Role, string>;
  const emails = {} as Record<Role, string>;

  const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
    app.request(`http://localhost${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const post = (path: string, body: string, token?: string) =>
    app.request(`http://localhost${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  const json = async <T = Json>(res: Response): Promise<T> => (await res.json()) as T;
  const names = (page: HsdsPage<{ name: string }>) => page.contents.map((s) => s.name);

  before(async () => {
    fixture = await insertFixtureMap(db());
    const team = await db()
      .insertInto('teams')
      .values({ organisation_id: fixture.municipalityId, name: 'Wijkteam Centrum', updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    tenant = { regionId: fixture.regionId, practiceId: fixture.practiceId, municipalityId: fixture.municipalityId, teamId: team.id };
    for (const role of ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator', 'admin'] as const) {
      const user = await createTestUser(db(), tenant, role);
      emails[role] = user.email;
      tokens[role] = (await createApiToken(db(), testContext(), { email: user.email, label: 'koppeling' })).token;
    }
    app = testApp(db()).app;
  });

  describe('read-only endpoints (public)', () => {
    it('GET /api/hsds/services pages through the map as the HSDS OpenAPI describes (Page + service_list.json)', async () => {
      const first = await json<HsdsPage<HsdsService>>(await get('/api/hsds/services?per_page=2'));
      assert.equal(schemaErrors('servicePage', first), '');
      assert.deepEqual(
        {
          total_items: first.total_items,
          total_pages: first.total_pages,
          page_number: first.page_number,
          size: first.size,
          first_page: first.first_page,
          last_page: first.last_page,
          empty: first.empty,
        },
        { total_items: 3, total_pages: 2, page_number: 1, size: 2, first_page: true, last_page: false, empty: false },
      );
      assert.deepEqual(names(first), ['Budgetcoaching Hengelo', 'Geldmaatje']);
      assert.ok(!('contacts' in first.contents[0]!), 'list items carry one-to-one fields only');
      const second = await json<HsdsPage<HsdsService>>(await get('/api/hsds/services?per_page=2&page=2'));
      assert.deepEqual([names(second), second.last_page, second.size], [['Schuldhulpverlening Enschede'], true, 1]);
      const beyond = await json<HsdsPage<HsdsService>>(await get('/api/hsds/services?per_page=2&page=3'));
      assert.deepEqual([beyond.contents, beyond.empty, beyond.total_items], [[], true, 3]);
    });

    it('the postcode filter finds services whose area covers the address: by PC4, district or municipality (PC4 or PC6 input)', async () => {
      const found = async (postcode: string) => names(await json(await get(`/api/hsds/services?postcode=${encodeURIComponent(postcode)}`)));
      // 7511: Enschede, district Centrum (WK015301).
      assert.deepEqual(await found('7511 AB'), ['Geldmaatje', 'Schuldhulpverlening Enschede']);
      assert.deepEqual(await found('7511ab'), ['Geldmaatje', 'Schuldhulpverlening Enschede']);
      // 7521: Enschede outside Centrum; Geldmaatje covers this PC4 by name.
      assert.deepEqual(await found('7521'), ['Geldmaatje', 'Schuldhulpverlening Enschede']);
      assert.deepEqual(await found('7531'), ['Schuldhulpverlening Enschede']);
      assert.deepEqual(await found('7551'), ['Budgetcoaching Hengelo']);
      assert.deepEqual(await found('9999'), []);
    });

    it('the category filter keeps services with that need, and combines with the postcode', async () => {
      assert.deepEqual(names(await json(await get('/api/hsds/services?category=money_buddy'))), ['Geldmaatje']);
      assert.deepEqual(names(await json(await get('/api/hsds/services?category=budget_coaching'))), ['Budgetcoaching Hengelo', 'Schuldhulpverlening Enschede']);
      assert.deepEqual(names(await json(await get('/api/hsds/services?category=budget_coaching&postcode=7511'))), ['Schuldhulpverlening Enschede']);
    });

    it('a bad filter or page answers 400 with a Dutch message in JSON', async () => {
      for (const [query, message] of [
        ['postcode=hallo', /postcode moet een geldige postcode zijn/],
        ['category=casino', /geen bekende soort hulp/],
        ['page=0', /page moet een heel getal zijn/],
        ['per_page=1000', /per_page moet een heel getal zijn van 1 tot en met 200/],
        ['full=ja', /full moet true of false zijn/],
      ] as const) {
        const res = await get(`/api/hsds/services?${query}`);
        assert.equal(res.status, 400, query);
        assert.match(res.headers.get('content-type') ?? '', /application\/json/);
        assert.match((await json<{ error: string }>(res)).error, message);
      }
    });

    it('GET /api/hsds/services/:id is a full service (service.json) without professional contacts; a valid token of any role adds them', async () => {
      const anonymous = await json<HsdsService>(await get(`/api/hsds/services/${fixture.schuldhulpId}`));
      assert.equal(schemaErrors('service', anonymous), '');
      assert.equal(anonymous.organization?.name, 'Gemeente Enschede');
      assert.deepEqual(
        anonymous.contacts.map((c) => c.name),
        ['Loket Geldzorgen'],
      );
      const withToken = await json<HsdsService>(await get(`/api/hsds/services/${fixture.schuldhulpId}`, tokens.practice_staff));
      assert.deepEqual(
        withToken.contacts.map((c) => c.name),
        ['Jan Jansen', 'Loket Geldzorgen'],
      );
      assert.equal(schemaErrors('service', withToken), '');
    });

    it('GET /api/hsds/services?full=true pages full services (service.json), professional contacts only with a token', async () => {
      const page = await json<HsdsPage<HsdsService>>(await get('/api/hsds/services?full=true&category=debt_counselling'));
      assert.equal(schemaErrors('fullServicePage', page), '');
      assert.deepEqual(
        page.contents[0]!.contacts.map((c) => c.name),
        ['Loket Geldzorgen'],
      );
      const withToken = await json<HsdsPage<HsdsService>>(await get('/api/hsds/services?full=true&category=debt_counselling', tokens.team_member));
      assert.deepEqual(
        withToken.contents[0]!.contacts.map((c) => c.name),
        ['Jan Jansen', 'Loket Geldzorgen'],
      );
    });

    it('GET /api/hsds/organizations pages the organisations on the map (organization_list.json): no GP practices', async () => {
      const page = await json<HsdsPage<{ id: string; name: string }>>(await get('/api/hsds/organizations'));
      assert.equal(schemaErrors('organizationPage', page), '');
      assert.deepEqual(names(page), ['Gemeente Enschede', 'Stichting Geldmaatjes Twente']);
    });

    it('GET /api/hsds/organizations/:id is a full organisation (organization.json); its professional contacts only with a token', async () => {
      const anonymous = await json<HsdsOrganization>(await get(`/api/hsds/organizations/${fixture.socialId}`));
      assert.equal(schemaErrors('organization', anonymous), '');
      assert.deepEqual(anonymous.contacts, []);
      assert.deepEqual(
        anonymous.services.map((s) => s.name),
        ['Budgetcoaching Hengelo', 'Geldmaatje'],
      );
      const withToken = await json<HsdsOrganization>(await get(`/api/hsds/organizations/${fixture.socialId}`, tokens.admin));
      assert.deepEqual(
        withToken.contacts.map((c) => c.name),
        ['Coördinator Geldmaatjes'],
      );
    });

    it('an unknown id, a malformed id or a GP practice answers 404 with a Dutch message', async () => {
      for (const path of [
        '/api/hsds/services/6f0e2c55-2b1d-4c3e-9a8f-1d2c3b4a5e6f',
        '/api/hsds/services/niet-een-id',
        '/api/hsds/organizations/6f0e2c55-2b1d-4c3e-9a8f-1d2c3b4a5e6f',
        `/api/hsds/organizations/${fixture.practiceId}`,
      ]) {
        const res = await get(path);
        assert.equal(res.status, 404, path);
        assert.match((await json<{ error: string }>(res)).error, /bestaat niet \(meer\) op de sociale kaart/);
      }
    });
  });

  describe('bearer tokens', () => {
    it('export without a token answers 401 with a Dutch message and a Bearer challenge; a signed-in browser session does not count', async () => {
      const res = await get('/api/hsds/export');
      assert.equal(res.status, 401);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.match((await json<{ error: string }>(res)).error, /API-sleutel nodig/);
      const admin = await db().selectFrom('users').select('id').where('email', '=', emails.admin).executeTakeFirstOrThrow();
      const session = await createSession(db(), { userId: admin.id, mfaPassed: true, ip: '127.0.0.1', hours: 1 });
      assert.equal((await get('/api/hsds/export', undefined, { cookie: `kl_session=${session}` })).status, 401);
    });

    it('an unknown token is refused with 401, also on the public endpoints, and the refusal is audited', async () => {
      for (const path of ['/api/hsds/export', '/api/hsds/services', `/api/hsds/services/${fixture.schuldhulpId}`]) {
        const res = await get(path, 'kl_this-token-does-not-exist-at-all');
        assert.equal(res.status, 401, path);
        assert.match((await json<{ error: string }>(res)).error, /onbekend, ingetrokken of van een geblokkeerde gebruiker/);
      }
      assert.equal((await get('/api/hsds/services', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' })).status, 401);
      const refused = await auditEntries(db(), 'api_token.refused');
      assert.ok(refused.length >= 4);
      assert.ok(refused.every((e) => e.outcome === 'denied' && !JSON.stringify(e.details).includes('kl_')));
    });

    it('a revoked token and the token of a blocked user are refused with 401', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      const { token } = await createApiToken(db(), testContext(), { email: user.email, label: 'oud' });
      assert.equal((await get('/api/hsds/export', token)).status, 200);
      assert.equal(await revokeApiTokens(db(), testContext(), { email: user.email, label: 'oud' }), 1);
      assert.equal((await get('/api/hsds/export', token)).status, 401);

      const blocked = await createTestUser(db(), tenant, 'admin');
      const second = await createApiToken(db(), testContext(), { email: blocked.email, label: 'x' });
      await db().updateTable('users').set({ disabled_at: new Date() }).where('id', '=', blocked.id).execute();
      assert.equal((await get('/api/hsds/export', second.token)).status, 401);
    });

    it('an address that keeps sending bad tokens gets 429 with Retry-After, and its refusals stop filling the audit log', async () => {
      await db().deleteFrom('rate_limit_hits').execute();
      const auditedBefore = (await auditEntries(db(), 'api_token.refused')).length;
      const statuses: number[] = [];
      for (let i = 0; i < 3 * REFUSED_TOKENS_PER_WINDOW; i++) {
        const res = await get('/api/hsds/services', `kl_guess-number-${i}-that-is-long-enough`);
        statuses.push(res.status);
        if (res.status === 429) {
          const wait = Number(res.headers.get('retry-after'));
          assert.ok(wait > 0 && wait <= REFUSED_TOKEN_WINDOW_MINUTES * 60, `Retry-After: ${wait}`);
          assert.match((await json<{ error: string }>(res)).error, /te veel ongeldige API-sleutels/);
        }
      }
      assert.deepEqual(statuses, [...Array<number>(REFUSED_TOKENS_PER_WINDOW).fill(401), ...Array<number>(2 * REFUSED_TOKENS_PER_WINDOW).fill(429)]);
      assert.equal((await auditEntries(db(), 'api_token.refused')).length - auditedBefore, REFUSED_TOKENS_PER_WINDOW, 'audit rows stay at the limit');
      // While it waits, not even a valid token is tried from that address; requests without a token are not affected.
      assert.equal((await get('/api/hsds/export', tokens.admin)).status, 429);
      assert.equal((await get('/api/hsds/services')).status, 200);
      await db().deleteFrom('rate_limit_hits').execute();
      assert.equal((await get('/api/hsds/export', tokens.admin)).status, 200, 'once the window has passed');
    });

    it('export is for administrators and regional coordinators; every other role gets 403 with a Dutch message', async () => {
      for (const role of Object.keys(tokens) as Role[]) {
        const res = await get('/api/hsds/export', tokens[role]);
        if (role === 'admin' || role === 'region_coordinator') {
          assert.equal(res.status, 200, role);
          const doc = await json<HsdsExportDocument>(res);
          assert.deepEqual(
            doc.organizations.map((o) => o.name),
            ['Gemeente Enschede', 'Stichting Geldmaatjes Twente'],
          );
          assert.equal(res.headers.get('cache-control'), 'no-store');
        } else {
          assert.equal(res.status, 403, role);
          assert.match((await json<{ error: string }>(res)).error, /Met deze API-sleutel mag dit niet/);
        }
      }
    });

    it('import is for administrators only', async () => {
      for (const role of Object.keys(tokens) as Role[]) {
        if (role === 'admin') continue;
        assert.equal((await post('/api/hsds/import', '[]', tokens[role])).status, 403, role);
      }
      assert.equal((await post('/api/hsds/import', '[]', tokens.admin)).status, 200);
    });

    it('using a token records when it was last used', async () => {
      const user = await createTestUser(db(), tenant, 'region_coordinator');
      const { token } = await createApiToken(db(), testContext(), { email: user.email, label: 'gebruik' });
      const lastUsed = () => db().selectFrom('api_tokens').select('last_used_at').where('user_id', '=', user.id).executeTakeFirstOrThrow();
      assert.equal((await lastUsed()).last_used_at, null);
      await get('/api/hsds/organizations', token);
      assert.ok((await lastUsed()).last_used_at instanceof Date);
    });

    it('an export over the API is audited under the token holder', async () => {
      const admin = await db().selectFrom('users').select('id').where('email', '=', emails.admin).executeTakeFirstOrThrow();
      await get('/api/hsds/export', tokens.admin);
      const entry = (await auditEntries(db(), 'hsds.export')).at(-1);
      assert.equal(entry?.actor_user_id, admin.id);
      assert.equal(entry?.actor_role, 'admin');
    });
  });

  describe('import over the API', () => {
    it('an administrator imports an export back: 200 with counts, upserted by id, audited under the token holder', async () => {
      const exported = await json<HsdsExportDocument>(await get('/api/hsds/export', tokens.admin));
      const res = await post('/api/hsds/import', JSON.stringify(exported), tokens.admin);
      assert.equal(res.status, 200);
      const body = await json<{ imported: { services: { created: number; updated: number } } }>(res);
      assert.deepEqual(body.imported.services, { created: 0, updated: 3 });
      const entry = (await auditEntries(db(), 'hsds.import')).at(-1);
      assert.equal(entry?.outcome, 'success');
      assert.equal(entry?.actor_role, 'admin');
    });

    it('new organisations go to the region named in ?region=; an unknown region is refused with 422', async () => {
      const newcomer = [{ id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', name: 'Formulierenhulp Twente', description: 'Hulp bij formulieren' }];
      const unknown = await post('/api/hsds/import?region=Atlantis', JSON.stringify(newcomer), tokens.admin);
      assert.equal(unknown.status, 422);
      assert.match((await json<{ error: string }>(unknown)).error, /Er is geen regio 'Atlantis'/);
      const missing = await post('/api/hsds/import', JSON.stringify(newcomer), tokens.admin);
      assert.equal(missing.status, 422);
      assert.match((await json<{ error: string }>(missing)).error, /geef op in welke regio/);
      assert.equal((await post('/api/hsds/import?region=Twente', JSON.stringify(newcomer), tokens.admin)).status, 200);
      const row = await db().selectFrom('organisations').select(['kind', 'region_id']).where('id', '=', newcomer[0]!.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { kind: 'social', region_id: fixture.regionId });
    });

    it('a body that is not JSON answers 400, an invalid document 422, both with a Dutch message and without changing anything', async () => {
      const count = async () =>
        Number(
          (
            await db()
              .selectFrom('services')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const notJson = await post('/api/hsds/import', '{"organizations": [', tokens.admin);
      assert.equal(notJson.status, 400);
      assert.match((await json<{ error: string }>(notJson)).error, /Stuur een HSDS-document als JSON/);
      const invalid = await post('/api/hsds/import', JSON.stringify({ organizations: [{ id: 'x', name: '' }] }), tokens.admin);
      assert.equal(invalid.status, 422);
      const message = (await json<{ error: string }>(invalid)).error;
      assert.match(message, /^Het HSDS-bestand is niet ingelezen; er is niets veranderd\./);
      assert.match(message, /organizations\[0\]\.id: moet een UUID zijn/);
      assert.equal(await count(), before);
    });
  });
  describe('API metadata, OpenAPI document and the Dutch profile', () => {
    it('GET /api/hsds/ names the HSDS version, the profile and the OpenAPI document by absolute URLs, under PUBLIC_URL when set', async () => {
      for (const path of ['/api/hsds/', '/api/hsds']) {
        const res = await get(path);
        assert.equal(res.status, 200, path);
        assert.deepEqual(await json(res), {
          version: '3.0',
          profile: 'http://localhost/api/hsds/openapi.json#/info/x-profile',
          openapi_url: 'http://localhost/api/hsds/openapi.json',
        });
      }
      const behindProxy = testApp(db(), { publicUrl: 'https://kortelijn.example/twente' }).app;
      const meta = await json<{ openapi_url: string; profile: string }>(await behindProxy.request('http://10.0.0.5:3000/api/hsds/'));
      assert.equal(meta.openapi_url, 'https://kortelijn.example/twente/api/hsds/openapi.json');
      assert.equal(meta.profile, 'https://kortelijn.example/twente/api/hsds/openapi.json#/info/x-profile');
    });

    it('the OpenAPI document describes exactly the HSDS routes the app serves, and its profile pointer resolves', async () => {
      const res = await get('/api/hsds/openapi.json');
      assert.equal(res.status, 200);
      const doc = await json<{
        openapi: string;
        servers: Array<{ url: string }>;
        paths: Record<string, Record<string, unknown>>;
        info: Record<string, unknown>;
      }>(res);
      assert.equal(doc.openapi, '3.1.0');
      assert.deepEqual(doc.servers, [{ url: 'http://localhost/api/hsds' }]);
      const served = new Set(
        app.routes
          .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/hsds'))
          .map((r) => `${r.method} ${r.path.replace(/^\/api\/hsds\/?/, '/').replace(/:(\w+)/g, '{$1}')}`),
      );
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([path, item]) =>
          Object.keys(item)
            .filter((k) => k !== 'parameters')
            .map((method) => `${method.toUpperCase()} ${path}`),
        ),
      );
      assert.deepEqual([...documented].sort(), [...served].sort());
      const profile = doc.info['x-profile'] as { name: string; rules: string[] };
      assert.equal(profile.name, 'korte-lijn-nl');
      assert.ok(profile.rules.some((r) => r.includes('GM0153')) && profile.rules.some((r) => r.includes('house_number')));
      // Every local reference points at something that exists.
      const text = JSON.stringify(doc);
      for (const [, ref] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
        const target = ref!.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
        assert.ok(target, `#/${ref} resolves`);
      }
    });
  });

  describe('GET /api/hsds/service_at_locations', () => {
    type Item = { service_id: string; location_id: string; service: { name: string }; location: { name: string } };
    const pairs = (page: HsdsPage<Item>) => page.contents.map((i) => `${i.service.name} @ ${i.location.name}`);

    it('lists each service at each location where it is offered, as the HSDS OpenAPI describes (Page + service_at_location)', async () => {
      const page = await json<HsdsPage<Item>>(await get('/api/hsds/service_at_locations'));
      assert.equal(schemaErrors('serviceAtLocationPage', page), '');
      assert.deepEqual(pairs(page), ['Geldmaatje @ Stadskantoor', 'Geldmaatje @ Wijkcentrum De Pathmos', 'Schuldhulpverlening Enschede @ Stadskantoor']);
      const full = await json<HsdsService>(await get(`/api/hsds/services/${fixture.geldmaatjeId}`));
      assert.deepEqual(
        page.contents.filter((i) => i.service_id === fixture.geldmaatjeId).map((i) => (i as unknown as { id: string }).id),
        full.service_at_locations.map((sal) => sal.id),
        'the same ids as the nested service_at_locations of the full service',
      );
      const second = await json<HsdsPage<Item>>(await get('/api/hsds/service_at_locations?per_page=2&page=2'));
      assert.deepEqual([pairs(second), second.total_items, second.last_page], [['Schuldhulpverlening Enschede @ Stadskantoor'], 3, true]);
    });

    it('the postcode filter keeps the services whose area covers the address, by PC4, district or municipality', async () => {
      const found = async (query: string) => pairs(await json(await get(`/api/hsds/service_at_locations?${query}`)));
      assert.deepEqual(await found('postcode=7531'), ['Schuldhulpverlening Enschede @ Stadskantoor']);
      assert.deepEqual(await found('postcode=7511%20AB'), [
        'Geldmaatje @ Stadskantoor',
        'Geldmaatje @ Wijkcentrum De Pathmos',
        'Schuldhulpverlening Enschede @ Stadskantoor',
      ]);
      assert.deepEqual(await found('postcode=7511ab&house_number=12'), [
        'Geldmaatje @ Stadskantoor',
        'Geldmaatje @ Wijkcentrum De Pathmos',
        'Schuldhulpverlening Enschede @ Stadskantoor',
      ]);
      assert.deepEqual(await found('postcode=7551'), [], 'Budgetcoaching Hengelo covers 7551 but is offered at no location');
      assert.deepEqual(await found(`organization_id=${fixture.municipalityId}`), ['Schuldhulpverlening Enschede @ Stadskantoor']);
    });

    it('a bad filter answers 400 with a Dutch message in JSON', async () => {
      for (const [query, message] of [
        ['postcode=hallo', /postcode moet een geldige postcode zijn/],
        ['house_number=12', /house_number werkt alleen samen met postcode/],
        ['postcode=7511AB&house_number=nul', /house_number moet een huisnummer zijn/],
        ['modified_after=gisteren', /modified_after moet een datum met tijd en tijdzone zijn/],
        ['organization_id=1', /organization_id moet een UUID zijn/],
        ['per_page=0', /per_page moet een heel getal zijn/],
      ] as const) {
        const res = await get(`/api/hsds/service_at_locations?${query}`);
        assert.equal(res.status, 400, query);
        assert.match((await json<{ error: string }>(res)).error, message);
      }
    });
  });

  describe('modified_after (incremental sync)', () => {
    it('returns only services whose own data, organisation, locations or contacts changed on or after the moment', async () => {
      const found = async (path: string, since: string) => names(await json(await get(`${path}?modified_after=${encodeURIComponent(since)}`)));
      const synced = new Date();
      const later = new Date(synced.getTime() + 1000);
      assert.deepEqual(await found('/api/hsds/services', synced.toISOString()), [], 'nothing changed since the last sync');
      assert.equal((await get('/api/hsds/services?modified_after=2026-13-01')).status, 400);

      await db().updateTable('contacts').set({ updated_at: later }).where('name', '=', 'Loket Geldzorgen').execute();
      assert.deepEqual(await found('/api/hsds/services', synced.toISOString()), ['Schuldhulpverlening Enschede'], 'a changed contact');
      await db().updateTable('locations').set({ updated_at: later }).where('name', '=', 'Wijkcentrum De Pathmos').execute();
      assert.deepEqual(await found('/api/hsds/services', synced.toISOString()), ['Geldmaatje', 'Schuldhulpverlening Enschede'], 'a changed location');
      await db().updateTable('services').set({ updated_at: later }).where('name', '=', 'Budgetcoaching Hengelo').execute();
      assert.deepEqual(await found('/api/hsds/services', synced.toISOString()), ['Budgetcoaching Hengelo', 'Geldmaatje', 'Schuldhulpverlening Enschede']);
      assert.deepEqual(await found('/api/hsds/services', new Date(later.getTime() + 1).toISOString()), [], 'strictly later: nothing');
      // A zone offset and a plain date (start of that Amsterdam day) work as well.
      const offset = new Date(later.getTime() + 3_600_000).toISOString().replace('Z', '+01:00');
      assert.deepEqual(await found('/api/hsds/services', offset), ['Budgetcoaching Hengelo', 'Geldmaatje', 'Schuldhulpverlening Enschede']);
      assert.equal((await json<HsdsPage<unknown>>(await get('/api/hsds/services?modified_after=2000-01-01'))).total_items, 3);

      const sal = await json<HsdsPage<{ service: { name: string } }>>(
        await get(`/api/hsds/service_at_locations?modified_after=${encodeURIComponent(synced.toISOString())}&postcode=7531`),
      );
      assert.deepEqual(
        sal.contents.map((i) => i.service.name),
        ['Schuldhulpverlening Enschede'],
      );
    });
  });
});
