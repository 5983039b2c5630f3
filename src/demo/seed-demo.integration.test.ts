import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import { signIn } from '../account/sign-in.ts';
import { membershipKindOf, roles } from '../platform/auth/roles.ts';
import { testConfig } from '../platform/config.ts';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './seed-demo.ts';

/** The 14 municipalities of Twente and their CBS codes, copied from CBS (not from the code under test). */
const TWENTE = {
  GM0141: 'Almelo',
  GM0147: 'Borne',
  GM1774: 'Dinkelland',
  GM0153: 'Enschede',
  GM0158: 'Haaksbergen',
  GM0163: 'Hellendoorn',
  GM0164: 'Hengelo',
  GM1735: 'Hof van Twente',
  GM0168: 'Losser',
  GM0173: 'Oldenzaal',
  GM1742: 'Rijssen-Holten',
  GM0183: 'Tubbergen',
  GM1700: 'Twenterand',
  GM0189: 'Wierden',
};

forEachDatabase('demo seed', (db) => {
  let firstOutcome: string;
  before(async () => {
    firstOutcome = await seedDemo(db(), testContext());
  });

  const counts = async () => {
    const n = async (table: 'regions' | 'organisations' | 'teams' | 'users' | 'audit_log') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      regions: await n('regions'),
      organisations: await n('organisations'),
      teams: await n('teams'),
      users: await n('users'),
      audit: await n('audit_log'),
    };
  };

  it('seeds an empty database', () => {
    assert.equal(firstOutcome, 'seeded');
  });

  it('creates the region Twente with its 14 municipalities and their real CBS codes', async () => {
    const region = await db().selectFrom('regions').select('id').where('name', '=', 'Twente').executeTakeFirstOrThrow();
    const municipalities = await db().selectFrom('organisations').select(['cbs_code', 'name', 'region_id']).where('kind', '=', 'municipality').execute();
    assert.equal(municipalities.length, 14);
    assert.deepEqual(
      Object.fromEntries(municipalities.map((m) => [m.cbs_code, m.name])),
      Object.fromEntries(Object.entries(TWENTE).map(([code, name]) => [code, `Gemeente ${name}`])),
    );
    assert.ok(municipalities.every((m) => m.region_id === region.id));
  });

  it('creates GP practices with AGB codes and teams that belong to municipalities or social organisations', async () => {
    const practices = await db().selectFrom('organisations').select(['agb_code', 'postcode']).where('kind', '=', 'practice').execute();
    assert.ok(practices.length >= 1);
    for (const p of practices) {
      assert.match(p.agb_code ?? '', /^\d{8}$/);
      assert.match(p.postcode ?? '', /^[1-9]\d{3} [A-Z]{2}$/);
    }
    const owners = await db()
      .selectFrom('teams')
      .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
      .select('organisations.kind')
      .execute();
    assert.ok(owners.length >= 1);
    assert.ok(owners.every((o) => o.kind !== 'practice'));
  });

  it('creates one account for each role, with the membership the role needs', async () => {
    const users = await db().selectFrom('users').selectAll().orderBy('email').execute();
    assert.deepEqual(users.map((u) => u.role).sort(), [...roles].sort());
    for (const user of users) {
      const kind = membershipKindOf(user.role);
      assert.equal(user.practice_id !== null, kind === 'practice', `${user.role} practice`);
      assert.equal(user.team_id !== null, kind === 'team', `${user.role} team`);
      assert.equal(user.region_id !== null, kind === 'region', `${user.role} region`);
      assert.equal(user.must_change_password, false, user.role);
    }
    assert.deepEqual(
      users.map((u) => u.email),
      demoAccounts.map((a) => a.email).sort(),
    );
  });

  it('the demo accounts sign in with the demo password shown at start-up', async () => {
    const admin = demoAccounts.find((a) => a.role === 'admin')!;
    const result = await signIn(db(), testConfig(), testContext(), { email: admin.email, password: DEMO_PASSWORD });
    assert.equal(result.next, 'totp-setup', 'then two-step verification, like every role');
  });

  it('records everything it creates in an unbroken audit log', async () => {
    const verdict = await verifyAuditChain(db());
    assert.equal(verdict.ok, true);
    assert.ok(verdict.checked >= 14 + 6);
  });

  it('a second run finds the demo data present and changes nothing', async () => {
    const before = await counts();
    assert.equal(await seedDemo(db(), testContext()), 'already-present');
    assert.deepEqual(await counts(), before);
  });
});
