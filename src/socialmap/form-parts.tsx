import type { Text } from '../platform/i18n.ts';
import { FieldError, type FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { weekdayLabels, weekdays } from './opening-hours.ts';

/**
 * The weekly hours fieldset of the social map editors; the other fields are the platform's
 * (platform/ui/components.tsx, form-fields.tsx). Ids follow the platform convention `field-<name>`,
 * so the error summary's links land on the day's field.
 */
type Values = Record<string, string | null | undefined>;

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
              <FieldError id={`field-${name}-error`} message={error} />
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
