import type { Text } from '../platform/i18n.ts';

/**
 * The yearly checklist per practice and the counts of the network view. Pure.
 *
 * The action study ends on "structurele borging": who keeps the subject on everyone's agenda every
 * year? Six things make a year complete for a practice. Three the app knows itself: the agreement
 * was (re)confirmed in the last twelve months, a visit was held in the last twelve months, and both
 * fixed contacts were confirmed in the last six. Three are ticked by whoever saw them done: the
 * materials were refreshed, the subject was on the practice's own team meeting, and staff followed
 * the training (the national e-learning and guide).
 */
export const checklistItems = [
  'agreement_reviewed',
  'visit_held',
  'contacts_confirmed',
  'materials_refreshed',
  'topic_on_team_agenda',
  'staff_trained',
] as const;
export type ChecklistItem = (typeof checklistItems)[number];

export const manualItems = ['materials_refreshed', 'topic_on_team_agenda', 'staff_trained'] as const satisfies readonly ChecklistItem[];
export type ManualItem = (typeof manualItems)[number];

export function isManualItem(value: unknown): value is ManualItem {
  return typeof value === 'string' && (manualItems as readonly string[]).includes(value);
}

export const checklistLabels: Record<ChecklistItem, Text> = {
  agreement_reviewed: { nl: 'Samenwerkingsafspraak besproken en bevestigd', en: 'Collaboration agreement reviewed and confirmed' },
  visit_held: { nl: 'Bezoek aan de praktijk geweest', en: 'Visit to the practice held' },
  contacts_confirmed: { nl: 'Vaste contactpersonen bevestigd', en: 'Fixed contacts confirmed' },
  materials_refreshed: { nl: 'Materialen vernieuwd (folders, kaartjes, placemat)', en: 'Materials refreshed (leaflets, cards, placemat)' },
  topic_on_team_agenda: { nl: 'Geldzorgen op de agenda van het praktijkoverleg', en: 'Money worries on the practice’s team meeting agenda' },
  staff_trained: { nl: 'Assistentes en POH’s getraind (e-learning en handreiking)', en: 'Assistants and practice nurses trained (e-learning and guide)' },
};

/**
 * The national e-learning "Patiënten met schulden in de huisartsenpraktijk" and the guide on working
 * with the social domain (lectoraat Schulden & Incasso, Hogeschool Utrecht), on one project page.
 */
export const trainingLink = 'https://schuldenenincasso.nl/project/afgerond/huisartsenpraktijk/';

export interface ChecklistFacts {
  /** An agreement of the practice was confirmed in the last twelve months (state agreed, not due for review). */
  agreementReviewed: boolean;
  visitHeldLastYear: boolean;
  /** Every agreement in force has both contacts confirmed in the last six months (and there is at least one). */
  contactsConfirmed: boolean;
  manual: ReadonlySet<ManualItem>;
}

export function checklistDone(facts: ChecklistFacts): Set<ChecklistItem> {
  const done = new Set<ChecklistItem>(facts.manual);
  if (facts.agreementReviewed) done.add('agreement_reviewed');
  if (facts.visitHeldLastYear) done.add('visit_held');
  if (facts.contactsConfirmed) done.add('contacts_confirmed');
  return done;
}

/**
 * Referral counts as the network view shows them: 0 stays 0 (a practice that does not refer is the
 * point), 1 to 4 is "fewer than 5" as everywhere figures are shown, so a small count cannot point
 * to a person.
 */
export type ShownCount = { kind: 'exact'; value: number } | { kind: 'fewer_than_5' };

export function shownCount(n: number): ShownCount {
  return n > 0 && n < 5 ? { kind: 'fewer_than_5' } : { kind: 'exact', value: n };
}
