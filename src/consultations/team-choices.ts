import type { Database } from '../platform/db/database.ts';
import { listTeams } from '../admin/teams.ts';

export interface TeamChoice {
  id: string;
  label: string;
}

/**
 * Every team a practice can ask, split in two: teams that take referrals in the practice's own region
 * (they have a routing rule for one of its municipalities, or are its regional desk) first, then all
 * the others. A practice near a border may well need a team of the neighbouring region.
 */
export async function teamChoices(db: Database, practiceId: string): Promise<{ region: TeamChoice[]; other: TeamChoice[] }> {
  const practice = await db.selectFrom('organisations').select('region_id').where('id', '=', practiceId).executeTakeFirst();
  const preferred = new Set<string>();
  if (practice) {
    const rules = await db
      .selectFrom('routing_rules')
      .innerJoin('organisations', 'organisations.cbs_code', 'routing_rules.municipality_code')
      .select('routing_rules.team_id')
      .where('organisations.kind', '=', 'municipality')
      .where('organisations.region_id', '=', practice.region_id)
      .distinct()
      .execute();
    for (const r of rules) preferred.add(r.team_id);
    const region = await db.selectFrom('regions').select('fallback_team_id').where('id', '=', practice.region_id).executeTakeFirst();
    if (region?.fallback_team_id) preferred.add(region.fallback_team_id);
  }
  const teams = await listTeams(db);
  const choice = (t: (typeof teams)[number]): TeamChoice => ({ id: t.id, label: `${t.name} (${t.organisation_name})` });
  return { region: teams.filter((t) => preferred.has(t.id)).map(choice), other: teams.filter((t) => !preferred.has(t.id)).map(choice) };
}
