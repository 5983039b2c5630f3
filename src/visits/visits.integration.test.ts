import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { actorOf, forEachDatabase, testContext } from '../../test/support/databases.ts';
import { auditEntries, createTenant, createTestUser, insertTeam } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import { dutchDate } from '../referrals/labels.ts';
import { BASE_URL, contextOf, insertReferralWorld, type ReferralWorld } from '../referrals/test-fixture.ts';
import { practiceInScope } from './visit-access.ts';
import { planVisit, recordVisit } from './change-visits.ts';
import { getVisit, regionVisitStates } from './read-visits.ts';
import { remindOverdueVisits } from './remind-overdue-visits.ts';

forEachDatabase('visits to practices', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;
  let youthTeam: string;

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    const hengelo = await db().selectFrom('teams').select('organisation_id').where('id', '=', w.noord).executeTakeFirstOrThrow();
    youthTeam = await insertTeam(db(), hengelo.organisation_id, { name: 'Jeugdteam Hengelo' });
  });

  test('one calendar per practice: a team member plans a visit, a colleague of another team of the region sees it and can join; another region cannot', async () => {
    const visitOn = addDaysIso(amsterdamToday(), 7);
    const { id } = await planVisit(db(), contextOf(w.users.noordMember), w.practiceA, {
      planned_on: visitOn,
      participants: [
        { teamId: w.noord, name: 'Fatma Yilmaz' },
        { teamId: youthTeam, name: 'Jeugdconsulent Bram' },
      ],
      topics: ['social_map_update', 'routes'],
      notes: null,
    });
    const fromOtherTeam = await practiceInScope(db(), actorOf(w.users.hengeloMember), w.practiceA);
    assert.equal(fromOtherTeam?.mayPlan, true, 'a member of another team of the region sees and plans in the same calendar');
    const visit = await getVisit(db(), id);
    assert.deepEqual(
      visit?.participants.map((p) => [p.name, p.teamName]),
      [
        ['Fatma Yilmaz', (await db().selectFrom('teams').select('name').where('id', '=', w.noord).executeTakeFirstOrThrow()).name],
        ['Jeugdconsulent Bram', 'Jeugdteam Hengelo'],
      ],
    );
    const elsewhere = await createTenant(db());
    const stranger = await createTestUser(db(), elsewhere, 'team_admin');
    assert.equal(await practiceInScope(db(), actorOf(stranger), w.practiceA), null);
    const practiceSide = await practiceInScope(db(), actorOf(w.users.adminA), w.practiceA);
    assert.equal(practiceSide?.mayPlan, false, 'the practice reads its own calendar');
    assert.equal((await auditEntries(db(), 'visit.planned')).filter((e) => e.subject_id === id).length, 1);
  });

  test('recording a visit keeps who came, the topics, the follow-ups with owners and the next visit due; the region overview shows it', async () => {
    const today = amsterdamToday();
    const { id } = await planVisit(db(), contextOf(w.users.noordAdmin), w.practiceB, {
      planned_on: today,
      participants: [{ teamId: w.noord, name: 'Peter Bakker' }],
      topics: [],
      notes: null,
    });
    await recordVisit(db(), contextOf(w.users.noordAdmin), id, {
      held_on: today,
      participants: [{ teamId: w.noord, name: 'Peter Bakker' }],
      topics: ['materials', 'case_discussion'],
      notes: 'Placemat gebracht; POH wil een training.',
      follow_ups: [{ description: 'Training voor de assistentes plannen', owner: 'Peter Bakker', dueOn: addDaysIso(today, 30) }],
      next_visit_due: addDaysIso(today, 180),
    });
    const visit = await getVisit(db(), id);
    assert.equal(visit?.status, 'held');
    assert.deepEqual(
      visit?.followUps.map((f) => [f.description, f.owner]),
      [['Training voor de assistentes plannen', 'Peter Bakker']],
    );
    const state = (await regionVisitStates(db(), w.regionId)).find((s) => s.practiceId === w.practiceB);
    assert.equal(state?.lastHeldOn, today);
    assert.equal(state?.nextVisitDue, addDaysIso(today, 180));
    assert.equal(state?.overdue, false);
    assert.equal((await auditEntries(db(), 'visit.recorded')).filter((e) => e.subject_id === id).length, 1);
  });

  test('a practice without a visit for twelve months is reminded once, in-app and by mail, to the regional coordinator and the coordinators of teams with an agreement', async () => {
    const tenant = await createTenant(db());
    const coordinator = await createTestUser(db(), tenant, 'region_coordinator');
    const teamAdmin = await createTestUser(db(), tenant, 'team_admin');
    const unrelatedAdmin = await createTestUser(db(), { ...tenant, teamId: await insertTeam(db(), tenant.municipalityId) }, 'team_admin');
    await db()
      .insertInto('agreements')
      .values({ practice_id: tenant.practiceId, team_id: tenant.teamId, agreed_at: new Date(), updated_at: new Date() })
      .execute();
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await db()
      .updateTable('organisations')
      .set({ created_at: longAgo } as never)
      .where('id', '=', tenant.practiceId)
      .execute();
    const ctx = testContext();
    const first = await remindOverdueVisits(db(), ctx, { baseUrl: BASE_URL });
    const second = await remindOverdueVisits(db(), ctx, { baseUrl: BASE_URL });
    assert.ok(first >= 1);
    assert.equal(second, 0, 'once per lapse');
    const notified = await db()
      .selectFrom('notifications')
      .select(['user_id', 'link'])
      .where('kind', '=', 'visit_due')
      .where('link', '=', `/bezoeken/praktijk/${tenant.practiceId}`)
      .execute();
    assert.deepEqual(notified.map((n) => n.user_id).sort(), [coordinator.id, teamAdmin.id].sort());
    assert.ok(!notified.some((n) => n.user_id === unrelatedAdmin.id));
    const mail = await db().selectFrom('outbox_mail').select('to_address').where('dedupe_key', 'like', `visit-due:${tenant.practiceId}:%`).execute();
    assert.deepEqual(mail.map((m) => m.to_address).sort(), [coordinator.email, teamAdmin.email].sort());
  });

  test('a practice with a visit planned is not reminded, however long ago the last one was', async () => {
    const tenant = await createTenant(db());
    await createTestUser(db(), tenant, 'region_coordinator');
    await db()
      .updateTable('organisations')
      .set({ created_at: new Date(Date.now() - 400 * 86_400_000) } as never)
      .where('id', '=', tenant.practiceId)
      .execute();
    const planner = await createTestUser(db(), tenant, 'team_member');
    await planVisit(db(), contextOf(planner), tenant.practiceId, {
      planned_on: addDaysIso(amsterdamToday(), 3),
      participants: [{ teamId: null, name: 'Fatma' }],
      topics: [],
      notes: null,
    });
    await remindOverdueVisits(db(), testContext(), { baseUrl: BASE_URL });
    const notified = await db().selectFrom('notifications').select('id').where('link', '=', `/bezoeken/praktijk/${tenant.practiceId}`).execute();
    assert.equal(notified.length, 0);
  });

  test('through the pages: plan a visit, see it in the practice calendar, record it with a follow-up; the practice reads along but cannot plan', async () => {
    const member = await signedInBrowser(app, db(), w.users.hengeloMember);
    const calendar = await member.get(`/bezoeken/praktijk/${w.practiceA}`);
    assert.equal(calendar.status, 200);
    const refused = await member.post(`/bezoeken/praktijk/${w.practiceA}`, { planned_on: 'morgen', participant_name_1: 'Tom' });
    assert.equal(refused.status, 422);
    assert.match(refused.html, /Vul een datum in, zoals 27-11-2026\./);
    const planned = await member.post(`/bezoeken/praktijk/${w.practiceA}`, {
      planned_on: dutchDate(amsterdamToday()),
      participant_name_1: 'Tom',
      participant_team_1: w.hengelo,
      topic_routes: 'ja',
    });
    assert.equal(planned.status, 303);
    const visitPath = planned.location!.split('?')[0]!;
    const recorded = await member.post(`${visitPath}/vastleggen`, {
      held_on: dutchDate(amsterdamToday()),
      participant_name_1: 'Tom',
      participant_team_1: w.hengelo,
      topic_routes: 'ja',
      followup_text_1: 'Nieuwe folders brengen',
      followup_owner_1: 'Tom',
      next_visit_due: dutchDate(addDaysIso(amsterdamToday(), 180)),
    });
    assert.equal(recorded.status, 303);
    const page = await member.follow(recorded);
    assert.match(page.html, /data-testid="visit-status">Geweest</);
    assert.match(page.html, /Nieuwe folders brengen/);

    const practice = await signedInBrowser(app, db(), w.users.adminA);
    const own = await practice.get(`/bezoeken/praktijk/${w.practiceA}`);
    assert.equal(own.status, 200);
    assert.doesNotMatch(own.html, /Bezoek plannen<\/button>/);
    assert.equal((await practice.post(`/bezoeken/praktijk/${w.practiceA}`, { planned_on: dutchDate(amsterdamToday()) })).status, 403);
    assert.equal((await practice.get(`/bezoeken/praktijk/${w.practiceB}`)).status, 404, 'another practice’s calendar is not there');
  });
});
