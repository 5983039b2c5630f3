import type { Text } from '../platform/i18n.ts';

/**
 * Visits to GP practices: the topics and when the next one is due. Pure.
 *
 * The action study recommends visiting every practice once or twice a year, in step with colleagues
 * who visit too, to keep the contact persons and routes current. A practice with no visit for
 * twelve months is due a reminder; a visit records when the next one is due (by default six months
 * later, so twice a year).
 */
export const visitTopics = ['social_map_update', 'routes', 'materials', 'case_discussion'] as const;
export type VisitTopic = (typeof visitTopics)[number];

export const visitTopicLabels: Record<VisitTopic, Text> = {
  social_map_update: { nl: 'De sociale kaart bijgewerkt (wie is wie)', en: 'Social map updated (who is who)' },
  routes: { nl: 'Routes en afspraken doorgenomen', en: 'Routes and agreements discussed' },
  materials: { nl: 'Materialen gebracht (folders, kaartjes, placemat)', en: 'Materials handed over (leaflets, cards, placemat)' },
  case_discussion: { nl: 'Algemene casusbespreking (zonder patiëntgegevens)', en: 'General case discussion (without patient data)' },
};

export type VisitStatus = 'planned' | 'held' | 'cancelled';

export const visitStatusLabels: Record<VisitStatus, Text> = {
  planned: { nl: 'Gepland', en: 'Planned' },
  held: { nl: 'Geweest', en: 'Held' },
  cancelled: { nl: 'Afgezegd', en: 'Cancelled' },
};

/** A practice is due a visit twelve months after the last one. */
export const VISIT_DUE_MONTHS = 12;
/** The next visit a recorded visit proposes: half a year later. */
export const NEXT_VISIT_MONTHS = 6;

/** The same calendar day `months` later; a day the month does not have becomes its last day (31 Aug + 6 → 28/29 Feb). */
export function addMonthsIso(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The day from which a practice is overdue for a visit: twelve months after its last visit, or
 * after it joined when it never had one (a new practice is not overdue on day one).
 */
export function visitDueSince(lastHeldOn: string | null, joinedOn: string): string {
  return addMonthsIso(lastHeldOn ?? joinedOn, VISIT_DUE_MONTHS);
}

/** Overdue: the due day has come, and no visit is planned from today on. */
export function visitOverdue(input: { lastHeldOn: string | null; joinedOn: string; nextPlannedOn: string | null }, today: string): boolean {
  if (input.nextPlannedOn !== null && input.nextPlannedOn >= today) return false;
  return visitDueSince(input.lastHeldOn, input.joinedOn) <= today;
}
