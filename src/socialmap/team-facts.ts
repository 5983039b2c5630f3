import type { Database } from '../platform/db/database.ts';
import type { StoredCapacity } from './capacity.ts';
import type { TypicalResponse } from './response-time.ts';
import { teamResponseTimes } from './team-response-times.ts';

/**
 * What a practice sees of a team before it refers (the referral preview): the capacity of each of
 * the team's active services and the team's measured time to first contact. Two statements.
 */
export interface TeamFacts {
  services: Array<{ id: string; name: string; capacity: StoredCapacity }>;
  responseTime: TypicalResponse | undefined;
}

export async function getTeamFacts(db: Database, teamId: string): Promise<TeamFacts> {
  const [rows, responseTimes] = await Promise.all([
    db
      .selectFrom('services')
      .select(['id', 'name', 'capacity_status', 'capacity_waiting_weeks', 'capacity_confirmed_at'])
      .where('team_id', '=', teamId)
      .where('status', '=', 'active')
      .orderBy('name')
      .orderBy('id')
      .execute(),
    teamResponseTimes(db, [teamId]),
  ]);
  return {
    services: rows.map((s) => ({
      id: s.id,
      name: s.name,
      capacity: { status: s.capacity_status, waitingWeeks: s.capacity_waiting_weeks, confirmedAt: s.capacity_confirmed_at },
    })),
    responseTime: responseTimes.get(teamId),
  };
}
