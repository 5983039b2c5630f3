import type { Child } from 'hono/jsx';
import type { Text } from '../platform/i18n.ts';
import { Button, SelectField, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { categories, categoryLabels, type Category } from '../needs/categories.ts';
import type { SearchValues } from './search-form.ts';

/**
 * What a search form says. Residents (/hulp) and staff (/sociale-kaart) are spoken to differently on
 * purpose: a resident looks for help at their own postcode, staff for the address of a resident.
 */
export interface PostcodeSearchTexts {
  /** The name of the search landmark. */
  name: Text;
  postcodeLabel: Text;
  postcodeHint: Text;
  needLabel: Text;
  /** The choice for every kind of help. */
  needPlaceholder: Text;
  submit: Text;
}

/**
 * The form both social map searches share: a GET form (a search is a link that can be shared and
 * the back button works) with the postcode and the need, and room for fields of its own.
 */
export function PostcodeSearchForm(props: {
  view: ViewContext;
  action: string;
  texts: PostcodeSearchTexts;
  /** 'postal-code' where people type their own postcode; 'off' where it is someone else's. */
  postcodeAutocomplete: 'postal-code' | 'off';
  values: SearchValues;
  errors?: FieldErrors;
  /** Fields after the need, e.g. search words. */
  children?: Child;
  /** The names of the kinds of help: residents get their own words (needs/public-labels.ts). */
  needLabels?: Record<Category, Text>;
}) {
  const { view, texts } = props;
  return (
    <form method="get" action={props.action} class="utrecht-form kl-search" role="search" aria-label={view.t(texts.name)} novalidate>
      <div class="kl-search__fields">
        <TextField
          view={view}
          name="postcode"
          required
          size="postcode"
          autocomplete={props.postcodeAutocomplete}
          label={texts.postcodeLabel}
          description={texts.postcodeHint}
          value={props.values['postcode']}
          errors={props.errors}
        />
        <SelectField
          view={view}
          name="hulpvraag"
          label={texts.needLabel}
          placeholder={texts.needPlaceholder}
          value={props.values['hulpvraag']}
          options={categories.map((c) => ({ value: c, label: view.t((props.needLabels ?? categoryLabels)[c]) }))}
          errors={props.errors}
        />
        {props.children}
      </div>
      <Button>{view.t(texts.submit)}</Button>
    </form>
  );
}
