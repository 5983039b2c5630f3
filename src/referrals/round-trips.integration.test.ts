import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { forEachDatabase } from '../../test/support/databases.ts';
import { testApp } from '../../test/support/http.ts';
import { insertConsent, insertReferral, signedInBrowser } from '../../test/support/referral-rows.ts';
import { statementCount } from '../platform/db/database.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { addReferralMessage } from './add-message.ts';
import { inboxSearch, inboxTabs, listTeamInbox } from './list-team-inbox.ts';
import { listPracticeReferrals } from './list-practice-referrals.ts';
import { contextOf, insertReferralWorld, type ReferralWorld } from './test-fixture.ts';

/**
 * Round trips to the database per page, for the pages people open all day. Each statement is a round
 * trip (statementCount counts BEGIN and COMMIT too): session and header, the access check, the page's
 * data, the audit entry — a page should not cost twenty.
 */
const BUDGET = 6;

forEachDatabase('round trips per page', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;
  let referralId: string;

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    referralId = await insertReferral(db(), {
      practiceId: w.practiceA,
      teamId: w.noord,
      status: 'accepted',
      assigned_to: w.users.noordMember.id,
      created_by: w.users.staffA.id,
    });
    await insertConsent(db(), referralId, w.noord, w.users.staffA.id);
    await db()
      .insertInto('referral_events')
      .values({ referral_id: referralId, type: 'created', to_status: 'requested', actor_user_id: w.users.staffA.id })
      .execute();
    await addReferralMessage(db(), contextOf(w.users.staffA), { referralId, body: 'Bel haar na 10 uur.', baseUrl: 'http://kortelijn.test' });
  });

  /** Opens `path` once to warm up, then counts the statements of a second, identical request. */
  async function roundTrips(user: { id: string }, path: string): Promise<number> {
    const browser = await signedInBrowser(app, db(), user);
    assert.equal((await browser.get(path)).status, 200, path);
    const before = statementCount(db());
    const page = await browser.get(path);
    assert.equal(page.status, 200, path);
    return statementCount(db()) - before;
  }

  test(`the referral page costs the holding team at most ${BUDGET} round trips`, async () => {
    const trips = await roundTrips(w.users.noordMember, `/verwijzingen/${referralId}`);
    assert.ok(trips <= BUDGET, `${trips} round trips`);
  });

  test(`the referral page costs the practice at most ${BUDGET} round trips`, async () => {
    const trips = await roundTrips(w.users.staffA, `/verwijzingen/${referralId}`);
    assert.ok(trips <= BUDGET, `${trips} round trips`);
  });

  test(`the team inbox costs at most ${BUDGET} round trips`, async () => {
    const trips = await roundTrips(w.users.noordMember, '/inbox?tab=alle');
    assert.ok(trips <= BUDGET, `${trips} round trips`);
  });

  test(`the team's start page, with its counts and next steps, costs at most ${BUDGET} round trips`, async () => {
    const trips = await roundTrips(w.users.noordMember, '/');
    assert.ok(trips <= BUDGET, `${trips} round trips`);
  });

  test(`the practice's start page, with feedback since the last visit and what waits on a team, costs at most ${BUDGET} round trips`, async () => {
    const trips = await roundTrips(w.users.staffA, '/');
    assert.ok(trips <= BUDGET, `${trips} round trips`);
  });

  test(`a search in the team inbox by name or KL number costs at most ${BUDGET} round trips`, async () => {
    const trips = await roundTrips(w.users.noordMember, `/inbox?zoek=${encodeURIComponent('Pietersen')}`);
    assert.ok(trips <= BUDGET, `${trips} round trips`);
  });

  test(`the new-referral page costs at most ${BUDGET} round trips`, async () => {
    const trips = await roundTrips(w.users.staffA, '/verwijzingen/nieuw');
    assert.ok(trips <= BUDGET, `${trips} round trips`);
  });

  test('a list read is two statements: the page with its tab counts, and its audit entry', async () => {
    const team = contextOf(w.users.noordMember);
    const reads = [
      ...inboxTabs.map((tab) => () => listTeamInbox(db(), team, tab)),
      () => listTeamInbox(db(), team, 'open', 1, inboxSearch('Pietersen')),
      () => listPracticeReferrals(db(), contextOf(w.users.staffA)),
    ];
    for (const [n, read] of reads.entries()) {
      await read();
      const before = statementCount(db());
      await read();
      assert.equal(statementCount(db()) - before, 2, `read ${n}`);
    }
  });

  test('the statement of a list read is built once per database, not on every read', async () => {
    // Building and compiling the inbox's statement cost the Node process as much as reading its
    // rows; under ten reads at once that, not the database, set the latency (README "Referrals at scale").
    const built: RootOperationNode[] = [];
    const counting: KyselyPlugin = { transformQuery: (args) => (built.push(args.node), args.node), transformResult: async (args) => args.result };
    const counted = db().withPlugin(counting);
    const team = contextOf(w.users.noordMember);
    const reads = [
      ...inboxTabs.map((tab) => () => listTeamInbox(counted, team, tab, 2)),
      () => listTeamInbox(counted, team, 'open', 1, inboxSearch('KL-ABC')),
      () => listPracticeReferrals(counted, contextOf(w.users.staffA), 3),
    ];
    for (const read of reads) await read();
    for (const [n, read] of reads.entries()) {
      built.length = 0;
      await read();
      assert.equal(built.filter((node) => node.kind === 'SelectQueryNode').length, 0, `read ${n}`);
    }
  });

  test('the counter sees every statement, so a page cannot hide its queries', async () => {
    const before = statementCount(db());
    await db().selectFrom('referrals').select('id').execute();
    await db()
      .transaction()
      .execute(async (trx) => trx.selectFrom('teams').select('id').execute());
    assert.equal(statementCount(db()) - before, 4, 'one select, then BEGIN, select, COMMIT');
  });
});
