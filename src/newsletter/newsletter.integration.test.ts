import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../test/support/databases.ts';
import { auditEntries } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { testConfig } from '../platform/config.ts';
import { insertReferralWorld, type ReferralWorld } from '../referrals/test-fixture.ts';
import { unsubscribeToken } from './unsubscribe-token.ts';

forEachDatabase('the region’s newsletter', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;
  let letterPath: string;
  const secret = testConfig().auditKey;

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    const org = (await db().selectFrom('teams').select('organisation_id').where('id', '=', w.noord).executeTakeFirstOrThrow()).organisation_id;
    await db().insertInto('services').values({ organisation_id: org, name: 'Geldcafé Hengelo', updated_at: new Date() }).execute();
    await db()
      .insertInto('network_events')
      .values({
        region_id: w.regionId,
        kind: 'district_safari',
        title: 'Wijksafari Hengelo-Noord',
        starts_at: new Date(Date.now() + 10 * 86_400_000),
        ends_at: new Date(Date.now() + 10 * 86_400_000 + 3_600_000),
        place: 'Wijkcentrum',
      })
      .execute();
  });

  test('the coordinator composes a draft from what changed, edits it; nobody else sees the draft', async () => {
    const coordinator = await signedInBrowser(app, db(), w.users.regionCoordinator);
    const composed = await coordinator.post('/nieuwsbrief', {});
    assert.equal(composed.status, 303);
    letterPath = composed.location!.split('?')[0]!;
    const draft = await coordinator.follow(composed);
    assert.match(draft.html, /Geldcafé Hengelo/, 'the new service');
    assert.match(draft.html, /Wijksafari: Wijksafari Hengelo-Noord/, 'the coming event');
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    assert.equal((await staff.get(letterPath)).status, 404, 'a draft is the coordinator’s');
    const empty = await coordinator.post(letterPath, { title: 'Nieuwsbrief', body: '' });
    assert.equal(empty.status, 422);
    assert.match(empty.html, /De nieuwsbrief heeft tekst nodig\./);
    const saved = await coordinator.post(letterPath, {
      title: 'Nieuwsbrief Twente, december',
      body: 'Welkom aan de nieuwe collega’s.\n\nGeldcafé Hengelo is open.',
    });
    assert.equal(saved.status, 303);
  });

  test('sending goes through the outbox to everyone in the region who did not unsubscribe, each with a one-click unsubscribe address (RFC 8058)', async () => {
    const staffB = await signedInBrowser(app, db(), w.users.staffB);
    assert.equal((await staffB.post('/nieuwsbrief/abonnement', { subscribed: 'nee' })).status, 303);
    const coordinator = await signedInBrowser(app, db(), w.users.regionCoordinator);
    assert.equal((await coordinator.post(`${letterPath}/versturen`, {})).status, 303);
    assert.equal((await coordinator.post(`${letterPath}/versturen`, {})).status, 409, 'sent once');
    const id = letterPath.split('/').pop()!;
    const mails = await db().selectFrom('outbox_mail').selectAll().where('dedupe_key', 'like', `newsletter:${id}:%`).execute();
    const to = mails.map((m) => m.to_address);
    for (const user of [w.users.staffA, w.users.adminA, w.users.noordMember, w.users.hengeloMember, w.users.regionCoordinator])
      assert.ok(to.includes(user.email), `${user.email} receives it`);
    assert.ok(!to.includes(w.users.staffB.email), 'not who unsubscribed');
    assert.ok(!to.includes(w.users.admin.email), 'not the administrator');
    const mail = mails.find((m) => m.to_address === w.users.staffA.email)!;
    assert.equal(mail.subject, 'Nieuwsbrief Twente, december');
    const link = `/nieuwsbrief/afmelden/${unsubscribeToken(secret, w.users.staffA.id)}`;
    assert.ok(mail.headers?.['List-Unsubscribe']?.endsWith(`${link}>`), 'the List-Unsubscribe header names the signed address');
    assert.equal(mail.headers?.['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.ok(mail.body_text.includes(link), 'and so does the text');
    assert.equal((await auditEntries(db(), 'newsletter.sent')).filter((e) => e.subject_id === id).length, 1);

    const staff = await signedInBrowser(app, db(), w.users.staffA);
    const archive = await staff.get('/nieuwsbrief');
    assert.match(archive.html, /Nieuwsbrief Twente, december/);
    assert.match((await staff.get(letterPath)).html, /Geldcafé Hengelo is open\./);
  });

  test('the one-click unsubscribe works without a session or form token, only with a valid signed address', async () => {
    const token = unsubscribeToken(secret, w.users.noordMember.id);
    const oneClick = await app.request(`http://localhost/nieuwsbrief/afmelden/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(oneClick.status, 200);
    assert.match(await oneClick.text(), /U bent afgemeld\./);
    assert.ok(await db().selectFrom('newsletter_unsubscribes').select('user_id').where('user_id', '=', w.users.noordMember.id).executeTakeFirst());
    const forged = await app.request(`http://localhost/nieuwsbrief/afmelden/${w.users.hengeloMember.id}.${token.split('.')[1]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(forged.status, 404);
    assert.equal((await app.request(`http://localhost/nieuwsbrief/afmelden/${token}`)).status, 200, 'the link in the text opens a page to confirm');
    const member = await signedInBrowser(app, db(), w.users.noordMember);
    assert.equal((await member.post('/nieuwsbrief/abonnement', { subscribed: 'ja' })).status, 303);
    assert.equal(
      await db().selectFrom('newsletter_unsubscribes').select('user_id').where('user_id', '=', w.users.noordMember.id).executeTakeFirst(),
      undefined,
    );
  });
});
