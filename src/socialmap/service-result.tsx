import type { Child } from 'hono/jsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { isCategory, type Category } from '../needs/categories.ts';
import type { Text } from '../platform/i18n.ts';
import type { ResultCard } from './service-cards.ts';
import { categoryNames, EmailLink, PhoneLink } from './views.tsx';

/**
 * "Verwijs naar dit team", for practice staff where the need is found: a new referral with the
 * postcode searched for and the need filled in (the postcode is never typed twice), and the team,
 * so the referral page can say when the patient's address routes elsewhere. Only for a service
 * with a team: referrals go to teams. The search's postcode and need travel along on the link to
 * the service page too.
 */
function refersFrom(view: ViewContext): boolean {
  return view.actor?.role === 'practice_staff' || view.actor?.role === 'practice_admin';
}

function searchedFor(view: ViewContext): URLSearchParams {
  const asked = new URL(view.path, 'http://x').searchParams;
  const kept = new URLSearchParams();
  for (const name of ['postcode', 'hulpvraag']) {
    const value = asked.get(name)?.trim();
    if (value) kept.set(name, value);
  }
  return kept;
}

export function ReferToTeamLink({ view, service }: { view: ViewContext; service: Pick<ResultCard, 'teamId' | 'status' | 'categories'> }) {
  if (!refersFrom(view) || !service.teamId || service.status !== 'active') return null;
  const query = searchedFor(view);
  if (!query.has('hulpvraag')) {
    const need = service.categories.find(isCategory);
    if (need) query.set('hulpvraag', need);
  }
  query.set('team', service.teamId);
  return (
    <p class="utrecht-paragraph kl-refer-link">
      <a class="utrecht-link utrecht-link--html-a" href={`/verwijzingen/nieuw?${query.toString()}`}>
        {view.t({ nl: 'Verwijs naar dit team', en: 'Refer to this team' })}
      </a>
    </p>
  );
}

/** The link to a service page, carrying the search's postcode and need for practice staff. */
function withSearch(view: ViewContext, href: string): string {
  const query = refersFrom(view) ? searchedFor(view).toString() : '';
  return query ? `${href}${href.includes('?') ? '&' : '?'}${query}` : href;
}

/**
 * One service in a list of search results, for the staff search and the residents' page alike:
 * the name as the heading the article is labelled by, who offers it and what kind of help, then
 * what the page shows of it (`children`). It shows only what it is given: the residents' page
 * passes cards loaded for the public audience, so without the professionals' direct lines.
 */
export function ServiceResult(props: {
  view: ViewContext;
  service: ResultCard;
  headingId: string;
  href?: string;
  match?: Child;
  children: Child;
  /** Residents' words for the kinds of help (needs/public-labels.ts); staff names otherwise. */
  needLabels?: Record<Category, Text>;
}) {
  const s = props.service;
  return (
    <li class="kl-result">
      <article aria-labelledby={props.headingId}>
        <h3 class="utrecht-heading-3" id={props.headingId}>
          {props.href ? (
            <a class="utrecht-link utrecht-link--html-a" href={withSearch(props.view, props.href)}>
              {s.name}
            </a>
          ) : (
            s.name
          )}
        </h3>
        <p class="utrecht-paragraph kl-muted">
          {s.organisationName} · {categoryNames(props.view, s.categories, props.needLabels)}
          {props.match ? <> · {props.match}</> : null}
        </p>
        {props.children}
        <ReferToTeamLink view={props.view} service={s} />
      </article>
    </li>
  );
}

/** "Naam, functie — 053 … (vandaag 09:00–12:00) — naam@…": a contact person on one line; `phoneNote` follows the number. */
export function ContactLine(props: { contact: ResultCard['contacts'][number]; phoneNote?: Child }) {
  const c = props.contact;
  return (
    <>
      {c.name}
      {c.jobTitle ? `, ${c.jobTitle}` : ''}
      {c.phone ? (
        <>
          {' — '}
          <PhoneLink phone={c.phone} />
          {props.phoneNote ? <> ({props.phoneNote})</> : null}
        </>
      ) : null}
      {c.email ? (
        <>
          {' — '}
          <EmailLink email={c.email} />
        </>
      ) : null}
    </>
  );
}
