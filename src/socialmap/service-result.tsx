import type { Child } from 'hono/jsx';
import type { ViewContext } from '../platform/ui/view.ts';
import type { ContactCard, ServiceCard } from './service-cards.ts';
import { categoryNames, EmailLink, PhoneLink } from './views.tsx';

/**
 * One service in a list of search results, for the staff search and the residents' page alike:
 * the name as the heading the article is labelled by, who offers it and what kind of help, then
 * what the page shows of it (`children`). It shows only what it is given: the residents' page
 * passes cards loaded for the public audience, so without the professionals' direct lines.
 */
export function ServiceResult(props: { view: ViewContext; service: ServiceCard; headingId: string; href?: string; match?: Child; children: Child }) {
  const s = props.service;
  return (
    <li class="kl-result">
      <article aria-labelledby={props.headingId}>
        <h3 class="utrecht-heading-3" id={props.headingId}>
          {props.href ? (
            <a class="utrecht-link utrecht-link--html-a" href={props.href}>
              {s.name}
            </a>
          ) : (
            s.name
          )}
        </h3>
        <p class="utrecht-paragraph kl-muted">
          {s.organisationName} · {categoryNames(props.view, s.categories)}
          {props.match ? <> · {props.match}</> : null}
        </p>
        {props.children}
      </article>
    </li>
  );
}

/** "Naam, functie — 053 … (vandaag 09:00–12:00) — naam@…": a contact person on one line; `phoneNote` follows the number. */
export function ContactLine(props: { contact: ContactCard; phoneNote?: Child }) {
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
