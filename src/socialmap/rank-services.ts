/**
 * How the search orders the services that fit an address and a need, best first. The ranking runs
 * in SQL (search-services.ts), so the database returns the page of results with their cards in
 * one statement (issue #11 §4: the search is held to 1.5 × one hand-written statement).
 *
 * Order, most important first:
 *   1. area: the most specific match wins — a service for PC4 7601 before one for a district,
 *      before one for the whole municipality (the local team knows the street);
 *   2. need: a service for exactly this need before a general entry point (wijkteam, inloop),
 *      which helps with every money question and is therefore always shown;
 *   3. words (only when searching with words): the better Dutch full-text match first — a word in
 *      the name before one in the description;
 *   4. freshness: the most recently verified first, never-verified last;
 *   5. name, so equal services keep a stable order.
 */
export type AreaMatch = 'pc4' | 'district' | 'municipality';
export type NeedFit = 'exact' | 'general';

export interface AddressArea {
  pc4: string;
  districtCode: string | null;
  municipalityCode: string | null;
}

/** Categories of general entry points: they take any money question and refer on. */
export const GENERAL_CATEGORIES: readonly string[] = ['neighbourhood_team', 'walk_in'];

/** Area ranks as the SQL numbers them (0 = the most specific), and back. */
export const AREA_MATCHES: readonly AreaMatch[] = ['pc4', 'district', 'municipality'];
