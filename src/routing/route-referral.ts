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
 * The one routing function: the referral form, the search and the self-check all call this.
 * `regionId` is the asking practice's region; its fallback desk takes what falls outside.
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
  const decision = decideRoute(address, input.need, rules, await regionFallback(db, input.regionId, address.municipalityCode));
  return { postcode, decision, explanation: explainRoute(decision, postcode.display) };
}

/** The fallback desk of the asking region; for an address in a known municipality, that municipality's region. */
async function regionFallback(db: Database, regionId: string | null, municipalityCode: string | null): Promise<FallbackTeam | null> {
  let q = db.selectFrom('regions').innerJoin('teams', 'teams.id', 'regions.fallback_team_id').select(['teams.id', 'teams.name']);
  if (regionId) q = q.where('regions.id', '=', regionId);
  else if (municipalityCode) q = q.where('regions.id', 'in', db.selectFrom('organisations').select('region_id').where('cbs_code', '=', municipalityCode));
  const row = await q.orderBy('regions.name').limit(1).executeTakeFirst();
  return row ? { teamId: row.id, teamName: row.name } : null;
}
