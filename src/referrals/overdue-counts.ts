import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { closedStatuses } from './state-machine.ts';

/**
 * How many open referrals each team holds that are past a response term now (docs/product.md,
 * "Response terms"): first contact or first conversation due before today and not reached. Counts
 * per team id only, for monitoring (korte_lijn_referrals_overdue); whether they were escalated
 * already does not matter here. One statement, read from the open referrals' index
 * (referrals_team_open carries the due dates and the reached dates), so its cost grows with the
 * open referrals, not with the years of closed ones.
 */
export interface OverdueCount {
  teamId: string;
  firstContact: number;
  firstConversation: number;
}

export async function overdueReferralsPerTeam(db: Database, today = amsterdamToday()): Promise<OverdueCount[]> {
  // The closed statuses as literals: the partial index's predicate must be provable at plan time.
  const closed = sql.join(closedStatuses.map((status) => sql.lit(status)));
  const { rows } = await sql<{ team_id: string; first_contact: string; first_conversation: string }>`
    select team_id,
      count(*) filter (where first_contact_on is null and first_contact_due < ${today}) as first_contact,
      count(*) filter (where first_conversation_on is null and first_conversation_due < ${today}) as first_conversation
    from referrals
    where status not in (${closed})
      and ((first_contact_on is null and first_contact_due < ${today}) or (first_conversation_on is null and first_conversation_due < ${today}))
    group by team_id
    order by team_id`.execute(db);
  return rows.map((r) => ({ teamId: r.team_id, firstContact: Number(r.first_contact), firstConversation: Number(r.first_conversation) }));
}
