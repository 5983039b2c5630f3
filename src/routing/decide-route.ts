import type { Text } from '../platform/i18n.ts';

/**
 * Which team receives a referral, decided by the patient's address (never the practice's).
 * Pure: the caller loads the address facts and the rules; this function only decides.
 *
 * Precedence, most specific area first — a team that covers part of a municipality takes
 * everything in its part:
 *   1. district + need   2. district, any need   3. municipality + need
 *   4. municipality, any need (the municipality's fallback desk)   5. the region's fallback desk.
 */
export interface AddressFacts {
  pc4: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  districtCode: string | null;
  districtName: string | null;
  /** The municipality belongs to a region configured in Korte Lijn. */
  inRegion: boolean;
}

export interface RuleRow {
  municipalityCode: string;
  districtCode: string | null;
  category: string | null;
  teamId: string;
  teamName: string;
}

export interface FallbackTeam {
  teamId: string;
  teamName: string;
}

export type RouteReason = 'district_need' | 'district' | 'municipality_need' | 'municipality_fallback' | 'outside_region' | 'no_municipality_rule';

export interface RouteDecision {
  teamId: string | null;
  teamName: string | null;
  reason: RouteReason;
  address: AddressFacts;
}

export function decideRoute(address: AddressFacts, need: string | null, rules: RuleRow[], regionFallback: FallbackTeam | null): RouteDecision {
  const inMunicipality = address.municipalityCode ? rules.filter((r) => r.municipalityCode === address.municipalityCode) : [];
  const pick = (predicate: (r: RuleRow) => boolean, reason: RouteReason): RouteDecision | null => {
    const rule = inMunicipality.find(predicate);
    return rule ? { teamId: rule.teamId, teamName: rule.teamName, reason, address } : null;
  };
  const inDistrict = (r: RuleRow) => address.districtCode !== null && r.districtCode === address.districtCode;
  const found =
    (need ? pick((r) => inDistrict(r) && r.category === need, 'district_need') : null) ??
    pick((r) => inDistrict(r) && r.category === null, 'district') ??
    (need ? pick((r) => r.districtCode === null && r.category === need, 'municipality_need') : null) ??
    pick((r) => r.districtCode === null && r.category === null, 'municipality_fallback');
  if (found) return found;
  const reason: RouteReason = address.municipalityCode && address.inRegion ? 'no_municipality_rule' : 'outside_region';
  return { teamId: regionFallback?.teamId ?? null, teamName: regionFallback?.teamName ?? null, reason, address };
}

/** The one-line explanation shown beside the team: "7552 AB ligt in Hengelo, wijk Noord → Wijkteam Hengelo-Noord". */
export function explainRoute(decision: RouteDecision, postcodeDisplay: string): Text {
  const a = decision.address;
  const team = decision.teamName ?? '—';
  const where = a.municipalityName ? `${a.municipalityName}${a.districtName ? `, wijk ${a.districtName}` : ''}` : null;
  const whereEn = a.municipalityName ? `${a.municipalityName}${a.districtName ? `, district ${a.districtName}` : ''}` : null;
  switch (decision.reason) {
    case 'district_need':
    case 'district':
    case 'municipality_need':
      return { nl: `${postcodeDisplay} ligt in ${where} → ${team}`, en: `${postcodeDisplay} is in ${whereEn} → ${team}` };
    case 'municipality_fallback':
      return {
        nl: `${postcodeDisplay} ligt in ${where} → ${team} (centraal loket van de gemeente)`,
        en: `${postcodeDisplay} is in ${whereEn} → ${team} (the municipality's central desk)`,
      };
    case 'no_municipality_rule':
      return {
        nl: `${postcodeDisplay} ligt in ${where}, maar daar is nog geen team ingesteld → ${team} (regionaal loket)`,
        en: `${postcodeDisplay} is in ${whereEn}, but no team has been set up there yet → ${team} (regional desk)`,
      };
    case 'outside_region':
      return {
        nl: `${postcodeDisplay} ligt buiten de regio → ${team} (regionaal loket; zij zoeken de juiste hulp in de woonplaats)`,
        en: `${postcodeDisplay} is outside the region → ${team} (regional desk; they find the right help where the patient lives)`,
      };
  }
}
