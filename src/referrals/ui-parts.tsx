import type { Child } from 'hono/jsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { categoryLabels, isCategory } from '../needs/categories.ts';
import { dueState, dueStateLabels, dutchDate, type DueState } from './labels.ts';
import type { ReferralStatus } from './state-machine.ts';

/** Display parts of the referral pages: a data list and the due badge. Form fields are in platform/ui/form-fields.tsx. */

/** Key–value rows (NL Design System data list). Rows with an empty value are left out. */
export function DataList(props: { rows: Array<[string, Child | null | undefined]> }) {
  const rows = props.rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  return (
    <dl class="utrecht-data-list utrecht-data-list--rows kl-data-list">
      {rows.map(([key, value]) => (
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{key}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "26-11-2026 · te laat": the date with its state in words (colour is never the only signal). */
export function DueBadge(props: { view: ViewContext; due: string; state: DueState; reachedOn?: string | null | undefined }) {
  const { view } = props;
  if (props.state === 'planned' || (props.state === 'overdue' && props.reachedOn)) {
    // "03-12-2026 · gepland op 02-12-2026": the appointment beside the term it must meet.
    return (
      <span class={`kl-due kl-due--${props.state}`} data-due-state={props.state}>
        {dutchDate(props.due)} · <strong>{props.state === 'overdue' ? view.t(dueStateLabels.overdue) : view.t(dueStateLabels.planned)}</strong>
        {props.state === 'overdue' ? `, ${view.t(dueStateLabels.planned)}` : null} {dutchDate(props.reachedOn ?? null)}
      </span>
    );
  }
  if (props.state === 'done') {
    return (
      <span class="kl-due kl-due--done">
        {dutchDate(props.reachedOn ?? null)} · {view.t(dueStateLabels.done)}
      </span>
    );
  }
  return (
    <span class={`kl-due kl-due--${props.state}`} data-due-state={props.state}>
      {dutchDate(props.due)}
      {props.state === 'none' ? null : (
        <>
          {' '}
          · <strong>{view.t(dueStateLabels[props.state])}</strong>
        </>
      )}
    </span>
  );
}

/** The two terms of a referral in a list row: first contact, then first conversation (Wgs art. 4). */
export function termBadges(
  view: ViewContext,
  today: string,
  r: {
    status: ReferralStatus;
    first_contact_due: string;
    first_contact_on: string | null;
    first_conversation_due: string;
    first_conversation_on: string | null;
  },
): [Child, Child] {
  return [
    <DueBadge
      view={view}
      due={r.first_contact_due}
      reachedOn={r.first_contact_on}
      state={dueState(r.first_contact_due, today, r.first_contact_on, r.status)}
    />,
    <DueBadge
      view={view}
      due={r.first_conversation_due}
      reachedOn={r.first_conversation_on}
      state={dueState(r.first_conversation_due, today, r.first_conversation_on, r.status)}
    />,
  ];
}

/** "Schuldhulpverlening urgent": the needs in words, and whether a threatening situation exists. */
export function NeedsText({ view, needs, urgent }: { view: ViewContext; needs: readonly string[]; urgent: boolean }) {
  const t = view.t;
  return (
    <>
      {needs.map((n) => (isCategory(n) ? t(categoryLabels[n]) : n)).join(', ')}
      {urgent ? (
        <>
          {' '}
          <strong class="kl-urgent">{t({ nl: 'spoed', en: 'urgent' })}</strong>
        </>
      ) : null}
    </>
  );
}
