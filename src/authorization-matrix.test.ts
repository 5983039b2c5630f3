import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, migrateToLatest, type DatabaseHandle } from './platform/db/database.ts';
import { testConfig } from './platform/config.ts';
import { createLogger } from './platform/log.ts';
import { createApp } from './app.ts';
import { createSession } from './platform/auth/sessions.ts';
import { roles } from './platform/auth/roles.ts';
import type { Role } from './platform/db/schema.ts';

/**
 * Every route × every role × a user of another tenant. The expectations are written out here, by
 * hand, independent of the code under test; a route added to the app without a line here fails the
 * "every route is in the matrix" rule.
 */

type Expectation =
  | { kind: 'public' }
  /** Sign-in steps: only for a session that is still signing in; a completed session is sent on. */
  | { kind: 'sign-in-step' }
  | { kind: 'roles'; roles: readonly Role[]; scoped?: 'practice' | 'team' }
  /** API routes that accept only a bearer token (never a session): every session, of any role, gets 401. Token × role: interop/hsds/api.integration.test.ts. */
  | { kind: 'bearer-token'; roles: readonly Role[] };

const ALL = roles;
const matrix: Record<string, Expectation> = {
  'GET /healthz': { kind: 'public' },
  'GET /assets/:file': { kind: 'public' },
  'GET /inloggen': { kind: 'public' },
  'POST /inloggen': { kind: 'public' },
  'POST /uitloggen': { kind: 'public' },
  'GET /tweestaps': { kind: 'sign-in-step' },
  'POST /tweestaps': { kind: 'sign-in-step' },
  'GET /tweestaps/instellen': { kind: 'sign-in-step' },
  'POST /tweestaps/instellen': { kind: 'sign-in-step' },
  'GET /wachtwoord-wijzigen': { kind: 'roles', roles: ALL },
  'POST /wachtwoord-wijzigen': { kind: 'roles', roles: ALL },
  'GET /account': { kind: 'roles', roles: ALL },
  'GET /': { kind: 'roles', roles: ALL },
  'GET /beheer/organisaties': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/organisaties/nieuw': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/organisaties': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/organisaties/:id': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/organisaties/:id': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/teams': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/teams/nieuw': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/teams': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/teams/:id': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/teams/:id': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/gebruikers': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/gebruikers/nieuw': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/gebruikers': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/gebruikers/:id': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/gebruikers/:id': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/gebruikers/:id/wachtwoord': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/gebruikers/:id/blokkeren': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/gebruikers/:id/deblokkeren': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/auditlog': { kind: 'roles', roles: ['admin'] },
  'GET /signalen': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'POST /signalen': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'GET /signalen/afdrukken': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'GET /signalen/:id': { kind: 'roles', roles: ['practice_staff', 'practice_admin'], scoped: 'practice' },
  'GET /meldingen': { kind: 'roles', roles: ALL },
  'POST /meldingen/gelezen': { kind: 'roles', roles: ALL },
  'GET /beheer/routering': { kind: 'roles', roles: ['admin', 'region_coordinator'] },
  'POST /beheer/routering': { kind: 'roles', roles: ['admin', 'region_coordinator'] },
  'POST /beheer/routering/:id/verwijderen': { kind: 'roles', roles: ['admin', 'region_coordinator'] },
  'POST /beheer/routering/regio': { kind: 'roles', roles: ['admin', 'region_coordinator'] },
  'GET /beheer/postcodes': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/postcodes': { kind: 'roles', roles: ['admin'] },
  'GET /mijn-organisatie': { kind: 'roles', roles: ['practice_admin', 'team_admin'] },
  'GET /praktijken/:id/medewerkers': { kind: 'roles', roles: ['practice_admin', 'admin'], scoped: 'practice' },
  'GET /teams/:id/medewerkers': { kind: 'roles', roles: ['team_admin', 'admin'], scoped: 'team' },
  'GET /api/hsds/services': { kind: 'public' },
  'GET /api/hsds/services/:id': { kind: 'public' },
  'GET /api/hsds/organizations': { kind: 'public' },
  'GET /api/hsds/organizations/:id': { kind: 'public' },
  'GET /api/hsds/export': { kind: 'bearer-token', roles: ['admin', 'region_coordinator'] },
  'POST /api/hsds/import': { kind: 'bearer-token', roles: ['admin'] },
};

interface Tenant {
  regionId: string;
  practiceId: string;
  teamId: string;
  orgId: string;
  signalRecordId: string;
  routingRuleId: string;
  users: Record<Role, { id: string; token: string; csrf: string }>;
}

let database: DatabaseHandle;
let app: ReturnType<typeof createApp>;
let tenantA: Tenant;
let tenantB: Tenant;
let targetUserId: string;
let serviceIdA: string;

async function makeTenant(db: DatabaseHandle['db'], label: string, agb: string, cbs: string): Promise<Tenant> {
  const region = await db.insertInto('regions').values({ name: `Regio ${label}` }).returning('id').executeTakeFirstOrThrow();
  const base = { region_id: region.id, updated_at: new Date() };
  const practice = await db.insertInto('organisations').values({ ...base, kind: 'practice', name: `Praktijk ${label}`, agb_code: agb }).returning('id').executeTakeFirstOrThrow();
  const org = await db.insertInto('organisations').values({ ...base, kind: 'municipality', name: `Gemeente ${label}`, cbs_code: cbs }).returning('id').executeTakeFirstOrThrow();
  const team = await db.insertInto('teams').values({ organisation_id: org.id, name: `Team ${label}`, updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const users = {} as Tenant['users'];
  for (const role of roles) {
    const membership = role.startsWith('practice') ? { practice_id: practice.id } : role.startsWith('team') ? { team_id: team.id } : role === 'region_coordinator' ? { region_id: region.id } : {};
    const user = await db
      .insertInto('users')
      .values({ email: `${role}@${label}.test`, name: `${role} ${label}`, role, password_hash: 'not-used', updated_at: new Date(), ...membership })
      .returning('id')
      .executeTakeFirstOrThrow();
    const token = await createSession(db, { userId: user.id, mfaPassed: true, ip: '127.0.0.1', hours: 1 });
    const session = await db.selectFrom('sessions').select('csrf_token').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    users[role] = { id: user.id, token, csrf: session.csrf_token };
  }
  const signalRecord = await db
    .insertInto('signal_records')
    .values({ practice_id: practice.id, recorded_on: '2026-11-23', signals: ['stress'], outcome: 'later' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const routingRule = await db.insertInto('routing_rules').values({ municipality_code: cbs, team_id: team.id }).returning('id').executeTakeFirstOrThrow();
  return { regionId: region.id, practiceId: practice.id, teamId: team.id, orgId: org.id, signalRecordId: signalRecord.id, routingRuleId: routingRule.id, users };
}

let freshRules = 0;

/** Routes that remove their target get a new target for every call, so call order does not matter. */
async function freshPath(path: string): Promise<string> {
  if (path === '/beheer/routering/:id/verwijderen') {
    const rule = await database.db
      .insertInto('routing_rules')
      .values({ municipality_code: 'GM9001', district_code: `WK9001${String(10 + freshRules++)}`, team_id: tenantA.teamId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return path.replace(':id', rule.id);
  }
  return concretePath(path);
}

function concretePath(path: string): string {
  const idFor: Record<string, string> = {
    '/beheer/organisaties/:id': tenantA.orgId,
    '/beheer/teams/:id': tenantA.teamId,
    '/praktijken/:id/medewerkers': tenantA.practiceId,
    '/teams/:id/medewerkers': tenantA.teamId,
    '/signalen/:id': tenantA.signalRecordId,
    '/beheer/routering/:id/verwijderen': tenantA.routingRuleId,
    '/api/hsds/organizations/:id': tenantA.orgId,
    '/api/hsds/services/:id': serviceIdA,
  };
  if (path === '/assets/:file') return '/assets/app.css';
  const id = idFor[path] ?? (path.startsWith('/beheer/gebruikers/:id') ? targetUserId : undefined);
  return id ? path.replace(':id', id) : path;
}

async function call(method: string, path: string, as?: { token: string; csrf: string }) {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (as) headers['cookie'] = `kl_session=${as.token}`;
  if (method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['origin'] = 'http://localhost';
    body = new URLSearchParams({ _csrf: as?.csrf ?? 'x'.repeat(43) }).toString();
    if (!as) headers['cookie'] = `kl_csrf=${'x'.repeat(43)}`;
  }
  return app.request(`http://localhost${path}`, { method, headers, body });
}

function isDenied(status: number): boolean {
  return status === 403 || status === 404;
}

describe('authorization matrix', () => {
  before(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(database.db);
    tenantA = await makeTenant(database.db, 'a', '00000001', 'GM9001');
    tenantB = await makeTenant(database.db, 'b', '00000002', 'GM9002');
    targetUserId = (
      await database.db
        .insertInto('users')
        .values({ email: 'target@a.test', name: 'Target', role: 'practice_staff', practice_id: tenantA.practiceId, password_hash: 'x', updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    serviceIdA = (
      await database.db.insertInto('services').values({ organisation_id: tenantA.orgId, name: 'Schuldhulp A', updated_at: new Date() }).returning('id').executeTakeFirstOrThrow()
    ).id;
    app = createApp({ db: database.db, config: testConfig(), log: createLogger('silent') });
  });
  after(async () => database.close());

  test('every route of the app has a line in the matrix', () => {
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const missing = [...routes].filter((r) => !(r in matrix));
    assert.deepEqual(missing, [], `routes without an authorisation expectation: ${missing.join(', ')}`);
    const stale = Object.keys(matrix).filter((k) => !routes.has(k));
    assert.deepEqual(stale, [], `matrix lines for routes that no longer exist: ${stale.join(', ')}`);
  });

  for (const [route, expectation] of Object.entries(matrix)) {
    const [method, path] = route.split(' ') as [string, string];
    if (expectation.kind !== 'roles') continue;

    test(`${route}: anonymous visitors are sent to sign in`, async () => {
      const res = await call(method, concretePath(path));
      assert.equal(res.status, 303, `${route} anonymous → ${res.status}`);
      assert.match(res.headers.get('location') ?? '', /^\/inloggen/);
    });

    for (const role of roles) {
      const allowed = expectation.roles.includes(role);
      test(`${route}: ${role} is ${allowed ? 'allowed' : 'denied'}`, async () => {
        const res = await call(method, await freshPath(path), tenantA.users[role]);
        if (allowed) assert.ok(!isDenied(res.status) && res.status !== 401 && res.status < 500, `${route} as ${role} → ${res.status}`);
        else assert.equal(res.status, 403, `${route} as ${role} → ${res.status}`);
      });
    }

    if (expectation.scoped) {
      for (const role of expectation.roles.filter((r) => r !== 'admin')) {
        test(`${route}: a ${role} of another ${expectation.scoped} is denied`, async () => {
          const res = await call(method, concretePath(path), tenantB.users[role]);
          assert.equal(res.status, 404, `${route} as ${role} of tenant B → ${res.status}`);
        });
      }
    }
  }

  for (const [route, expectation] of Object.entries(matrix)) {
    if (expectation.kind !== 'bearer-token') continue;
    const [method, path] = route.split(' ') as [string, string];
    test(`${route}: without a bearer token every caller gets 401, whatever session they have`, async () => {
      for (const as of [undefined, ...roles.map((r) => tenantA.users[r])]) {
        const res = await call(method, concretePath(path), as);
        assert.equal(res.status, 401, `${route} ${as ? 'with a session' : 'anonymous'} → ${res.status}`);
      }
    });
  }

  test('a session that has not passed the second factor reaches no page beyond the sign-in steps', async () => {
    const db = database.db;
    const token = await createSession(db, { userId: tenantA.users.practice_staff.id, mfaPassed: false, ip: '127.0.0.1', hours: 1 });
    for (const [route, expectation] of Object.entries(matrix)) {
      const [method, path] = route.split(' ') as [string, string];
      if (method !== 'GET' || expectation.kind !== 'roles') continue;
      const res = await app.request(`http://localhost${concretePath(path)}`, { headers: { cookie: `kl_session=${token}` } });
      assert.equal(res.status, 303, `${route} with a half-finished sign-in → ${res.status}`);
      assert.match(res.headers.get('location') ?? '', /^\/tweestaps/);
    }
  });

  test('the sign-in steps are not open to anonymous visitors', async () => {
    for (const [route, expectation] of Object.entries(matrix)) {
      if (expectation.kind !== 'sign-in-step') continue;
      const [method, path] = route.split(' ') as [string, string];
      const res = await call(method, path);
      assert.ok(res.status === 303 || res.status === 401, `${route} anonymous → ${res.status}`);
    }
  });

  test('public routes answer without a session', async () => {
    for (const [route, expectation] of Object.entries(matrix)) {
      if (expectation.kind !== 'public' || !route.startsWith('GET')) continue;
      const res = await call('GET', concretePath(route.slice(4)));
      assert.equal(res.status, 200, `${route} → ${res.status}`);
    }
  });
});
