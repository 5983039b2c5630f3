import type { Hono } from 'hono';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { validateValues } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { fill } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, ErrorSummary, Heading1, Link, Paragraph, PostForm, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import { Checkbox, TextAreaField } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { confirmEntry } from './confirm-entry.ts';
import { createLocation } from './create-location.ts';
import { editableOrganisations, editorRoles, mayEditLocation, mayEditOrganisation } from './editor-scope.ts';
import { locationFormSchema, locationFormValues } from './entry-forms.ts';
import { WeekHoursFieldset } from './form-parts.tsx';
import { postedValues } from './form-values.ts';
import { loadLocation, loadOrganisationHeader } from './load-entry-forms.ts';
import { safeReturnPath, withNotice } from './return-path.ts';
import { ChooseOrganisation, newEntryScope, organisationForNew } from './new-entry.tsx';
import { updateLocation } from './update-location.ts';
import { Freshness } from './views.tsx';

type Values = Record<string, string | null | undefined>;

function LocationForm(props: {
  view: ViewContext;
  organisation: { id: string; name: string };
  values: Values;
  errors?: FieldErrors;
  problem?: string;
  editing?: { id: string; lastVerifiedAt: Date | null };
}) {
  const { view, values, errors } = props;
  const t = view.t;
  const title = props.editing ? t({ nl: 'Locatie wijzigen', en: 'Edit location' }) : t({ nl: 'Nieuwe locatie', en: 'New location' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>{fill(t({ nl: 'Organisatie: {name}', en: 'Organisation: {name}' }), { name: props.organisation.name })}</Paragraph>
      {props.editing ? (
        <p class="utrecht-paragraph">
          <Freshness view={view} lastVerifiedAt={props.editing.lastVerifiedAt} now={new Date()} />
        </p>
      ) : null}
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <ErrorSummary view={view} errors={errors ?? {}} />
      <PostForm view={view} action={props.editing ? `/sociale-kaart/locaties/${props.editing.id}` : '/sociale-kaart/locaties'} novalidate>
        <input type="hidden" name="organisation_id" value={props.organisation.id} />
        <TextField
          view={view}
          name="name"
          required
          label={{ nl: 'Naam van de locatie', en: 'Name of the location' }}
          description={{ nl: 'Bijvoorbeeld: Wijkwijzer Velve-Lindenhof', en: 'For example: Wijkwijzer Velve-Lindenhof' }}
          value={values['name']}
          errors={errors}
        />
        <TextField
          view={view}
          name="street"
          required
          autocomplete="address-line1"
          label={{ nl: 'Straat', en: 'Street' }}
          value={values['street']}
          errors={errors}
        />
        <TextField
          view={view}
          name="house_number"
          required
          size="short"
          label={{ nl: 'Huisnummer', en: 'House number' }}
          value={values['house_number']}
          errors={errors}
        />
        <TextField
          view={view}
          name="postcode"
          required
          size="postcode"
          autocomplete="postal-code"
          label={{ nl: 'Postcode', en: 'Postcode' }}
          value={values['postcode']}
          errors={errors}
        />
        <TextField view={view} name="city" required autocomplete="address-level2" label={{ nl: 'Plaats', en: 'Town' }} value={values['city']} errors={errors} />
        <TextAreaField
          view={view}
          name="description"
          rows={3}
          label={{ nl: 'Uitleg', en: 'Description' }}
          description={{ nl: 'Bijvoorbeeld: in de bibliotheek, eerste verdieping.', en: 'For example: in the library, first floor.' }}
          value={values['description']}
          errors={errors}
        />
        <TextField
          view={view}
          name="accessibility"
          label={{ nl: 'Toegankelijkheid', en: 'Accessibility' }}
          description={{ nl: 'Bijvoorbeeld: rolstoeltoegankelijk, lift aanwezig.', en: 'For example: wheelchair accessible, lift available.' }}
          value={values['accessibility']}
          errors={errors}
        />
        <Checkbox
          name="is_walk_in"
          value="on"
          label={t({ nl: 'Inlooppunt: mensen kunnen zonder afspraak binnenlopen', en: 'Walk-in point: people can come in without an appointment' })}
          checked={Boolean(values['is_walk_in'])}
        />
        <WeekHoursFieldset
          view={view}
          legend={{ nl: 'Inlooptijden (zonder afspraak)', en: 'Walk-in hours (no appointment)' }}
          prefix="walk_in_"
          values={values}
          errors={errors}
        />
        <WeekHoursFieldset view={view} legend={{ nl: 'Openingstijden', en: 'Opening hours' }} prefix="opening_" values={values} errors={errors} />
        <div class="kl-actions">
          <Button>{t({ nl: 'Opslaan', en: 'Save' })}</Button>
          <Link href={`/sociale-kaart/beheer?organisatie=${props.organisation.id}`}>{t({ nl: 'Annuleren', en: 'Cancel' })}</Link>
        </div>
      </PostForm>
    </Page>
  );
}

export function registerLocationPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const newGuard = authorize(services, { roles: editorRoles, scope: newEntryScope(db) });
  const locationGuard = authorize(services, { roles: editorRoles, scope: (actor, c) => mayEditLocation(db, actor, c.req.param('id')) });
  const chooser = async (c: AppContext, status: 200 | 422) => {
    const v = view(c);
    const errors = status === 422 ? { organisatie: v.t({ nl: 'Kies de organisatie.', en: 'Choose the organisation.' }) } : undefined;
    return c.html(
      <ChooseOrganisation
        view={v}
        action="/sociale-kaart/locaties/nieuw"
        title={v.t({ nl: 'Nieuwe locatie', en: 'New location' })}
        organisations={await editableOrganisations(db, c.get('ctx').actor!)}
        errors={errors}
      />,
      status,
    );
  };

  app.get('/sociale-kaart/locaties/nieuw', newGuard, async (c) => {
    const organisationId = await organisationForNew(services, c.get('ctx').actor!, c.req.query('organisatie'));
    if (!organisationId) return chooser(c, 200);
    return c.html(<LocationForm view={view(c)} organisation={await loadOrganisationHeader(db, organisationId)} values={{}} />);
  });

  app.post('/sociale-kaart/locaties', newGuard, async (c) => {
    const v = view(c);
    const values = await postedValues(c);
    const organisationId = values['organisation_id'];
    if (!organisationId || !(await mayEditOrganisation(db, c.get('ctx').actor!, organisationId))) return chooser(c, 422);
    const form = validateValues(locationFormSchema(v.t), values);
    if (!form.ok)
      return c.html(<LocationForm view={v} organisation={await loadOrganisationHeader(db, organisationId)} values={values} errors={form.errors} />, 422);
    await createLocation(db, c.get('ctx'), form.data);
    return c.redirect(`/sociale-kaart/beheer?organisatie=${organisationId}&melding=opgeslagen`, 303);
  });

  app.get('/sociale-kaart/locaties/:id/bewerken', locationGuard, async (c) => {
    const location = await loadLocation(db, idParam(c));
    return c.html(
      <LocationForm
        view={view(c)}
        organisation={{ id: location.organisation_id, name: location.organisation_name }}
        values={locationFormValues(location)}
        editing={{ id: location.id, lastVerifiedAt: location.last_verified_at }}
      />,
    );
  });

  app.post('/sociale-kaart/locaties/:id', locationGuard, async (c) => {
    const v = view(c);
    const location = await loadLocation(db, idParam(c));
    const values = { ...(await postedValues(c)), organisation_id: location.organisation_id };
    const form = validateValues(locationFormSchema(v.t), values);
    if (!form.ok) {
      return c.html(
        <LocationForm
          view={v}
          organisation={{ id: location.organisation_id, name: location.organisation_name }}
          values={values}
          errors={form.errors}
          editing={{ id: location.id, lastVerifiedAt: location.last_verified_at }}
        />,
        422,
      );
    }
    const { organisation_id: _fixed, ...changes } = form.data;
    await updateLocation(db, c.get('ctx'), location.id, changes);
    return c.redirect(`/sociale-kaart/beheer?organisatie=${location.organisation_id}&melding=opgeslagen`, 303);
  });

  app.post('/sociale-kaart/locaties/:id/klopt-nog', locationGuard, async (c) => {
    const id = idParam(c);
    await confirmEntry(db, c.get('ctx'), 'location', id);
    const body = await c.req.parseBody();
    return c.redirect(withNotice(safeReturnPath(body['terug'], '/sociale-kaart/controleren'), 'geverifieerd'), 303);
  });
}
