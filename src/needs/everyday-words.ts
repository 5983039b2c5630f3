import type { Category } from './categories.ts';

/**
 * The words people use for a money problem, and the needs that help with it. A GP assistant types
 * what the patient said ("huurachterstand", "deurwaarder", "DUO"); no service description has to
 * contain that word for the right help to be found. Kept as data: add a line when searches for an
 * everyday word find nothing (the unit test checks every line). Written folded (lower case, no
 * accents), as the search folds what is typed.
 *
 * A typed word matches the longest entry it starts with, so plurals and compounds come along
 * ("schulden" → schuld, "energierekening" → energie) while a more specific entry wins
 * ("huurtoeslag" is about an allowance, not about arrears with the rent).
 */
export const everydayWords: Readonly<Record<string, readonly Category[]>> = {
  // Housing: arrears with the rent or mortgage come before an eviction (Wgs art. 4: a threatening situation).
  huur: ['housing_arrears', 'debt_counselling'],
  huurachterstand: ['housing_arrears', 'debt_counselling'],
  hypotheek: ['housing_arrears', 'debt_counselling'],
  ontruiming: ['housing_arrears', 'debt_counselling', 'legal_aid'],
  huisuitzetting: ['housing_arrears', 'debt_counselling', 'legal_aid'],
  uitzetting: ['housing_arrears', 'debt_counselling', 'legal_aid'],
  verhuurder: ['housing_arrears', 'legal_aid'],
  woningcorporatie: ['housing_arrears', 'debt_counselling'],
  wonen: ['housing_arrears'],
  woning: ['housing_arrears'],
  // Debts and collection.
  schuld: ['debt_counselling'],
  studieschuld: ['debt_counselling', 'admin_help'],
  duo: ['debt_counselling', 'admin_help'],
  deurwaarder: ['debt_counselling', 'legal_aid'],
  incasso: ['debt_counselling', 'legal_aid'],
  beslag: ['debt_counselling', 'legal_aid'],
  loonbeslag: ['debt_counselling', 'legal_aid'],
  aanmaning: ['debt_counselling', 'admin_help'],
  betalingsachterstand: ['debt_counselling'],
  achterstand: ['debt_counselling'],
  rekening: ['debt_counselling', 'budget_coaching'],
  boete: ['debt_counselling', 'legal_aid'],
  cjib: ['debt_counselling', 'legal_aid'],
  lening: ['debt_counselling'],
  krediet: ['debt_counselling'],
  // Utilities: a cut-off of gas, electricity, heating or water is a threatening situation too.
  energie: ['debt_counselling', 'income_support'],
  stroom: ['debt_counselling', 'income_support'],
  afsluiting: ['debt_counselling'],
  afgesloten: ['debt_counselling'],
  // Health insurance: arrears with the premium end in the Zvw administration regime (bestuursrechtelijke premie).
  zorgverzekering: ['debt_counselling', 'income_support'],
  zorgverzekeraar: ['debt_counselling', 'income_support'],
  zorgpremie: ['debt_counselling', 'income_support'],
  // Income and allowances.
  toeslag: ['income_support', 'admin_help'],
  toeslagen: ['income_support', 'admin_help'],
  huurtoeslag: ['income_support', 'admin_help'],
  zorgtoeslag: ['income_support', 'admin_help'],
  kinderopvangtoeslag: ['income_support', 'admin_help'],
  belasting: ['income_support', 'admin_help'],
  uitkering: ['income_support'],
  bijstand: ['income_support'],
  inkomen: ['income_support'],
  minima: ['income_support'],
  rondkomen: ['budget_coaching', 'income_support'],
  // Paperwork, budgeting, company on the way.
  brief: ['admin_help'],
  brieven: ['admin_help'],
  formulier: ['admin_help'],
  administratie: ['admin_help'],
  papieren: ['admin_help'],
  budget: ['budget_coaching'],
  geldzorg: ['debt_counselling', 'budget_coaching', 'money_buddy'],
  geldmaatje: ['money_buddy'],
  maatje: ['money_buddy'],
  vrijwillig: ['money_buddy'],
  wijkteam: ['neighbourhood_team'],
  welzijn: ['welfare_on_prescription'],
  eenzaam: ['welfare_on_prescription', 'neighbourhood_team'],
  eten: ['food_bank'],
  voedsel: ['food_bank'],
  voedselbank: ['food_bank'],
  juridisch: ['legal_aid'],
  advocaat: ['legal_aid'],
  rechtshulp: ['legal_aid'],
  inloop: ['walk_in'],
  spreekuur: ['walk_in'],
  // The same for staff who read the English pages.
  debt: ['debt_counselling'],
  bailiff: ['debt_counselling', 'legal_aid'],
  eviction: ['housing_arrears', 'debt_counselling', 'legal_aid'],
  housing: ['housing_arrears'],
  allowance: ['income_support', 'admin_help'],
  income: ['income_support'],
  paperwork: ['admin_help'],
  buddy: ['money_buddy'],
  neighbourhood: ['neighbourhood_team'],
  welfare: ['welfare_on_prescription'],
  food: ['food_bank'],
  legal: ['legal_aid'],
};

/** Lower case without accents, as the everyday words are written ("Café" → "cafe"). */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** The words of a search text, folded; anything but letters and digits separates words. */
export function searchWordsOf(text: string | null): string[] {
  return foldWord(text ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The needs an everyday word points to: those of the longest entry the word starts with; none when no entry fits. */
export function needsForWord(word: string): readonly Category[] {
  const folded = foldWord(word);
  let best: string | null = null;
  for (const entry of Object.keys(everydayWords)) {
    if (folded.startsWith(entry) && (best === null || entry.length > best.length)) best = entry;
  }
  return best === null ? [] : everydayWords[best]!;
}
