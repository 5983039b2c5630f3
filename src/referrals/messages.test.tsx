import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { actorOf, forEachDatabase, testContext } from '../../test/support/databases.ts';
import { appError, createTenant, createTestUser, type Tenant } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import type { Database } from '../platform/db/database.ts';
import type { User } from '../platform/db/schema.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { translator } from '../platform/i18n.ts';
import { viewContext } from '../platform/ui/view.ts';
import { withdrawConsent } from './withdraw-consent.ts';
import { insertReferral, signedInBrowser } from '../../test/support/referral-rows.ts';
import { addReferralMessage } from './add-message.ts';
import { openReferral } from './open-referral.ts';
import { referralMessageSchema } from './message-schema.ts';
import { ReferralThread } from '../messages/thread.tsx';

const BASE_URL = 'https://kortelijn.test';

async function notified(db: Database, referralId: string) {
  return (await db.selectFrom('notifications').select(['user_id', 'kind']).where('referral_id', '=', referralId).execute())
    .map((n) => `${n.kind}:${n.user_id}`)
    .sort();
}

forEachDatabase('referral message thread', (db) => {
  let tenant: Tenant;
  let other: Tenant;
  let staff: User;
  let colleague: User;
  let member: User;
  let member2: User;
  let otherStaff: User;
  let otherMember: User;
  let app: Hono<AppEnv>;

  before(async () => {
    tenant = await createTenant(db());
    other = await createTenant(db());
    staff = await createTestUser(db(), tenant, 'practice_staff', { name: 'Huisarts Bakker' });
    colleague = await createTestUser(db(), tenant, 'practice_staff');
    member = await createTestUser(db(), tenant, 'team_member', { name: 'Consulent Smit' });
    member2 = await createTestUser(db(), tenant, 'team_admin');
    otherStaff = await createTestUser(db(), other, 'practice_staff');
    otherMember = await createTestUser(db(), other, 'team_member');
    app = testApp(db()).app;
  });

  const newReferral = (overrides: { assigned_to?: string } = {}) =>
    insertReferral(db(), { practiceId: tenant.practiceId, teamId: tenant.teamId, ...overrides });
  // The thread as the referral page shows it to this user.
  const threadOf = async (user: User, referralId: string) => (await openReferral(db(), testContext({ actor: actorOf(user) }), referralId, BASE_URL)).thread;
  const write = (user: User, referralId: string, body: string) =>
    addReferralMessage(db(), testContext({ actor: actorOf(user) }), { referralId, body, baseUrl: BASE_URL });

  test('the practice writes as the practice; the whole team is told when nobody is assigned; the message is audited without its text', async () => {
    const id = await newReferral();
    const { id: messageId } = await write(staff, id, 'Mevrouw is het best bereikbaar na 10 uur.');
    const message = await db().selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();
    assert.equal(message.author_side, 'practice');
    assert.equal(message.author_id, staff.id);
    assert.equal(message.referral_id, id);
    assert.deepEqual(await notified(db(), id), [`message_received:${member.id}`, `message_received:${member2.id}`].sort());
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'referral.message_added').where('patient_ref', '=', id).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.subject_id, messageId);
    assert.ok(!JSON.stringify(audit[0]!.details).includes('bereikbaar'), 'the text of the message stays out of the audit log');
  });

  test('when a colleague is assigned, only that colleague is told', async () => {
    const id = await newReferral({ assigned_to: member.id });
    await write(colleague, id, 'Nog een vraag.');
    assert.deepEqual(await notified(db(), id), [`message_received:${member.id}`]);
  });

  test('the holding team writes as the team; the practice is told, the writer is not', async () => {
    const id = await newReferral();
    await write(member, id, 'Ik heb mevrouw gesproken.');
    const message = await db().selectFrom('messages').select('author_side').where('referral_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(message.author_side, 'team');
    assert.deepEqual(await notified(db(), id), [`message_received:${staff.id}`, `message_received:${colleague.id}`].sort());
  });

  test('the thread loads oldest first, with who wrote for which side, and may be written to', async () => {
    const id = await newReferral();
    await write(staff, id, 'Eerste bericht');
    await write(member, id, 'Antwoord van het team');
    const thread = await threadOf(member, id);
    assert.equal(thread.canWrite, true);
    assert.equal(thread.action, `/verwijzingen/${id}/berichten`);
    assert.deepEqual(
      thread.messages.map((m) => [m.side, m.authorName, m.body]),
      [
        ['practice', 'Huisarts Bakker', 'Eerste bericht'],
        ['team', 'Consulent Smit', 'Antwoord van het team'],
      ],
    );
  });

  test('another practice or another team gets 404 for reading and for writing', async () => {
    const id = await newReferral();
    for (const user of [otherStaff, otherMember]) {
      await assert.rejects(threadOf(user, id), appError('not_found', 404));
      await assert.rejects(write(user, id, 'Hallo'), appError('not_found', 404));
    }
  });

  test('a team that forwarded the referral sees no messages and cannot write', async () => {
    const id = await newReferral();
    await write(staff, id, 'Voor het oude team bedoeld');
    await db().insertInto('referral_events').values({ referral_id: id, type: 'forwarded', from_team_id: other.teamId, to_team_id: tenant.teamId }).execute();
    const thread = await threadOf(otherMember, id);
    assert.deepEqual(thread.messages, []);
    assert.equal(thread.canWrite, false);
    await assert.rejects(write(otherMember, id, 'Hallo'), appError('not_found', 404));
  });

  test('after consent withdrawal nobody can write any more, and the thread says why', async () => {
    const id = await newReferral();
    await write(staff, id, 'Bericht');
    await withdrawConsent(db(), testContext({ actor: actorOf(staff) }), { referralId: id, baseUrl: BASE_URL });
    await assert.rejects(write(member, id, 'Nog iets'), appError('thread_closed', 409));
    const thread = await threadOf(member, id);
    assert.equal(thread.canWrite, false);
    assert.match(thread.notice!.nl, /toestemming is ingetrokken/);
    assert.equal(thread.messages[0]!.body, null);
  });

  test('a message may not contain a BSN (a 9-digit number that passes the eleven-test), and may not be empty', () => {
    const schema = referralMessageSchema(translator('nl'));
    const bsn = schema.safeParse({ body: 'Zijn BSN is 123456782' });
    assert.equal(bsn.success, false);
    assert.match(bsn.error!.issues[0]!.message, /lijkt op een BSN/);
    assert.equal(schema.safeParse({ body: '   ' }).success, false);
    assert.equal(schema.safeParse({ body: 'Bel haar op 0612345678' }).success, true);
    assert.equal(schema.safeParse({ body: 'Factuurnummer 123456789 van de energieleverancier' }).success, true);
  });

  test('over HTTP: a posted message is stored and the browser returns to the thread on the referral, where it is confirmed', async () => {
    const id = await newReferral();
    const browser = await signedInBrowser(app, db(), staff);
    const res = await browser.post(`/verwijzingen/${id}/berichten`, { body: 'Via het formulier' });
    assert.equal(res.status, 303);
    assert.equal(res.location, `/verwijzingen/${id}?melding=bericht#bericht-verstuurd`);
    const rows = await db().selectFrom('messages').select('body').where('referral_id', '=', id).execute();
    assert.deepEqual(rows, [{ body: 'Via het formulier' }]);
    const page = (await browser.follow(res)).html;
    // The confirmation stands right above the thread it confirms, where the browser lands.
    const confirmation = page.indexOf('id="bericht-verstuurd"');
    assert.ok(confirmation > 0 && confirmation < page.indexOf('id="berichten"'), 'the confirmation is just above the thread');
    assert.match(page.slice(confirmation, confirmation + 400), /Uw bericht is verstuurd/);
  });

  test('over HTTP: an empty message or one with a BSN comes back with an error summary, the text kept, and nothing stored', async () => {
    const id = await newReferral();
    const browser = await signedInBrowser(app, db(), member);
    const empty = await browser.post(`/verwijzingen/${id}/berichten`, { body: '' });
    assert.equal(empty.status, 422);
    assert.match(empty.html, /id="error-summary"/);
    assert.match(empty.html, /href="#field-body">Schrijf een bericht\./);
    const bsn = await browser.post(`/verwijzingen/${id}/berichten`, { body: 'BSN 123456782' });
    assert.equal(bsn.status, 422);
    assert.match(bsn.html, /Korte Lijn bewaart nooit een BSN/);
    assert.match(bsn.html, />BSN 123456782<\/textarea>/);
    assert.equal((await db().selectFrom('messages').select('id').where('referral_id', '=', id).execute()).length, 0);
  });

  test('the same form sent twice, even at once, stores one message and tells the team once', async () => {
    const id = await newReferral();
    const ctx = testContext({ actor: actorOf(staff) });
    const send = () => addReferralMessage(db(), ctx, { referralId: id, body: 'Dubbel geklikt', form_key: 'form-key-0123456789abc', baseUrl: BASE_URL });
    const [a, b] = await Promise.all([send(), send()]);
    assert.equal(a.id, b.id);
    assert.equal((await send()).id, a.id);
    assert.equal((await db().selectFrom('messages').select('id').where('referral_id', '=', id).execute()).length, 1);
    assert.deepEqual(await notified(db(), id), [`message_received:${member.id}`, `message_received:${member2.id}`].sort());
    // Another form (another key) is another message.
    await addReferralMessage(db(), ctx, { referralId: id, body: 'Nog iets', form_key: 'form-key-abcdefghijklmn', baseUrl: BASE_URL });
    assert.equal((await db().selectFrom('messages').select('id').where('referral_id', '=', id).execute()).length, 2);
    // An old form filled in anew (Back button): same key, new text, so a new message, not lost.
    const anew = await addReferralMessage(db(), ctx, { referralId: id, body: 'Andere tekst', form_key: 'form-key-0123456789abc', baseUrl: BASE_URL });
    assert.notEqual(anew.id, a.id);
    assert.deepEqual(
      (await db().selectFrom('messages').select('body').where('referral_id', '=', id).orderBy('created_at').execute()).map((m) => m.body),
      ['Dubbel geklikt', 'Nog iets', 'Andere tekst'],
    );
    // Same key and text, but on another referral: also a new message.
    const elsewhere = await newReferral();
    await addReferralMessage(db(), ctx, { referralId: elsewhere, body: 'Dubbel geklikt', form_key: 'form-key-0123456789abc', baseUrl: BASE_URL });
    assert.equal((await db().selectFrom('messages').select('id').where('referral_id', '=', elsewhere).execute()).length, 1);
  });

  test('over HTTP: the message form carries a fresh form key, kept when the form comes back with errors', async () => {
    const id = await newReferral();
    const browser = await signedInBrowser(app, db(), staff);
    const page = await browser.get(`/verwijzingen/${id}`);
    const key = /name="form_key" value="([^"]+)"/.exec(page.html)?.[1];
    assert.ok(key && key.length >= 16);
    assert.notEqual(/name="form_key" value="([^"]+)"/.exec((await browser.get(`/verwijzingen/${id}`)).html)?.[1], key);
    const invalid = await browser.post(`/verwijzingen/${id}/berichten`, { body: '', form_key: key });
    assert.match(invalid.html, new RegExp(`name="form_key" value="${key}"`));
    assert.equal((await browser.post(`/verwijzingen/${id}/berichten`, { body: 'Eén keer', form_key: key })).status, 303);
    assert.equal((await browser.post(`/verwijzingen/${id}/berichten`, { body: 'Eén keer', form_key: key })).status, 303);
    assert.equal((await db().selectFrom('messages').select('id').where('referral_id', '=', id).execute()).length, 1);
  });

  test('over HTTP: another team gets 404', async () => {
    const id = await newReferral();
    const browser = await signedInBrowser(app, db(), otherMember);
    assert.equal((await browser.post(`/verwijzingen/${id}/berichten`, { body: 'Hallo' })).status, 404);
  });

  test('ReferralThread shows the messages as a list and a labelled form that posts with the CSRF token', async () => {
    const id = await newReferral();
    await write(staff, id, 'Regel een\nregel <twee>');
    const thread = await threadOf(member, id);
    const view = viewContext({ lang: 'nl', actor: actorOf(member), csrfToken: 'csrf-abc', path: `/verwijzingen/${id}`, signedIn: true, unread: 0 });
    const html = (<ReferralThread view={view} {...thread} />).toString();
    assert.match(html, /<section class="kl-thread-section" id="berichten" aria-labelledby="berichten-titel">/);
    assert.match(html, /<ol class="kl-thread">/);
    assert.match(html, /regel &lt;twee&gt;/, 'message text is escaped');
    assert.match(html, new RegExp(`<form method="post" action="/verwijzingen/${id}/berichten"`));
    assert.match(html, /name="_csrf" value="csrf-abc"/);
    assert.match(html, /<label class="utrecht-form-label" for="field-body">Nieuw bericht<\/label>/);
    const readOnly = (<ReferralThread view={view} messages={[]} canWrite={false} action="/x" notice={{ nl: 'Alleen lezen.', en: 'Read only.' }} />).toString();
    assert.doesNotMatch(readOnly, /<form/);
    assert.match(readOnly, /Er zijn nog geen berichten\./);
    assert.match(readOnly, /Alleen lezen\./);
  });
});
