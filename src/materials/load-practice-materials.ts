import type { Database } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { amsterdamToday } from '../platform/dates.ts';
import type { Category } from '../needs/categories.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { resolveAddress } from '../routing/resolve-address.ts';
import { searchServices } from '../socialmap/search-services.ts';
import type { TimeSlot } from '../socialmap/opening-hours.ts';
import type { ServiceCard } from '../socialmap/service-cards.ts';
import { listFixedContacts, type FixedContact } from '../agreements/fixed-contacts.ts';
import { listOnsiteHours, type OnsiteHoursView } from '../onsite/onsite-hours.ts';
import { practiceVisits } from '../visits/read-visits.ts';
import { effectiveTerms, type Terms } from '../referrals/due-dates.ts';
import { materialNeeds, type NeedInfo } from './material-texts.ts';
import { calendarFrom, type CalendarMonth } from './year-calendar.ts';

/**
 * Everything the materials of one practice show, read live at the moment they are made: the help
 * per need for the practice's catchment area (the social map searched at the practice's postcode,
 * as a resident of that postcode would find it on /hulp), walk-in points with their hours, the fixed
 * contacts and terms of the agreements, the on-site hours and the visits. Only what residents may
 * see of the social map (audience "public"); no patient data at all.
 */
export interface ServiceLine {
  id: string;
  name: string;
  organisationName: string;
  phone: string | null;
  url: string | null;
  phoneHours: TimeSlot[];
}

export interface HelpRoute {
  need: NeedInfo;
  /** The best fits, at most two. */
  services: ServiceLine[];
}

export interface WalkInPoint {
  locationId: string;
  name: string;
  address: string;
  serviceName: string;
  phone: string | null;
  hours: TimeSlot[];
}

export interface TeamTerms {
  teamName: string;
  terms: Terms;
}

export interface PracticeMaterials {
  practiceId: string;
  practiceName: string;
  /** "7511 AB", as the practice's address has it. */
  postcode: string;
  madeOn: string;
  /** The live help page for the practice's postcode; every QR code leads there. */
  helpUrl: string;
  selfcheckUrl: string;
  routes: HelpRoute[];
  walkIns: WalkInPoint[];
  fixedContacts: FixedContact[];
  teamTerms: TeamTerms[];
  onsite: OnsiteHoursView[];
  /** Twelve months from this month on. */
  calendar: CalendarMonth[];
  /** Planned visits from today on (date, with the teams taking part). */
  visits: Array<{ date: string; teams: string[] }>;
}

export const practiceWithoutPostcode = () =>
  new AppError('materials_no_postcode', 422, {
    nl: 'Deze praktijk heeft geen postcode die we kennen. Vul het adres van de praktijk aan (Mijn organisatie); dan maken we de materialen.',
    en: 'This practice has no postcode we know. Complete the practice’s address (My organisation); then the materials can be made.',
  });

/** The live /hulp address for a postcode: what every QR code on the materials encodes. */
export function helpUrlFor(baseUrl: string, postcode: string): string {
  return `${baseUrl}/hulp?postcode=${encodeURIComponent(postcode.replace(/\s+/g, ''))}`;
}

function serviceLine(card: ServiceCard): ServiceLine {
  return { id: card.id, name: card.name, organisationName: card.organisationName, phone: card.phone, url: card.url, phoneHours: card.phoneHours };
}

function addressOf(l: { street: string | null; houseNumber: string | null; postcode: string | null; city: string | null }): string {
  return [[l.street, l.houseNumber].filter(Boolean).join(' '), [l.postcode, l.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

export async function loadPracticeMaterials(db: Database, practiceId: string, baseUrl: string, now = new Date()): Promise<PracticeMaterials> {
  const practice = await db.selectFrom('organisations').select(['id', 'name', 'postcode', 'kind']).where('id', '=', practiceId).executeTakeFirst();
  if (!practice || practice.kind !== 'practice') throw notFound('practice');
  const postcode = parsePostcode(practice.postcode ?? '');
  if (!postcode) throw practiceWithoutPostcode();
  const address = await resolveAddress(db, postcode, null);
  if (!address.municipalityCode) throw practiceWithoutPostcode();
  const today = amsterdamToday(now);

  const categories = [...new Set(materialNeeds.map((n) => n.category))];
  const [found, fixedContacts, agreements, onsite, visits] = await Promise.all([
    Promise.all(categories.map(async (need) => [need, await searchServices(db, { address, need, text: null, audience: 'public', limit: 6 })] as const)),
    listFixedContacts(db, practiceId),
    db
      .selectFrom('agreements')
      .innerJoin('teams', 'teams.id', 'agreements.team_id')
      .select(['teams.name as team_name', 'first_contact_working_days', 'first_conversation_days', 'urgent_first_conversation_working_days'])
      .where('agreements.practice_id', '=', practiceId)
      .where('agreements.agreed_at', 'is not', null)
      .orderBy('teams.name')
      .execute(),
    listOnsiteHours(db, { practiceId }, today),
    practiceVisits(db, practiceId),
  ]);
  const byCategory = new Map<Category, ServiceCard[]>(found.map(([need, results]) => [need, results.map((r) => r.card)]));

  const walkIns = new Map<string, WalkInPoint>();
  for (const cards of byCategory.values())
    for (const card of cards)
      for (const location of card.locations)
        if (location.walkInHours.length > 0 && !walkIns.has(location.id))
          walkIns.set(location.id, {
            locationId: location.id,
            name: location.name,
            address: addressOf(location),
            serviceName: card.name,
            phone: card.phone,
            hours: location.walkInHours,
          });

  const plannedVisits = visits.filter((v) => v.status === 'planned' && v.plannedOn >= today);
  return {
    practiceId: practice.id,
    practiceName: practice.name,
    postcode: postcode.display,
    madeOn: today,
    helpUrl: helpUrlFor(baseUrl, postcode.display),
    selfcheckUrl: `${baseUrl}/zelftest`,
    routes: materialNeeds.map((need) => ({ need, services: (byCategory.get(need.category) ?? []).slice(0, 2).map(serviceLine) })),
    walkIns: [...walkIns.values()].slice(0, 6),
    fixedContacts,
    teamTerms: agreements.map((a) => ({
      teamName: a.team_name,
      terms: effectiveTerms({
        ...(a.first_contact_working_days === null ? {} : { firstContactWorkingDays: a.first_contact_working_days }),
        ...(a.first_conversation_days === null ? {} : { firstConversationDays: a.first_conversation_days }),
        ...(a.urgent_first_conversation_working_days === null ? {} : { urgentFirstConversationWorkingDays: a.urgent_first_conversation_working_days }),
      }),
    })),
    onsite,
    calendar: calendarFrom(
      today,
      onsite.map((h) => ({ weekday: h.weekday, startsOn: h.startsOn, endedOn: h.endedOn, exceptions: h.exceptions.map((e) => e.date) })),
      visits.filter((v) => v.status !== 'cancelled').map((v) => v.heldOn ?? v.plannedOn),
    ),
    visits: plannedVisits
      .map((v) => ({ date: v.plannedOn, teams: [...new Set(v.participants.map((p) => p.teamName).filter((n): n is string => n !== null))] }))
      .sort((a, b) => a.date.localeCompare(b.date)),
  };
}
