import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../test/support/databases.ts';
import { auditEntries, createTestUser } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { insertReferral, signedInBrowser } from '../../test/support/referral-rows.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { User } from '../platform/db/schema.ts';
import { insertReferralWorld, type ReferralWorld } from '../referrals/test-fixture.ts';

/**
 * The figures pages over HTTP, on both databases: what each role sees, suppression on the page and
 * in the CSV, the terms in working days, the funnel, the closed loop, strain and the baseline.
 * All referrals of this suite are requested in June 2026, so a fixed period selects exactly them.
 */
const JUNE = 'van=2026-06-01&tot=2026-06-30&per=maand';

forEachDatabase('figures', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;
  let officer: User;

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    officer = await createTestUser(db(), { regionId: w.regionId, practiceId: w.practiceA, municipalityId: '', teamId: w.noord }, 'policy_officer');
    await db().updateTable('users').set({ municipality_code: 'GM0164' }).where('id', '=', officer.id).execute();
    // Twelve referrals to Wijkteam Hengelo-Noord, requested on Friday 5 June 2026; first contact on
    // Monday 8 June (1 working day), first conversation on 15 June (6 working days), closed with
    // feedback on 20 June, strain 3 → 1.
    for (let i = 0; i < 12; i++)
      await insertReferral(db(), {
        practiceId: w.practiceA,
        teamId: w.noord,
        status: 'completed',
        requested_on: '2026-06-05',
        first_contact_due: '2026-06-10',
        first_conversation_due: '2026-07-03',
        first_contact_on: '2026-06-08',
        first_conversation_on: '2026-06-15',
        outcome: 'trajectory_started',
        feedback: 'Traject gestart',
        closed_at: new Date('2026-06-20T10:00:00Z'),
        already_known: i < 6,
        needs: ['debt_counselling', 'budget_coaching'],
        strain_at_referral: 3,
        strain_at_close: 1,
      });
    // Three to the rest of Hengelo, one with an eviction, rejected as out of area: a count under 5.
    for (let i = 0; i < 3; i++)
      await insertReferral(db(), {
        practiceId: w.practiceB,
        teamId: w.hengelo,
        status: 'rejected',
        reject_reason: 'outside_area',
        requested_on: '2026-06-10',
        first_contact_due: '2026-06-15',
        first_conversation_due: '2026-06-15',
        district_code: null,
        urgency_triggers: i === 0 ? ['eviction'] : [],
      });
  });

  test('the coordinator sees the region by team: 12 and "< 5", and the 12 hidden too, since the total would give the 3 away', async () => {
    const coordinator = await signedInBrowser(app, db(), w.users.regionCoordinator);
    const page = await coordinator.get(`/cijfers/regio/${w.regionId}?${JUNE}&indeling=team`);
    assert.equal(page.status, 200);
    const table = page.html.slice(page.html.indexOf('Aanmeldingen per team'));
    const row = (name: string) => new RegExp(`${name}[^<]*</td><td[^>]*>([^<]*)<`).exec(table)?.[1];
    assert.equal(row('Schuldhulp Hengelo'), '&lt; 5');
    assert.equal(row('Wijkteam Hengelo-Noord'), '&lt; 5', 'secondary suppression: 15 − 12 = 3');
    assert.match(table, /<strong>Totaal<\/strong><\/td><td[^>]*>15</);
    assert.match(page.html, /<svg aria-label="Aanmeldingen per team" role="img"[^>]*class="kl-chart"/, 'a server-rendered chart');
    assert.doesNotMatch(page.html, /<style>/, 'no inline style: the CSP allows none');
    assert.doesNotMatch(page.html, /Johanna|KL-T-/, 'no name, no referral reference');
    assert.match(page.html, /Hoe tellen we\?/);
    assert.match(page.html, /DDAS/);
  });

  test('terms count working days: Friday to Monday is 1; conversation after 6 working days; 100% within term', async () => {
    const coordinator = await signedInBrowser(app, db(), w.users.regionCoordinator);
    const csv = await coordinator.get(`/cijfers/team/${w.noord}?${JUNE}&csv=terms`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = csv.html.trim().split('\r\n');
    assert.equal(lines[0], 'period,municipality_code,scope,scope_id,measure,category,value');
    const value = (measure: string, category = 'normal') =>
      lines
        .find((l) => l.includes(`,${measure},${category},`))
        ?.split(',')
        .at(-1);
    assert.equal(value('referrals'), '12');
    assert.equal(value('first_contact_within_term_pct'), '100');
    assert.equal(value('first_contact_working_days_median'), '1');
    assert.equal(value('first_conversation_working_days_median'), '6');
    assert.equal(value('referrals', 'crisis'), '0', 'no crisis referral at this team');
    assert.equal(value('first_contact_within_term_pct', 'crisis'), '', 'so no percentage either');
  });

  test('the funnel, the closed loop, new vs known and the change in strain', async () => {
    const team = await signedInBrowser(app, db(), w.users.noordAdmin);
    const get = async (table: string) => (await team.get(`/cijfers/team/${w.noord}?${JUNE}&csv=${table}`)).html.trim().split('\r\n');
    const funnel = await get('flow_funnel');
    assert.ok(funnel.some((l) => l.endsWith(',referrals,sent,12')));
    assert.ok(funnel.some((l) => l.endsWith(',referrals,closed,12')));
    assert.ok(funnel.some((l) => l.endsWith(',share_of_sent,first_conversation,100')));
    const known = await get('households_new_known');
    assert.ok(known.some((l) => l.endsWith(',known,6')));
    assert.ok(known.some((l) => l.endsWith(',new,6')));
    const loop = await get('closed_loop');
    assert.ok(
      loop.some((l) => l.endsWith(',closed_loop_pct,closed_loop,100')),
      loop.join('\n'),
    );
    const strain = await get('strain_change');
    assert.ok(
      strain.some((l) => l.endsWith(',strain_change_avg,total,-2')),
      strain.join('\n'),
    );
    assert.equal((await team.get(`/cijfers/team/${w.hengelo}?${JUNE}`)).status, 404, 'not another team');
  });

  test('the region shows the rejections by reason, suppressed: 3 out of area is "< 5"', async () => {
    const coordinator = await signedInBrowser(app, db(), w.users.regionCoordinator);
    const lines = (await coordinator.get(`/cijfers/regio/${w.regionId}?${JUNE}&csv=rejected_by_reason`)).html.trim().split('\r\n');
    assert.ok(
      lines.some((l) => l.endsWith(',referrals_rejected,outside_area,<5')),
      lines.join('\n'),
    );
    const crisis = (await coordinator.get(`/cijfers/regio/${w.regionId}?${JUNE}&csv=applications_by_crisis`)).html;
    assert.match(crisis, /,applications,eviction,<5/);
  });

  test('a policy officer of Hengelo opens Hengelo’s figures only, never the region, a referral or a signal', async () => {
    const browser = await signedInBrowser(app, db(), officer);
    const start = await browser.get('/cijfers');
    assert.equal(start.status, 303);
    assert.equal(start.location, '/cijfers/gemeente/GM0164');
    const page = await browser.get(`/cijfers/gemeente/GM0164?${JUNE}`);
    assert.equal(page.status, 200);
    assert.match(page.html, /Cijfers van Gemeente Hengelo/);
    assert.match(page.html, /href="\/cijfers"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/cijfers"|>Cijfers</);
    assert.equal((await browser.get(`/cijfers/regio/${w.regionId}`)).status, 404);
    assert.equal((await browser.get('/cijfers/gemeente/GM0153')).status, 404);
    const referral = await db().selectFrom('referrals').select('id').where('team_id', '=', w.noord).executeTakeFirstOrThrow();
    assert.equal((await browser.get(`/verwijzingen/${referral.id}`)).status, 403);
    assert.equal((await browser.get('/signalen')).status, 403);
    const viewed = (await auditEntries(db(), 'figures.viewed')).filter((e) => e.actor_user_id === officer.id);
    assert.ok(viewed.length >= 1, 'every figures page view is audited');
    assert.equal(viewed[0]!.patient_ref, null);
  });

  test('the coordinator marks a baseline and every page of the region compares with it; a wrong date is a clear 422', async () => {
    const coordinator = await signedInBrowser(app, db(), w.users.regionCoordinator);
    await coordinator.get(`/cijfers/regio/${w.regionId}`);
    const wrong = await coordinator.post(`/cijfers/regio/${w.regionId}/nulmeting`, { nulmeting_van: '2026-06-31', nulmeting_tot: '2026-06-30' });
    assert.equal(wrong.status, 422);
    assert.match(wrong.html, /Vul een geldige datum in/);
    const marked = await coordinator.post(`/cijfers/regio/${w.regionId}/nulmeting`, { nulmeting_van: '2026-06-01', nulmeting_tot: '2026-06-30' });
    assert.equal(marked.status, 303);
    assert.equal((await auditEntries(db(), 'figures.baseline_marked')).filter((e) => e.subject_id === w.regionId).length, 1);
    const team = await signedInBrowser(app, db(), w.users.noordAdmin);
    const page = await team.get(`/cijfers/team/${w.noord}?van=2026-07-01&tot=2026-07-31`);
    assert.match(page.html, /Nulmeting \(2026-06-01 – 2026-06-30\)/);
    const key = (await team.get(`/cijfers/team/${w.noord}?van=2026-07-01&tot=2026-07-31&csv=key_figures`)).html;
    assert.match(key, /,baseline,first_contact_within_term_pct,100\r\n/);
  });

  test('a baseline longer than 13 months is refused on the form itself, with a 422', async () => {
    const coordinator = await signedInBrowser(app, db(), w.users.regionCoordinator);
    await coordinator.get(`/cijfers/regio/${w.regionId}`);
    const tooLong = await coordinator.post(`/cijfers/regio/${w.regionId}/nulmeting`, { nulmeting_van: '2025-01-01', nulmeting_tot: '2026-06-30' });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.html, /Vul een geldige datum in/);
    assert.match(tooLong.html, /name="nulmeting_van"/);
  });

  test('the administrator creates a policy officer for one municipality of the region; a municipality elsewhere is refused', async () => {
    const admin = await signedInBrowser(app, db(), w.users.admin);
    await admin.get('/beheer/gebruikers/nieuw');
    const fields = { name: 'Beleid Hengelo', role: 'policy_officer', region_id: w.regionId, practice_id: '', team_id: '' };
    const wrong = await admin.post('/beheer/gebruikers', { ...fields, email: 'beleid-elders@hengelo.test', municipality_code: 'GM0153' });
    assert.equal(wrong.status, 422, 'Enschede is not in this region');
    const badCode = await admin.post('/beheer/gebruikers', { ...fields, email: 'beleid-code@hengelo.test', municipality_code: 'Hengelo' });
    assert.equal(badCode.status, 422);
    assert.match(badCode.html, /Vul een CBS-gemeentecode in/);
    const created = await admin.post('/beheer/gebruikers', { ...fields, email: 'beleid@hengelo.test', municipality_code: 'gm0164' });
    assert.equal(created.status, 201);
    const row = await db()
      .selectFrom('users')
      .select(['role', 'region_id', 'municipality_code'])
      .where('email', '=', 'beleid@hengelo.test')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { role: 'policy_officer', region_id: w.regionId, municipality_code: 'GM0164' });
  });

  test('a wrong period gets a Dutch message and status 400, never a 500', async () => {
    const manager = await signedInBrowser(app, db(), w.users.adminA);
    const page = await manager.get(`/cijfers/praktijk/${w.practiceA}?van=2026-13-01`);
    assert.equal(page.status, 400);
    assert.match(page.html, /Vul geldige datums in/);
    assert.equal((await manager.get(`/cijfers/praktijk/${w.practiceA}?csv=bestaat-niet`)).status, 400);
    assert.equal((await manager.get(`/cijfers/praktijk/${w.practiceB}`)).status, 404, 'not another practice');
    assert.equal((await manager.get('/cijfers/praktijk/geen-id')).status, 404);
  });
});
