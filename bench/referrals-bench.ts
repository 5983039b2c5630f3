import { sql } from 'kysely';
import type { Database } from '../src/platform/db/database.ts';
import { INBOX_PAGE_SIZE, listTeamInbox } from '../src/referrals/list-team-inbox.ts';
import { listPracticeReferrals, PRACTICE_PAGE_SIZE } from '../src/referrals/list-practice-referrals.ts';
import { sendReferral } from '../src/referrals/send-referral.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from '../src/referrals/test-fixture.ts';
import { writeAudit } from '../src/platform/audit/audit.ts';
import { percentiles, runConcurrent, type Percentiles } from './measure.ts';
import { amsterdamToday } from '../src/platform/dates.ts';

/**
 * Referrals at scale (PostgreSQL): 2,000 practices and 500 teams share 2,000,000 referrals, most of
 * them closed, each with its consent and history. Measures the first page of the team inbox ("alle
 * open", with its tab counts) and of the practice list as the app serves them (including the audit
 * entry every list read writes) against the same page as one raw SQL statement, and sending referrals (routing, consent, due dates, event, audit, notifications) against
 * a plain INSERT.
 */
export const REFERRALS = Number(process.env['BENCH_REFERRALS'] ?? 2_000_000);

export async function seedReferrals(db: Database): Promise<ReferralWorld> {
  const world = await insertReferralWorld(db);
  const region = world.regionId;
  await sql`insert into organisations (kind, name, agb_code, region_id, updated_at)
    select 'practice', 'Praktijk ' || g, lpad((90000000 + g)::text, 8, '0'), ${region}, now() from generate_series(1, 2000) g`.execute(db);
  const municipality = await db.selectFrom('organisations').select('id').where('cbs_code', '=', 'GM0164').executeTakeFirstOrThrow();
  await sql`insert into teams (organisation_id, name, updated_at) select ${municipality.id}, 'Team ' || g, now() from generate_series(1, 500) g`.execute(db);
  // The fixture's practice and team get the same share as any other.
  await sql`
    with p as (select array_agg(id) ids from organisations where kind = 'practice'),
         t as (select array_agg(id) ids from teams)
    insert into referrals (reference, source, practice_id, idempotency_key, team_id, status, patient_name, needs, handover, contact_channel,
                           requested_on, first_contact_due, first_conversation_due, first_contact_on, closed_at, created_at, updated_at)
    select 'B-' || g, 'practice', p.ids[1 + ((g::bigint * 7919) % array_length(p.ids, 1))::int], 'bench-' || g, t.ids[1 + ((g::bigint * 104729) % array_length(t.ids, 1))::int],
           case when g % 10 < 8 then 'completed' when g % 10 = 8 then 'requested' else 'in-progress' end,
           'Patiënt ' || g, '{debt_counselling}', 'phone_together', 'phone',
           d, d + 3, d + 28, case when g % 10 < 8 or g % 10 = 9 then d + 1 end,
           case when g % 10 < 8 then (d + 30)::timestamptz end, d::timestamptz, d::timestamptz
    from generate_series(1, ${REFERRALS}) g, p, t,
         lateral (select (date '2026-11-23' - (g % 1500))::date as d) dd`.execute(db);
  // Every referral has its consent and its history, as in real use: the practice list joins the
  // consent, and the inbox's "doorgestuurd" tab looks for forwards among all events.
  await sql`
    insert into consents (referral_id, method, data_scope, recipient_team_id, purpose, text_version, feedback_allowed, given_at)
    select id, 'verbal', '{name,contact}', team_id, 'financial_help', 'bench', true, created_at from referrals`.execute(db);
  await sql`
    insert into referral_events (referral_id, at, type, to_status, to_team_id)
    select id, created_at, 'created', 'requested', team_id from referrals`.execute(db);
  await sql`
    insert into referral_events (referral_id, at, type, from_status, to_status)
    select id, closed_at, 'closed', 'in-progress', 'completed' from referrals where status = 'completed'`.execute(db);
  // One referral in fifty reached its team by forwarding, from a team chosen the same way.
  await sql`
    with t as (select array_agg(id order by id) ids from teams)
    insert into referral_events (referral_id, at, type, from_status, to_status, from_team_id, to_team_id)
    select r.id, r.created_at, 'forwarded', 'received', 'requested', t.ids[1 + ((hashtext(r.reference)::bigint & 65535) % array_length(t.ids, 1))::int], r.team_id
    from referrals r, t where hashtext(r.reference) % 50 = 0`.execute(db);
  // A table this old has been vacuumed by autovacuum many times over; and the seeding's dirty pages
  // are written out now, not by the checkpointer in the middle of the measurements.
  await sql`vacuum analyze`.execute(db);
  await sql`checkpoint`.execute(db);
  return world;
}

/**
 * The inbox page as one hand-written statement: the first page of open referrals and the counts its
 * tabs show (new, mine, overdue, all open), which the page cannot do without.
 */
async function rawInbox(db: Database, teamId: string, userId: string) {
  const today = amsterdamToday();
  return sql<{ id: string | null }>`
    with page as (
      select r.id, r.reference, r.patient_name, r.needs, r.urgency_triggers, r.status, r.requested_on, r.first_contact_due, r.first_contact_on,
             r.first_conversation_due, r.first_conversation_on, u.name as assignee_name, t.name as team_name, r.created_at
      from referrals r join teams t on t.id = r.team_id left join users u on u.id = r.assigned_to
      where r.team_id = ${teamId} and r.status not in ('completed', 'rejected', 'cancelled', 'failed')
      order by r.first_conversation_due, r.first_contact_due, r.created_at, r.id limit ${INBOX_PAGE_SIZE + 1}
    ),
    counts as (
      select count(*) filter (where r.status in ('requested', 'received')) as nieuw,
             count(*) filter (where r.assigned_to = ${userId}) as mij,
             count(*) filter (where (r.first_contact_on is null and r.first_contact_due < ${today})
                                or ((r.first_conversation_on is null or r.first_conversation_on > ${today}) and r.first_conversation_due < ${today})) as te_laat,
             count(*) as open
      from referrals r where r.team_id = ${teamId} and r.status not in ('completed', 'rejected', 'cancelled', 'failed')
    )
    select page.*, counts.* from counts left join page on true
    order by page.first_conversation_due, page.first_contact_due, page.created_at, page.id`.execute(db);
}

async function rawPracticeList(db: Database, practiceId: string) {
  return sql`select r.id, r.reference, r.patient_name, r.status, r.requested_on, r.first_contact_due, r.first_contact_on, r.first_conversation_due,
                    r.first_conversation_on, r.outcome, r.feedback, r.consent_withdrawn_at, t.name as team_name, c.feedback_allowed, c.withdrawn_at
             from referrals r join teams t on t.id = r.team_id
             left join lateral (select feedback_allowed, withdrawn_at from consents where referral_id = r.id order by given_at desc limit 1) c on true
             where r.practice_id = ${practiceId} order by r.created_at desc, r.id desc limit ${PRACTICE_PAGE_SIZE + 1}`.execute(db);
}

/**
 * The raw page, then the access recorded as a hand-written SQL program would at the least: one plain
 * INSERT of who read which referrals into the same audit table, without the app's hash chain. Reading
 * patients' names without recording it is not an option for the app (NEN 7513), so this is the
 * hand-written equivalent of the whole list read; the page alone stays the other comparison.
 */
async function withAccessRecorded(db: Database, page: () => Promise<{ rows: unknown[] }>, userId: string, action: string) {
  const result = await page();
  const ids = (result.rows as Array<{ id: string }>).slice(0, 50).map((r) => r.id);
  await sql`insert into audit_log (at, actor_user_id, action, patient_refs, outcome, details, prev_hash, hash)
            values (now(), ${userId}, ${action}, ${ids}::uuid[], 'success', '{}'::jsonb, 'bench', 'bench')`.execute(db);
  return result;
}

export interface ReferralBenchResult {
  inbox: { app: Percentiles; raw: Percentiles; rawRecorded: Percentiles };
  practice: { app: Percentiles; raw: Percentiles; rawRecorded: Percentiles };
  /** The audit entry of a list read (a page of 50 referrals) written on its own: the part of the app's time the raw SQL does not do. */
  audit: Percentiles;
  send: { appPerSecond: number; rawPerSecond: number };
  openInInbox: number;
}

export async function benchReferrals(db: Database, world: ReferralWorld, options: { total: number; concurrency: number }): Promise<ReferralBenchResult> {
  const team = contextOf(world.users.noordMember);
  const practice = contextOf(world.users.staffA);
  const inboxPage = await listTeamInbox(db, team, 'open');
  const openInInbox = inboxPage.counts.open;
  // The comparison is only fair if both sides serve the same page: same referrals, same order.
  const samePage = (app: Array<{ id: string }>, raw: unknown[], what: string) => {
    const rawIds = (raw as Array<{ id: string }>).slice(0, app.length).map((r) => r.id);
    if (app.length === 0 || JSON.stringify(app.map((r) => r.id)) !== JSON.stringify(rawIds))
      throw new Error(`${what}: the app and the raw SQL show different pages`);
  };
  const rawInboxPage = await rawInbox(db, world.noord, world.users.noordMember.id);
  samePage(inboxPage.rows, rawInboxPage.rows, 'team inbox');
  const rawCounts = rawInboxPage.rows[0] as unknown as Record<string, string>;
  if (
    ['nieuw', 'mij', 'te-laat', 'open'].some(
      (tab) => Number(rawCounts[tab === 'te-laat' ? 'te_laat' : tab]) !== inboxPage.counts[tab as keyof typeof inboxPage.counts],
    )
  )
    throw new Error('team inbox: the app and the raw SQL count the tabs differently');
  samePage((await listPracticeReferrals(db, practice)).rows, (await rawPracticeList(db, world.practiceA)).rows, 'practice list');
  // App and raw take turns in ten rounds, so that whatever else the machine does meanwhile
  // weighs on both sides alike.
  const measure = async (app: () => Promise<unknown>, raw: () => Promise<unknown>, rawRecorded: () => Promise<unknown>) => {
    await runConcurrent(30, options.concurrency, app);
    await runConcurrent(30, options.concurrency, raw);
    await runConcurrent(30, options.concurrency, rawRecorded);
    const a: number[] = [];
    const r: number[] = [];
    const rr: number[] = [];
    const rounds = 10;
    for (let round = 0; round < rounds; round++) {
      a.push(...(await runConcurrent(Math.ceil(options.total / rounds), options.concurrency, app)));
      r.push(...(await runConcurrent(Math.ceil(options.total / rounds), options.concurrency, raw)));
      rr.push(...(await runConcurrent(Math.ceil(options.total / rounds), options.concurrency, rawRecorded)));
    }
    return { app: percentiles(a), raw: percentiles(r), rawRecorded: percentiles(rr) };
  };
  const inbox = await measure(
    () => listTeamInbox(db, team, 'open'),
    () => rawInbox(db, world.noord, world.users.noordMember.id),
    () => withAccessRecorded(db, () => rawInbox(db, world.noord, world.users.noordMember.id), world.users.noordMember.id, 'referral.list_read'),
  );
  const practiceList = await measure(
    () => listPracticeReferrals(db, practice),
    () => rawPracticeList(db, world.practiceA),
    () => withAccessRecorded(db, () => rawPracticeList(db, world.practiceA), world.users.staffA.id, 'referral.list_read'),
  );

  const shown = inboxPage.rows.map((r) => r.id);
  await runConcurrent(30, options.concurrency, () => writeAudit(db, team, { action: 'referral.list_read', patientRefs: shown }));
  const audit = percentiles(
    await runConcurrent(options.total, options.concurrency, () =>
      writeAudit(db, team, {
        action: 'referral.list_read',
        subjectType: 'team_inbox',
        subjectId: world.noord,
        patientRefs: shown,
        details: { tab: 'open', page: 1, count: shown.length },
      }),
    ),
  );

  const sends = 300;
  let started = performance.now();
  await runConcurrent(sends, options.concurrency, () => sendReferral(db, practice, referralInput(world), BASE_URL));
  const appPerSecond = sends / ((performance.now() - started) / 1000);
  started = performance.now();
  await runConcurrent(sends, options.concurrency, (i) =>
    sql`insert into referrals (reference, source, practice_id, idempotency_key, team_id, status, patient_name, needs, handover, contact_channel, requested_on, first_contact_due, first_conversation_due)
        values (${`RAW-${i}`}, 'practice', ${world.practiceA}, ${`raw-${i}`}, ${world.noord}, 'requested', 'Patiënt', '{debt_counselling}', 'phone_together', 'phone', '2026-11-23', '2026-11-26', '2026-11-26')`.execute(
      db,
    ),
  );
  const rawPerSecond = sends / ((performance.now() - started) / 1000);
  return { inbox, practice: practiceList, audit, send: { appPerSecond, rawPerSecond }, openInInbox };
}
