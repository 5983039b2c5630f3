import type { Hono } from 'hono';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { asFormValues, parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { AppError } from '../platform/errors.ts';
import type { Organisation, OrganisationKind, Region } from '../platform/db/schema.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
  ButtonLink,
  ErrorSummary,
  Heading1,
  Link,
  PostForm,
  SelectField,
  Table,
  TextField,
  type FieldErrors,
} from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  listRegions,
  organisationKindLabels,
  organisationKinds,
  organisationSchema,
  updateOrganisation,
} from './organisations.ts';
import { savedNotice } from './notices.tsx';

const adminOnly = { roles: ['admin'] } as const;

function OrganisationList(props: { view: ViewContext; organisations: Organisation[]; kind: OrganisationKind | undefined; notice: string | undefined }) {
  const { view } = props;
  const t = view.t;
  return (
    <Page view={view} title={t({ nl: 'Organisaties', en: 'Organisations' })}>
      <Heading1>{t({ nl: 'Organisaties', en: 'Organisations' })}</Heading1>
      {savedNotice(view, props.notice)}
      <div class="kl-actions">
        <ButtonLink href="/beheer/organisaties/nieuw">{t({ nl: 'Nieuwe organisatie', en: 'New organisation' })}</ButtonLink>
      </div>
      <form method="get" action="/beheer/organisaties" class="kl-filters">
        <SelectField
          view={view}
          name="soort"
          label={{ nl: 'Soort', en: 'Kind' }}
          value={props.kind}
          placeholder={{ nl: 'Alle soorten', en: 'All kinds' }}
          options={organisationKinds.map((k) => ({ value: k, label: t(organisationKindLabels[k]) }))}
        />
        <Button variant="secondary">{t({ nl: 'Filteren', en: 'Filter' })}</Button>
      </form>
      <Table
        caption={t({ nl: 'Alle organisaties', en: 'All organisations' })}
        headers={[t({ nl: 'Naam', en: 'Name' }), t({ nl: 'Soort', en: 'Kind' }), t({ nl: 'Code', en: 'Code' }), t({ nl: 'Plaats', en: 'Town' })]}
        empty={t({ nl: 'Er zijn nog geen organisaties.', en: 'There are no organisations yet.' })}
        rows={props.organisations.map((o) => [
          <Link href={`/beheer/organisaties/${o.id}`}>{o.name}</Link>,
          t(organisationKindLabels[o.kind]),
          o.cbs_code ?? o.agb_code ?? '—',
          o.city ?? '—',
        ])}
      />
    </Page>
  );
}

function OrganisationForm(props: {
  view: ViewContext;
  regions: Region[];
  values: Record<string, string | null | undefined>;
  errors?: FieldErrors;
  problem?: string;
  editingId?: string;
}) {
  const { view, values, errors } = props;
  const t = view.t;
  const title = props.editingId ? t({ nl: 'Organisatie wijzigen', en: 'Edit organisation' }) : t({ nl: 'Nieuwe organisatie', en: 'New organisation' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <ErrorSummary view={view} errors={errors ?? {}} />
      <PostForm view={view} action={props.editingId ? `/beheer/organisaties/${props.editingId}` : '/beheer/organisaties'} novalidate>
        <SelectField
          view={view}
          name="kind"
          required
          label={{ nl: 'Soort organisatie', en: 'Kind of organisation' }}
          value={values['kind']}
          placeholder={{ nl: 'Kies…', en: 'Choose…' }}
          options={organisationKinds.map((k) => ({ value: k, label: t(organisationKindLabels[k]) }))}
          errors={errors}
        />
        <TextField view={view} name="name" required label={{ nl: 'Naam', en: 'Name' }} value={values['name']} errors={errors} />
        <SelectField
          view={view}
          name="region_id"
          required
          label={{ nl: 'Regio', en: 'Region' }}
          value={values['region_id'] ?? props.regions[0]?.id}
          options={props.regions.map((r) => ({ value: r.id, label: r.name }))}
          errors={errors}
        />
        <TextField
          view={view}
          name="cbs_code"
          label={{ nl: 'CBS-code (alleen gemeente)', en: 'CBS code (municipality only)' }}
          description={{ nl: 'GM en 4 cijfers, bijvoorbeeld GM0153 voor Enschede.', en: 'GM and 4 digits, for example GM0153 for Enschede.' }}
          value={values['cbs_code']}
          errors={errors}
          size="short"
        />
        <TextField
          view={view}
          name="agb_code"
          inputmode="numeric"
          label={{ nl: 'AGB-code (alleen huisartsenpraktijk)', en: 'AGB code (GP practice only)' }}
          description={{ nl: '8 cijfers.', en: '8 digits.' }}
          value={values['agb_code']}
          errors={errors}
          size="short"
        />
        <TextField view={view} name="street" autocomplete="address-line1" label={{ nl: 'Straat', en: 'Street' }} value={values['street']} errors={errors} />
        <TextField
          view={view}
          name="house_number"
          label={{ nl: 'Huisnummer', en: 'House number' }}
          value={values['house_number']}
          errors={errors}
          size="short"
        />
        <TextField
          view={view}
          name="postcode"
          autocomplete="postal-code"
          label={{ nl: 'Postcode', en: 'Postcode' }}
          value={values['postcode']}
          errors={errors}
          size="postcode"
        />
        <TextField view={view} name="city" autocomplete="address-level2" label={{ nl: 'Plaats', en: 'Town' }} value={values['city']} errors={errors} />
        <TextField view={view} name="phone" type="tel" label={{ nl: 'Telefoon', en: 'Phone' }} value={values['phone']} errors={errors} />
        <TextField view={view} name="email" type="email" label={{ nl: 'E-mailadres', en: 'E-mail address' }} value={values['email']} errors={errors} />
        <TextField view={view} name="website" type="url" label={{ nl: 'Website', en: 'Website' }} value={values['website']} errors={errors} />
        <div class="kl-actions">
          <Button>{t({ nl: 'Opslaan', en: 'Save' })}</Button>
          <Link href="/beheer/organisaties">{t({ nl: 'Annuleren', en: 'Cancel' })}</Link>
        </div>
      </PostForm>
      {props.editingId ? (
        <p class="utrecht-paragraph">
          <Link href={`/beheer/organisaties/${props.editingId}/inloggen`}>
            {t({ nl: 'Inloggen via de eigen inlogdienst (OpenID Connect) instellen', en: 'Set up sign-in through its own identity provider (OpenID Connect)' })}
          </Link>
        </p>
      ) : null}
    </Page>
  );
}

async function renderForm(
  c: AppContext,
  services: Services,
  values: Record<string, string | null | undefined>,
  status: 200 | 409 | 422,
  extra: { errors?: FieldErrors; problem?: string; editingId?: string } = {},
) {
  const regions = await listRegions(services.db);
  return c.html(<OrganisationForm view={view(c)} regions={regions} values={values} {...extra} />, status);
}

export function registerOrganisationPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const guard = authorize(services, adminOnly);

  app.get('/beheer/organisaties', guard, async (c) => {
    const kindParam = c.req.query('soort');
    const kind = organisationKinds.find((k) => k === kindParam);
    const organisations = await listOrganisations(db, { kind });
    return c.html(<OrganisationList view={view(c)} organisations={organisations} kind={kind} notice={c.req.query('melding')} />);
  });

  app.get('/beheer/organisaties/nieuw', guard, (c) => renderForm(c, services, {}, 200));

  app.post('/beheer/organisaties', guard, async (c) => {
    const form = await parseForm(c, organisationSchema(view(c).t));
    if (!form.ok) return renderForm(c, services, form.values, 422, { errors: form.errors });
    try {
      await createOrganisation(db, c.get('ctx'), form.data);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return renderForm(c, services, form.values, 409, { problem: view(c).t(err.userMessage) });
      throw err;
    }
    return c.redirect('/beheer/organisaties?melding=opgeslagen', 303);
  });

  app.get('/beheer/organisaties/:id', guard, async (c) => {
    const org = await getOrganisation(db, idParam(c));
    return renderForm(c, services, asFormValues(org), 200, { editingId: org.id });
  });

  app.post('/beheer/organisaties/:id', guard, async (c) => {
    const id = idParam(c);
    const form = await parseForm(c, organisationSchema(view(c).t));
    if (!form.ok) return renderForm(c, services, form.values, 422, { errors: form.errors, editingId: id });
    try {
      await updateOrganisation(db, c.get('ctx'), id, form.data);
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422)) {
        return renderForm(c, services, form.values, err.status, { problem: view(c).t(err.userMessage), editingId: id });
      }
      throw err;
    }
    return c.redirect('/beheer/organisaties?melding=opgeslagen', 303);
  });
}
