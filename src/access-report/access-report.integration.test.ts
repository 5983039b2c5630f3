import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { actorOf, forEachDatabase } from '../../test/support/databases.ts';
import { testApp } from '../../test/support/http.ts';
import { insertReferral, signedInBrowser, TEST_PATIENT } from '../../test/support/referral-rows.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { acceptReferral } from '../referrals/accept-referral.ts';
import { findReferral } from '../referrals/access.ts';
import { listPracticeReferrals } from '../referrals/list-practice-referrals.ts';
import { listTeamInbox } from '../referrals/list-team-inbox.ts';
import { openReferral } from '../referrals/open-referral.ts';
import { BASE_URL, contextOf, insertReferralWorld, type ReferralWorld } from '../referrals/test-fixture.ts';
import { produceAccessReport, type AccessReport } from './produce-access-report.ts';

forEachDatabase('access report', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;
  /** Johanna, sent by practice A, held by team Noord. */
  let johanna: string;
  /** Johanna again, sent by practice A, held by team Hengelo. */
  let johannaAtHengelo: string;
  /** Johanna's own self-referral (no date of birth), held by team Noord. */
  let johannaSelf: string;
  /** Johanna at practice B. */
  let johannaAtPracticeB: string;
  /** Another patient of practice A, held by team Noord. */
  let piet: string;
  /** Sent by practice A, forwarded by team Noord to team Hengelo. */
  let forwarded: string;

  const report = async (
    user: ReferralWorld['users'][keyof ReferralWorld['users']],
    referralId: string,
    scope: 'referral' | 'person',
  ): Promise<AccessReport> => {
    const found = await findReferral(db(), actorOf(user), referralId);
    assert.ok(found, 'the reader reaches the referral');
    return produceAccessReport(db(), contextOf(user), found, scope);
  };

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    johanna = await insertReferral(db(), { practiceId: w.practiceA, teamId: w.noord, created_by: w.users.staffA.id, requested_on: '2026-11-02' });
    johannaAtHengelo = await insertReferral(db(), {
      practiceId: w.practiceA,
      teamId: w.hengelo,
      requested_on: '2026-10-01',
      patient_postcode: '7550 XX',
      patient_house_number: '1',
    });
    johannaSelf = await insertReferral(db(), {
      practiceId: null,
      teamId: w.noord,
      requested_on: '2026-11-10',
      patient_name: ' johanna  pietersen-testdata',
      patient_birth_date: null,
      patient_postcode: '7552 ab',
    });
    johannaAtPracticeB = await insertReferral(db(), { practiceId: w.practiceB, teamId: w.noord });
    piet = await insertReferral(db(), { practiceId: w.practiceA, teamId: w.noord, patient_name: 'Piet Anders', patient_birth_date: '1950-01-01' });
    forwarded = await insertReferral(db(), { practiceId: w.practiceA, teamId: w.hengelo, patient_name: 'Karin Doorgestuurd' });
    await db()
      .insertInto('referral_events')
      .values({ referral_id: forwarded, type: 'forwarded', from_status: 'received', to_status: 'requested', from_team_id: w.noord, to_team_id: w.hengelo })
      .execute();

    // What people did, in this order: lists read, referrals opened, one accepted.
    await listPracticeReferrals(db(), contextOf(w.users.staffA));
    await listTeamInbox(db(), contextOf(w.users.noordMember), 'open');
    await openReferral(db(), contextOf(w.users.noordMember), johanna, BASE_URL);
    await acceptReferral(db(), contextOf(w.users.noordMember), { referralId: johanna, assigneeId: w.users.noordColleague.id }, BASE_URL);
    await openReferral(db(), contextOf(w.users.noordColleague), piet, BASE_URL);
    await openReferral(db(), contextOf(w.users.staffA), johanna, BASE_URL);
    await openReferral(db(), contextOf(w.users.hengeloMember), johannaAtHengelo, BASE_URL);
  });

  describe('one referral', () => {
    it('lists the list reads, the openings and the changes by several people, oldest first', async () => {
      const { lines } = await report(w.users.adminA, johanna, 'referral');
      assert.deepEqual(
        lines.map((l) => [l.actorName, l.action]),
        [
          [w.users.staffA.name, 'referral.list_read'],
          [w.users.noordMember.name, 'referral.list_read'],
          [w.users.noordMember.name, 'referral.read'],
          [w.users.noordMember.name, 'referral.accepted'],
          [w.users.staffA.name, 'referral.read'],
        ],
      );
    });

    it('says on whose behalf, in which role and from which address', async () => {
      const { lines } = await report(w.users.adminA, johanna, 'referral');
      const accepted = lines.find((l) => l.action === 'referral.accepted')!;
      assert.equal(accepted.actorRole, 'team_member');
      assert.match(accepted.onBehalfOf ?? '', /^Wijkteam Hengelo-Noord .*, Gemeente Hengelo$/);
      assert.equal(accepted.ip, '192.0.2.1');
      assert.match(lines[0]!.onBehalfOf ?? '', /^Huisartsenpraktijk De Esch/);
    });

    it('leaves out what concerned only other patients', async () => {
      const { lines } = await report(w.users.adminA, johanna, 'referral');
      assert.ok(!lines.some((l) => l.actorName === w.users.noordColleague.name), 'the colleague opened only Piet’s referral');
      assert.ok(!lines.some((l) => l.actorName === w.users.hengeloMember.name), 'Hengelo opened only another of Johanna’s referrals');
    });

    it('is itself audited, with the referral as patient reference, and shows up in the next report', async () => {
      const first = await report(w.users.noordAdmin, johanna, 'referral');
      const entry = await db()
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'referral.access_report')
        .where('actor_user_id', '=', w.users.noordAdmin.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [entry.patient_ref, entry.details],
        [johanna, { scope: 'referral', referrals: 1, entries: first.lines.reduce((n, l) => n + l.count, 0) }],
      );
      const next = await report(w.users.noordAdmin, johanna, 'referral');
      assert.deepEqual(next.lines.map((l) => [l.actorName, l.action]).at(-1), [w.users.noordAdmin.name, 'referral.access_report']);
    });
  });

  describe('all referrals of the same person', () => {
    it('for the practice: the referrals it sent with the same name and date of birth, and what happened to each', async () => {
      const found = await report(w.users.adminA, johanna, 'person');
      assert.deepEqual(
        found.referrals.map((r) => r.id),
        [johannaAtHengelo, johanna],
        'not her self-referral (not the practice’s) nor her referral by practice B',
      );
      const hengeloRead = found.lines.find((l) => l.actorName === w.users.hengeloMember.name)!;
      assert.deepEqual(hengeloRead.references, [found.referrals[0]!.reference]);
    });

    it('for the team: the referrals it holds, a self-referral without date of birth matched on name, postcode and house number', async () => {
      const found = await report(w.users.noordAdmin, johanna, 'person');
      assert.deepEqual(new Set(found.referrals.map((r) => r.id)), new Set([johanna, johannaSelf, johannaAtPracticeB]));
      assert.ok(!found.referrals.some((r) => r.id === piet || r.id === johannaAtHengelo));
    });

    it('is audited with every referral it covers, so each of them finds it', async () => {
      await report(w.users.adminA, johanna, 'person');
      const entry = await db()
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'referral.access_report')
        .where('actor_user_id', '=', w.users.adminA.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.deepEqual([entry.patient_ref, [...entry.patient_refs].sort()], [johanna, [johanna, johannaAtHengelo].sort()]);
      const other = await report(w.users.adminA, johannaAtHengelo, 'referral');
      assert.ok(other.lines.some((l) => l.action === 'referral.access_report' && l.actorName === w.users.adminA.name));
    });
  });

  describe('pages', () => {
    it('the practice manager sees the report, printable, with the names and what they did in Dutch', async () => {
      const browser = await signedInBrowser(app, db(), w.users.adminA);
      const page = await browser.get(`/verwijzingen/${johanna}/toegangsverslag`);
      assert.equal(page.status, 200);
      assert.match(page.html, /Toegangsverslag verwijzing KL-T-/);
      for (const text of [
        w.users.staffA.name,
        w.users.noordMember.name,
        'Lijst met verwijzingen bekeken',
        'Verwijzing aangenomen en toegewezen',
        '192.0.2.1',
      ]) {
        assert.ok(page.html.includes(text), text);
      }
      assert.ok(page.html.includes(TEST_PATIENT.patient_name), 'whom it is about, for the patient who asked');
      assert.ok(!page.html.includes('Piet Anders'));
      assert.ok(!page.html.includes('<script'), 'printing needs no script');
      const english = await browser.follow(await browser.get(`/verwijzingen/${johanna}/toegangsverslag?lang=en`));
      assert.match(english.html, /Referral accepted and assigned/);
    });

    it('the referral page links to it for the practice manager and the team coordinator only', async () => {
      for (const [user, shown] of [
        [w.users.adminA, true],
        [w.users.noordAdmin, true],
        [w.users.staffA, false],
        [w.users.noordMember, false],
      ] as const) {
        const page = await (await signedInBrowser(app, db(), user)).get(`/verwijzingen/${johanna}`);
        assert.equal(page.html.includes(`/verwijzingen/${johanna}/toegangsverslag`), shown, user.name);
      }
    });

    it('another practice’s or another team’s referral is 404, also for the same person', async () => {
      const manager = await signedInBrowser(app, db(), w.users.adminA);
      assert.equal((await manager.get(`/verwijzingen/${johannaAtPracticeB}/toegangsverslag`)).status, 404);
      assert.equal((await manager.get(`/verwijzingen/${johannaSelf}/toegangsverslag/persoon`)).status, 404);
      const coordinator = await signedInBrowser(app, db(), w.users.noordAdmin);
      assert.equal((await coordinator.get(`/verwijzingen/${johannaAtHengelo}/toegangsverslag`)).status, 404);
    });

    it('a team that forwarded a referral gets the report of that referral, without the person, and not the person report', async () => {
      const coordinator = await signedInBrowser(app, db(), w.users.noordAdmin);
      const page = await coordinator.get(`/verwijzingen/${forwarded}/toegangsverslag`);
      assert.equal(page.status, 200);
      assert.ok(!page.html.includes('Karin Doorgestuurd'));
      assert.equal((await coordinator.get(`/verwijzingen/${forwarded}/toegangsverslag/persoon`)).status, 404);
    });
  });
});
