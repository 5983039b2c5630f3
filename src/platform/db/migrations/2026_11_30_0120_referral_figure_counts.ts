import { sql, type Kysely } from 'kysely';

/**
 * Summary counts for the figures (src/figures, issue 12 "Speed"; docs/decisions/005). At 2,000,000
 * referrals a quarter is some 112,000 referrals, and aggregating them per figure took 400–2,200 ms.
 * `referral_figure_counts` holds, per request day and per region and municipality, the counts
 * every figure needs: one row per (measure, category) instead of one per referral, so a quarter is
 * some 90 days × a few hundred rows. Teams and practices are not summarised: each gets only a few
 * referrals a day (fewer than one, at 2,000,000 over 500 teams and 2,000 practices), so a summary
 * row per day would be one row per referral per measure — many times the referrals table — while
 * their own referrals are a few hundred a quarter, read fast through (team_id, requested_on) and
 * (practice_id, requested_on) (migration 2026_11_30_0121).
 *
 * Kept right in the same transaction as every change to a referral by statement-level triggers with
 * transition tables: whatever writes referrals (use cases, jobs, retention purge, privacy erasure,
 * demo seed, FHIR, bulk seeding) subtracts the old rows' contributions and adds the new rows' in one
 * grouped upsert per statement, ordered by key so two transactions take the row locks in the same
 * order (no deadlock). PostgreSQL forbids transition tables on a trigger for more than one event,
 * hence three triggers on one function.
 *
 * A referral counts for the region of its team as the team is now: a team does not move between
 * regions (migration 2026_11_22_0002); if one ever does, rebuild the summary with
 * `npm run cli -- figures:rebuild` (src/figures/rebuild-figure-counts.ts: it empties the table and
 * backfills it under a lock). Do not run the backfill on its own: it adds, so it would double every count.
 *
 * Nothing the trigger stores depends on the writer's session: days are written as 'YYYY-MM-DD'
 * (`to_char`, not `::text`, which follows DateStyle) and the 8-week loop ends at midnight in
 * Amsterdam (`at time zone`, not `::timestamptz`, which follows the session's TimeZone).
 */

/**
 * Feedback within 8 weeks closes the loop (the action study: the practice wants to hear back).
 * Here, not in src/figures, because the trigger below freezes it into the summary (the platform
 * imports no capability); read-figures.ts exports it from here. Changing it needs a new migration
 * that replaces the function and rebuilds the summary.
 */
export const LOOP_DAYS = 56;

/** The moment the loop of a referral requested on `day` (an SQL date) ends: midnight after its 8th week, Dutch time. */
export const loopEndOf = (day: string): string => `((${day} + ${LOOP_DAYS + 1})::timestamp at time zone 'Europe/Amsterdam')`;

/** A date column as 'YYYY-MM-DD', whatever the session's DateStyle. */
const isoDay = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;

/**
 * The contributions of a set of referral rows, each with a `sign` (+1 added, −1 removed): what the
 * figures of src/figures/read-figures.ts count, as (day, scope, scope_key, measure, category, n, total).
 * Keep in step with read-figures.ts; figures-summary.integration.test.ts compares both.
 */
export function contributions(rows: string): string {
  // One array of (measure, category) per referral, unnested once, then counted for each of its
  // scopes: a category that is null does not count. Cheaper than a subquery per row in a bulk load.
  return `
    select s.requested_on as day, sc.scope, sc.scope_key, m.measure, m.category, s.sign as n,
           case when m.measure = 'strain' then s.sign * (s.strain_at_close - s.strain_at_referral) else 0 end as total
    from (${rows}) s
    left join teams rt on rt.id = s.team_id
    left join organisations ro on ro.id = rt.organisation_id
    -- u: the terms line (urgent when the referral names a crisis); null for a cancelled referral,
    -- which the terms and the households leave out.
    cross join lateral (select case when s.status = 'cancelled' then null when cardinality(s.urgency_triggers) > 0 then 'urgent' else 'normal' end as u) x
    cross join lateral unnest(
      array['source', 'status', 'flow', 'flow', 'flow', 'flow', 'reject_reason', 'close_reason', 'outcome', 'strain', 'by_municipality', 'by_district', 'by_team', 'by_practice', 't_n', 't_contact_within', 't_conversation_within', 't_contact_done', 't_contact_open', 't_conversation_done', 't_conversation_open', 't_contact_on', 't_conversation_on', 'known', 'loop_eligible', 'loop_closed']
        || array_fill('need'::text, array[cardinality(s.needs)])
        || array_fill('urgency'::text, array[greatest(cardinality(s.urgency_triggers), 1)]),
      array[
             s.source::text,
             s.status::text,
             case when s.status not in ('requested', 'cancelled') or s.first_contact_on is not null then 'opened' end,
             case when s.status in ('accepted', 'in-progress', 'completed') or (s.status in ('failed', 'cancelled') and s.first_contact_on is not null) then 'accepted' end,
             case when s.first_contact_on is not null then 'first_contact' end,
             case when s.first_conversation_on is not null then 'first_conversation' end,
             case when s.status = 'rejected' then s.reject_reason::text end,
             case when s.outcome in ('referred_elsewhere', 'declined', 'not_reachable') then s.close_reason::text end,
             s.outcome::text,
             case when s.strain_at_referral is not null and s.strain_at_close is not null then s.team_id::text end,
             coalesce(s.municipality_code, ''),
             coalesce(s.district_code, ''),
             s.team_id::text,
             coalesce(s.practice_id::text, ''),
             x.u,
             case when s.first_contact_on <= s.first_contact_due then x.u end,
             case when s.first_conversation_on <= s.first_conversation_due then x.u end,
             case when s.first_contact_on is not null then x.u end,
             case when s.first_contact_on is null then x.u || '|' || ${isoDay('s.first_contact_due')} end,
             case when s.first_conversation_on is not null then x.u end,
             case when s.first_conversation_on is null then x.u || '|' || ${isoDay('s.first_conversation_due')} end,
             x.u || '|' || ${isoDay('s.first_contact_on')},
             x.u || '|' || ${isoDay('s.first_conversation_on')},
             case when x.u is not null then coalesce(s.already_known::text, 'null') end,
             case when x.u is not null and s.source = 'practice' then '' end,
             case when x.u is not null and s.source = 'practice' and s.feedback is not null and s.closed_at < ${loopEndOf('s.requested_on')} then '' end]
        || s.needs
        || case when cardinality(s.urgency_triggers) > 0 then s.urgency_triggers else array['none'] end
    ) m(measure, category)
    cross join lateral (values ('region', ro.region_id::text), ('municipality', s.municipality_code)) sc(scope, scope_key)
    where m.category is not null and sc.scope_key is not null
      -- The demand breakdowns each scope offers (read-figures.ts, breakdownsOf).
      and case m.measure
            when 'by_municipality' then sc.scope = 'region'
            else true
          end`;
}

/** Adds the contributions of `rows` to the summary in one grouped upsert, in key order, skipping what nets to zero. */
export function applyContributions(rows: string): string {
  return `
    insert into referral_figure_counts as f (scope, scope_key, measure, day, category, n, total)
    select scope, scope_key, measure, day, category, sum(n), sum(total) from (${contributions(rows)}) c
    group by scope, scope_key, measure, day, category
    -- An update that changes nothing the figures count (an assignment, a message, updated_at)
    -- nets to zero everywhere: it then writes and locks no summary row at all.
    having sum(n) <> 0 or sum(total) <> 0
    order by scope, scope_key, measure, day, category
    on conflict (scope, scope_key, measure, day, category) do update set n = f.n + excluded.n, total = f.total + excluded.total`;
}

/**
 * Adds every referral's contributions: the backfill of an empty summary. Adds, not replaces, so on a
 * summary that holds counts it doubles them; src/figures/rebuild-figure-counts.ts empties it first.
 */
export const backfill = applyContributions(`select r.*, 1 as sign from referrals r`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table referral_figure_counts (
      scope text not null,
      scope_key text not null,
      measure text not null,
      day date not null,
      category text not null,
      n integer not null,
      total bigint not null,
      primary key (scope, scope_key, measure, day, category)
    )`.execute(db);
  const added = applyContributions(`select n.*, 1 as sign from new_rows n`);
  const removed = applyContributions(`select o.*, -1 as sign from old_rows o`);
  const changed = applyContributions(`select n.*, 1 as sign from new_rows n union all select o.*, -1 as sign from old_rows o`);
  await sql
    .raw(
      `create function referral_figure_counts_apply() returns trigger language plpgsql as $fn$
       begin
         if tg_op = 'INSERT' then ${added};
         elsif tg_op = 'DELETE' then ${removed};
         else ${changed};
         end if;
         return null;
       end $fn$`,
    )
    .execute(db);
  await sql`create trigger referral_figure_counts_insert after insert on referrals referencing new table as new_rows
            for each statement execute function referral_figure_counts_apply()`.execute(db);
  await sql`create trigger referral_figure_counts_update after update on referrals referencing old table as old_rows new table as new_rows
            for each statement execute function referral_figure_counts_apply()`.execute(db);
  await sql`create trigger referral_figure_counts_delete after delete on referrals referencing old table as old_rows
            for each statement execute function referral_figure_counts_apply()`.execute(db);
  // The referrals there are now. Creating the triggers took a SHARE ROW EXCLUSIVE lock on referrals,
  // held until this migration commits: no write is missed, and every writer of referrals waits for
  // the backfill (docs/decisions/005: 13–16 s at 300,000 referrals, some 1.5–2 minutes at 2,000,000).
  await sql.raw(backfill).execute(db);
}
