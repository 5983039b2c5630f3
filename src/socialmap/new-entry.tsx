import type { Actor } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import type { AppContext, Services } from '../platform/http/types.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Button, ErrorSummary, Heading1, SelectField, type FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { editableOrganisations, mayEditOrganisation } from './editor-scope.ts';

/**
 * Adding a service or location: which organisation is it for? Asked in the query (`?organisatie=`)
 * on the form page and posted with the form. An editor asking for an organisation they do not
 * keep gets 404 (the `scope` of authorize); without one, the form validation asks for it.
 */
export function newEntryScope(db: Database) {
  return async (actor: Actor, c: AppContext): Promise<boolean> => {
    const asked = c.req.method === 'GET' ? c.req.query('organisatie') : (await c.req.parseBody())['organisation_id'];
    return typeof asked !== 'string' || asked === '' || mayEditOrganisation(db, actor, asked);
  };
}

/** For editors of several organisations: first choose which organisation the new entry belongs to. */
export function ChooseOrganisation(props: {
  view: ViewContext;
  action: string;
  title: string;
  organisations: Array<{ id: string; name: string }>;
  errors?: FieldErrors;
}) {
  const { view } = props;
  return (
    <Page view={view} title={props.title}>
      <Heading1>{props.title}</Heading1>
      <ErrorSummary view={view} errors={props.errors ?? {}} />
      <form method="get" action={props.action} class="utrecht-form" novalidate>
        <SelectField
          view={view}
          name="organisatie"
          required
          label={{ nl: 'Voor welke organisatie?', en: 'For which organisation?' }}
          placeholder={{ nl: 'Kies…', en: 'Choose…' }}
          options={props.organisations.map((o) => ({ value: o.id, label: o.name }))}
          errors={props.errors}
        />
        <Button>{view.t({ nl: 'Verder', en: 'Continue' })}</Button>
      </form>
    </Page>
  );
}

/** The organisation a new entry is for: the one asked for, or the editor's only one; null = ask. */
export async function organisationForNew(services: Services, actor: Actor, asked: string | undefined): Promise<string | null> {
  if (asked) return asked;
  const own = await editableOrganisations(services.db, actor);
  return own.length === 1 ? own[0]!.id : null;
}
