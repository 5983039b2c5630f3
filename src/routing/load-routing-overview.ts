import type { Database } from '../platform/db/database.ts';
import { listTeams } from '../admin/teams.ts';
import { listRules, municipalitiesWithoutFallback } from './manage-rules.ts';

/** What the routing page shows for one region (or, for an administrator, all): rules, gaps, choices. */
export async function loadRoutingOverview(db: Database, regionId: string | null) {
  const [rules, missing, teams, municipalities, districts, regions] = await Promise.all([
    listRules(db, regionId),
    municipalitiesWithoutFallback(db, regionId),
    listTeams(db),
    (() => {
      let q = db.selectFrom('organisations').select(['cbs_code', 'name']).where('kind', '=', 'municipality').orderBy('name');
      if (regionId) q = q.where('region_id', '=', regionId);
      return q.execute();
    })(),
    db
      .selectFrom('districts')
      .innerJoin('organisations', 'organisations.cbs_code', 'districts.municipality_code')
      .select(['districts.code', 'districts.name', 'organisations.name as municipality'])
      .orderBy('organisations.name')
      .orderBy('districts.name')
      .execute(),
    (() => {
      let q = db
        .selectFrom('regions')
        .leftJoin('teams', 'teams.id', 'regions.fallback_team_id')
        .select(['regions.id', 'regions.name', 'teams.name as fallback_name', 'regions.fallback_team_id'])
        .orderBy('regions.name');
      if (regionId) q = q.where('regions.id', '=', regionId);
      return q.execute();
    })(),
  ]);
  return { rules, missing, teams, municipalities, districts, regions };
}
