import type { Child } from 'hono/jsx';
import type { Text } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { dueStateLabels, dutchDate, type DueState } from './labels.ts';

/**
 * Form and display parts of the referral pages beyond the platform's text and select fields:
 * text areas, checkbox and radio groups (fieldset + legend), a data list and the due badge. Ids
 * follow the platform convention `field-<name>`, so the error summary's links land on the field;
 * a group's error is keyed by the group name and its first option carries that id.
 */
type Values = Record<string, string | null | undefined>;

function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={id}>
      {message}
    </div>
  ) : null;
}

export function TextAreaField(props: { view: ViewContext; name: string; label: Text; description?: Text; value?: string | null | undefined; errors?: FieldErrors | undefined; required?: boolean; rows?: number; maxlength?: number }) {
  const { view, name } = props;
  const error = props.errors?.[name];
  const describedBy = [props.description ? `field-${name}-description` : '', error ? `field-${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={`field-${name}`}>
          {view.t(props.label)}
          {props.required ? null : <span class="kl-optional"> {view.t({ nl: '(niet verplicht)', en: '(optional)' })}</span>}
        </label>
      </div>
      {props.description ? (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={`field-${name}-description`}>
          {view.t(props.description)}
        </div>
      ) : null}
      <ErrorText id={`field-${name}-error`} message={error} />
      <div class="utrecht-form-field__input">
        <textarea
          class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
          id={`field-${name}`}
          name={name}
          rows={props.rows ?? 3}
          maxlength={props.maxlength}
          required={props.required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        >
          {props.value ?? ''}
        </textarea>
      </div>
    </div>
  );
}

function Fieldset(props: { view: ViewContext; legend: Text; errorKey: string; errors?: FieldErrors | undefined; description?: Text | undefined; children: Child }) {
  const error = props.errors?.[props.errorKey];
  const describedBy = [props.description ? `group-${props.errorKey}-description` : '', error ? `field-${props.errorKey}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset kl-choices${error ? ' utrecht-form-fieldset--invalid' : ''}`} aria-describedby={describedBy}>
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{props.view.t(props.legend)}</legend>
      {props.description ? (
        <div class="utrecht-form-field-description" id={`group-${props.errorKey}-description`}>
          {props.view.t(props.description)}
        </div>
      ) : null}
      <ErrorText id={`field-${props.errorKey}-error`} message={error} />
      {props.children}
    </fieldset>
  );
}

export interface CheckboxOption {
  /** The form field name of this box, e.g. `need_debt_counselling`. */
  name: string;
  label: string;
}

/** A group of checkboxes, one field name per option; a ticked box posts "ja". */
export function CheckboxGroup(props: { view: ViewContext; legend: Text; errorKey: string; options: CheckboxOption[]; values: Values; errors?: FieldErrors | undefined; description?: Text }) {
  return (
    <Fieldset view={props.view} legend={props.legend} errorKey={props.errorKey} errors={props.errors} description={props.description}>
      {props.options.map((o, i) => (
        <Checkbox id={i === 0 ? `field-${props.errorKey}` : `field-${o.name}`} name={o.name} label={o.label} checked={Boolean(props.values[o.name])} />
      ))}
    </Fieldset>
  );
}

export function Checkbox(props: { id?: string; name: string; label: Child; checked: boolean; invalid?: boolean; describedBy?: string | undefined }) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox kl-choice">
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={id}
          name={props.name}
          value="ja"
          checked={props.checked}
          aria-invalid={props.invalid ? 'true' : undefined}
          aria-describedby={props.describedBy}
        />
      </div>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
          {props.label}
        </label>
      </div>
    </div>
  );
}

export function RadioGroup(props: { view: ViewContext; legend: Text; name: string; options: Array<{ value: string; label: Text }>; value: string | null | undefined; errors?: FieldErrors | undefined; description?: Text }) {
  const { view, name } = props;
  return (
    <Fieldset view={view} legend={props.legend} errorKey={name} errors={props.errors} description={props.description}>
      {props.options.map((o, i) => {
        const id = i === 0 ? `field-${name}` : `field-${name}-${o.value}`;
        return (
          <div class="utrecht-form-field utrecht-form-field--radio kl-choice">
            <div class="utrecht-form-field__input">
              <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={id} name={name} value={o.value} checked={props.value === o.value} />
            </div>
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label utrecht-form-label--radio" for={id}>
                {view.t(o.label)}
              </label>
            </div>
          </div>
        );
      })}
    </Fieldset>
  );
}

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
      {props.state === 'none' ? null : <> · <strong>{view.t(dueStateLabels[props.state])}</strong></>}
    </span>
  );
}
