import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../test/support/databases.ts';
import { auditEntries, createTenant, createTestUser } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import type { MailAttachment } from '../platform/db/schema.ts';
import { dutchDate } from '../referrals/labels.ts';
import { insertReferralWorld, type ReferralWorld } from '../referrals/test-fixture.ts';

forEachDatabase('network events', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;
  let eventPath: string;

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
  });

  test('the coordinator organises a network meeting: the region’s practices and teams get an invitation mail with an iCalendar attachment', async () => {
    const coordinator = await signedInBrowser(app, db(), w.users.regionCoordinator);
    const refused = await coordinator.post('/bijeenkomsten', {
      kind: 'network_meeting',
      title: 'Netwerk Twente',
      date: dutchDate(addDaysIso(amsterdamToday(), 10)),
      starts: '16:00',
      ends: '15:00',
      place: 'Stadhuis',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.html, /De eindtijd ligt na de begintijd\./);
    assert.match(refused.html, /Kies wie u uitnodigt\./);
    const created = await coordinator.post('/bijeenkomsten', {
      kind: 'network_meeting',
      title: 'Netwerk Twente',
      description: 'Kennismaken met de wijkteams.',
      date: dutchDate(addDaysIso(amsterdamToday(), 10)),
      starts: '15:30',
      ends: '17:00',
      place: 'Stadhuis Hengelo',
      capacity: '2',
      invite_practices: 'ja',
      invite_teams: 'ja',
    });
    assert.equal(created.status, 303);
    eventPath = created.location!.split('?')[0]!;
    const eventId = eventPath.split('/').pop()!;
    const mails = await db().selectFrom('outbox_mail').selectAll().where('dedupe_key', 'like', `event-invitation:${eventId}:%`).execute();
    const to = mails.map((m) => m.to_address).sort();
    for (const user of [w.users.staffA, w.users.adminA, w.users.staffB, w.users.noordMember, w.users.noordAdmin, w.users.hengeloMember])
      assert.ok(to.includes(user.email), `${user.email} is invited`);
    for (const user of [w.users.regionCoordinator, w.users.admin]) assert.ok(!to.includes(user.email), `${user.email} is not`);
    const mail = mails[0]!;
    assert.match(mail.subject, /^Uitnodiging: Netwerk Twente/);
    assert.match(mail.body_text, new RegExp(`/bijeenkomsten/${eventId}`));
    const [ics] = mail.attachments as MailAttachment[];
    assert.equal(ics?.filename, 'uitnodiging.ics');
    assert.match(ics!.contentType, /^text\/calendar/);
    assert.match(ics!.content, /BEGIN:VEVENT/);
    assert.match(ics!.content, /METHOD:PUBLISH/);
    assert.match(ics!.content, /SUMMARY:Netwerkbijeenkomst: Netwerk Twente/);
    assert.match(ics!.content, /LOCATION:Stadhuis Hengelo/);
    assert.equal((await auditEntries(db(), 'event.created')).filter((e) => e.subject_id === eventId).length, 1);
  });

  test('people of the region sign up until the event is full; signing off frees the place; another region does not see it', async () => {
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    assert.equal((await staff.post(`${eventPath}/aanmelden`, {})).status, 303);
    assert.equal((await staff.post(`${eventPath}/aanmelden`, {})).status, 303, 'signing up twice is once');
    const member = await signedInBrowser(app, db(), w.users.noordMember);
    assert.equal((await member.post(`${eventPath}/aanmelden`, {})).status, 303);
    const third = await signedInBrowser(app, db(), w.users.hengeloMember);
    const full = await third.post(`${eventPath}/aanmelden`, {});
    assert.equal(full.status, 409);
    assert.match(full.html, /Deze bijeenkomst is vol\./);
    assert.equal((await member.post(`${eventPath}/afmelden`, {})).status, 303);
    assert.equal((await third.post(`${eventPath}/aanmelden`, {})).status, 303, 'the freed place can be taken');
    const page = await staff.get(eventPath);
    assert.match(page.html, /data-testid="event-signups">2 van 2 plaatsen bezet</);
    const list = await staff.get('/bijeenkomsten');
    assert.match(list.html, /Netwerk Twente/);
    assert.match(list.html, /U bent aangemeld/);

    const elsewhere = await createTenant(db());
    const stranger = await createTestUser(db(), elsewhere, 'practice_staff');
    const outsider = await signedInBrowser(app, db(), stranger);
    assert.equal((await outsider.get(eventPath)).status, 404);
    assert.doesNotMatch((await outsider.get('/bijeenkomsten')).html, /Netwerk Twente/);
  });
});
