import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import type { Text } from '../platform/i18n.ts';
import { decideRoute, explainRoute, type FallbackTeam, type RouteDecision, type RuleRow } from './decide-route.ts';
import { parseHouseNumber, parsePostcode, type Postcode } from './postcode.ts';
import { resolveAddress } from './resolve-address.ts';

export const invalidPostcode = () =>
  new AppError('invalid_postcode', 422, {
    nl: 'Vul een geldige postcode in, zoals 7511 AB of 7511.',
    en: 'Enter a valid postcode, such as 7511 AB or 7511.',
  });

export interface Route {
  postcode: Postcode;
  decision: RouteDecision;
  explanation: Text;
}

/**
 * The one routing function: the referral form, the search, the routing page and the self-check all
 * call this. The resident's own region (from their municipality) supplies the fallback desk;
 * `regionId` is the region of whoever asks (the referring practice's), whose desk is used only for
 * an address that no configured region serves. A self-referral passes null: outside every region
 * it gets no team (decide-route.ts).
 */
export async function routeAddress(
  db: Database,
  input: { postcode: string; houseNumber?: string | null; need: string | null; regionId: string | null },
): Promise<Route> {
  const postcode = parsePostcode(input.postcode);
  if (!postcode) throw invalidPostcode();
  const address = await resolveAddress(db, postcode, parseHouseNumber(input.houseNumber));
  const rules: RuleRow[] = address.municipalityCode
    ? (
        await db
          .selectFrom('routing_rules')
          .innerJoin('teams', 'teams.id', 'routing_rules.team_id')
          .select([
            'routing_rules.municipality_code',
            'routing_rules.district_code',
            'routing_rules.category',
            'teams.id as team_id',
            'teams.name as team_name',
          ])
          .where('routing_rules.municipality_code', '=', address.municipalityCode)
          .execute()
      ).map((r) => ({ municipalityCode: r.municipality_code, districtCode: r.district_code, category: r.category, teamId: r.team_id, teamName: r.team_name }))
    : [];
  const byRegion = await fallbackDesks(db, [address.regionId, input.regionId]);
  const decision = decideRoute(address, input.need, rules, { byRegion, askingRegionId: input.regionId });
  return { postcode, decision, explanation: explainRoute(decision, postcode.display) };
}

/** The fallback desks of these regions (the resident's and the asker's), by region id; a region without one is left out. */
async function fallbackDesks(db: Database, regionIds: Array<string | null>): Promise<Map<string, FallbackTeam>> {
  const ids = [...new Set(regionIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('regions')
    .innerJoin('teams', 'teams.id', 'regions.fallback_team_id')
    .select(['regions.id as region_id', 'teams.id', 'teams.name'])
    .where('regions.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.region_id, { teamId: r.id, teamName: r.name }]));
}
