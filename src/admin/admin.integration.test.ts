import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actorOf, forEachDatabase, testContext } from '../../test/support/databases.ts';
import {
  appError,
  auditEntries,
  createTenant,
  createTestUser,
  freshIp,
  nextAgbCode,
  nextCbsCode,
  TEST_PASSWORD,
  type Tenant,
} from '../../test/support/fixtures.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import { createSession, loadSession } from '../platform/auth/sessions.ts';
import { signIn } from '../account/sign-in.ts';
import { testConfig } from '../platform/config.ts';
import type { RequestContext } from '../platform/context.ts';
import type { User } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { validateValues } from '../platform/http/forms.ts';
import { translator } from '../platform/i18n.ts';
import { createOrganisation, organisationSchema, updateOrganisation, type OrganisationInput } from './organisations.ts';
import { createTeam, updateTeam } from './teams.ts';
import { createUser, listUsers, resetPassword, setUserDisabled, updateUser, userSchema, type UserInput } from './users.ts';

const t = translator('nl');
/** The password step alone: every role's second factor is tested in account/sign-in.integration.test.ts. */
const config = testConfig({ totpRequired: false });

/** Input as the admin pages produce it: a posted form that passed the schema. */
function parsed<T>(result: { ok: true; data: T } | { ok: false; errors: Record<string, string> }): T {
  if (!result.ok) throw new Error(`test input is invalid: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** Postgres error code of a failed statement (both drivers expose it as `code`). */
const sqlState = (state: string) => (err: unknown) => !(err instanceof AppError) && (err as { code?: string }).code === state;

forEachDatabase('administration', (db) => {
  let tenant: Tenant;
  let admin: User;
  let ctx: RequestContext;

  before(async () => {
    tenant = await createTenant(db());
    admin = await createTestUser(db(), tenant, 'admin');
    ctx = testContext({ actor: actorOf(admin), ip: '198.51.100.20' });
  });

  const organisationInput = (values: Record<string, string>): OrganisationInput =>
    parsed(validateValues(organisationSchema(t), { kind: 'social', name: 'Stichting Test', region_id: tenant.regionId, ...values }));
  const userInput = (values: Record<string, string>): UserInput => parsed(validateValues(userSchema(t), { name: 'Test Gebruiker', ...values }));
  const countRows = async (table: 'organisations' | 'teams' | 'users' | 'audit_log') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const sessionCount = async (userId: string) => (await db().selectFrom('sessions').select('token_hash').where('user_id', '=', userId).execute()).length;
  const auditFor = async (action: string, subjectId: string) => (await auditEntries(db(), action)).filter((e) => e.subject_id === subjectId);

  describe('organisations', () => {
    it('a new organisation is stored and the audit log names the administrator who made it', async () => {
      const cbs = nextCbsCode();
      const org = await createOrganisation(
        db(),
        ctx,
        organisationInput({ kind: 'municipality', name: 'Gemeente Proefdorp', cbs_code: cbs.toLowerCase(), postcode: '7511ab' }),
      );
      assert.equal(org.cbs_code, cbs);
      assert.equal(org.postcode, '7511 AB');
      const [entry] = await auditFor('admin.organisation_created', org.id);
      assert.equal(entry?.actor_user_id, admin.id);
      assert.equal(entry?.actor_role, 'admin');
      assert.deepEqual(entry?.details, { kind: 'municipality' });
    });

    it('a second municipality with the same CBS code is refused as duplicate_code, and nothing is written', async () => {
      const cbs = nextCbsCode();
      await createOrganisation(db(), ctx, organisationInput({ kind: 'municipality', name: 'Gemeente Een', cbs_code: cbs }));
      const [orgs, audits] = [await countRows('organisations'), await countRows('audit_log')];
      await assert.rejects(
        createOrganisation(db(), ctx, organisationInput({ kind: 'municipality', name: 'Gemeente Twee', cbs_code: cbs })),
        appError('duplicate_code', 409),
      );
      assert.deepEqual([await countRows('organisations'), await countRows('audit_log')], [orgs, audits]);
    });

    it('a second GP practice with the same AGB code is refused as duplicate_code', async () => {
      const agb = nextAgbCode();
      const practice = (name: string) =>
        organisationInput({ kind: 'practice', name, agb_code: agb, street: 'Markt', house_number: '1', postcode: '7511 AA', city: 'Enschede' });
      await createOrganisation(db(), ctx, practice('Praktijk Een'));
      await assert.rejects(createOrganisation(db(), ctx, practice('Praktijk Twee')), appError('duplicate_code', 409));
    });

    it('the database itself refuses a municipality without a CBS code or a practice without an AGB code', async () => {
      const raw = organisationInput({});
      await assert.rejects(createOrganisation(db(), ctx, { ...raw, kind: 'municipality' }), sqlState('23514'));
      await assert.rejects(createOrganisation(db(), ctx, { ...raw, kind: 'practice' }), sqlState('23514'));
    });

    it('an update is audited with the names of the fields that changed', async () => {
      const org = await createOrganisation(db(), ctx, organisationInput({ name: 'Schuldhulp Oost' }));
      await updateOrganisation(db(), ctx, org.id, organisationInput({ name: 'Schuldhulp Oost-Twente', phone: '053 000 0001' }));
      const [entry] = await auditFor('admin.organisation_updated', org.id);
      assert.deepEqual(entry?.details, { changed: ['name', 'phone'] });
    });

    it('the kind of an organisation cannot be changed', async () => {
      const org = await createOrganisation(db(), ctx, organisationInput({ name: 'Vrijwilligers Centrum' }));
      await assert.rejects(
        updateOrganisation(db(), ctx, org.id, organisationInput({ kind: 'municipality', cbs_code: nextCbsCode() })),
        appError('kind_fixed', 422),
      );
    });

    it('taking over the CBS code of another municipality is refused as duplicate_code', async () => {
      const taken = nextCbsCode();
      await createOrganisation(db(), ctx, organisationInput({ kind: 'municipality', name: 'Gemeente A', cbs_code: taken }));
      const other = await createOrganisation(db(), ctx, organisationInput({ kind: 'municipality', name: 'Gemeente B', cbs_code: nextCbsCode() }));
      await assert.rejects(
        updateOrganisation(db(), ctx, other.id, organisationInput({ kind: 'municipality', name: 'Gemeente B', cbs_code: taken })),
        appError('duplicate_code', 409),
      );
    });

    it('updating an organisation that does not exist answers not_found', async () => {
      await assert.rejects(updateOrganisation(db(), ctx, '00000000-0000-4000-8000-000000000000', organisationInput({})), appError('not_found', 404));
    });
  });

  describe('teams', () => {
    const teamInput = (organisationId: string, name: string) => ({ organisation_id: organisationId, name, phone: null, email: null });

    it('a team is created under a municipality and audited', async () => {
      const team = await createTeam(db(), ctx, teamInput(tenant.municipalityId, 'Schuldhulp Proefdorp'));
      assert.equal((await auditFor('admin.team_created', team.id)).length, 1);
    });

    it('a team under a GP practice is refused: a practice refers patients, it does not receive them', async () => {
      const teams = await countRows('teams');
      await assert.rejects(createTeam(db(), ctx, teamInput(tenant.practiceId, 'Praktijkteam')), appError('team_owner_kind', 422));
      assert.equal(await countRows('teams'), teams);
    });

    it('an existing team cannot be moved under a GP practice either', async () => {
      const team = await createTeam(db(), ctx, teamInput(tenant.municipalityId, 'Wijkteam Verhuis'));
      await assert.rejects(updateTeam(db(), ctx, team.id, teamInput(tenant.practiceId, 'Wijkteam Verhuis')), appError('team_owner_kind', 422));
    });

    it('one organisation cannot have two teams with the same name, but another organisation can', async () => {
      await createTeam(db(), ctx, teamInput(tenant.municipalityId, 'Sociaal Team'));
      await assert.rejects(createTeam(db(), ctx, teamInput(tenant.municipalityId, 'Sociaal Team')), appError('duplicate_team', 409));
      const social = await createOrganisation(db(), ctx, organisationInput({ name: 'Stichting Ander' }));
      await createTeam(db(), ctx, teamInput(social.id, 'Sociaal Team'));
    });

    it('a team under an organisation that does not exist answers not_found', async () => {
      await assert.rejects(createTeam(db(), ctx, teamInput('00000000-0000-4000-8000-000000000000', 'Nergens')), appError('not_found', 404));
    });
  });

  describe('users', () => {
    it('a new user gets a temporary password, which signs in and must then be changed', async () => {
      const input = userInput({ email: 'Nieuwe.Aanjager@Test.KorteLijn.nl', role: 'region_coordinator', region_id: tenant.regionId });
      const { id, temporaryPassword } = await createUser(db(), ctx, input);
      assert.match(temporaryPassword ?? '', /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      const row = await db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.email, 'nieuwe.aanjager@test.kortelijn.nl');
      assert.equal(row.must_change_password, true);
      assert.notEqual(row.password_hash, temporaryPassword);
      assert.deepEqual((await auditFor('admin.user_created', id))[0]?.details, { role: 'region_coordinator' });
      const result = await signIn(db(), config, testContext({ ip: freshIp() }), { email: input.email, password: temporaryPassword! });
      assert.equal(result.next, 'change-password');
    });

    it('a user created with a chosen password (command line, demo) does not have to change it', async () => {
      const { id, temporaryPassword } = await createUser(
        db(),
        ctx,
        userInput({ email: `cli-${Date.now()}@test.kortelijn.nl`, role: 'admin' }),
        'a-long-chosen-password',
      );
      assert.equal(temporaryPassword, null);
      const row = await db().selectFrom('users').select('must_change_password').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.must_change_password, false);
    });

    it('a chosen password shorter than 12 characters is refused', async () => {
      await assert.rejects(createUser(db(), ctx, userInput({ email: 'kort@test.kortelijn.nl', role: 'admin' }), 'short-pass'), appError('weak_password', 422));
    });

    it('a second user with the same e-mail address is refused as duplicate_email', async () => {
      const users = await countRows('users');
      await assert.rejects(createUser(db(), ctx, userInput({ email: admin.email.toUpperCase(), role: 'admin' })), appError('duplicate_email', 409));
      assert.equal(await countRows('users'), users);
    });

    it('a practice role must belong to a GP practice that exists', async () => {
      await assert.rejects(
        createUser(db(), ctx, userInput({ email: 'verkeerd@test.kortelijn.nl', role: 'practice_staff', practice_id: tenant.municipalityId })),
        appError('wrong_membership', 422),
      );
      await assert.rejects(
        createUser(db(), ctx, userInput({ email: 'weg@test.kortelijn.nl', role: 'team_member', team_id: '00000000-0000-4000-8000-000000000000' })),
        appError('wrong_membership', 422),
      );
    });

    it('the database itself refuses a membership that does not match the role', async () => {
      const base = { name: 'X', password_hash: 'x', updated_at: new Date() };
      await assert.rejects(
        db()
          .insertInto('users')
          .values({ ...base, email: 'mismatch-1@test.kortelijn.nl', role: 'practice_staff', practice_id: null, team_id: tenant.teamId, region_id: null })
          .execute(),
        sqlState('23514'),
      );
      await assert.rejects(
        db()
          .insertInto('users')
          .values({ ...base, email: 'mismatch-2@test.kortelijn.nl', role: 'admin', practice_id: tenant.practiceId, team_id: null, region_id: null })
          .execute(),
        sqlState('23514'),
      );
    });

    it("a change of role ends the user's sessions at once, so the new rights apply", async () => {
      const user = await createTestUser(db(), tenant, 'practice_staff');
      const token = await createSession(db(), { userId: user.id, mfaPassed: true, ip: '192.0.2.70', hours: 10 });
      await updateUser(db(), ctx, user.id, userInput({ email: user.email, name: user.name, role: 'practice_admin', practice_id: tenant.practiceId }));
      assert.equal(await loadSession(db(), token), null);
      assert.equal((await db().selectFrom('users').select('role').where('id', '=', user.id).executeTakeFirstOrThrow()).role, 'practice_admin');
      assert.deepEqual((await auditFor('admin.user_updated', user.id))[0]?.details, { role: 'practice_admin', scopeChanged: true });
    });

    it("a move to another team ends the user's sessions too", async () => {
      const user = await createTestUser(db(), tenant, 'team_member');
      const otherTeam = await createTeam(db(), ctx, {
        organisation_id: tenant.municipalityId,
        name: `Team Verhuis ${user.id.slice(0, 8)}`,
        phone: null,
        email: null,
      });
      await createSession(db(), { userId: user.id, mfaPassed: true, ip: '192.0.2.71', hours: 10 });
      await updateUser(db(), ctx, user.id, userInput({ email: user.email, name: user.name, role: 'team_member', team_id: otherTeam.id }));
      assert.equal(await sessionCount(user.id), 0);
    });

    it("a change of name only keeps the user's sessions", async () => {
      const user = await createTestUser(db(), tenant, 'practice_staff');
      await createSession(db(), { userId: user.id, mfaPassed: true, ip: '192.0.2.72', hours: 10 });
      await updateUser(db(), ctx, user.id, userInput({ email: user.email, name: 'Nieuwe Naam', role: 'practice_staff', practice_id: tenant.practiceId }));
      assert.equal(await sessionCount(user.id), 1);
      assert.deepEqual((await auditFor('admin.user_updated', user.id))[0]?.details, { role: 'practice_staff', scopeChanged: false });
    });

    it('changing the e-mail address to one in use is refused as duplicate_email', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      await assert.rejects(updateUser(db(), ctx, user.id, userInput({ email: admin.email, role: 'admin' })), appError('duplicate_email', 409));
    });

    it('a password reset hands out a temporary password, ends all sessions and clears the sign-in lock', async () => {
      const user = await createTestUser(db(), tenant, 'region_coordinator');
      await createSession(db(), { userId: user.id, mfaPassed: true, ip: '192.0.2.73', hours: 10 });
      await db()
        .insertInto('login_failures')
        .values(Array.from({ length: 5 }, () => ({ email: user.email, ip: '192.0.2.73', at: new Date() })))
        .execute();

      const temporaryPassword = await resetPassword(db(), ctx, user.id, { resetTotp: false });

      const row = await db().selectFrom('users').select('must_change_password').where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.equal(row.must_change_password, true);
      assert.equal(await sessionCount(user.id), 0);
      assert.equal((await db().selectFrom('login_failures').select('id').where('email', '=', user.email).execute()).length, 0);
      assert.deepEqual((await auditFor('admin.password_reset', user.id))[0]?.details, { resetTotp: false });
      const ip = freshIp();
      await assert.rejects(signIn(db(), config, testContext({ ip }), { email: user.email, password: TEST_PASSWORD }), appError('wrong_credentials', 401));
      assert.equal((await signIn(db(), config, testContext({ ip }), { email: user.email, password: temporaryPassword })).next, 'change-password');
    });

    it('a password reset can also clear two-step verification and its recovery codes, for a lost phone', async () => {
      const user = await createTestUser(db(), tenant, 'team_member');
      await db()
        .updateTable('users')
        .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enrolled_at: new Date(), totp_last_step: '1' })
        .where('id', '=', user.id)
        .execute();
      await db()
        .insertInto('recovery_codes')
        .values({ user_id: user.id, code_hash: 'f'.repeat(64) })
        .execute();
      await resetPassword(db(), ctx, user.id, { resetTotp: true });
      assert.equal(
        (await db().selectFrom('recovery_codes').select('id').where('user_id', '=', user.id).execute()).length,
        0,
        'the old recovery codes are gone',
      );
      const row = await db()
        .selectFrom('users')
        .select(['totp_secret', 'totp_enrolled_at', 'totp_last_step'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { totp_secret: null, totp_enrolled_at: null, totp_last_step: null });
    });

    it('resetting the password of a user who does not exist answers not_found and writes nothing', async () => {
      const audits = await countRows('audit_log');
      await assert.rejects(resetPassword(db(), ctx, '00000000-0000-4000-8000-000000000000', { resetTotp: false }), appError('not_found', 404));
      assert.equal(await countRows('audit_log'), audits);
    });

    it('blocking a user ends their sessions and is audited; unblocking lets them sign in again', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      await createSession(db(), { userId: user.id, mfaPassed: true, ip: '192.0.2.74', hours: 10 });
      await setUserDisabled(db(), ctx, user.id, true);
      assert.equal(await sessionCount(user.id), 0);
      assert.equal((await auditFor('admin.user_disabled', user.id)).length, 1);
      await assert.rejects(
        signIn(db(), config, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD }),
        appError('wrong_credentials', 401),
      );
      await setUserDisabled(db(), ctx, user.id, false);
      assert.equal((await auditFor('admin.user_enabled', user.id)).length, 1);
      assert.equal((await signIn(db(), config, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD })).next, 'home');
    });

    it('administrators cannot block their own account', async () => {
      await assert.rejects(setUserDisabled(db(), ctx, admin.id, true), appError('self_disable', 422));
    });

    it('searching users treats % and _ as ordinary characters', async () => {
      const user = await createTestUser(db(), tenant, 'admin', { name: 'Anna 100% Jansen' });
      assert.deepEqual(
        (await listUsers(db(), { search: '100%' })).map((u) => u.id),
        [user.id],
      );
      assert.deepEqual(
        (await listUsers(db(), { search: '%' })).map((u) => u.id),
        [user.id],
      );
      assert.deepEqual(await listUsers(db(), { search: 'Anna_100' }), []);
    });

    it("the user list filtered by practice shows only that practice's users, with its name", async () => {
      const other = await createTenant(db());
      const mine = await createTestUser(db(), other, 'practice_staff');
      const rows = await listUsers(db(), { practiceId: other.practiceId });
      assert.deepEqual(
        rows.map((r) => r.id),
        [mine.id],
      );
      assert.match(rows[0]!.membership_name ?? '', /^Huisartsenpraktijk /);
    });
  });

  it("every administrative change above is in the audit log under the administrator's name, in an unbroken chain", async () => {
    const entries = await db().selectFrom('audit_log').select(['action', 'actor_user_id']).where('action', 'like', 'admin.%').execute();
    const actions = new Set(entries.map((e) => e.action));
    for (const action of [
      'admin.organisation_created',
      'admin.organisation_updated',
      'admin.team_created',
      'admin.user_created',
      'admin.user_updated',
      'admin.password_reset',
      'admin.user_disabled',
      'admin.user_enabled',
    ]) {
      assert.ok(actions.has(action), action);
    }
    assert.ok(entries.every((e) => e.actor_user_id === admin.id));
    assert.equal((await verifyAuditChain(db())).ok, true);
  });
});
