import type { Child } from 'hono/jsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { dueStateLabels, dutchDate, type DueState } from './labels.ts';

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
