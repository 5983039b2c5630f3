import type { Text } from '../platform/i18n.ts';

/**
 * Network events of a region (the action study: a netwerkbijeenkomst, a wijksafari through the
 * neighbourhood's help, a training), kept free of I/O.
 */
export const eventKinds = ['network_meeting', 'district_safari', 'training'] as const;
export type EventKind = (typeof eventKinds)[number];

export const eventKindLabels: Record<EventKind, Text> = {
  network_meeting: { nl: 'Netwerkbijeenkomst', en: 'Network meeting' },
  district_safari: { nl: 'Wijksafari', en: 'Neighbourhood safari' },
  training: { nl: 'Training', en: 'Training' },
};

export const audiences = ['practices', 'teams'] as const;
export type Audience = (typeof audiences)[number];

export const audienceLabels: Record<Audience, Text> = {
  practices: { nl: 'Alle medewerkers van de huisartsenpraktijken in de regio', en: 'All staff of the region’s GP practices' },
  teams: { nl: 'Alle medewerkers van de teams in de regio', en: 'All staff of the region’s teams' },
};

export type SignUpRefusal = 'past' | 'cancelled' | 'full';

/** Why someone cannot sign up, or null when they can. A place is free while fewer than `capacity` signed up. */
export function signUpRefusal(event: { startsAt: Date; cancelledAt: Date | null; capacity: number | null; signedUp: number }, now: Date): SignUpRefusal | null {
  if (event.cancelledAt) return 'cancelled';
  if (event.startsAt <= now) return 'past';
  if (event.capacity !== null && event.signedUp >= event.capacity) return 'full';
  return null;
}

export const signUpRefusalMessages: Record<SignUpRefusal, Text> = {
  past: { nl: 'Deze bijeenkomst is al begonnen of voorbij.', en: 'This event has started or is over.' },
  cancelled: { nl: 'Deze bijeenkomst gaat niet door.', en: 'This event has been cancelled.' },
  full: { nl: 'Deze bijeenkomst is vol.', en: 'This event is full.' },
};
