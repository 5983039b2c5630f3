import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../test/support/databases.ts';
import { INBOX_PAGE_SIZE, listTeamInbox } from './list-team-inbox.ts';
import { listPracticeReferrals, PRACTICE_PAGE_SIZE } from './list-practice-referrals.ts';
import { insertReferral } from '../../test/support/referral-rows.ts';
import { contextOf, insertReferralWorld, type ReferralWorld } from './test-fixture.ts';

/**
 * The inbox and the practice list come a page at a time. Many referrals share their due dates and
 * even their creation time, so the order must still be total: every referral on exactly one page.
 */
forEachDatabase('lists a page at a time', (db) => {
  let w: ReferralWorld;
  const total = INBOX_PAGE_SIZE + 7;
  const ids = new Set<string>();

  before(async () => {
    w = await insertReferralWorld(db());
    const createdAt = new Date('2026-11-02T09:00:00Z');
    for (let i = 0; i < total; i++) {
      ids.add(await insertReferral(db(), { practiceId: w.practiceA, teamId: w.noord, status: 'accepted', created_at: createdAt }));
    }
  });

  it('the inbox pages through all open referrals once each, with the total in the tab count', async () => {
    const team = contextOf(w.users.noordMember);
    const first = await listTeamInbox(db(), team, 'open', 1);
    const second = await listTeamInbox(db(), team, 'open', 2);
    assert.deepEqual([first.rows.length, first.hasMore, first.page], [INBOX_PAGE_SIZE, true, 1]);
    assert.deepEqual([second.rows.length, second.hasMore, second.page], [total - INBOX_PAGE_SIZE, false, 2]);
    const seen = [...first.rows, ...second.rows].map((r) => r.id);
    assert.equal(new Set(seen).size, total);
    assert.deepEqual(new Set(seen), ids);
    assert.equal(first.counts.open, total);
    assert.equal((await listTeamInbox(db(), team, 'open', 3)).rows.length, 0);
  });

  it('each page read is audited with the page and the referrals shown on it', async () => {
    const team = contextOf(w.users.noordMember);
    const page = await listTeamInbox(db(), team, 'open', 2);
    const entry = await db()
      .selectFrom('audit_log')
      .select(['details', 'patient_refs'])
      .where('action', '=', 'referral.list_read')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.deepEqual(entry.details, { tab: 'open', page: 2, count: page.rows.length });
    assert.deepEqual(
      entry.patient_refs,
      page.rows.map((r) => r.id),
    );
  });

  it('the practice list pages through its referrals, newest first, once each', async () => {
    const practice = contextOf(w.users.staffA);
    const first = await listPracticeReferrals(db(), practice, 1);
    const second = await listPracticeReferrals(db(), practice, 2);
    assert.deepEqual([first.rows.length, first.hasMore], [PRACTICE_PAGE_SIZE, true]);
    assert.deepEqual([second.rows.length, second.hasMore], [total - PRACTICE_PAGE_SIZE, false]);
    assert.deepEqual(new Set([...first.rows, ...second.rows].map((r) => r.id)), ids);
  });
});
