import ical, { ICalCalendarMethod } from 'ical-generator';
import type { MailAttachment } from '../platform/db/schema.ts';
import { TIME_ZONE } from '../platform/dates.ts';
import { eventKindLabels, type EventKind } from './event-rules.ts';

/**
 * The invitation to a network event: a plain-text mail in Dutch and English with an iCalendar
 * attachment (RFC 5545, METHOD:PUBLISH: it goes into the agenda; signing up happens in Korte Lijn,
 * so nobody's agenda sends replies). It names the event only: no patient data ever.
 */
const dutch = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'full', timeStyle: 'short', timeZone: TIME_ZONE });

export interface InvitationEvent {
  id: string;
  kind: EventKind;
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  place: string;
}

export function invitationIcs(event: InvitationEvent, baseUrl: string): string {
  const calendar = ical({
    name: 'Korte Lijn',
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Korte Lijn', product: 'bijeenkomsten', language: 'NL' },
  });
  calendar.createEvent({
    id: `event-${event.id}@kortelijn`,
    start: event.startsAt,
    end: event.endsAt,
    summary: `${eventKindLabels[event.kind].nl}: ${event.title}`,
    location: event.place,
    description: `${event.description ?? ''}\n\nAanmelden: ${baseUrl}/bijeenkomsten/${event.id}`.trim(),
    url: `${baseUrl}/bijeenkomsten/${event.id}`,
  });
  return calendar.toString();
}

export function invitationMail(event: InvitationEvent, baseUrl: string): { subject: string; text: string; attachments: MailAttachment[] } {
  const link = `${baseUrl}/bijeenkomsten/${event.id}`;
  const kind = eventKindLabels[event.kind];
  return {
    subject: `Uitnodiging: ${event.title} / Invitation: ${event.title}`,
    text: [
      'Goedendag,',
      '',
      `U bent uitgenodigd voor een ${kind.nl.toLowerCase()}: ${event.title}.`,
      `Wanneer: ${dutch.format(event.startsAt)} tot ${dutch.format(event.endsAt)}`,
      `Waar: ${event.place}`,
      ...(event.description ? ['', event.description] : []),
      '',
      `Meld u aan in Korte Lijn: ${link}`,
      'De bijlage zet de bijeenkomst in uw agenda.',
      '',
      '---',
      `You are invited to a ${kind.en.toLowerCase()}: ${event.title}. Sign up in Korte Lijn (link above); the attachment adds it to your calendar.`,
    ].join('\n'),
    attachments: [{ filename: 'uitnodiging.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: invitationIcs(event, baseUrl) }],
  };
}
