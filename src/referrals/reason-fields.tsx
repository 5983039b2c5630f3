import type { Text } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/components.tsx';
import { RadioGroup } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { reasonCodes, reasonLabels, strainAnswers, strainQuestion } from './reasons.ts';

/**
 * The form parts of issue 12's "figures flow back into the work": the reason for declining or
 * closing without help (a fixed list, reasons.ts) and the single strain question. Plain radio
 * buttons: no script, and large enough to tap at 375 px.
 */
export function ReasonChoice(props: {
  view: ViewContext;
  name: string;
  legend: Text;
  description?: Text;
  value: string | null | undefined;
  errors?: FieldErrors | undefined;
}) {
  return (
    <RadioGroup
      view={props.view}
      name={props.name}
      legend={props.legend}
      description={props.description}
      value={props.value}
      errors={props.errors}
      options={reasonCodes.map((code) => ({ value: code, label: reasonLabels[code] }))}
    />
  );
}

/** The strain question, never required: "not asked" is a choice of its own, and the default. */
export function StrainQuestion(props: {
  view: ViewContext;
  name: string;
  description: Text;
  value: string | null | undefined;
  errors?: FieldErrors | undefined;
}) {
  return (
    <RadioGroup
      view={props.view}
      name={props.name}
      legend={{ nl: `${strainQuestion.nl} (niet verplicht)`, en: `${strainQuestion.en} (optional)` }}
      description={props.description}
      value={props.value ?? ''}
      errors={props.errors}
      options={[
        { value: '', label: { nl: 'Niet gevraagd, of wil het niet zeggen', en: 'Not asked, or prefers not to say' } },
        ...strainAnswers.map((answer) => ({ value: String(answer.value), label: answer.label })),
      ]}
    />
  );
}
