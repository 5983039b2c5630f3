import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDatabase } from '../../test/support/databases.ts';
import { insertReferral } from '../../test/support/referral-rows.ts';
import type { Database } from '../platform/db/database.ts';
import { addDaysIso } from '../platform/dates.ts';
import { erasePersonalDataOnRequest } from '../privacy-requests/erase-personal-data.ts';
import { forwardReferral } from '../referrals/forward-referral.ts';
import { sendReferral } from '../referrals/send-referral.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from '../referrals/test-fixture.ts';
import type { FigureScope } from './figure-scope.ts';
import type { Period } from './periods.ts';
import { rebuildFigureCounts } from './rebuild-figure-counts.ts';
import {
  breakdownsOf,
  percentileDisc,
  readDemand,
  readDemandDirect,
  readFlow,
  readFlowDirect,
  readOutcomes,
  readOutcomesDirect,
  readReach,
  readReachDirect,
  readStrain,
  readStrainDirect,
  readTerms,
  readTermsDirect,
} from './read-figures.ts';

/**
 * The summary table `referral_figure_counts` (migration 2026_11_30_0120) against the referrals
 * themselves: after every kind of write — single inserts, a bulk insert, status changes in bulk, a
 * forward to another team, a privacy erasure, deletions — every figure of every scope, breakdown
 * and period read from the summary equals the figure computed straight from the referrals
 * (the *Direct functions of read-figures.ts, the statements the app used before). A trigger that misses an event
 * leaves the summary behind, and these comparisons fail.
 */
const periods: Period[] = [
  { from: '2026-06-01', to: '2026-06-30', granularity: 'week' },
  { from: '2026-04-01', to: '2026-09-30', granularity: 'month' },
  { from: '2025-12-01', to: '2026-12-31', granularity: 'quarter' },
];
const todays = ['2026-06-20', '2026-08-10', '2026-11-30'];

function scopesOf(w: ReferralWorld): FigureScope[] {
  return [
    { kind: 'region', regionId: w.regionId, name: 'regio' },
    { kind: 'municipality', regionId: w.regionId, code: 'GM0164', name: 'Hengelo' },
    { kind: 'municipality', regionId: w.regionId, code: 'GM0153', name: 'Enschede' },
    { kind: 'team', regionId: w.regionId, teamId: w.noord, name: 'Noord' },
    { kind: 'team', regionId: w.regionId, teamId: w.hengelo, name: 'Hengelo' },
    { kind: 'team', regionId: w.regionId, teamId: w.regional, name: 'Regionaal' },
    { kind: 'practice', regionId: w.regionId, practiceId: w.practiceA, name: 'A' },
    { kind: 'practice', regionId: w.regionId, practiceId: w.practiceB, name: 'B' },
  ];
}

/** Every figure, summary against direct, for every scope, breakdown, period and day; returns the first difference. */
async function firstDifference(db: Database, w: ReferralWorld): Promise<string | null> {
  for (const scope of scopesOf(w))
    for (const period of periods) {
      const label = `${scope.kind} ${scope.name} ${period.from}..${period.to}`;
      const pairs: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
        ['flow', () => readFlow(db, scope, period), () => readFlowDirect(db, scope, period)],
        ['strain', () => readStrain(db, scope, period), () => readStrainDirect(db, scope, period)],
        ...breakdownsOf(scope).map(
          (b) =>
            [`demand by ${b}`, () => readDemand(db, scope, period, b), () => readDemandDirect(db, scope, period, b)] as [
              string,
              () => Promise<unknown>,
              () => Promise<unknown>,
            ],
        ),
        ...todays.flatMap((today) => [
          [`terms on ${today}`, () => readTerms(db, scope, period, today), () => readTermsDirect(db, scope, period, today)] as [
            string,
            () => Promise<unknown>,
            () => Promise<unknown>,
          ],
          [`outcomes on ${today}`, () => readOutcomes(db, scope, period, today), () => readOutcomesDirect(db, scope, period, today)] as [
            string,
            () => Promise<unknown>,
            () => Promise<unknown>,
          ],
          [`reach on ${today}`, () => readReach(db, scope, period, today), () => readReachDirect(db, scope, period, today)] as [
            string,
            () => Promise<unknown>,
            () => Promise<unknown>,
          ],
        ]),
      ];
      for (const [figure, summary, direct] of pairs) {
        const [a, b] = [await summary(), await direct()];
        try {
          assert.deepStrictEqual(a, b);
        } catch {
          return `${figure}, ${label}:\nsummary ${JSON.stringify(a)}\ndirect  ${JSON.stringify(b)}`;
        }
      }
    }
  return null;
}

/** A spread of referrals over June–September 2026: every status, source, need, crisis, area and answer the figures count. */
async function insertMix(db: Database, w: ReferralWorld, count: number, seed: number): Promise<string[]> {
  const statuses = ['requested', 'received', 'accepted', 'in-progress', 'completed', 'rejected', 'cancelled', 'failed'] as const;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = i * 7 + seed;
    const status = statuses[k % statuses.length]!;
    const requested = addDaysIso('2026-06-01', (k * 5) % 120);
    const contacted = k % 3 !== 0 && status !== 'requested' ? addDaysIso(requested, (k % 9) + 1) : null;
    const conversed = contacted && k % 2 === 0 ? addDaysIso(contacted, k % 20) : null;
    const closed = status === 'completed' || status === 'failed' || status === 'rejected';
    ids.push(
      await insertReferral(db, {
        practiceId: k % 5 === 0 ? null : k % 2 === 0 ? w.practiceA : w.practiceB,
        teamId: [w.noord, w.hengelo, w.regional][k % 3]!,
        status,
        requested_on: requested,
        first_contact_due: addDaysIso(requested, 3 + (k % 4)),
        first_conversation_due: addDaysIso(requested, k % 4 === 0 ? 3 : 28),
        first_contact_on: contacted,
        first_conversation_on: conversed,
        needs: k % 4 === 0 ? ['debt_counselling', 'budget_coaching'] : k % 4 === 1 ? [] : ['income_support'],
        urgency_triggers: k % 6 === 0 ? ['eviction'] : k % 6 === 1 ? ['energy_water', 'health_insurance'] : [],
        municipality_code: k % 7 === 0 ? null : k % 2 === 0 ? 'GM0164' : 'GM0153',
        district_code: k % 3 === 0 ? null : k % 2 === 0 ? 'WK016402' : 'WK015301',
        already_known: k % 3 === 0 ? null : k % 3 === 1,
        outcome: closed ? (['trajectory_started', 'declined', 'not_reachable', 'referred_elsewhere'] as const)[k % 4]! : null,
        close_reason: closed && k % 2 === 0 ? 'not_reached' : null,
        reject_reason: status === 'rejected' ? (k % 2 === 0 ? 'outside_area' : 'no_capacity') : null,
        feedback: closed && k % 3 !== 2 ? 'Teruggekoppeld' : null,
        closed_at: closed ? new Date(`${addDaysIso(requested, (k % 90) + 1)}T10:00:00Z`) : null,
        strain_at_referral: k % 4 === 3 ? null : k % 5,
        strain_at_close: closed && k % 4 !== 3 ? (k % 3) + 1 : null,
      }),
    );
  }
  return ids;
}

forEachDatabase('figure summaries', (db) => {
  let w: ReferralWorld;
  let mix: string[];

  before(async () => {
    w = await insertReferralWorld(db());
  });

  test('the backfill counts every referral there was before the summary, and the triggers each one inserted after', async () => {
    // Referrals the summary has never seen, as before migration 0120: written with its triggers off.
    await sql`alter table referrals disable trigger referral_figure_counts_insert`.execute(db());
    try {
      mix = await insertMix(db(), w, 40, 0);
    } finally {
      await sql`alter table referrals enable trigger referral_figure_counts_insert`.execute(db());
    }
    const seen = await sql<{ n: number }>`select count(*)::int as n from referral_figure_counts where n <> 0`.execute(db());
    assert.equal(seen.rows[0]?.n, 0);
    await rebuildFigureCounts(db());
    assert.equal(await firstDifference(db(), w), null);
    mix.push(...(await insertMix(db(), w, 20, 40 * 7)));
    assert.equal(await firstDifference(db(), w), null);
  });

  test('a writer in another time zone and date style stores the same counts as a writer in Amsterdam', async () => {
    // The loop ends at midnight Amsterdam time after the 8th week: 2026-06-01 + 57 days is
    // 2026-07-28 00:00 CEST, 2026-07-27 22:00 UTC. Closed at 23:00 UTC, the loop was not closed in
    // time; a trigger that read midnight in the writer's zone (UTC+14 here) or wrote days in its
    // date style (DMY here) would store other counts than the referrals give.
    await db()
      .transaction()
      .execute(async (tx) => {
        await sql`set local TimeZone = 'Pacific/Kiritimati'`.execute(tx);
        await sql`set local DateStyle = 'SQL, DMY'`.execute(tx);
        await insertReferral(tx, {
          practiceId: w.practiceA,
          teamId: w.noord,
          status: 'completed',
          requested_on: '2026-06-01',
          first_contact_due: '2026-06-04',
          first_conversation_due: '2026-06-29',
          first_contact_on: '2026-06-05',
          first_conversation_on: '2026-06-12',
          needs: ['debt_counselling'],
          urgency_triggers: [],
          municipality_code: 'GM0164',
          district_code: 'WK016402',
          already_known: false,
          outcome: 'trajectory_started',
          close_reason: null,
          reject_reason: null,
          feedback: 'Teruggekoppeld',
          closed_at: new Date('2026-07-27T23:00:00Z'),
          strain_at_referral: 3,
          strain_at_close: 1,
        });
      });
    assert.equal(await firstDifference(db(), w), null);
  });

  test('the demand of a region and a municipality gives the signals and self-checks of their day tables per bucket', async () => {
    await sql`insert into signal_records (practice_id, recorded_on, outcome)
              select case when g % 2 = 0 then ${w.practiceA}::uuid else ${w.practiceB}::uuid end, date '2026-06-01' + (g * 3) % 120, 'conversation_held'
              from generate_series(1, 40) g`.execute(db());
    await sql`insert into selfcheck_result_counts (day, lang, level, municipality_code, count)
              select date '2026-06-01' + g * 4, 'nl', 'high', case when g % 3 = 0 then 'GM0153' when g % 3 = 1 then 'GM0164' else 'GM0363' end, g % 4 + 1
              from generate_series(1, 30) g`.execute(db());
    const demand = await readDemand(db(), scopesOf(w)[0]!, periods[1]!, 'team');
    assert.ok((demand.signalsByBucket ?? []).length > 0 && (demand.selfchecksByBucket ?? []).length > 0);
    assert.equal(await firstDifference(db(), w), null);
  });

  test('a bulk insert of many referrals in one statement is counted in full', async () => {
    await sql`insert into referrals (reference, source, practice_id, idempotency_key, team_id, status, handover, contact_channel, needs, urgency_triggers,
                municipality_code, district_code, requested_on, first_contact_due, first_conversation_due, first_contact_on, strain_at_referral, updated_at)
              select 'KL-BULK-' || g || '-' || gen_random_uuid(), 'practice', ${w.practiceA}, gen_random_uuid()::text, ${w.hengelo},
                     case when g % 3 = 0 then 'completed' else 'received' end, 'team_contacts_patient', 'phone', '{debt_counselling}',
                     case when g % 4 = 0 then '{eviction}'::text[] else '{}'::text[] end, 'GM0164', 'WK016402',
                     date '2026-06-01' + g % 100, date '2026-06-04' + g % 100, date '2026-06-29' + g % 100,
                     case when g % 2 = 0 then date '2026-06-02' + g % 100 end, g % 5, now()
              from generate_series(1, 300) g`.execute(db());
    assert.equal(await firstDifference(db(), w), null);
  });

  test('status changes, contact days, answers and reasons changed in bulk move the counts with them', async () => {
    await sql`update referrals set status = 'completed', first_contact_on = coalesce(first_contact_on, requested_on + 2), first_conversation_on = requested_on + 9,
                outcome = 'declined', close_reason = 'declined', closed_at = (requested_on + 20)::timestamptz, feedback = 'Klaar', strain_at_close = 2,
                already_known = true
              where team_id = ${w.hengelo} and status in ('received', 'accepted')`.execute(db());
    await sql`update referrals set status = 'rejected', reject_reason = 'not_eligible' where id = any(${mix.slice(0, 10)}::uuid[]) and status = 'requested'`.execute(
      db(),
    );
    await sql`update referrals set requested_on = requested_on - 30, needs = '{budget_coaching}', urgency_triggers = '{health_insurance}', municipality_code = 'GM0153',
                district_code = 'WK015301', practice_id = ${w.practiceB}
              where id = any(${mix.slice(10, 20)}::uuid[])`.execute(db());
    assert.equal(await firstDifference(db(), w), null);
  });

  test('a referral sent and forwarded through the use cases counts for the new team, and an erasure drops its feedback from the loop', async () => {
    const sent = await sendReferral(db(), contextOf(w.users.staffA), referralInput(w), BASE_URL);
    assert.equal(await firstDifference(db(), w), null);
    await forwardReferral(
      db(),
      contextOf(w.users.noordMember),
      { referralId: sent.id, toTeamId: w.hengelo, reason: 'Past beter bij Schuldhulp Hengelo', consentMethod: 'verbal' },
      BASE_URL,
    );
    const forwarded = await db().selectFrom('referrals').select('team_id').where('id', '=', sent.id).executeTakeFirstOrThrow();
    assert.equal(forwarded.team_id, w.hengelo);
    const closedAtNoord = await db()
      .selectFrom('referrals')
      .select('id')
      .where('team_id', '=', w.noord)
      .where('status', '=', 'completed')
      .where('feedback', 'is not', null)
      .executeTakeFirstOrThrow();
    await erasePersonalDataOnRequest(db(), contextOf(w.users.noordMember), { referralId: closedAtNoord.id, ground: 'request' });
    assert.equal(await firstDifference(db(), w), null);
  });

  test('deleted referrals leave the summary, rows of counts that reach zero are not shown', async () => {
    await db().deleteFrom('referrals').where('id', 'in', mix.slice(20, 45)).execute();
    await sql`delete from referrals where reference like 'KL-BULK-%' and team_id = ${w.hengelo} and requested_on < date '2026-07-01'`.execute(db());
    assert.equal(await firstDifference(db(), w), null);
  });

  test('a write the triggers do not see makes the summary differ, so these comparisons would catch a missed event', async () => {
    await sql`alter table referrals disable trigger referral_figure_counts_update`.execute(db());
    try {
      await sql`update referrals set status = 'cancelled' where id = any(${mix.slice(45, 60)}::uuid[])`.execute(db());
      assert.notEqual(await firstDifference(db(), w), null);
    } finally {
      await sql`alter table referrals enable trigger referral_figure_counts_update`.execute(db());
    }
    // The repair an operator runs (npm run cli -- figures:rebuild); twice gives what once gives.
    const once = await rebuildFigureCounts(db());
    assert.equal(await firstDifference(db(), w), null);
    const twice = await rebuildFigureCounts(db());
    assert.equal(twice.rows, once.rows);
    assert.equal(await firstDifference(db(), w), null);
  });

  test('no covering index of the figures is left on referrals for every write to keep', async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'referrals_figures'`.execute(db());
    assert.equal(rows[0]?.n, 0);
  });
});

test('the median and 90th percentile of a histogram are the values PostgreSQL percentile_disc gives', () => {
  // Rows 1..10 with values [1,1,1,2,2,3,5,5,8,13]: row ceil(0.5 × 10) = 5 is 2, row ceil(0.9 × 10) = 9 is 8.
  const histogram = [
    { value: 1, n: 3 },
    { value: 2, n: 2 },
    { value: 3, n: 1 },
    { value: 5, n: 2 },
    { value: 8, n: 1 },
    { value: 13, n: 1 },
  ];
  assert.equal(percentileDisc(histogram, 0.5), 2);
  assert.equal(percentileDisc(histogram, 0.9), 8);
  assert.equal(percentileDisc([], 0.5), null);
  assert.equal(percentileDisc([{ value: 4, n: 1 }], 0.9), 4);
});
