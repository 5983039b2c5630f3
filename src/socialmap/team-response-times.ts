import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import { atwHolidaysBetween } from '../platform/working-days.ts';
import { RESPONSE_WINDOW_DAYS, typicalResponse, type TypicalResponse } from './response-time.ts';

/**
 * The typical time to first contact of the given teams (response-time.ts), in one statement for a
 * whole page of results: per team, the referrals whose first contact falls in the last 90 days,
 * each counted in working days (weekdays that are no Atw holiday; the holidays are passed in, the
 * database knows no Dutch calendar) and their median. The index referrals_team_first_contact
 * (migration 2026_11_30_0051) holds exactly these columns. Teams below 10 referrals are left out.
 * Counts only, no patient data: not audited.
 */
export async function teamResponseTimes(db: Database, teamIds: readonly string[], today = amsterdamToday()): Promise<Map<string, TypicalResponse>> {
  const ids = [...new Set(teamIds)];
  const result = new Map<string, TypicalResponse>();
  if (ids.length === 0) return result;
  const from = addDaysIso(today, -RESPONSE_WINDOW_DAYS);
  // A referral contacted in the window may have been sent earlier; a year back covers any real wait.
  const holidays = atwHolidaysBetween(addDaysIso(from, -366), today);
  const { rows } = await sql<{ team_id: string; referrals: number | string; median: number | string | null }>`
    select r.team_id, count(*) as referrals,
           percentile_cont(0.5) within group (order by w.days) as median
    from referrals r
    cross join lateral (
      select count(*) as days
      from generate_series((r.requested_on + 1)::timestamp, r.first_contact_on::timestamp, interval '1 day') as d
      where extract(isodow from d) < 6 and d::date <> all(${sql.val(holidays)}::date[])
    ) w
    where r.team_id = any(${sql.val(ids)}::uuid[])
      and r.first_contact_on is not null
      and r.first_contact_on > ${from}::date and r.first_contact_on <= ${today}::date
    group by r.team_id`.execute(db);
  for (const row of rows) {
    const shown = typicalResponse({ referrals: Number(row.referrals), medianWorkingDays: Number(row.median) });
    if (shown) result.set(row.team_id, shown);
  }
  return result;
}
