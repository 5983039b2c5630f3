/**
 * The newsletter's first draft, composed from what changed in the period (pure: the use case
 * gathers the changes). Plain text, so the same words go into the mail and the archive page; the
 * coordinator edits it before sending. Names of services, organisations and contact persons only:
 * never a patient. The figures of the period are left to the figures capability (src/figures).
 */
export interface NewsletterChanges {
  periodFrom: string;
  periodTo: string;
  newServices: Array<{ name: string; organisation: string }>;
  changedServices: Array<{ name: string; organisation: string }>;
  newContacts: Array<{ name: string; organisation: string }>;
  contactsLeft: Array<{ name: string; organisation: string }>;
  events: Array<{ title: string; kind: string; when: string; place: string }>;
}

const dutch = (iso: string) => iso.split('-').reverse().join('-');

function section(title: string, lines: string[], empty: string): string[] {
  return [title, ...(lines.length ? lines.map((l) => `- ${l}`) : [empty]), ''];
}

export function newsletterTitle(periodTo: string): string {
  const month = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${periodTo}T12:00:00Z`));
  return `Nieuwsbrief Korte Lijn, ${month}`;
}

export function composeNewsletter(c: NewsletterChanges): string {
  const entry = (x: { name: string; organisation: string }) => `${x.name} (${x.organisation})`;
  return [
    `Wat er veranderde van ${dutch(c.periodFrom)} tot en met ${dutch(c.periodTo)}.`,
    '',
    ...section('Nieuw op de sociale kaart', c.newServices.map(entry), 'Geen nieuwe diensten.'),
    ...section('Gewijzigd op de sociale kaart', c.changedServices.map(entry), 'Geen wijzigingen.'),
    ...section('Nieuwe contactpersonen', c.newContacts.map(entry), 'Geen nieuwe contactpersonen.'),
    ...section('Vertrokken contactpersonen', c.contactsLeft.map(entry), 'Niemand vertrokken.'),
    ...section(
      'Komende bijeenkomsten',
      c.events.map((e) => `${e.kind}: ${e.title}, ${e.when}, ${e.place}`),
      'Er staan nog geen bijeenkomsten gepland.',
    ),
  ]
    .join('\n')
    .trimEnd();
}
