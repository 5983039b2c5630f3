import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { auditEntries } from '../../test/support/fixtures.ts';
import { testApp, type TestBrowser } from '../../test/support/http.ts';
import { insertReferral, signedInBrowser } from '../../test/support/referral-rows.ts';
import type { User } from '../platform/db/schema.ts';
import { statementCount } from '../platform/db/database.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import { workingDaysBetween } from '../platform/working-days.ts';
import { insertReferralWorld, type ReferralWorld } from './test-fixture.ts';
import { createService } from '../socialmap/create-service.ts';
import { teamResponseTimes } from '../socialmap/team-response-times.ts';

/**
 * Issue 12, figures that flow back into the work: a service's capacity status (set and confirmed by
 * its editors, lapsing to "unknown" after 30 days) and a team's measured time to first contact (the
 * median over the last 90 days, from 10 referrals), on the search results, the service page and the
 * referral preview. On both databases, through the real app. It lives with the referrals because it
 * builds on their test world (and the social map must not import the referrals).
 */
forEachDatabase('capacity and response times on the social map', (db) => {
  let w: ReferralWorld;
  let app: ReturnType<typeof testApp>['app'];
  let serviceId: string;
  const browsers = new Map<string, Promise<TestBrowser>>();
  /** One signed-in browser per user for the suite (a session made directly: sign-in itself is tested elsewhere). */
  const signedIn = (user: User) => {
    if (!browsers.has(user.id)) browsers.set(user.id, signedInBrowser(app, db(), user));
    return browsers.get(user.id)!;
  };

  const newService = async (teamId: string, name: string) =>
    (
      await createService(db(), testContext(), {
        organisation_id: (await db().selectFrom('teams').select('organisation_id').where('id', '=', teamId).executeTakeFirstOrThrow()).organisation_id,
        team_id: teamId,
        name,
        description: 'Hulp bij schulden en rekeningen.',
        url: null,
        email: null,
        phone: '074 245 0000',
        status: 'active',
        categories: ['debt_counselling'],
        is_free: true,
        fees_description: null,
        eligibility_description: null,
        application_process: null,
        languages: ['nl'],
        areas: { municipalities: ['GM0164'], districts: [], pc4s: [] },
        location_ids: [],
        phone_hours: [],
      })
    ).id;

  /** `n` referrals of `teamId` sent on `sent` and first contacted on `contact`. */
  const contacted = async (teamId: string, n: number, sent: string, contact: string) => {
    for (let i = 0; i < n; i++)
      await insertReferral(db(), {
        practiceId: w.practiceA,
        teamId,
        status: 'in-progress',
        requested_on: sent,
        first_contact_due: sent,
        first_conversation_due: sent,
        first_contact_on: contact,
      });
  };

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    serviceId = await newService(w.noord, 'Schuldhulp Hengelo-Noord');
  });

  describe('capacity status', () => {
    it('a team coordinator sets a waiting list with its weeks; it is audited and shown on the service page', async () => {
      const coordinator = await signedIn(w.users.noordAdmin);
      const page = await coordinator.get(`/sociale-kaart/diensten/${serviceId}`);
      assert.match(page.html, /Nog niet ingevuld: iedereen ziet &quot;onbekend&quot;\./);
      const saved = await coordinator.post(`/sociale-kaart/diensten/${serviceId}/capaciteit`, { capacity_status: 'waiting_list', capacity_waiting_weeks: '6' });
      assert.equal(saved.status, 303);
      const row = await db().selectFrom('services').selectAll().where('id', '=', serviceId).executeTakeFirstOrThrow();
      assert.deepEqual([row.capacity_status, row.capacity_waiting_weeks], ['waiting_list', 6]);
      assert.ok(row.capacity_confirmed_at && Date.now() - row.capacity_confirmed_at.getTime() < 60_000);
      const audit = (await auditEntries(db(), 'socialmap.capacity_set')).filter((e) => e.subject_id === serviceId);
      assert.equal(audit.length, 1);
      const shown = await coordinator.get(`/sociale-kaart/diensten/${serviceId}`);
      assert.match(shown.html, /Wachtlijst: ongeveer 6 weken \(bevestigd \d\d-\d\d-\d{4}\)/);
    });

    it('a waiting list without weeks is refused with a Dutch message and changes nothing', async () => {
      const coordinator = await signedIn(w.users.noordAdmin);
      const before = await db().selectFrom('services').select('capacity_confirmed_at').where('id', '=', serviceId).executeTakeFirstOrThrow();
      const refused = await coordinator.post(`/sociale-kaart/diensten/${serviceId}/capaciteit`, {
        capacity_status: 'waiting_list',
        capacity_waiting_weeks: '',
      });
      assert.equal(refused.status, 422);
      assert.match(refused.html, /Vul in hoeveel weken het wachten ongeveer duurt/);
      const after = await db().selectFrom('services').select('capacity_confirmed_at').where('id', '=', serviceId).executeTakeFirstOrThrow();
      assert.deepEqual(after, before);
    });

    it('practice staff see the status on the search results, and “unknown” once it has not been confirmed for 30 days', async () => {
      const staff = await signedIn(w.users.staffA);
      const search = await staff.get('/sociale-kaart?postcode=7552AB&hulpvraag=debt_counselling');
      assert.equal(search.status, 200);
      assert.match(search.html, /data-capacity="waiting_list">Wachtlijst: ongeveer 6 weken/);
      await db()
        .updateTable('services')
        .set({ capacity_confirmed_at: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000) })
        .where('id', '=', serviceId)
        .execute();
      const lapsed = await staff.get('/sociale-kaart?postcode=7552AB&hulpvraag=debt_counselling');
      assert.match(lapsed.html, /data-capacity="unknown">Onbekend/);
      // Saving it again, unchanged, confirms it for another 30 days.
      const coordinator = await signedIn(w.users.noordAdmin);
      assert.match((await coordinator.get(`/sociale-kaart/diensten/${serviceId}`)).html, /Niet bevestigd sinds 30 dagen/);
      await coordinator.post(`/sociale-kaart/diensten/${serviceId}/capaciteit`, { capacity_status: 'waiting_list', capacity_waiting_weeks: '6' });
      assert.match((await staff.get('/sociale-kaart?postcode=7552AB&hulpvraag=debt_counselling')).html, /data-capacity="waiting_list"/);
    });

    it('practice staff cannot set it (403), and the page offers them no form', async () => {
      const staff = await signedIn(w.users.staffA);
      assert.equal((await staff.post(`/sociale-kaart/diensten/${serviceId}/capaciteit`, { capacity_status: 'open' })).status, 403);
      assert.doesNotMatch((await staff.get(`/sociale-kaart/diensten/${serviceId}`)).html, /Capaciteit doorgeven/);
    });

    it('the database refuses a waiting list without weeks and a status without a confirmation time', async () => {
      const update = (set: Record<string, unknown>) => db().updateTable('services').set(set).where('id', '=', serviceId).execute();
      await assert.rejects(update({ capacity_status: 'waiting_list', capacity_waiting_weeks: null }));
      await assert.rejects(update({ capacity_status: 'open', capacity_waiting_weeks: 3 }));
      await assert.rejects(update({ capacity_status: 'full' }));
      await assert.rejects(update({ capacity_status: null, capacity_waiting_weeks: null }));
    });
  });

  describe('typical time to first contact', () => {
    it('the median counts Atw working days like the due dates do, and only contacts of the last 90 days', async () => {
      const team = w.hengelo;
      const today = '2026-01-15';
      // Around Christmas 2025: the 25th and 26th and the weekend do not count.
      const pairs: Array<[string, string]> = [
        ['2025-12-24', '2025-12-29'],
        ['2025-12-22', '2025-12-24'],
        ['2026-01-02', '2026-01-07'],
        ['2026-01-05', '2026-01-05'],
        ['2026-01-05', '2026-01-12'],
      ];
      for (const [sent, contact] of pairs) await contacted(team, 2, sent, contact);
      await contacted(team, 5, '2025-09-01', '2025-09-10'); // contacted before the window: not counted
      const days = pairs.flatMap(([sent, contact]) => [workingDaysBetween(sent, contact), workingDaysBetween(sent, contact)]).sort((a, b) => a - b);
      const median = (days[4]! + days[5]!) / 2;
      assert.deepEqual(days, [0, 0, 1, 1, 2, 2, 3, 3, 5, 5]);
      assert.deepEqual((await teamResponseTimes(db(), [team], today)).get(team), { referrals: 10, medianWorkingDays: median });
    });

    it('below 10 referrals nothing is shown; from 10 the search results, the service page and the referral preview show it', async () => {
      const today = amsterdamToday();
      const sent = addDaysIso(today, -12);
      const contact = addDaysIso(today, -5);
      const expected = workingDaysBetween(sent, contact);
      await contacted(w.noord, 9, sent, contact);
      assert.equal((await teamResponseTimes(db(), [w.noord])).get(w.noord), undefined);
      const staff = await signedIn(w.users.staffA);
      assert.doesNotMatch((await staff.get('/sociale-kaart?postcode=7552AB')).html, /Eerste contact: meestal/);

      await contacted(w.noord, 1, sent, contact);
      const text = new RegExp(`Eerste contact: meestal na ${expected} werkdag(en)? \\(gemeten: mediaan van 10 verwijzingen, laatste 90 dagen\\)`);
      assert.match((await staff.get('/sociale-kaart?postcode=7552AB')).html, text);
      assert.match((await staff.get(`/sociale-kaart/diensten/${serviceId}`)).html, text);
      const preview = await staff.post('/verwijzingen/nieuw/route', { postcode: '7552AB', house_number: '14', need_debt_counselling: 'on' });
      assert.equal(preview.status, 200);
      assert.match(preview.html, text);
      assert.match(preview.html, /Capaciteit – Schuldhulp Hengelo-Noord<\/dt>\s*<dd>\s*<span[^>]*>Wachtlijst: ongeveer 6 weken/);
    });

    it('the search page reads the response times of all its results in one statement, however many teams they have', async () => {
      const staff = await signedIn(w.users.staffA);
      const trips = async () => {
        await staff.get('/sociale-kaart?postcode=7552AB');
        const before = statementCount(db());
        const page = await staff.get('/sociale-kaart?postcode=7552AB');
        assert.equal(page.status, 200);
        return statementCount(db()) - before;
      };
      const few = await trips();
      const sent = addDaysIso(amsterdamToday(), -12);
      for (const name of ['Budgetcoach Hengelo', 'Geldloket Hengelo']) {
        await newService(w.hengelo, name);
      }
      await newService(w.regional, 'Regionaal Meldpunt Geldzorgen');
      await contacted(w.regional, 10, sent, addDaysIso(sent, 3));
      const page = (await staff.get('/sociale-kaart?postcode=7552AB')).html;
      assert.match(page, /Regionaal Meldpunt Geldzorgen/);
      assert.equal(await trips(), few);
    });
  });
});
