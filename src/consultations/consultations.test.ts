import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { actorOf, forEachDatabase, testContext } from '../../test/support/databases.ts';
import { appError, createTenant, createTestUser, type Tenant } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import type { Database } from '../platform/db/database.ts';
import type { User } from '../platform/db/schema.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import { askConsultation } from './ask-consultation.ts';
import { replyToConsultation } from './reply-to-consultation.ts';
import { closeConsultation } from './close-consultation.ts';
import { getConsultation, listConsultations } from './list-consultations.ts';
import { teamChoices } from './team-choices.ts';

const BASE_URL = 'https://kortelijn.test';

async function notified(db: Database, consultationId: string) {
  return (await db.selectFrom('notifications').select(['user_id', 'kind']).where('consultation_id', '=', consultationId).execute())
    .map((n) => `${n.kind}:${n.user_id}`)
    .sort();
}

forEachDatabase('consultation without a patient', (db) => {
  let tenant: Tenant;
  let other: Tenant;
  let staff: User;
  let colleague: User;
  let member: User;
  let coordinator: User;
  let otherStaff: User;
  let otherMember: User;
  let admin: User;
  let app: Hono<AppEnv>;

  before(async () => {
    tenant = await createTenant(db());
    other = await createTenant(db());
    staff = await createTestUser(db(), tenant, 'practice_staff', { name: 'POH Jansen' });
    colleague = await createTestUser(db(), tenant, 'practice_admin');
    member = await createTestUser(db(), tenant, 'team_member', { name: 'Consulent de Boer' });
    coordinator = await createTestUser(db(), tenant, 'team_admin');
    otherStaff = await createTestUser(db(), other, 'practice_staff');
    otherMember = await createTestUser(db(), other, 'team_member');
    admin = await createTestUser(db(), tenant, 'admin');
    // Tenant's team takes referrals in the tenant's region: it is offered first to the tenant's practice.
    const municipality = await db().selectFrom('organisations').select('cbs_code').where('id', '=', tenant.municipalityId).executeTakeFirstOrThrow();
    await db().insertInto('routing_rules').values({ municipality_code: municipality.cbs_code!, team_id: tenant.teamId }).execute();
    app = testApp(db()).app;
  });

  const ask = (user: User, teamId: string, subject = 'Betalingsregeling en nieuwe schulden') =>
    askConsultation(db(), testContext({ actor: actorOf(user) }), {
      team_id: teamId,
      subject,
      question: 'Kan iemand met een lopende betalingsregeling bij jullie terecht voor nieuwe schulden?',
      baseUrl: BASE_URL,
    });
  const reply = (user: User, consultationId: string, body: string) =>
    replyToConsultation(db(), testContext({ actor: actorOf(user) }), { consultationId, body, baseUrl: BASE_URL });

  test('a practice asks a team: the question is the first message, status open, the whole team is told', async () => {
    const { id } = await ask(staff, tenant.teamId);
    const details = await getConsultation(db(), actorOf(member), id);
    assert.equal(details.status, 'open');
    assert.equal(details.side, 'team');
    assert.deepEqual(
      details.messages.map((m) => [m.side, m.authorName]),
      [['practice', 'POH Jansen']],
    );
    assert.deepEqual(await notified(db(), id), [`consultation_asked:${member.id}`, `consultation_asked:${coordinator.id}`].sort());
  });

  test('the same question form sent twice, even at once, asks once; the same reply form twice is one reply', async () => {
    const ctx = testContext({ actor: actorOf(staff) });
    const input = {
      team_id: tenant.teamId,
      subject: 'Dubbel verstuurd',
      question: 'Kan iemand met een lopende betalingsregeling bij jullie terecht?',
      form_key: 'ask-key-0123456789abcd',
      baseUrl: BASE_URL,
    };
    const [a, b] = await Promise.all([askConsultation(db(), ctx, input), askConsultation(db(), ctx, input)]);
    assert.equal(a.id, b.id);
    assert.equal((await db().selectFrom('consultations').select('id').where('subject', '=', 'Dubbel verstuurd').execute()).length, 1);
    assert.equal((await db().selectFrom('messages').select('id').where('consultation_id', '=', a.id).execute()).length, 1);
    const answer = () =>
      replyToConsultation(db(), testContext({ actor: actorOf(member) }), {
        consultationId: a.id,
        body: 'Ja, dat kan.',
        form_key: 'reply-key-0123456789ab',
        baseUrl: BASE_URL,
      });
    await answer();
    await answer();
    assert.equal((await db().selectFrom('messages').select('id').where('consultation_id', '=', a.id).execute()).length, 2);
    assert.equal((await notified(db(), a.id)).filter((n) => n.startsWith('consultation_answered')).length, 1);
    // The asking form filled in anew with another subject (Back button): a new question, not lost.
    const anew = await askConsultation(db(), ctx, { ...input, subject: 'Andere vraag' });
    assert.notEqual(anew.id, a.id);
  });

  test('the team answers: status answered and the colleague who asked is told; a reply from the practice opens it again for the team', async () => {
    const { id } = await ask(staff, tenant.teamId);
    await reply(member, id, 'Ja, dat kan. Bel ons spreekuur.');
    assert.equal((await getConsultation(db(), actorOf(staff), id)).status, 'answered');
    assert.ok((await notified(db(), id)).includes(`consultation_answered:${staff.id}`));
    assert.ok(!(await notified(db(), id)).includes(`consultation_answered:${colleague.id}`));
    await reply(colleague, id, 'Dank! En als het om een zzp-er gaat?');
    const details = await getConsultation(db(), actorOf(member), id);
    assert.equal(details.status, 'open');
    assert.deepEqual(
      details.messages.map((m) => m.side),
      ['practice', 'team', 'practice'],
    );
    const teamNotes = (await notified(db(), id)).filter((n) => n.startsWith('consultation_asked'));
    assert.equal(teamNotes.length, 4, 'the team was told twice: the question and the follow-up');
  });

  test('a closed consultation takes no more messages', async () => {
    const { id } = await ask(staff, tenant.teamId);
    await closeConsultation(db(), testContext({ actor: actorOf(member) }), id);
    await closeConsultation(db(), testContext({ actor: actorOf(staff) }), id);
    assert.equal((await getConsultation(db(), actorOf(staff), id)).status, 'closed');
    await assert.rejects(reply(staff, id, 'Nog een vraag'), appError('consultation_closed', 409));
  });

  test("a practice sees its own practice's questions, a team those to its own team, nobody else anything", async () => {
    const { id } = await ask(staff, tenant.teamId, 'Vraag voor het eigen team');
    const { id: toOtherTeam } = await ask(staff, other.teamId, 'Vraag aan een team buiten de regio');
    const { id: fromOtherPractice } = await ask(otherStaff, other.teamId, 'Vraag van een andere praktijk');
    const subjects = async (user: User) => (await listConsultations(db(), actorOf(user))).map((c) => c.id);
    assert.ok((await subjects(colleague)).includes(id) && (await subjects(colleague)).includes(toOtherTeam));
    assert.ok(!(await subjects(colleague)).includes(fromOtherPractice));
    assert.ok((await subjects(member)).includes(id));
    assert.ok(!(await subjects(member)).includes(toOtherTeam));
    assert.ok((await subjects(otherMember)).includes(toOtherTeam) && (await subjects(otherMember)).includes(fromOtherPractice));
    assert.deepEqual(await subjects(admin), []);
    await assert.rejects(getConsultation(db(), actorOf(otherStaff), id), appError('not_found', 404));
    await assert.rejects(getConsultation(db(), actorOf(otherMember), id), appError('not_found', 404));
    await assert.rejects(reply(otherMember, id, 'Hallo'), appError('not_found', 404));
    await assert.rejects(closeConsultation(db(), testContext({ actor: actorOf(otherStaff) }), id), appError('not_found', 404));
  });

  test('the practice chooses from every team, with the teams of its own region first', async () => {
    const choices = await teamChoices(db(), tenant.practiceId);
    assert.deepEqual(
      choices.region.map((c) => c.id),
      [tenant.teamId],
    );
    assert.ok(choices.other.some((c) => c.id === other.teamId));
    assert.ok(!choices.other.some((c) => c.id === tenant.teamId));
  });

  test('over HTTP: the question form warns against identifying data and groups the teams', async () => {
    const browser = await signedInBrowser(app, db(), staff);
    const res = await browser.get('/overleg/nieuw');
    assert.equal(res.status, 200);
    assert.match(res.html, /Schrijf geen naam, geboortedatum, adres/);
    assert.match(res.html, /<optgroup label="Teams in uw regio">/);
    assert.match(res.html, /<optgroup label="Andere teams">/);
    assert.match(res.html, /<label class="utrecht-form-label" for="field-question">Uw vraag<\/label>/);
  });

  test('over HTTP: a question with a postcode, date of birth, BSN or e-mail address is refused with a clear Dutch message and not stored', async () => {
    const browser = await signedInBrowser(app, db(), staff);
    const before = await db().selectFrom('consultations').select('id').execute();
    for (const question of [
      'Mevrouw woont op 7511 AB en heeft schulden.',
      'Meneer (geboren 12-03-1985) heeft schulden.',
      'Haar BSN is 123456782, kunnen jullie kijken?',
      'Mail haar op iemand@example.nl graag.',
    ]) {
      const res = await browser.post('/overleg', { team_id: tenant.teamId, subject: 'Vraag over schulden', question });
      assert.equal(res.status, 422, question);
      assert.match(res.html, /id="error-summary"/);
      assert.match(res.html, /Overleg zonder patiënt mag niemand herkenbaar maken/);
      assert.match(res.html, /href="#field-question"/);
    }
    const after = await db().selectFrom('consultations').select('id').execute();
    assert.equal(after.length, before.length);
  });

  test('over HTTP: missing fields and an unknown team get field errors, not a 500', async () => {
    const browser = await signedInBrowser(app, db(), staff);
    const empty = await browser.post('/overleg', {});
    assert.equal(empty.status, 422);
    assert.match(empty.html, /Kies het team dat u een vraag wilt stellen\./);
    assert.match(empty.html, /Vul een onderwerp in/);
    const unknown = await browser.post('/overleg', {
      team_id: '00000000-0000-4000-8000-000000000000',
      subject: 'Vraag over schulden',
      question: 'Een algemene vraag over schuldhulp.',
    });
    assert.equal(unknown.status, 422);
    assert.match(unknown.html, /Kies een team uit de lijst\./);
  });

  test('over HTTP: ask, answer, reply and close — each side on its own pages', async () => {
    const practice = await signedInBrowser(app, db(), staff);
    const asked = await practice.post('/overleg', {
      team_id: tenant.teamId,
      subject: 'Energietoeslag',
      question: 'Kan een gezin met een energieschuld nog energietoeslag krijgen?',
    });
    assert.equal(asked.status, 303);
    const path = asked.location!;
    assert.match(path, /^\/overleg\/[0-9a-f-]{36}$/);

    const team = await signedInBrowser(app, db(), member);
    const list = await team.get('/overleg');
    assert.equal(list.status, 200);
    assert.match(list.html, /<caption class="utrecht-table__caption">Vragen aan uw team/);
    assert.ok(list.html.includes(`href="${path}"`));
    const page = await team.get(path);
    assert.equal(page.status, 200);
    assert.match(page.html, /Kan een gezin met een energieschuld nog energietoeslag krijgen\?/);
    assert.match(page.html, /Uw antwoord/);
    assert.equal((await team.post(`${path}/berichten`, { body: 'Ja, vraag het aan via de gemeente.' })).status, 303);

    const answered = await practice.get(path);
    assert.match(answered.html, /Status: beantwoord\./);
    assert.match(answered.html, /Ja, vraag het aan via de gemeente\./);
    const tooIdentifying = await practice.post(`${path}/berichten`, { body: 'Het gaat om mevrouw op 7511 AB.' });
    assert.equal(tooIdentifying.status, 422);
    assert.match(tooIdentifying.html, /een postcode/);
    assert.equal((await practice.post(`${path}/sluiten`, {})).status, 303);
    const closed = await practice.get(path);
    assert.match(closed.html, /Dit overleg is afgesloten\./);
    assert.doesNotMatch(closed.html, /action="\/overleg\/[^"]+\/berichten"/);
  });

  test('over HTTP: another practice and another team get 404; a team cannot open the question form', async () => {
    const { id } = await ask(staff, tenant.teamId);
    for (const user of [otherStaff, otherMember]) {
      const browser = await signedInBrowser(app, db(), user);
      assert.equal((await browser.get(`/overleg/${id}`)).status, 404);
      assert.equal((await browser.post(`/overleg/${id}/berichten`, { body: 'Hallo' })).status, 404);
      assert.equal((await browser.post(`/overleg/${id}/sluiten`, {})).status, 404);
    }
    const team = await signedInBrowser(app, db(), member);
    assert.equal((await team.get('/overleg/nieuw')).status, 403);
    assert.equal((await team.get('/overleg/geen-id')).status, 404);
  });
});
