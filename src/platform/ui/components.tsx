import type { Child } from 'hono/jsx';
import type { Text } from '../i18n.ts';
import type { ViewContext } from './view.ts';
import { FORM_KEY, newFormKey, type FieldErrors } from '../http/forms.ts';

export type { FieldErrors };

export function CsrfField({ view }: { view: ViewContext }) {
  return <input type="hidden" name="_csrf" value={view.csrfToken} />;
}

/**
 * The error summary at the top of a form (NL Design System pattern): focusable, announced, each
 * error a link to its field.
 */
export function ErrorSummary({ view, errors }: { view: ViewContext; errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div
      class="utrecht-alert utrecht-alert--error kl-error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabindex={-1}
      id="error-summary"
      autofocus
    >
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2" id="error-summary-title">
          {view.t({ nl: 'Controleer het formulier', en: 'Please check the form' })}
        </h2>
        <ul class="utrecht-unordered-list">
          {entries.map(([name, message]) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`#field-${name}`}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** What every labelled field takes; the input gets id `field-<name>`, so the error summary's links land on it. */
export interface FieldProps {
  view: ViewContext;
  name: string;
  label: Text;
  description?: Text;
  errors?: FieldErrors | undefined;
  required?: boolean;
  /** False for a field of a group whose legend says what is needed ("telefoon of e-mail (één is nodig)"). */
  optionalMark?: boolean;
}

/** A field's error message; its id is what the input's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={id}>
      {message}
    </div>
  ) : null;
}

/** Label (with "(niet verplicht)" on optional fields), description, error message, then the input. */
export function FieldShell(props: FieldProps & { children: Child }) {
  const error = props.errors?.[props.name];
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={`field-${props.name}`}>
          {props.view.t(props.label)}
          {props.required || props.optionalMark === false ? null : (
            <span class="kl-optional"> {props.view.t({ nl: '(niet verplicht)', en: '(optional)' })}</span>
          )}
        </label>
      </div>
      {props.description ? (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={`field-${props.name}-description`}>
          {props.view.t(props.description)}
        </div>
      ) : null}
      <FieldError id={`field-${props.name}-error`} message={error} />
      <div class="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}

/** The ids of the description and the error message that an input is described by, if any. */
export function fieldDescribedBy(props: FieldProps): string | undefined {
  const ids = [props.description ? `field-${props.name}-description` : '', props.errors?.[props.name] ? `field-${props.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return ids || undefined;
}

export function TextField(
  props: FieldProps & {
    value?: string | null | undefined;
    type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'date' | 'search';
    autocomplete?: string;
    inputmode?: 'numeric' | 'text' | 'email' | 'tel';
    size?: 'postcode' | 'short';
  },
) {
  const invalid = Boolean(props.errors?.[props.name]);
  const sizeClass = props.size === 'postcode' ? ' utrecht-textbox--postal-code-nl-size' : props.size === 'short' ? ' kl-textbox--short' : '';
  return (
    <FieldShell {...props}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}${sizeClass}`}
        id={`field-${props.name}`}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : (props.value ?? undefined)}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required={props.required}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={fieldDescribedBy(props)}
      />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: FieldProps & { value?: string | null | undefined; options: Option[]; placeholder?: Text }) {
  const invalid = Boolean(props.errors?.[props.name]);
  return (
    <FieldShell {...props}>
      <select
        class={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
        id={`field-${props.name}`}
        name={props.name}
        required={props.required}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={fieldDescribedBy(props)}
      >
        {props.placeholder ? <option value="">{props.view.t(props.placeholder)}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function Button(props: { children: Child; variant?: 'primary' | 'secondary' | 'danger'; name?: string; value?: string }) {
  const variant = props.variant ?? 'primary';
  const cls =
    variant === 'primary'
      ? 'utrecht-button--primary-action'
      : variant === 'danger'
        ? 'utrecht-button--secondary-action utrecht-button--danger'
        : 'utrecht-button--secondary-action';
  return (
    <button class={`utrecht-button ${cls}`} type="submit" name={props.name} value={props.value}>
      {props.children}
    </button>
  );
}

export function ButtonLink(props: { href: string; children: Child; variant?: 'primary' | 'secondary' }) {
  const cls = props.variant === 'secondary' ? 'utrecht-button-link--secondary-action' : 'utrecht-button-link--primary-action';
  return (
    <a class={`utrecht-button-link utrecht-button-link--html-a ${cls}`} href={props.href}>
      {props.children}
    </a>
  );
}

export function Alert(props: { type: 'info' | 'ok' | 'warning' | 'error'; children: Child }) {
  // An error, and a confirmation of what was just done ("De verwijzing is verstuurd"), is focused on
  // arrival (like the error summary): a status already in the page when it loads is not read out, so
  // keyboard and screen-reader users would not hear that it worked (WCAG 4.1.3, 2.4.3).
  const focused = props.type === 'error' || props.type === 'ok';
  return (
    <div
      class={`utrecht-alert utrecht-alert--${props.type}`}
      role={props.type === 'error' ? 'alert' : 'status'}
      tabindex={focused ? -1 : undefined}
      autofocus={focused ? true : undefined}
    >
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">{props.children}</div>
      </div>
    </div>
  );
}

/**
 * Text someone typed in Dutch (a service's description, a patient's own words) shown on a page in
 * another language: marked `lang="nl"`, so a screen reader pronounces it as Dutch (WCAG 3.1.2
 * Language of Parts). Names of organisations and teams need no mark.
 */
export function DutchText(props: { view: ViewContext; children: Child }) {
  return props.view.lang === 'nl' ? <>{props.children}</> : <span lang="nl">{props.children}</span>;
}

export function Heading1({ children }: { children: Child }) {
  return <h1 class="utrecht-heading-1">{children}</h1>;
}

export function Paragraph({ children }: { children: Child }) {
  return <p class="utrecht-paragraph">{children}</p>;
}

export function Link(props: { href: string; children: Child }) {
  return (
    <a class="utrecht-link utrecht-link--html-a" href={props.href}>
      {props.children}
    </a>
  );
}

/**
 * A data table with a caption (required for screen readers) and a header row. On a narrow screen (a
 * phone, or 400 % zoom: WCAG 1.4.10 Reflow) each row becomes a card, every value under its column
 * header (data-label, shown by app.css). The explicit roles keep it a table for screen readers:
 * some browsers stop exposing one when CSS changes how its parts are displayed. The scroll
 * container is a named, focusable region, so keyboard users can scroll a table that is wider
 * than the screen (WCAG 2.1.1).
 */
export function Table(props: { caption: string; headers: string[]; rows: Child[][]; empty?: string }) {
  if (props.rows.length === 0 && props.empty) return <p class="utrecht-paragraph">{props.empty}</p>;
  return (
    <div class="utrecht-table-container kl-table-scroll" role="region" aria-label={props.caption} tabindex={0}>
      <table class="utrecht-table utrecht-table--html-table kl-table" role="table">
        <caption class="utrecht-table__caption">{props.caption}</caption>
        <thead class="utrecht-table__header" role="rowgroup">
          <tr class="utrecht-table__row" role="row">
            {props.headers.map((h) => (
              <th class="utrecht-table__header-cell" scope="col" role="columnheader">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body" role="rowgroup">
          {props.rows.map((cells) => (
            <tr class="utrecht-table__row" role="row">
              {cells.map((cell, i) => (
                <td class="utrecht-table__cell" role="cell" data-label={props.headers[i] ?? ''}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Previous/next links under a list shown a page at a time, with where the reader is: "51–100 van
 * 812" when the total is known, otherwise the page number.
 */
export function Pager(props: {
  view: ViewContext;
  page: number;
  pageSize: number;
  shown: number;
  hasMore: boolean;
  total?: number;
  href: (page: number) => string;
}) {
  const t = props.view.t;
  if (props.page === 1 && !props.hasMore) return null;
  const first = (props.page - 1) * props.pageSize + 1;
  const position =
    props.shown === 0
      ? t({ nl: 'Op deze pagina staat niets.', en: 'Nothing on this page.' })
      : props.total === undefined
        ? `${t({ nl: 'Pagina', en: 'Page' })} ${props.page}`
        : `${first}–${first + props.shown - 1} ${t({ nl: 'van', en: 'of' })} ${props.total}`;
  return (
    <nav class="kl-pager" aria-label={t({ nl: 'Bladeren', en: 'Browse pages' })}>
      {props.page > 1 ? (
        <a class="utrecht-link utrecht-link--html-a" href={props.href(props.page - 1)} rel="prev">
          {t({ nl: '← Vorige', en: '← Previous' })}
        </a>
      ) : null}
      <span class="kl-pager__position">{position}</span>
      {props.hasMore ? (
        <a class="utrecht-link utrecht-link--html-a" href={props.href(props.page + 1)} rel="next">
          {t({ nl: 'Volgende →', en: 'Next →' })}
        </a>
      ) : null}
    </nav>
  );
}

/** The hidden form key (forms.ts FORM_KEY): the one given when a form comes back with errors, else a new one. */
export function FormKeyField(props: { value?: string | null | undefined }) {
  return <input type="hidden" name={FORM_KEY} value={props.value || newFormKey()} />;
}

/** A POST form with the CSRF token; every state change in the app goes through one of these. */
export function PostForm(props: { view: ViewContext; action: string; children: Child; class?: string; novalidate?: boolean }) {
  return (
    <form method="post" action={props.action} class={props.class ?? 'utrecht-form'} novalidate={props.novalidate}>
      <CsrfField view={props.view} />
      {props.children}
    </form>
  );
}

/** Formats a timestamp for Dutch readers (Europe/Amsterdam), or English. */
export function formatDateTime(value: Date, lang: 'nl' | 'en'): string {
  return dateTimeFormats[lang].format(value);
}

// Built once: constructing a formatter costs far more than formatting with it.
const dateTimeFormats = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }),
};
