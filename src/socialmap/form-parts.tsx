import type { Child } from 'hono/jsx';
import type { Text } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { weekdayLabels, weekdays } from './opening-hours.ts';

/**
 * Form parts the social map editors need beyond the platform's text and select fields: text
 * areas, checkbox and radio groups (fieldset + legend), and weekly hours. Ids follow the platform
 * convention `field-<name>` so the error summary links land on the field; a group's error is keyed
 * by the group name and its first option carries that id.
 */
type Values = Record<string, string | null | undefined>;

function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={id}>
      {message}
    </div>
  ) : null;
}

export function TextAreaField(props: { view: ViewContext; name: string; label: Text; description?: Text; value?: string | null | undefined; errors?: FieldErrors; required?: boolean; rows?: number }) {
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
          rows={props.rows ?? 4}
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

function Fieldset(props: { view: ViewContext; legend: Text; errorKey: string; errors?: FieldErrors | undefined; description?: Text | undefined; children: Child; class?: string }) {
  const error = props.errors?.[props.errorKey];
  const describedBy = [props.description ? `group-${props.errorKey}-description` : '', error ? `field-${props.errorKey}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset kl-group${error ? ' utrecht-form-fieldset--invalid' : ''}${props.class ? ` ${props.class}` : ''}`} aria-describedby={describedBy}>
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
  /** The form field name of this box, e.g. `cat_debt_counselling`. */
  name: string;
  label: string;
}

/** A group of checkboxes, one field name per option; ticked boxes post "on". */
export function CheckboxGroup(props: { view: ViewContext; legend: Text; errorKey: string; options: CheckboxOption[]; values: Values; errors?: FieldErrors; description?: Text; columns?: boolean }) {
  return (
    <Fieldset view={props.view} legend={props.legend} errorKey={props.errorKey} errors={props.errors} description={props.description} class={props.columns ? 'kl-group--columns' : undefined}>
      <div class="kl-options">
        {props.options.map((o, i) => (
          <Checkbox id={i === 0 ? `field-${props.errorKey}` : `field-${o.name}`} name={o.name} label={o.label} checked={Boolean(props.values[o.name])} />
        ))}
      </div>
    </Fieldset>
  );
}

export function Checkbox(props: { id?: string; name: string; label: string; checked: boolean; description?: string }) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <div class="utrecht-form-field__input">
        <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={id} name={props.name} value="on" checked={props.checked} aria-describedby={props.description ? `${id}-description` : undefined} />
      </div>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
          {props.label}
        </label>
      </div>
      {props.description ? (
        <div class="utrecht-form-field-description" id={`${id}-description`}>
          {props.description}
        </div>
      ) : null}
    </div>
  );
}

export function RadioGroup(props: { view: ViewContext; legend: Text; name: string; options: Array<{ value: string; label: Text; description?: Text }>; value: string | null | undefined; errors?: FieldErrors }) {
  const { view, name } = props;
  return (
    <Fieldset view={view} legend={props.legend} errorKey={name} errors={props.errors}>
      <div class="kl-options">
        {props.options.map((o, i) => {
          const id = i === 0 ? `field-${name}` : `field-${name}-${o.value}`;
          return (
            <div class="utrecht-form-field utrecht-form-field--radio">
              <div class="utrecht-form-field__input">
                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={id} name={name} value={o.value} checked={props.value === o.value} aria-describedby={o.description ? `${id}-description` : undefined} />
              </div>
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label utrecht-form-label--radio" for={id}>
                  {view.t(o.label)}
                </label>
              </div>
              {o.description ? (
                <div class="utrecht-form-field-description" id={`${id}-description`}>
                  {view.t(o.description)}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

/** Seven short text fields, one per weekday (`${prefix}1` … `${prefix}7`), in a fieldset. */
export function WeekHoursFieldset(props: { view: ViewContext; legend: Text; prefix: string; values: Values; errors?: FieldErrors; description?: Text }) {
  const { view, prefix } = props;
  return (
    <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset kl-group" aria-describedby={`group-${prefix}description`}>
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{view.t(props.legend)}</legend>
      <div class="utrecht-form-field-description" id={`group-${prefix}description`}>
        {view.t(
          props.description ?? {
            nl: 'Per dag, bijvoorbeeld 09:00-12:00. Meer tijden op een dag scheidt u met een komma. Leeg betekent: die dag niet.',
            en: 'Per day, for example 09:00-12:00. Separate more times on one day with a comma. Empty means: not on that day.',
          },
        )}
      </div>
      <div class="kl-week">
        {weekdays.map((d) => {
          const name = `${prefix}${d}`;
          const error = props.errors?.[name];
          return (
            <div class={`utrecht-form-field utrecht-form-field--text kl-week__day${error ? ' utrecht-form-field--invalid' : ''}`}>
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for={`field-${name}`}>
                  {view.t(weekdayLabels[d]!)}
                </label>
              </div>
              <ErrorText id={`field-${name}-error`} message={error} />
              <div class="utrecht-form-field__input">
                <input
                  class={`utrecht-textbox utrecht-textbox--html-input kl-textbox--hours${error ? ' utrecht-textbox--invalid' : ''}`}
                  id={`field-${name}`}
                  name={name}
                  type="text"
                  value={props.values[name] ?? ''}
                  autocomplete="off"
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? `field-${name}-error` : undefined}
                />
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
