import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { actorOf, forEachDatabase } from '../../test/support/databases.ts';
import { auditEntries, createTenant, createTestUser } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { insertReferral, signedInBrowser } from '../../test/support/referral-rows.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { contextOf, insertReferralWorld, type ReferralWorld } from '../referrals/test-fixture.ts';
import { planVisit, recordVisit } from '../visits/change-visits.ts';
import { networkOverview } from './network-overview.ts';

forEachDatabase('the region’s network view', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    const team = await db().selectFrom('teams').select('organisation_id').where('id', '=', w.noord).executeTakeFirstOrThrow();
    const service = await db()
      .insertInto('services')
      .values({ organisation_id: team.organisation_id, team_id: w.noord, name: 'Wijkteam', updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const contact = await db()
      .insertInto('contacts')
      .values({ organisation_id: team.organisation_id, service_id: service.id, name: 'Ricardo Wolters', last_verified_at: new Date(), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('agreements')
      .values({
        practice_id: w.practiceA,
        team_id: w.noord,
        first_contact_working_days: 2,
        team_contact_id: contact.id,
        practice_contact_name: 'Mark Jansen',
        practice_contact_confirmed_at: new Date(),
        agreed_at: new Date(),
        review_due_on: `${Number(amsterdamToday().slice(0, 4)) + 1}${amsterdamToday().slice(4)}`,
        updated_at: new Date(),
      })
      .execute();
    for (let i = 0; i < 3; i++) await insertReferral(db(), { practiceId: w.practiceA, teamId: w.noord });
    const today = amsterdamToday();
    const { id } = await planVisit(db(), contextOf(w.users.noordAdmin), w.practiceA, {
      planned_on: today,
      participants: [{ teamId: w.noord, name: 'Peter' }],
      topics: [],
      notes: null,
    });
    await recordVisit(db(), contextOf(w.users.noordAdmin), id, {
      held_on: today,
      participants: [{ teamId: w.noord, name: 'Peter' }],
      topics: ['routes'],
      notes: null,
      follow_ups: [],
      next_visit_due: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    });
  });

  test('the coordinator sees every practice of the region: agreement, both contacts, last visit, and referral counts only', async () => {
    const rows = await networkOverview(db(), actorOf(w.users.regionCoordinator));
    const a = rows.find((r) => r.practiceId === w.practiceA)!;
    assert.equal(a.agreements[0]?.state, 'agreed');
    assert.equal(a.agreements[0]?.teamContactName, 'Ricardo Wolters');
    assert.equal(a.agreements[0]?.practiceContactName, 'Mark Jansen');
    assert.equal(a.visits.lastHeldOn, amsterdamToday());
    assert.equal(a.referralsLastQuarter, 3);
    assert.deepEqual([...a.done].sort(), ['agreement_reviewed', 'contacts_confirmed', 'visit_held']);
    const b = rows.find((r) => r.practiceId === w.practiceB)!;
    assert.equal(b.referralsLastHalfYear, 0);

    const page = await (await signedInBrowser(app, db(), w.users.regionCoordinator)).get('/netwerk');
    assert.equal(page.status, 200);
    assert.match(page.html, /Geen verwijzing in 6 maanden/, 'a practice without referrals stands out');
    assert.match(page.html, /data-testid="referral-count">minder dan 5</, 'a count under 5 is not shown exactly');
    assert.match(page.html, /Jaarlijst: 3 van 6 gedaan/);
    assert.doesNotMatch(page.html, /Johanna/, 'no patient data');
    const first = page.html.indexOf('data-testid="network-practice"');
    assert.ok(
      page.html.indexOf('Geen verwijzing in 6 maanden') < page.html.indexOf('data-testid="network-practice"', first + 1),
      'the quiet practice is listed first',
    );
  });

  test('ticking an item of the yearly checklist counts for this year and is audited; the practice manager ticks on their own practice', async () => {
    const manager = await signedInBrowser(app, db(), w.users.adminA);
    const ticked = await manager.post(`/netwerk/praktijken/${w.practiceA}/jaarlijst`, { item: 'topic_on_team_agenda', done: 'ja' });
    assert.equal(ticked.status, 303);
    const page = await manager.follow(ticked);
    assert.match(page.html, /Jaarlijst: 4 van 6 gedaan/);
    assert.match(page.html, /data-testid="checklist-topic_on_team_agenda"><strong>Gedaan: </);
    assert.equal((await auditEntries(db(), 'network.checklist_ticked')).filter((e) => e.subject_id === w.practiceA).length, 1);
    assert.equal((await manager.get(`/netwerk/praktijken/${w.practiceB}`)).status, 404, 'not another practice');
    assert.equal(
      (await manager.post(`/netwerk/praktijken/${w.practiceA}/jaarlijst`, { item: 'visit_held', done: 'ja' })).status,
      400,
      'what Korte Lijn keeps itself cannot be ticked',
    );
  });

  test('a team coordinator of another region sees none of these practices', async () => {
    const elsewhere = await createTenant(db());
    const stranger = await createTestUser(db(), elsewhere, 'team_admin');
    const rows = await networkOverview(db(), actorOf(stranger));
    assert.ok(!rows.some((r) => r.practiceId === w.practiceA));
    assert.equal((await (await signedInBrowser(app, db(), stranger)).get(`/netwerk/praktijken/${w.practiceA}`)).status, 404);
  });
});
