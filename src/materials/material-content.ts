import { fill, type Lang } from '../platform/i18n.ts';
import type { TimeSlot } from '../socialmap/opening-hours.ts';
import type { SelfcheckLang } from '../selfcheck/languages.ts';
import { cardTexts, formatDay, handoverTexts, atHandItems, weekdayNames } from './material-texts.ts';
import type { PracticeMaterials } from './load-practice-materials.ts';
import type { HandoverCard } from './load-handover-card.ts';
import type { PictogramName } from './pictograms.ts';
import type { CalendarMonth } from './year-calendar.ts';

/**
 * What each material says, worked out once from the live data: the HTML page and the PDF both
 * render these objects, so the two never differ ("same data, one source", issue #14). Pure.
 */

/**
 * "dinsdag" + "09:00–12:00" per slot, in the card's language, Monday first. Day and times stay
 * apart so a right-to-left page can keep the times left to right (Unicode bidi would turn
 * "09:00–12:00" around inside Arabic text).
 */
export interface HoursLine {
  day: string;
  times: string;
}

export function hoursLines(slots: readonly TimeSlot[], lang: SelfcheckLang): HoursLine[] {
  return [...slots]
    .sort((a, b) => a.weekday - b.weekday || a.opens_at.localeCompare(b.opens_at))
    .map((s) => ({ day: weekdayNames[lang][s.weekday - 1] ?? '', times: `${s.opens_at}–${s.closes_at}` }));
}

export const hoursText = (h: HoursLine) => `${h.day} ${h.times}`;

export interface CardContent {
  lang: SelfcheckLang;
  rtl: boolean;
  title: string;
  notAlone: string;
  walkInHeading: string;
  walkIns: Array<{ name: string; address: string; hours: HoursLine[] }>;
  noWalkIn: string | null;
  callHeading: string;
  calls: Array<{ name: string; phone: string }>;
  scan: string;
  helpUrl: string;
  madeOn: string;
}

/** The patient information card: walk-in points, one or two numbers to call, the QR to /hulp. */
export function cardContent(m: PracticeMaterials, lang: SelfcheckLang): CardContent {
  const calls = m.routes
    .flatMap((r) => r.services)
    .filter((s, i, all) => s.phone && all.findIndex((o) => o.id === s.id) === i)
    .slice(0, 2)
    .map((s) => ({ name: s.name, phone: s.phone! }));
  return {
    lang,
    rtl: lang === 'ar',
    title: cardTexts.title[lang],
    notAlone: cardTexts.notAlone[lang],
    walkInHeading: cardTexts.walkIn[lang],
    walkIns: m.walkIns.slice(0, 2).map((w) => ({ name: w.name, address: w.address, hours: hoursLines(w.hours, lang).slice(0, 3) })),
    noWalkIn: m.walkIns.length === 0 ? cardTexts.noWalkIn[lang] : null,
    callHeading: cardTexts.call[lang],
    calls,
    scan: cardTexts.scan[lang],
    helpUrl: m.helpUrl,
    madeOn: `${cardTexts.madeOn[lang]} ${formatDay(m.madeOn, lang)}`,
  };
}

export interface HandoverContent {
  lang: SelfcheckLang;
  rtl: boolean;
  title: string;
  referredTo: string;
  team: string;
  /** `number`: a phone number, kept left to right on a right-to-left card. */
  rows: Array<{ label: string; value: string; number?: boolean }>;
  atHand: string;
  items: string[];
  notCalled: { text: string; phone: string } | null;
  reference: string;
}

export function handoverContent(card: HandoverCard): HandoverContent {
  const lang = card.lang;
  return {
    lang,
    rtl: lang === 'ar',
    title: handoverTexts.title[lang],
    referredTo: handoverTexts.referredTo[lang],
    team: `${card.teamName} (${card.organisationName})`,
    rows: [
      { label: handoverTexts.who[lang], value: `${card.teamName}, ${card.organisationName}` },
      { label: handoverTexts.byWhen[lang], value: formatDay(card.firstContactDue, lang) },
      ...(card.phone ? [{ label: handoverTexts.fromNumber[lang], value: card.phone, number: true }] : []),
    ],
    atHand: handoverTexts.atHand[lang],
    items: atHandItems.map((i) => i[lang]),
    notCalled: card.phone ? { text: handoverTexts.notCalled[lang], phone: card.phone } : null,
    reference: card.reference,
  };
}

export interface PlacematContent {
  lang: Lang;
  title: string;
  intro: string;
  madeOn: string;
  helpUrl: string;
  scan: string;
  routesHeading: string;
  routes: Array<{ pictogram: PictogramName; label: string; lines: string[]; urgent: string | null }>;
  contactsHeading: string;
  contacts: string[];
  termsHeading: string;
  terms: string[];
  onsiteHeading: string;
  onsite: string[];
  calendarHeading: string;
  calendar: CalendarMonth[];
  monthNames: string[];
  dayInitials: string[];
  legend: { onsite: string; visit: string };
  visits: string[];
  empty: string;
}

const placematWords = {
  title: { nl: 'Hulp bij geldzorgen', en: 'Help with money worries' },
  intro: {
    nl: 'Voor patiënten bij {practice} (postcode {postcode}). Wie helpt bij welke vraag, hoe bereikt u ze vandaag, en de afspraken met de teams.',
    en: 'For patients of {practice} (postcode {postcode}). Who helps with which question, how to reach them today, and the agreements with the teams.',
  },
  madeOn: {
    nl: 'Gemaakt op {date} uit de sociale kaart. Scan voor de actuele versie.',
    en: 'Made on {date} from the social map. Scan for the current version.',
  },
  scan: { nl: 'Actuele hulp bij deze postcode', en: 'Current help for this postcode' },
  routes: { nl: 'Hulp per vraag', en: 'Help per question' },
  urgent: {
    nl: 'Dreigt ontruiming, afsluiting of einde verzekering? Eerste gesprek binnen 3 werkdagen.',
    en: 'Eviction, cut-off or end of insurance coming? First conversation within 3 working days.',
  },
  nobody: { nl: 'Nog niemand op de sociale kaart', en: 'Nobody on the social map yet' },
  walkIn: { nl: 'Inloop', en: 'Walk-in' },
  contacts: { nl: 'Vaste contactpersonen', en: 'Fixed contacts' },
  terms: { nl: 'Termijnen', en: 'Terms' },
  termLine: {
    nl: '{team}: eerste contact binnen {contact} werkdagen, eerste gesprek binnen {conversation} dagen (bij dreiging {urgent} werkdagen)',
    en: '{team}: first contact within {contact} working days, first conversation within {conversation} days ({urgent} working days when threatened)',
  },
  onsite: { nl: 'Spreekuur van het team in de praktijk', en: 'The team’s hours at the practice' },
  calendar: { nl: 'Kalender van het komende jaar', en: 'Calendar of the coming year' },
  legendOnsite: { nl: 'spreekuur in de praktijk', en: 'hours at the practice' },
  legendVisit: { nl: 'bezoek van het netwerk', en: 'network visit' },
  visit: { nl: 'Bezoek op {date}', en: 'Visit on {date}' },
  empty: { nl: 'Nog niets afgesproken.', en: 'Nothing agreed yet.' },
};

export function placematContent(m: PracticeMaterials, lang: Lang): PlacematContent {
  const w = (key: keyof typeof placematWords) => placematWords[key][lang];
  const day = (iso: string) => formatDay(iso, lang);
  const months = Array.from({ length: 12 }, (_, i) =>
    new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, i, 15))),
  );
  return {
    lang,
    title: `${w('title')} · ${m.practiceName}`,
    intro: fill(w('intro'), { practice: m.practiceName, postcode: m.postcode }),
    madeOn: fill(w('madeOn'), { date: day(m.madeOn) }),
    helpUrl: m.helpUrl,
    scan: w('scan'),
    routesHeading: w('routes'),
    routes: m.routes.map((r) => {
      const lines = r.services.map((s) => [s.name, s.phone].filter(Boolean).join(' · '));
      const walkIn = m.walkIns.find((p) => r.services.some((s) => s.name === p.serviceName));
      if (walkIn) lines.push(`${w('walkIn')}: ${walkIn.name}, ${hoursLines(walkIn.hours, lang).map(hoursText).join(', ')}`);
      return {
        pictogram: r.need.pictogram,
        label: r.need.label[lang],
        lines: lines.length > 0 ? lines : [w('nobody')],
        urgent: r.need.threatening ? w('urgent') : null,
      };
    }),
    contactsHeading: w('contacts'),
    contacts: m.fixedContacts.map((f) =>
      [f.teamName, f.person?.name, f.person?.phone ?? f.teamPhone, f.whenToCall].filter((part): part is string => Boolean(part)).join(' · '),
    ),
    termsHeading: w('terms'),
    terms: m.teamTerms.map((t) =>
      fill(w('termLine'), {
        team: t.teamName,
        contact: t.terms.firstContactWorkingDays,
        conversation: t.terms.firstConversationDays,
        urgent: t.terms.urgentFirstConversationWorkingDays,
      }),
    ),
    onsiteHeading: w('onsite'),
    onsite: m.onsite.map((h) =>
      [`${weekdayNames[lang][h.weekday - 1]} ${h.startsAt}–${h.endsAt}`, h.teamName, h.hostName, h.room].filter((p): p is string => Boolean(p)).join(' · '),
    ),
    calendarHeading: w('calendar'),
    calendar: m.calendar,
    monthNames: months,
    dayInitials: weekdayNames[lang].map((d) => d.slice(0, 2)),
    legend: { onsite: w('legendOnsite'), visit: w('legendVisit') },
    visits: m.visits.map((v) => `${fill(w('visit'), { date: day(v.date) })}${v.teams.length ? ` · ${v.teams.join(', ')}` : ''}`),
    empty: w('empty'),
  };
}
