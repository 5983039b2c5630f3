import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../test/support/databases.ts';
import { auditEntries, createTenant, createTestUser, type Tenant } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import type { User } from '../platform/db/schema.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { INVITATION_SUBJECT } from './users.ts';

forEachDatabase('colleagues looked after by their own manager', (db) => {
  let app: Hono<AppEnv>;
  let tenant: Tenant;
  let other: Tenant;
  let manager: User;
  let coordinator: User;
  let otherCoordinator: User;

  before(async () => {
    tenant = await createTenant(db());
    other = await createTenant(db());
    manager = await createTestUser(db(), tenant, 'practice_admin');
    coordinator = await createTestUser(db(), tenant, 'team_admin');
    otherCoordinator = await createTestUser(db(), other, 'team_admin');
    app = testApp(db()).app;
  });

  const mailsTo = (email: string) => db().selectFrom('outbox_mail').select(['subject', 'body_text']).where('to_address', '=', email).execute();
  const userByEmail = (email: string) =>
    db()
      .selectFrom('users')
      .select(['id', 'role', 'practice_id', 'team_id', 'disabled_at', 'must_change_password'])
      .where('email', '=', email)
      .executeTakeFirst();

  describe('adding', () => {
    it('a practice manager adds a colleague to their own practice: an account, an invitation mail without the password, and an audit entry', async () => {
      const browser = await signedInBrowser(app, db(), manager);
      const start = await browser.get('/mijn-organisatie');
      assert.equal(start.location, `/praktijken/${tenant.practiceId}/medewerkers`);
      const list = await browser.get(start.location!);
      assert.match(list.html, new RegExp(`href="/praktijken/${tenant.practiceId}/medewerkers/nieuw"`));
      const form = await browser.get(`/praktijken/${tenant.practiceId}/medewerkers/nieuw`);
      assert.equal(form.status, 200);
      assert.match(form.html, /name="_csrf"/);
      const added = await browser.post(`/praktijken/${tenant.practiceId}/medewerkers`, {
        name: 'Nieuwe Assistent',
        email: 'Nieuwe.Assistent@praktijk.test',
        role: 'practice_staff',
      });
      assert.equal(added.status, 201);
      const password = /data-testid="temporary-password">([^<]+)</.exec(added.html)?.[1];
      assert.ok(password, 'the temporary password is shown once to the manager');

      const user = await userByEmail('nieuwe.assistent@praktijk.test');
      assert.equal(user?.role, 'practice_staff');
      assert.equal(user?.practice_id, tenant.practiceId);
      assert.equal(user?.must_change_password, true);
      const mails = await mailsTo('nieuwe.assistent@praktijk.test');
      assert.equal(mails.length, 1);
      assert.equal(mails[0]?.subject, INVITATION_SUBJECT);
      assert.match(mails[0]!.body_text, /\/inloggen/);
      assert.ok(!mails[0]!.body_text.includes(password), 'the password never goes by mail');
      const [entry] = (await auditEntries(db(), 'admin.user_created')).filter((e) => e.subject_id === user!.id);
      assert.equal(entry?.actor_user_id, manager.id);
      assert.equal(entry?.actor_role, 'practice_admin');
    });

    it('a practice manager can only give the roles of a practice, never a team role or administrator', async () => {
      const browser = await signedInBrowser(app, db(), manager);
      for (const role of ['admin', 'team_member', 'region_coordinator']) {
        const res = await browser.post(`/praktijken/${tenant.practiceId}/medewerkers`, {
          name: 'Te Veel Rechten',
          email: `te-veel-${role}@praktijk.test`,
          role,
        });
        assert.equal(res.status, 422, role);
        assert.match(res.html, /Kies een rol\./);
        assert.equal(await userByEmail(`te-veel-${role}@praktijk.test`), undefined);
      }
    });

    it('a form without the CSRF token adds no one', async () => {
      const browser = await signedInBrowser(app, db(), coordinator);
      const res = await browser.post(
        `/teams/${tenant.teamId}/medewerkers`,
        { name: 'Zonder Token', email: 'zonder-token@team.test', role: 'team_member' },
        { csrf: null },
      );
      assert.equal(res.status, 403);
      assert.equal(await userByEmail('zonder-token@team.test'), undefined);
    });

    it('a team coordinator cannot add someone to another team', async () => {
      const browser = await signedInBrowser(app, db(), otherCoordinator);
      const res = await browser.post(`/teams/${tenant.teamId}/medewerkers`, { name: 'Indringer', email: 'indringer@team.test', role: 'team_member' });
      assert.equal(res.status, 404);
      assert.equal(await userByEmail('indringer@team.test'), undefined);
    });
  });

  describe('blocking and inviting again', () => {
    it('a team coordinator blocks a colleague (who is signed out) and unblocks them again, both audited', async () => {
      const member = await createTestUser(db(), tenant, 'team_member');
      const memberBrowser = await signedInBrowser(app, db(), member);
      const browser = await signedInBrowser(app, db(), coordinator);
      const blocked = await browser.post(`/teams/${tenant.teamId}/medewerkers/blokkeren`, { user_id: member.id });
      assert.equal(blocked.status, 303);
      assert.equal(blocked.location, `/teams/${tenant.teamId}/medewerkers?melding=geblokkeerd`);
      assert.ok((await userByEmail(member.email))?.disabled_at);
      assert.notEqual((await memberBrowser.get('/')).status, 200, 'the blocked colleague is signed out');
      const page = await browser.follow(blocked);
      assert.match(page.html, /Het account is geblokkeerd/);
      assert.match(page.html, /Account deblokkeren/);

      const unblocked = await browser.post(`/teams/${tenant.teamId}/medewerkers/deblokkeren`, { user_id: member.id });
      assert.equal(unblocked.status, 303);
      assert.equal((await userByEmail(member.email))?.disabled_at, null);
      const actions = [...(await auditEntries(db(), 'admin.user_disabled')), ...(await auditEntries(db(), 'admin.user_enabled'))].filter(
        (e) => e.subject_id === member.id,
      );
      assert.deepEqual(
        actions.map((e) => [e.action, e.actor_user_id]),
        [
          ['admin.user_disabled', coordinator.id],
          ['admin.user_enabled', coordinator.id],
        ],
      );
    });

    it('a coordinator cannot block someone outside their own team, even through their own team address', async () => {
      const stranger = await createTestUser(db(), other, 'team_member');
      const practiceUser = await createTestUser(db(), tenant, 'practice_staff');
      const browser = await signedInBrowser(app, db(), coordinator);
      for (const target of [stranger, practiceUser]) {
        const res = await browser.post(`/teams/${tenant.teamId}/medewerkers/blokkeren`, { user_id: target.id });
        assert.equal(res.status, 404);
        assert.equal((await userByEmail(target.email))?.disabled_at, null);
      }
      assert.equal((await browser.post(`/teams/${tenant.teamId}/medewerkers/blokkeren`, { user_id: 'geen-id' })).status, 404);
    });

    it('a coordinator cannot block their own account', async () => {
      const browser = await signedInBrowser(app, db(), coordinator);
      const res = await browser.post(`/teams/${tenant.teamId}/medewerkers/blokkeren`, { user_id: coordinator.id });
      assert.equal(res.status, 422);
      assert.match(res.html, /U kunt uw eigen account niet blokkeren\./);
    });

    it('inviting again gives a new temporary password, ends old sessions and sends the invitation again; a blocked colleague is not re-invited', async () => {
      const member = await createTestUser(db(), tenant, 'team_member', { email: 'opnieuw@team.test' });
      const memberBrowser = await signedInBrowser(app, db(), member);
      const browser = await signedInBrowser(app, db(), coordinator);
      const res = await browser.post(`/teams/${tenant.teamId}/medewerkers/opnieuw-uitnodigen`, { user_id: member.id });
      assert.equal(res.status, 200);
      assert.match(res.html, /data-testid="temporary-password"/);
      assert.equal((await userByEmail('opnieuw@team.test'))?.must_change_password, true);
      assert.notEqual((await memberBrowser.get('/')).status, 200);
      assert.equal((await mailsTo('opnieuw@team.test')).length, 1);
      const [entry] = (await auditEntries(db(), 'admin.user_reinvited')).filter((e) => e.subject_id === member.id);
      assert.equal(entry?.actor_user_id, coordinator.id);

      await browser.post(`/teams/${tenant.teamId}/medewerkers/blokkeren`, { user_id: member.id });
      const refused = await browser.post(`/teams/${tenant.teamId}/medewerkers/opnieuw-uitnodigen`, { user_id: member.id });
      assert.equal(refused.status, 422);
      assert.match(refused.html, /Dit account is geblokkeerd/);
      assert.equal((await mailsTo('opnieuw@team.test')).length, 1);
    });
  });
});
