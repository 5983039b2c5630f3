import type { Child } from 'hono/jsx';
import type { Text } from '../i18n.ts';
import { FieldError, FieldShell, fieldDescribedBy, type FieldErrors, type FieldProps } from './components.tsx';
import type { ViewContext } from './view.ts';

/**
 * Form fields beyond the one-line text and select fields of components.tsx: the text area, a single
 * checkbox, and checkbox and radio groups (fieldset + legend). Ids follow the platform convention
 * `field-<name>`, so the error summary's links land on the field; a group's error is keyed by the
 * group name and its first option carries that id. Hints and errors are tied to their input or
 * fieldset with aria-describedby (WCAG 2.2 SC 1.3.1, 3.3.1).
 */
type Values = Record<string, string | null | undefined>;

/**
 * How the options of a group are laid out (app.css):
 * - `list`: one option a row, box beside the label (`kl-choices`, `kl-choice`): the short
 *   questions of the referral forms.
 * - `grid`: a tight one-column grid (`kl-group`, `kl-options`): the social map editors.
 * - `columns`: that grid in as many columns as fit (`kl-group--columns`): long lists such as
 *   municipalities or languages.
 */
export type ChoiceLayout = 'list' | 'grid' | 'columns';

export function TextAreaField(props: FieldProps & { value?: string | null | undefined; rows?: number; maxlength?: number }) {
  const error = props.errors?.[props.name];
  return (
    <FieldShell {...props}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={`field-${props.name}`}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        // aria-required, not required: Utrecht styles `.utrecht-textarea:invalid` red, and an empty
        // required text area is :invalid before anyone typed in it. The server checks the field
        // and its error summary names it.
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={fieldDescribedBy(props)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldShell>
  );
}

/**
 * One checkbox with its label. A ticked box posts `value` ("ja" unless given). `errors` is keyed by
 * the name; a box inside a group leaves it out, as the group shows the error.
 */
export function Checkbox(props: {
  name: string;
  label: Child;
  checked?: boolean;
  id?: string;
  value?: string;
  required?: boolean;
  errors?: FieldErrors | undefined;
  class?: string | undefined;
  /** The error of the group this box opens, read out when the summary link lands here. */
  groupErrorId?: string | undefined;
}) {
  const id = props.id ?? `field-${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div class={`utrecht-form-field utrecht-form-field--checkbox${props.class ? ` ${props.class}` : ''}${error ? ' utrecht-form-field--invalid' : ''}`}>
      <FieldError id={`${id}-error`} message={error} />
      <div class="utrecht-form-field__input">
        {/* `--custom`: the NL Design System box of 24 × 24 px instead of the browser's 13 px one (WCAG 2.5.8 Target Size). */}
        <input
          class={`utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom${error ? ' utrecht-checkbox--invalid' : ''}`}
          type="checkbox"
          id={id}
          name={props.name}
          value={props.value ?? 'ja'}
          checked={props.checked}
          required={props.required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : props.groupErrorId}
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

/**
 * The error summary links a group's error to its first option. Screen readers often skip the
 * fieldset's description when focus enters the group, so that option names the error too
 * (WCAG 3.3.1, 1.3.1).
 */
function groupErrorFor(errorKey: string, errors: FieldErrors | undefined, index: number): string | undefined {
  return index === 0 && errors?.[errorKey] ? `field-${errorKey}-error` : undefined;
}

/** The class an option's form field gets in a group of this layout. */
function optionClass(layout: ChoiceLayout): string | undefined {
  return layout === 'list' ? 'kl-choice' : undefined;
}

function Fieldset(props: {
  view: ViewContext;
  legend: Text;
  errorKey: string;
  errors?: FieldErrors | undefined;
  description?: Text | undefined;
  layout: ChoiceLayout;
  children: Child;
}) {
  const error = props.errors?.[props.errorKey];
  const describedBy =
    [props.description ? `group-${props.errorKey}-description` : '', error ? `field-${props.errorKey}-error` : ''].filter(Boolean).join(' ') || undefined;
  const layoutClass = props.layout === 'list' ? 'kl-choices' : 'kl-group';
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ${layoutClass}${error ? ' utrecht-form-fieldset--invalid' : ''}${props.layout === 'columns' ? ' kl-group--columns' : ''}`}
      aria-describedby={describedBy}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{props.view.t(props.legend)}</legend>
      {props.description ? (
        <div class="utrecht-form-field-description" id={`group-${props.errorKey}-description`}>
          {props.view.t(props.description)}
        </div>
      ) : null}
      <FieldError id={`field-${props.errorKey}-error`} message={error} />
      {props.layout === 'list' ? props.children : <div class="kl-options">{props.children}</div>}
    </fieldset>
  );
}

export interface CheckboxOption {
  /** The form field name of this box, e.g. `need_debt_counselling`. */
  name: string;
  label: string;
}

/** A group of checkboxes, one field name per option; a ticked box posts `value` ("ja" unless given). */
export function CheckboxGroup(props: {
  view: ViewContext;
  legend: Text;
  errorKey: string;
  options: CheckboxOption[];
  values: Values;
  errors?: FieldErrors | undefined;
  description?: Text;
  layout?: ChoiceLayout;
  value?: string;
}) {
  const layout = props.layout ?? 'list';
  return (
    <Fieldset view={props.view} legend={props.legend} errorKey={props.errorKey} errors={props.errors} description={props.description} layout={layout}>
      {props.options.map((o, i) => (
        <Checkbox
          id={i === 0 ? `field-${props.errorKey}` : `field-${o.name}`}
          name={o.name}
          label={o.label}
          value={props.value}
          checked={Boolean(props.values[o.name])}
          class={optionClass(layout)}
          groupErrorId={groupErrorFor(props.errorKey, props.errors, i)}
        />
      ))}
    </Fieldset>
  );
}

export interface RadioOption {
  value: string;
  label: Text;
  /** A hint under this option, tied to its button with aria-describedby. */
  description?: Text;
}

export function RadioGroup(props: {
  view: ViewContext;
  legend: Text;
  name: string;
  options: RadioOption[];
  value: string | null | undefined;
  errors?: FieldErrors | undefined;
  description?: Text;
  layout?: ChoiceLayout;
}) {
  const { view, name } = props;
  const layout = props.layout ?? 'list';
  const extraClass = optionClass(layout);
  return (
    <Fieldset view={view} legend={props.legend} errorKey={name} errors={props.errors} description={props.description} layout={layout}>
      {props.options.map((o, i) => {
        const id = i === 0 ? `field-${name}` : `field-${name}-${o.value}`;
        return (
          <div class={`utrecht-form-field utrecht-form-field--radio${extraClass ? ` ${extraClass}` : ''}`}>
            <div class="utrecht-form-field__input">
              <input
                class="utrecht-radio-button utrecht-radio-button--html-input"
                type="radio"
                id={id}
                name={name}
                value={o.value}
                checked={props.value === o.value}
                aria-describedby={
                  [groupErrorFor(name, props.errors, i), o.description ? `${id}-description` : undefined].filter(Boolean).join(' ') || undefined
                }
              />
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
    </Fieldset>
  );
}

/**
 * Fields that are one question together, under one legend that says what is needed: "Telefoon of
 * e-mail (één is nodig)" holds a phone and an e-mail field, neither marked optional on its own.
 */
export function FieldGroup(props: { view: ViewContext; id: string; legend: Text; description?: Text; children: Child }) {
  return (
    <fieldset
      class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset kl-field-group"
      aria-describedby={props.description ? `${props.id}-description` : undefined}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend" id={props.id}>
        {props.view.t(props.legend)}
      </legend>
      {props.description ? (
        <div class="utrecht-form-field-description" id={`${props.id}-description`}>
          {props.view.t(props.description)}
        </div>
      ) : null}
      {props.children}
    </fieldset>
  );
}
