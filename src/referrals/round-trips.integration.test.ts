import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../test/support/databases.ts';
import { testApp } from '../../test/support/http.ts';
import { insertConsent, insertReferral, signedInBrowser } from '../../test/support/referral-rows.ts';
import { statementCount } from '../platform/db/database.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { addReferralMessage } from './add-message.ts';
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

  test('the counter sees every statement, so a page cannot hide its queries', async () => {
    const before = statementCount(db());
    await db().selectFrom('referrals').select('id').execute();
    await db()
      .transaction()
      .execute(async (trx) => trx.selectFrom('teams').select('id').execute());
    assert.equal(statementCount(db()) - before, 4, 'one select, then BEGIN, select, COMMIT');
  });
});
