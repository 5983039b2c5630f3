import type { Text } from '../platform/i18n.ts';
import type { ReferralTable } from '../platform/db/schema.ts';
import type { ConsentMethod } from './consent.ts';
import { isClosed, type Outcome, type ReferralStatus } from './state-machine.ts';

/**
 * The words people see for the codes of a referral, Dutch (B1) with the English twin. Pure.
 * The status names follow FHIR Task.status underneath, but say what it means for the reader.
 */
export const statusLabels: Record<ReferralStatus, Text> = {
  requested: { nl: 'Verstuurd, nog niet geopend', en: 'Sent, not opened yet' },
  received: { nl: 'Ontvangen door het team', en: 'Received by the team' },
  accepted: { nl: 'Aangenomen', en: 'Accepted' },
  'in-progress': { nl: 'Contact gelegd, hulp loopt', en: 'Contact made, help under way' },
  completed: { nl: 'Afgesloten', en: 'Closed' },
  rejected: { nl: 'Afgewezen door het team', en: 'Declined by the team' },
  cancelled: { nl: 'Ingetrokken', en: 'Withdrawn' },
  failed: { nl: 'Afgesloten: niet bereikt', en: 'Closed: not reached' },
};

export const outcomeLabels: Record<Outcome, Text> = {
  trajectory_started: { nl: 'Hulptraject gestart', en: 'Help trajectory started' },
  referred_elsewhere: { nl: 'Doorverwezen naar andere hulp', en: 'Referred to other help' },
  no_help_needed: { nl: 'Geen hulp nodig', en: 'No help needed' },
  // Read by the practice (patiënt) and the team (inwoner): no word for the person (docs/glossary.md).
  declined: { nl: 'Wilde (nu) geen hulp', en: 'Did not want help (now)' },
  not_reachable: { nl: 'Niet bereikt na meerdere pogingen', en: 'Not reachable after several attempts' },
};

/** The forms of warm hand-over (warme overdracht); the same list as the database check. */
export const handovers = [
  'phone_together',
  'meeting_at_practice',
  'home_visit',
  'neutral_talk',
  'team_contacts_patient',
] as const satisfies readonly ReferralTable['handover'][];
export type Handover = (typeof handovers)[number];

export const handoverLabels: Record<Handover, Text> = {
  phone_together: { nl: 'Samen bellen vanuit de praktijk', en: 'Phone call together from the practice' },
  meeting_at_practice: { nl: 'Kennismaking in de praktijk', en: 'Meeting at the practice' },
  home_visit: { nl: 'Huisbezoek', en: 'Home visit' },
  neutral_talk: { nl: 'Vrijblijvend gesprek met een neutrale partij of vrijwilliger', en: 'No-obligation talk with a neutral party or volunteer' },
  team_contacts_patient: { nl: 'Het team neemt zelf contact op met de patiënt', en: 'The team contacts the patient itself' },
};

export const contactChannels = ['phone', 'email', 'via_practice'] as const satisfies readonly ReferralTable['contact_channel'][];
export type ContactChannel = (typeof contactChannels)[number];

export const contactChannelLabels: Record<ContactChannel, Text> = {
  phone: { nl: 'Telefoon', en: 'Phone' },
  email: { nl: 'E-mail', en: 'E-mail' },
  via_practice: { nl: 'Via de praktijk', en: 'Through the practice' },
};

/** referral_events.type → what happened. */
export const consentMethodLabels: Record<ConsentMethod, Text> = {
  verbal: { nl: 'Mondeling', en: 'Verbally' },
  written: { nl: 'Schriftelijk', en: 'In writing' },
};

export const eventLabels: Record<string, Text> = {
  created: { nl: 'Verstuurd', en: 'Sent' },
  received: { nl: 'Geopend door het team', en: 'Opened by the team' },
  accepted: { nl: 'Aangenomen en toegewezen', en: 'Accepted and assigned' },
  contact_attempt: { nl: 'Poging tot contact', en: 'Contact attempt' },
  first_contact: { nl: 'Eerste contact gelegd', en: 'First contact made' },
  first_conversation: { nl: 'Eerste gesprek gevoerd', en: 'First conversation held' },
  already_known: { nl: 'Team gaf aan: al bekend', en: 'Team said: already known' },
  forwarded: { nl: 'Doorgestuurd naar een ander team', en: 'Forwarded to another team' },
  rejected: { nl: 'Afgewezen', en: 'Declined' },
  closed: { nl: 'Afgesloten met uitkomst', en: 'Closed with an outcome' },
  cancelled: { nl: 'Ingetrokken door de praktijk', en: 'Withdrawn by the practice' },
  contact_data_corrected: { nl: 'Contactgegevens verbeterd op verzoek', en: 'Contact details corrected on request' },
  personal_data_erased: { nl: 'Persoonsgegevens gewist op verzoek', en: 'Personal data erased on request' },
  onsite_meeting_booked: { nl: 'Kennismaking in de praktijk gepland', en: 'Meeting at the practice booked' },
  onsite_meeting_cancelled: { nl: 'Kennismaking in de praktijk afgezegd', en: 'Meeting at the practice cancelled' },
};

export type DueState = 'done' | 'planned' | 'on-time' | 'due-today' | 'overdue' | 'none';

/**
 * The badge beside a due date: done (reached), planned (a first conversation on a day still to
 * come), on time, due today, or overdue (Wgs art. 4 terms; due at the end of the Amsterdam day).
 * A planned conversation counts for the term on the day it takes place, not on the day it was
 * planned: until then the term runs as if nothing was recorded, so one planned after the due day
 * is overdue once that day has passed. A closed referral shows no clock any more.
 */
export function dueState(due: string, today: string, reachedOn: string | null, status: ReferralStatus): DueState {
  if (reachedOn && reachedOn <= today) return 'done';
  if (isClosed(status)) return 'none';
  if (today > due) return 'overdue';
  if (reachedOn) return 'planned';
  if (today === due) return 'due-today';
  return 'on-time';
}

/** Whether a milestone recorded for `on` (maybe a day still to come) has taken place by `today`. */
export function tookPlace(on: string | null, today: string): boolean {
  return on !== null && on <= today;
}

export const dueStateLabels: Record<DueState, Text> = {
  done: { nl: 'gedaan', en: 'done' },
  planned: { nl: 'gepland op', en: 'planned for' },
  'on-time': { nl: 'op tijd', en: 'on time' },
  'due-today': { nl: 'uiterlijk vandaag', en: 'due today' },
  overdue: { nl: 'te laat', en: 'overdue' },
  none: { nl: 'niet meer van toepassing', en: 'no longer applies' },
};

/** 2026-11-26 → "26-11-2026", the way Dutch readers write a date. */
export function dutchDate(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}
