import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../test/support/databases.ts';
import { appError, auditEntries, createTenant, createTestUser } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import { dutchDate } from '../referrals/labels.ts';
import { sendReferral } from '../referrals/send-referral.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from '../referrals/test-fixture.ts';
import { mdoInScope } from './mdo-access.ts';
import { addMdoCase, planMdo } from './change-mdo.ts';
import { openMdoActions, practiceMdoSummaries } from './read-mdo.ts';
import { actorOf } from '../../test/support/databases.ts';
import { calendarFeed, renewFeed } from '../onsite/calendar-feed.ts';
import { planVisit } from '../visits/change-visits.ts';

forEachDatabase('multidisciplinary consultation (MDO)', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;
  let referralId: string;
  let reference: string;
  let mdoPath: string;
  const tomorrow = () => dutchDate(addDaysIso(amsterdamToday(), 1));

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    const sent = await sendReferral(db(), contextOf(w.users.staffA), referralInput(w, { patient_name: 'Mila MDO-Casus' }), BASE_URL);
    referralId = sent.id;
    reference = sent.reference;
  });

  test('the practice plans an MDO with a team: both sides must take part, and the participants are told without patient data', async () => {
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    const form = await staff.get(`/mdo/praktijk/${w.practiceA}`);
    assert.equal(form.status, 200);
    const oneSide = await staff.post(`/mdo/praktijk/${w.practiceA}`, {
      starts_on: tomorrow(),
      starts_time: '14:00',
      place: 'Spreekkamer 2',
      [`participant_${w.users.staffA.id}`]: 'ja',
      [`participant_${w.users.adminA.id}`]: 'ja',
    });
    assert.equal(oneSide.status, 422);
    assert.match(oneSide.html, /iemand van de praktijk en iemand van een team/);
    const noPlace = await staff.post(`/mdo/praktijk/${w.practiceA}`, {
      starts_on: tomorrow(),
      starts_time: '14:00',
      [`participant_${w.users.noordMember.id}`]: 'ja',
      [`participant_${w.users.hengeloMember.id}`]: 'ja',
    });
    assert.equal(noPlace.status, 422);
    assert.match(noPlace.html, /Vul een plaats of een videolink in\./);
    const planned = await staff.post(`/mdo/praktijk/${w.practiceA}`, {
      starts_on: tomorrow(),
      starts_time: '14:00',
      place: 'Spreekkamer 2',
      [`participant_${w.users.noordMember.id}`]: 'ja',
      [`participant_${w.users.hengeloMember.id}`]: 'ja',
    });
    assert.equal(planned.status, 303);
    mdoPath = planned.location!.split('?')[0]!;
    const mdoId = mdoPath.split('/').pop()!;
    const participants = await db().selectFrom('mdo_participants').select('user_id').where('mdo_id', '=', mdoId).execute();
    assert.deepEqual(
      participants.map((p) => p.user_id).sort(),
      [w.users.staffA.id, w.users.noordMember.id, w.users.hengeloMember.id].sort(),
      'the planner takes part',
    );
    const told = await db().selectFrom('notifications').select('user_id').where('kind', '=', 'mdo_planned').where('link', '=', mdoPath).execute();
    assert.deepEqual(told.map((n) => n.user_id).sort(), [w.users.noordMember.id, w.users.hengeloMember.id].sort());
    assert.equal((await auditEntries(db(), 'mdo.planned')).filter((e) => e.subject_id === mdoId).length, 1);
  });

  test('a referral goes on the agenda only with the patient’s recorded consent for an MDO, and only from a side that may see it', async () => {
    const mdoId = mdoPath.split('/').pop()!;
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    const choose = await staff.get(`/verwijzingen/${referralId}/mdo`);
    assert.equal(choose.status, 200);
    const withoutConsent = await staff.post(`/verwijzingen/${referralId}/mdo`, {
      mdo_id: mdoId,
      consent_method: 'verbal',
      consent_given_on: dutchDate(amsterdamToday()),
    });
    assert.equal(withoutConsent.status, 422);
    assert.match(withoutConsent.html, /Bespreken in een MDO mag alleen met toestemming van de patiënt/);
    const added = await staff.post(`/verwijzingen/${referralId}/mdo`, {
      mdo_id: mdoId,
      consent_method: 'verbal',
      consent_given_on: dutchDate(amsterdamToday()),
      consent_confirmed: 'ja',
    });
    assert.equal(added.status, 303);
    const again = await staff.post(`/verwijzingen/${referralId}/mdo`, {
      mdo_id: mdoId,
      consent_method: 'written',
      consent_given_on: dutchDate(amsterdamToday()),
      consent_confirmed: 'ja',
    });
    assert.equal(again.status, 422, 'a referral is on one MDO’s agenda once');
    const entry = (await auditEntries(db(), 'mdo.case_added')).find((e) => e.subject_id === mdoId);
    assert.equal(entry?.patient_ref, referralId, 'the patient’s access report lists it');

    const other = await signedInBrowser(app, db(), w.users.hengeloMember);
    assert.equal((await other.get(`/verwijzingen/${referralId}/mdo`)).status, 404, 'a team that does not hold the referral cannot put it on the agenda');
  });

  test('a referral whose consent was withdrawn cannot be discussed', async () => {
    const sent = await sendReferral(db(), contextOf(w.users.staffA), referralInput(w, { patient_name: 'Ingetrokken Persoon' }), BASE_URL);
    await db().updateTable('referrals').set({ consent_withdrawn_at: new Date() }).where('id', '=', sent.id).execute();
    const mdoId = mdoPath.split('/').pop()!;
    await assert.rejects(
      addMdoCase(db(), contextOf(w.users.staffA), sent.id, {
        mdo_id: mdoId,
        consent_method: 'verbal',
        consent_given_on: amsterdamToday(),
        consent_confirmed: 'ja',
      }),
      appError('mdo_case_refused', 422),
    );
  });

  test('a referral held by a team that does not take part cannot be discussed: both sides must be able to see it', async () => {
    const { id } = await planMdo(
      db(),
      contextOf(w.users.staffA),
      w.practiceA,
      {
        starts_on: addDaysIso(amsterdamToday(), 2),
        starts_time: '09:00',
        place: null,
        video_link: 'https://video.example/mdo',
        participants: [w.users.hengeloMember.id],
      },
      BASE_URL,
    );
    await assert.rejects(
      addMdoCase(db(), contextOf(w.users.staffA), referralId, {
        mdo_id: id,
        consent_method: 'verbal',
        consent_given_on: amsterdamToday(),
        consent_confirmed: 'ja',
      }),
      appError('mdo_case_refused', 422),
    );
  });

  test('the patient of a case shows only to participants who may see the referral; every read is audited with the patients it showed', async () => {
    const mdoId = mdoPath.split('/').pop()!;
    const read = async (user: (typeof w.users)[keyof typeof w.users]) => {
      const browser = await signedInBrowser(app, db(), user);
      return browser.get(mdoPath);
    };
    const staff = await read(w.users.staffA);
    assert.match(staff.html, /Mila MDO-Casus/);
    assert.match(staff.html, new RegExp(reference));
    assert.match((await read(w.users.noordMember)).html, /Mila MDO-Casus/, 'the holding team’s participant sees it');
    const otherTeam = await read(w.users.hengeloMember);
    assert.equal(otherTeam.status, 200);
    assert.doesNotMatch(otherTeam.html, /Mila MDO-Casus/, 'a participant of another team does not');
    assert.doesNotMatch(otherTeam.html, new RegExp(reference));
    const colleague = await read(w.users.noordColleague);
    assert.doesNotMatch(colleague.html, /Mila MDO-Casus/, 'a colleague of the holding team who does not take part does not');
    const coordinator = await read(w.users.regionCoordinator);
    assert.equal(coordinator.status, 200);
    assert.doesNotMatch(coordinator.html, /Mila MDO-Casus/, 'the regional coordinator never sees a patient');
    const reads = (await auditEntries(db(), 'mdo.read')).filter((e) => e.subject_id === mdoId);
    const byUser = (id: string) => reads.filter((e) => e.actor_user_id === id).map((e) => e.patient_refs);
    assert.deepEqual(byUser(w.users.staffA.id), [[referralId]]);
    assert.deepEqual(byUser(w.users.hengeloMember.id), [[]]);

    const elsewhere = await createTenant(db());
    const stranger = await createTestUser(db(), elsewhere, 'team_admin');
    assert.equal((await signedInBrowser(app, db(), stranger).then((b) => b.get(mdoPath))).status, 404, 'another region’s MDO does not reveal itself');
    assert.equal(await mdoInScope(db(), actorOf(w.users.admin), mdoId), null);
  });

  test('recording the MDO keeps the actions with owner and date; the owner sees them on the start page until done; the region sees counts', async () => {
    const mdoId = mdoPath.split('/').pop()!;
    const caseId = (await db().selectFrom('mdo_cases').select('id').where('mdo_id', '=', mdoId).executeTakeFirstOrThrow()).id;
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    const notParticipant = await signedInBrowser(app, db(), w.users.noordColleague);
    assert.equal((await notParticipant.post(`${mdoPath}/vastleggen`, { minutes: 'x' })).status, 404, 'only participants record it');
    const badOwner = await staff.post(`${mdoPath}/vastleggen`, {
      minutes: 'Samen besproken.',
      action_case_1: caseId,
      action_text_1: 'Budgetcoach inschakelen',
      action_owner_1: w.users.noordColleague.id,
      action_due_1: dutchDate(addDaysIso(amsterdamToday(), 14)),
    });
    assert.equal(badOwner.status, 422, 'an owner is a participant');
    const due = addDaysIso(amsterdamToday(), 14);
    const held = await staff.post(`${mdoPath}/vastleggen`, {
      minutes: 'Samen besproken.',
      [`conclusion_${caseId}`]: 'Eerst het budget op orde, daarna de schulden.',
      action_case_1: caseId,
      action_text_1: 'Budgetcoach inschakelen',
      action_owner_1: w.users.noordMember.id,
      action_due_1: dutchDate(due),
    });
    assert.equal(held.status, 303);
    const page = await staff.follow(held);
    assert.match(page.html, /data-testid="mdo-status">Gehouden</);
    assert.match(page.html, /Budgetcoach inschakelen/);
    const entry = (await auditEntries(db(), 'mdo.held')).find((e) => e.subject_id === mdoId);
    assert.deepEqual(entry?.patient_refs, [referralId]);
    assert.equal(
      (await db().selectFrom('notifications').select('id').where('kind', '=', 'mdo_action').where('user_id', '=', w.users.noordMember.id).execute()).length,
      1,
    );

    const owner = await signedInBrowser(app, db(), w.users.noordMember);
    const start = await owner.get('/');
    assert.match(start.html, /Uw acties uit een MDO/);
    assert.match(start.html, /Budgetcoach inschakelen/);
    const summary = (await practiceMdoSummaries(db(), [w.practiceA])).get(w.practiceA);
    assert.ok(summary?.lastHeldAt);
    assert.equal(summary?.openActions, 1);

    const actionId = (await openMdoActions(db(), w.users.noordMember.id))[0]!.id;
    assert.equal((await owner.post(`${mdoPath}/actie`, { action_id: actionId, done: 'ja' })).status, 303);
    assert.deepEqual(await openMdoActions(db(), w.users.noordMember.id), []);
    assert.doesNotMatch((await owner.get('/')).html, /Uw acties uit een MDO/);
    assert.equal((await staff.post(`${mdoPath}/vastleggen`, { minutes: 'nog eens' })).status, 409, 'an MDO is recorded once');
  });

  test('the MDOs someone takes part in and the visits they planned are in their agenda feed, without the cases', async () => {
    const practiceName = (await db().selectFrom('organisations').select('name').where('id', '=', w.practiceA).executeTakeFirstOrThrow()).name;
    const { id: visitId } = await planVisit(db(), contextOf(w.users.noordMember), w.practiceA, {
      planned_on: addDaysIso(amsterdamToday(), 5),
      participants: [{ teamId: w.noord, name: 'Fatma' }],
      topics: [],
      notes: null,
    });
    const token = await renewFeed(db(), contextOf(w.users.noordMember));
    const feed = (await calendarFeed(db(), token, BASE_URL))!.replace(/\r\n[ \t]/g, '');
    assert.ok(feed.includes(`SUMMARY:MDO bij ${practiceName}`), 'the MDO');
    assert.ok(feed.includes(`${BASE_URL}/mdo/${mdoPath.split('/').pop()}`));
    assert.ok(feed.includes(`SUMMARY:Bezoek aan ${practiceName}`), 'the visit');
    assert.ok(feed.includes(`${BASE_URL}/bezoeken/${visitId}`));
    assert.doesNotMatch(feed, /Mila MDO-Casus/, 'never who a case is about');
    assert.ok(!feed.includes(reference), 'nor its reference');
    const outsider = await renewFeed(db(), contextOf(w.users.noordColleague));
    assert.doesNotMatch((await calendarFeed(db(), outsider, BASE_URL))!, /MDO bij/, 'not in the feed of someone who does not take part');
  });
});
