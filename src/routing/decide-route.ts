import type { Text } from '../platform/i18n.ts';

/**
 * Which team receives a referral, decided by the patient's address (never the practice's).
 * Pure: the caller loads the address facts, the rules and the fallback desks; this function only decides.
 *
 * Precedence, most specific area first — a team that covers part of a municipality takes
 * everything in its part:
 *   1. district + need   2. district, any need   3. municipality + need
 *   4. municipality, any need (the municipality's fallback desk)
 *   5. the fallback desk of the resident's own region: the region whose municipalities include the
 *      resident's municipality, whoever asks (a Twente practice's patient who lives in another
 *      region goes to that region's desk)
 *   6. no region serves the address: the desk of the asking practice's region, which finds help in
 *      the resident's municipality. A self-referral has no asking region, so it gets no team: the
 *      resident is told where to turn instead and nothing is stored.
 */
export interface AddressFacts {
  pc4: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  districtCode: string | null;
  districtName: string | null;
  /** The configured region whose municipalities include this address's municipality; null when none does. */
  regionId: string | null;
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

export interface FallbackDesks {
  /** The fallback desk of each region that has one, by region id (at least the resident's and the asker's). */
  byRegion: ReadonlyMap<string, FallbackTeam>;
  /** The region of whoever asks: the referring practice's region; null for a self-referral or an administrator. */
  askingRegionId: string | null;
}

export type RouteReason = 'district_need' | 'district' | 'municipality_need' | 'municipality_fallback' | 'outside_region' | 'no_municipality_rule';

export interface RouteDecision {
  teamId: string | null;
  teamName: string | null;
  reason: RouteReason;
  address: AddressFacts;
}

export function decideRoute(address: AddressFacts, need: string | null, rules: RuleRow[], desks: FallbackDesks): RouteDecision {
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
  const [deskRegion, reason]: [string | null, RouteReason] =
    address.regionId !== null ? [address.regionId, 'no_municipality_rule'] : [desks.askingRegionId, 'outside_region'];
  const desk = deskRegion !== null ? desks.byRegion.get(deskRegion) : undefined;
  return { teamId: desk?.teamId ?? null, teamName: desk?.teamName ?? null, reason, address };
}

/** The explanation shown beside the team: "7552 AB ligt in Hengelo, wijk Noord. De verwijzing gaat naar Wijkteam Hengelo-Noord." */
export function explainRoute(decision: RouteDecision, postcodeDisplay: string): Text {
  const a = decision.address;
  const team = decision.teamName ?? '—';
  const where = a.municipalityName ? `${a.municipalityName}${a.districtName ? `, wijk ${a.districtName}` : ''}` : null;
  const whereEn = a.municipalityName ? `${a.municipalityName}${a.districtName ? `, district ${a.districtName}` : ''}` : null;
  switch (decision.reason) {
    case 'district_need':
    case 'district':
    case 'municipality_need':
      return {
        nl: `${postcodeDisplay} ligt in ${where}. De verwijzing gaat naar ${team}.`,
        en: `${postcodeDisplay} is in ${whereEn}. The referral goes to ${team}.`,
      };
    case 'municipality_fallback':
      return {
        nl: `${postcodeDisplay} ligt in ${where}. De verwijzing gaat naar ${team}. Dit is het centrale loket van de gemeente.`,
        en: `${postcodeDisplay} is in ${whereEn}. The referral goes to ${team}. This is the municipality's central desk.`,
      };
    case 'no_municipality_rule':
      return decision.teamName
        ? {
            nl: `${postcodeDisplay} ligt in ${where}, maar daar is nog geen team ingesteld. De verwijzing gaat naar ${team}. Dit is het regionale loket. Dat zoekt de juiste hulp in de woonplaats.`,
            en: `${postcodeDisplay} is in ${whereEn}, but no team has been set up there yet. The referral goes to ${team}. This is the regional desk. It finds the right help where the resident lives.`,
          }
        : {
            nl: `${postcodeDisplay} ligt in ${where}, maar daar is nog geen team ingesteld en ook geen regionaal loket.`,
            en: `${postcodeDisplay} is in ${whereEn}, but no team has been set up there yet, and no regional desk either.`,
          };
    case 'outside_region': {
      const outside = {
        nl: `${postcodeDisplay} ligt buiten de regio. De inwoner woont in een gemeente waar Korte Lijn geen team heeft.`,
        en: `${postcodeDisplay} is outside the region. The resident lives in a municipality where Korte Lijn has no team.`,
      };
      return decision.teamName
        ? {
            nl: `${outside.nl} Daarom gaat de verwijzing naar het regionale loket van de praktijk: ${team}. Dit loket zoekt hulp in de gemeente van de inwoner.`,
            en: `${outside.en} So the referral goes to the practice's regional desk: ${team}. This desk finds help in the resident's municipality.`,
          }
        : {
            nl: `${outside.nl} Een verwijzing van een praktijk gaat naar het regionale loket van die praktijk. Een aanmelding via de zelftest wordt niet bewaard: de inwoner ziet waar hij wel terecht kan.`,
            en: `${outside.en} A referral from a practice goes to that practice's regional desk. A request from the self-check is not stored: the resident is shown where to turn instead.`,
          };
    }
  }
}
