import type { Text } from '../platform/i18n.ts';

/**
 * Needs around money matters. One list for the social map, routing rules and (later) referrals.
 * The codes are stable (they appear in HSDS exports as taxonomy terms and in routing rules).
 */
export const categories = [
  'debt_counselling',
  'housing_arrears',
  'budget_coaching',
  'income_support',
  'admin_help',
  'money_buddy',
  'neighbourhood_team',
  'welfare_on_prescription',
  'food_bank',
  'legal_aid',
  'walk_in',
] as const;

export type Category = (typeof categories)[number];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (categories as readonly string[]).includes(value);
}

export const categoryLabels: Record<Category, Text> = {
  debt_counselling: { nl: 'Schuldhulpverlening', en: 'Debt counselling' },
  // Rent or mortgage arrears: the start of an eviction, a "bedreigende situatie" (Wgs art. 4).
  housing_arrears: { nl: 'Wonen / huurachterstand', en: 'Housing / rent arrears' },
  budget_coaching: { nl: 'Budgetcoaching', en: 'Budget coaching' },
  income_support: { nl: 'Inkomen en toeslagen', en: 'Income support and allowances' },
  admin_help: { nl: 'Hulp bij formulieren en administratie', en: 'Help with forms and paperwork' },
  money_buddy: { nl: 'Vrijwillig geldmaatje', en: 'Volunteer money buddy' },
  neighbourhood_team: { nl: 'Wijkteam', en: 'Neighbourhood team' },
  welfare_on_prescription: { nl: 'Welzijn op recept', en: 'Welfare on prescription' },
  food_bank: { nl: 'Voedselbank', en: 'Food bank' },
  legal_aid: { nl: 'Juridische hulp', en: 'Legal aid' },
  walk_in: { nl: 'Inloopspreekuur', en: 'Walk-in point' },
};
