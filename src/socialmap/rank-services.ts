/**
 * Which services fit an address and a need, best first. Pure: the caller loads the candidate rows
 * (services with an area that touches the address); these functions only match and order them.
 *
 * Order, most important first:
 *   1. area: the most specific match wins — a service for PC4 7601 before one for a district,
 *      before one for the whole municipality (the local team knows the street);
 *   2. need: a service for exactly this need before a general entry point (wijkteam, inloop),
 *      which helps with every money question and is therefore always shown;
 *   3. freshness: the most recently verified first, never-verified last;
 *   4. name, so equal services keep a stable order.
 */
export type AreaMatch = 'pc4' | 'district' | 'municipality';
export type NeedFit = 'exact' | 'general';

export interface AreaRow {
  municipality_code: string | null;
  district_code: string | null;
  pc4: string | null;
}

export interface AddressArea {
  pc4: string;
  districtCode: string | null;
  municipalityCode: string | null;
}

/** Categories of general entry points: they take any money question and refer on. */
export const GENERAL_CATEGORIES: readonly string[] = ['neighbourhood_team', 'walk_in'];

const AREA_RANK: Record<AreaMatch, number> = { pc4: 0, district: 1, municipality: 2 };
const FIT_RANK: Record<NeedFit, number> = { exact: 0, general: 1 };

/** The most specific of a service's areas that covers the address, or null when none does. */
export function bestAreaMatch(areas: readonly AreaRow[], address: AddressArea): AreaMatch | null {
  let best: AreaMatch | null = null;
  for (const area of areas) {
    let match: AreaMatch | null = null;
    if (area.pc4 !== null && area.pc4 === address.pc4) match = 'pc4';
    else if (area.district_code !== null && area.district_code === address.districtCode) match = 'district';
    else if (area.municipality_code !== null && area.municipality_code === address.municipalityCode) match = 'municipality';
    if (match && (best === null || AREA_RANK[match] < AREA_RANK[best])) best = match;
  }
  return best;
}

/** How well a service's categories fit the asked need; null = not for this need. No need asked: every service fits. */
export function needFit(categories: readonly string[], need: string | null): NeedFit | null {
  if (need === null || categories.includes(need)) return 'exact';
  if (categories.some((c) => GENERAL_CATEGORIES.includes(c))) return 'general';
  return null;
}

/** Every word of the free text appears somewhere in the service's searchable text (case and accents ignored). */
export function matchesText(haystack: readonly (string | null | undefined)[], text: string | null): boolean {
  const words = fold(text ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return true;
  const all = fold(haystack.filter(Boolean).join(' '));
  return words.every((w) => all.includes(w));
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export interface Candidate {
  id: string;
  name: string;
  categories: readonly string[];
  areaMatch: AreaMatch;
  lastVerifiedAt: Date | null;
}

export type Ranked<T> = T & { needFit: NeedFit };

/** Keeps the candidates that fit the need and orders them best first (see the rules at the top). */
export function rankServices<T extends Candidate>(candidates: readonly T[], need: string | null): Array<Ranked<T>> {
  const fitting: Array<Ranked<T>> = [];
  for (const c of candidates) {
    const fit = needFit(c.categories, need);
    if (fit) fitting.push({ ...c, needFit: fit });
  }
  return fitting.sort(
    (a, b) =>
      AREA_RANK[a.areaMatch] - AREA_RANK[b.areaMatch] ||
      FIT_RANK[a.needFit] - FIT_RANK[b.needFit] ||
      (b.lastVerifiedAt?.getTime() ?? -Infinity) - (a.lastVerifiedAt?.getTime() ?? -Infinity) ||
      a.name.localeCompare(b.name, 'nl') ||
      a.id.localeCompare(b.id),
  );
}
