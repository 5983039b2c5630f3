import type { Hono } from 'hono';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm, validateValues } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { AppError } from '../platform/errors.ts';
import { fill } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
  ButtonLink,
  DutchText,
  ErrorSummary,
  Heading1,
  Link,
  Paragraph,
  PostForm,
  SelectField,
  Table,
  TextField,
  formatDateTime,
  type FieldErrors,
} from '../platform/ui/components.tsx';
import { CheckboxGroup, RadioGroup, TextAreaField } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { categories, categoryLabels } from '../needs/categories.ts';
import { confirmEntry } from './confirm-entry.ts';
import { createService } from './create-service.ts';
import { editableOrganisations, editorRoles, mayEditOrganisation, mayEditService, searchRoles } from './editor-scope.ts';
import { serviceFormSchema, serviceFormValues } from './entry-forms.ts';
import { postedValues } from './form-values.ts';
import { WeekHoursFieldset } from './form-parts.tsx';
import { getServiceDetails, type ServiceDetails } from './get-service-details.ts';
import { languageLabels, serviceLanguages } from './languages.ts';
import { loadService, loadServiceFormOptions, loadServiceHeader, type ServiceFormOptions } from './load-entry-forms.ts';
import { amsterdamWeekday } from './opening-hours.ts';
import { ChooseOrganisation, newEntryScope, organisationForNew } from './new-entry.tsx';
import { safeReturnPath, withNotice } from './return-path.ts';
import { updateService } from './update-service.ts';
import { addressLine, categoryNames, ConfirmForm, EmailLink, Facts, Freshness, languageNames, Notice, PhoneLink, WeekHours } from './views.tsx';
import { ReferToTeamLink } from './service-result.tsx';
import { CapacityForm, CapacityText, ResponseTimeText } from './capacity-view.tsx';
import { capacityFormSchema } from './capacity.ts';
import { setCapacity } from './set-capacity.ts';
import { teamResponseTimes } from './team-response-times.ts';
import type { TypicalResponse } from './response-time.ts';

type Values = Record<string, string | null | undefined>;

const areaKindLabels = {
  municipality: { nl: 'gemeente', en: 'municipality' },
  district: { nl: 'wijk', en: 'district' },
  pc4: { nl: 'postcode', en: 'postcode' },
} as const;

interface ServicePageProps {
  view: ViewContext;
  details: ServiceDetails;
  canEdit: boolean;
  notice: string | undefined;
  now: Date;
  /** The team's measured time to first contact, when there are enough referrals to show it. */
  responseTime: TypicalResponse | undefined;
  /** The capacity form as posted, when it came back with an error. */
  capacityForm?: { values: Record<string, string | undefined>; errors: FieldErrors };
}

function ServicePage(props: ServicePageProps) {
  const { view, now } = props;
  const { card: s, areas, history } = props.details;
  const t = view.t;
  const today = amsterdamWeekday(now);
  const here = `/sociale-kaart/diensten/${s.id}`;
  return (
    <Page view={view} title={s.name}>
      <Heading1>{s.name}</Heading1>
      <Notice view={view} notice={props.notice} />
      <Paragraph>
        {s.organisationName}
        {s.teamName ? ` · ${s.teamName}` : ''}
        {s.status === 'inactive' ? ` · ${t({ nl: 'niet meer actief', en: 'no longer active' })}` : ''}
      </Paragraph>
      <p class="utrecht-paragraph">
        <Freshness view={view} lastVerifiedAt={s.lastVerifiedAt} now={now} />
      </p>
      <ReferToTeamLink view={view} service={s} />
      {props.canEdit ? (
        <div class="kl-actions">
          <ConfirmForm view={view} action={`${here}/klopt-nog`} back={here} entryName={s.name} />
          <ButtonLink href={`${here}/bewerken`} variant="secondary">
            {t({ nl: 'Dienst wijzigen', en: 'Edit service' })}
          </ButtonLink>
        </div>
      ) : null}

      <h2 class="utrecht-heading-2">{t({ nl: 'Over deze dienst', en: 'About this service' })}</h2>
      {s.description ? (
        <Paragraph>
          <DutchText view={view}>{s.description}</DutchText>
        </Paragraph>
      ) : null}
      <Facts
        rows={[
          [t({ nl: 'Soort hulp', en: 'Kind of help' }), categoryNames(view, s.categories)],
          [t({ nl: 'Capaciteit', en: 'Capacity' }), <CapacityText view={view} capacity={s.capacity} now={now} />],
          [t({ nl: 'Reactietijd', en: 'Response time' }), props.responseTime ? <ResponseTimeText view={view} response={props.responseTime} /> : null],
          [
            t({ nl: 'Kosten', en: 'Cost' }),
            s.isFree ? (
              t({ nl: 'Gratis', en: 'Free' })
            ) : s.feesDescription ? (
              <DutchText view={view}>{s.feesDescription}</DutchText>
            ) : (
              t({ nl: 'Niet gratis', en: 'Not free' })
            ),
          ],
          [t({ nl: 'Voor wie', en: 'Who it is for' }), s.eligibility ? <DutchText view={view}>{s.eligibility}</DutchText> : null],
          [t({ nl: 'Aanmelden', en: 'How to apply' }), s.applicationProcess ? <DutchText view={view}>{s.applicationProcess}</DutchText> : null],
          [t({ nl: 'Talen', en: 'Languages' }), languageNames(view, s.languages)],
          [t({ nl: 'Werkgebied', en: 'Service area' }), areas.map((a) => `${a.name} (${t(areaKindLabels[a.kind])})`).join(', ')],
          [t({ nl: 'Telefoon', en: 'Phone' }), s.phone ? <PhoneLink phone={s.phone} /> : null],
          [t({ nl: 'E-mail', en: 'E-mail' }), s.email ? <EmailLink email={s.email} /> : null],
          [
            t({ nl: 'Website', en: 'Website' }),
            s.url ? (
              <a class="utrecht-link" href={s.url} rel="noopener">
                {s.url}
              </a>
            ) : null,
          ],
        ]}
      />

      {props.canEdit ? (
        <CapacityForm view={view} serviceId={s.id} capacity={s.capacity} now={now} values={props.capacityForm?.values} errors={props.capacityForm?.errors} />
      ) : null}

      <h2 class="utrecht-heading-2">{t({ nl: 'Telefonisch bereikbaar', en: 'Phone hours' })}</h2>
      <WeekHours view={view} slots={s.phoneHours} today={today} empty={{ nl: 'Geen vaste telefoontijden bekend.', en: 'No fixed phone hours known.' }} />

      <h2 class="utrecht-heading-2">{t({ nl: 'Locaties', en: 'Locations' })}</h2>
      {s.locations.length === 0 ? <Paragraph>{t({ nl: 'Geen locatie bekend.', en: 'No location known.' })}</Paragraph> : null}
      {s.locations.map((l) => (
        <section class="kl-card kl-stack" aria-labelledby={`location-${l.id}`}>
          <h3 class="utrecht-heading-3" id={`location-${l.id}`}>
            {l.name}
          </h3>
          <Paragraph>
            {addressLine(l)}
            {l.isWalkIn ? ` · ${t({ nl: 'inloop zonder afspraak', en: 'walk-in without appointment' })}` : ''}
          </Paragraph>
          {l.walkInHours.length ? (
            <>
              <p class="utrecht-paragraph">
                <strong>{t({ nl: 'Inloop', en: 'Walk-in' })}</strong>
              </p>
              <WeekHours view={view} slots={l.walkInHours} today={today} />
            </>
          ) : null}
          {l.openingHours.length ? (
            <>
              <p class="utrecht-paragraph">
                <strong>{t({ nl: 'Open', en: 'Open' })}</strong>
              </p>
              <WeekHours view={view} slots={l.openingHours} today={today} />
            </>
          ) : null}
          {l.accessibility ? <Paragraph>{l.accessibility}</Paragraph> : null}
          <p class="utrecht-paragraph">
            <Freshness view={view} lastVerifiedAt={l.lastVerifiedAt} now={now} />
          </p>
          {props.canEdit ? (
            <div class="kl-actions">
              <ConfirmForm view={view} action={`/sociale-kaart/locaties/${l.id}/klopt-nog`} back={here} entryName={l.name} />
              <Link href={`/sociale-kaart/locaties/${l.id}/bewerken`}>
                {t({ nl: 'Locatie wijzigen', en: 'Edit location' })}
                <span class="kl-visually-hidden"> – {l.name}</span>
              </Link>
            </div>
          ) : null}
        </section>
      ))}

      <h2 class="utrecht-heading-2">{t({ nl: 'Contactpersonen', en: 'Contacts' })}</h2>
      {props.canEdit ? (
        <div class="kl-actions">
          <ButtonLink href={`${here}/contactpersonen/nieuw`} variant="secondary">
            {t({ nl: 'Contactpersoon toevoegen', en: 'Add contact' })}
          </ButtonLink>
        </div>
      ) : null}
      {s.contacts.length === 0 ? <Paragraph>{t({ nl: 'Geen contactpersoon bekend.', en: 'No contact known.' })}</Paragraph> : null}
      {s.contacts.map((c) => (
        <section class="kl-card kl-stack" aria-labelledby={`contact-${c.id}`}>
          <h3 class="utrecht-heading-3" id={`contact-${c.id}`}>
            {c.name}
          </h3>
          <Facts
            rows={[
              [t({ nl: 'Functie', en: 'Job title' }), c.jobTitle],
              [t({ nl: 'Telefoon', en: 'Phone' }), c.phone ? <PhoneLink phone={c.phone} /> : null],
              [t({ nl: 'E-mail', en: 'E-mail' }), c.email ? <EmailLink email={c.email} /> : null],
              [
                t({ nl: 'Zichtbaar voor', en: 'Visible to' }),
                c.visibility === 'public'
                  ? t({ nl: 'Inwoners en professionals', en: 'Residents and professionals' })
                  : t({ nl: 'Alleen professionals', en: 'Professionals only' }),
              ],
            ]}
          />
          {c.phoneHours.length ? (
            <>
              <p class="utrecht-paragraph">
                <strong>{t({ nl: 'Telefonisch bereikbaar', en: 'Phone hours' })}</strong>
              </p>
              <WeekHours view={view} slots={c.phoneHours} today={today} />
            </>
          ) : null}
          <p class="utrecht-paragraph">
            <Freshness view={view} lastVerifiedAt={c.lastVerifiedAt} now={now} />
          </p>
          {props.canEdit ? (
            <div class="kl-actions">
              <ConfirmForm view={view} action={`/sociale-kaart/contactpersonen/${c.id}/klopt-nog`} back={here} entryName={c.name} />
              <Link href={`/sociale-kaart/contactpersonen/${c.id}/vervangen`}>
                {t({ nl: 'Vervangen', en: 'Replace' })}
                <span class="kl-visually-hidden"> – {c.name}</span>
              </Link>
              <Link href={`/sociale-kaart/contactpersonen/${c.id}/bewerken`}>
                {t({ nl: 'Gegevens verbeteren', en: 'Correct details' })}
                <span class="kl-visually-hidden"> – {c.name}</span>
              </Link>
            </div>
          ) : null}
        </section>
      ))}

      {history.length ? (
        <>
          <h2 class="utrecht-heading-2">{t({ nl: 'Eerdere contactpersonen', en: 'Former contacts' })}</h2>
          <Table
            caption={fill(t({ nl: 'Eerdere contactpersonen van {service}', en: 'Former contacts of {service}' }), { service: s.name })}
            headers={[
              t({ nl: 'Naam', en: 'Name' }),
              t({ nl: 'Functie', en: 'Job title' }),
              t({ nl: 'Gestopt op', en: 'Left on' }),
              t({ nl: 'Opgevolgd door', en: 'Succeeded by' }),
            ]}
            rows={history.map((h) => [h.name, h.jobTitle ?? '—', formatDateTime(h.endedAt, view.lang), h.replacedByName ?? '—'])}
          />
        </>
      ) : null}
      <Paragraph>
        <Link href="/sociale-kaart">{t({ nl: 'Terug naar de sociale kaart', en: 'Back to the social map' })}</Link>
      </Paragraph>
    </Page>
  );
}

function ServiceForm(props: { view: ViewContext; options: ServiceFormOptions; values: Values; errors?: FieldErrors; problem?: string; editingId?: string }) {
  const { view, options, values, errors } = props;
  const t = view.t;
  const title = props.editingId ? t({ nl: 'Dienst wijzigen', en: 'Edit service' }) : t({ nl: 'Nieuwe dienst', en: 'New service' });
  const cancel = props.editingId ? `/sociale-kaart/diensten/${props.editingId}` : `/sociale-kaart/beheer?organisatie=${options.organisation.id}`;
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>{fill(t({ nl: 'Organisatie: {name}', en: 'Organisation: {name}' }), { name: options.organisation.name })}</Paragraph>
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <ErrorSummary view={view} errors={errors ?? {}} />
      <PostForm view={view} action={props.editingId ? `/sociale-kaart/diensten/${props.editingId}` : '/sociale-kaart/diensten'} novalidate>
        <input type="hidden" name="organisation_id" value={options.organisation.id} />
        <h2 class="utrecht-heading-2">{t({ nl: 'Over de dienst', en: 'About the service' })}</h2>
        <TextField view={view} name="name" required label={{ nl: 'Naam van de dienst', en: 'Name of the service' }} value={values['name']} errors={errors} />
        <TextAreaField
          view={view}
          name="description"
          label={{ nl: 'Korte uitleg', en: 'Short description' }}
          description={{ nl: 'In eenvoudige woorden: wat doet deze dienst?', en: 'In plain words: what does this service do?' }}
          value={values['description']}
          errors={errors}
        />
        <CheckboxGroup
          view={view}
          legend={{ nl: 'Soort hulp', en: 'Kind of help' }}
          errorKey="categories"
          layout="columns"
          value="on"
          options={categories.map((c) => ({ name: `cat_${c}`, label: t(categoryLabels[c]) }))}
          values={values}
          errors={errors}
        />
        <SelectField
          view={view}
          name="team_id"
          label={{ nl: 'Team dat verwijzingen ontvangt', en: 'Team that receives referrals' }}
          placeholder={{ nl: 'Geen team', en: 'No team' }}
          value={values['team_id']}
          options={options.teams.map((team) => ({ value: team.id, label: team.name }))}
          errors={errors}
        />
        {props.editingId ? (
          <SelectField
            view={view}
            name="status"
            required
            label={{ nl: 'Status', en: 'Status' }}
            description={{ nl: 'Een dienst die niet meer actief is, wordt niet meer gevonden.', en: 'A service that is no longer active is no longer found.' }}
            value={values['status']}
            options={[
              { value: 'active', label: t({ nl: 'Actief', en: 'Active' }) },
              { value: 'inactive', label: t({ nl: 'Niet meer actief', en: 'No longer active' }) },
            ]}
            errors={errors}
          />
        ) : null}

        <h2 class="utrecht-heading-2">{t({ nl: 'Bereikbaarheid', en: 'How to reach it' })}</h2>
        <TextField view={view} name="phone" type="tel" label={{ nl: 'Telefoon', en: 'Phone' }} value={values['phone']} errors={errors} />
        <TextField view={view} name="email" type="email" label={{ nl: 'E-mailadres', en: 'E-mail address' }} value={values['email']} errors={errors} />
        <TextField view={view} name="url" type="url" label={{ nl: 'Website', en: 'Website' }} value={values['url']} errors={errors} />
        <WeekHoursFieldset view={view} legend={{ nl: 'Telefonisch bereikbaar', en: 'Phone hours' }} prefix="phone_" values={values} errors={errors} />

        <h2 class="utrecht-heading-2">{t({ nl: 'Kosten en aanmelden', en: 'Cost and how to apply' })}</h2>
        <RadioGroup
          view={view}
          name="is_free"
          layout="grid"
          legend={{ nl: 'Is de hulp gratis?', en: 'Is the help free?' }}
          value={values['is_free']}
          options={[
            { value: 'yes', label: { nl: 'Ja, gratis', en: 'Yes, free' } },
            { value: 'no', label: { nl: 'Nee, er zijn kosten', en: 'No, there are costs' } },
          ]}
          errors={errors}
        />
        <TextField
          view={view}
          name="fees_description"
          label={{ nl: 'Kosten (als het niet gratis is)', en: 'Costs (if not free)' }}
          value={values['fees_description']}
          errors={errors}
        />
        <TextAreaField
          view={view}
          name="eligibility_description"
          label={{ nl: 'Voor wie', en: 'Who it is for' }}
          value={values['eligibility_description']}
          errors={errors}
        />
        <TextAreaField
          view={view}
          name="application_process"
          label={{ nl: 'Hoe meldt iemand zich aan?', en: 'How does someone apply?' }}
          value={values['application_process']}
          errors={errors}
        />
        <CheckboxGroup
          view={view}
          legend={{ nl: 'Talen', en: 'Languages' }}
          errorKey="languages"
          layout="columns"
          value="on"
          options={serviceLanguages.map((l) => ({ name: `lang_${l}`, label: t(languageLabels[l]) }))}
          values={values}
          errors={errors}
        />

        <h2 class="utrecht-heading-2">{t({ nl: 'Werkgebied', en: 'Service area' })}</h2>
        <Paragraph>
          {t({
            nl: 'Waar helpt deze dienst? Kies hele gemeenten, wijken of losse postcodes. De zoekfunctie toont de meest precieze match eerst.',
            en: 'Where does this service help? Choose whole municipalities, districts or single postcodes. The search shows the most precise match first.',
          })}
        </Paragraph>
        <CheckboxGroup
          view={view}
          legend={{ nl: 'Gemeenten', en: 'Municipalities' }}
          errorKey="areas"
          layout="columns"
          value="on"
          options={options.municipalities.map((m) => ({ name: `gm_${m.code}`, label: m.name }))}
          values={values}
          errors={errors}
        />
        {options.districts.length ? (
          <CheckboxGroup
            view={view}
            legend={{ nl: 'Wijken', en: 'Districts' }}
            errorKey="districts"
            layout="columns"
            value="on"
            options={options.districts.map((d) => ({ name: `wk_${d.code}`, label: `${d.municipalityName}, ${d.name}` }))}
            values={values}
            errors={errors}
          />
        ) : null}
        <TextField
          view={view}
          name="pc4s"
          label={{ nl: 'Postcodes (4 cijfers)', en: 'Postcodes (4 digits)' }}
          description={{ nl: 'Gescheiden door een komma, bijvoorbeeld 7601, 7602.', en: 'Separated by commas, for example 7601, 7602.' }}
          value={values['pc4s']}
          errors={errors}
        />

        <h2 class="utrecht-heading-2">{t({ nl: 'Locaties', en: 'Locations' })}</h2>
        {options.locations.length ? (
          <CheckboxGroup
            view={view}
            legend={{ nl: 'Waar kunnen mensen terecht?', en: 'Where can people go?' }}
            errorKey="locations"
            layout="grid"
            value="on"
            options={options.locations.map((l) => ({ name: `loc_${l.id}`, label: l.city ? `${l.name} (${l.city})` : l.name }))}
            values={values}
            errors={errors}
          />
        ) : (
          <Paragraph>
            {t({
              nl: 'Deze organisatie heeft nog geen locaties. Voeg ze toe via "Nieuwe locatie" en koppel ze daarna hier.',
              en: 'This organisation has no locations yet. Add them with "New location" and link them here afterwards.',
            })}
          </Paragraph>
        )}
        <div class="kl-actions">
          <Button>{t({ nl: 'Opslaan', en: 'Save' })}</Button>
          <Link href={cancel}>{t({ nl: 'Annuleren', en: 'Cancel' })}</Link>
        </div>
      </PostForm>
    </Page>
  );
}

async function renderServiceForm(
  c: AppContext,
  services: Services,
  organisationId: string,
  values: Values,
  status: 200 | 409 | 422,
  extra: { errors?: FieldErrors; problem?: string; editingId?: string } = {},
) {
  const options = await loadServiceFormOptions(services.db, organisationId);
  return c.html(<ServiceForm view={view(c)} options={options} values={values} {...extra} />, status);
}

export function registerServicePages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  // The organisation of a new service comes from the query (form page) or the posted form; a
  // team coordinator asking for another organisation's form gets 404.
  const newServiceGuard = authorize(services, { roles: editorRoles, scope: newEntryScope(db) });
  const serviceGuard = authorize(services, { roles: editorRoles, scope: (actor, c) => mayEditService(db, actor, c.req.param('id')) });

  app.get('/sociale-kaart/diensten/nieuw', newServiceGuard, async (c) => {
    const v = view(c);
    const actor = c.get('ctx').actor!;
    const organisationId = await organisationForNew(services, actor, c.req.query('organisatie'));
    if (!organisationId) {
      return c.html(
        <ChooseOrganisation
          view={v}
          action="/sociale-kaart/diensten/nieuw"
          title={v.t({ nl: 'Nieuwe dienst', en: 'New service' })}
          organisations={await editableOrganisations(db, actor)}
        />,
      );
    }
    return renderServiceForm(c, services, organisationId, { organisation_id: organisationId, is_free: 'yes', lang_nl: 'on', status: 'active' }, 200);
  });

  app.post('/sociale-kaart/diensten', newServiceGuard, async (c) => {
    const v = view(c);
    const actor = c.get('ctx').actor!;
    const form = await parseForm(c, serviceFormSchema(v.t));
    const organisationId = form.values['organisation_id'];
    if (!organisationId || !(await mayEditOrganisation(db, actor, organisationId))) {
      return c.html(
        <ChooseOrganisation
          view={v}
          action="/sociale-kaart/diensten/nieuw"
          title={v.t({ nl: 'Nieuwe dienst', en: 'New service' })}
          organisations={await editableOrganisations(db, actor)}
          errors={{ organisatie: v.t({ nl: 'Kies de organisatie.', en: 'Choose the organisation.' }) }}
        />,
        422,
      );
    }
    if (!form.ok) return renderServiceForm(c, services, organisationId, form.values, 422, { errors: form.errors });
    let created: { id: string };
    try {
      created = await createService(db, c.get('ctx'), form.data);
    } catch (err) {
      if (err instanceof AppError && err.status === 422)
        return renderServiceForm(c, services, organisationId, form.values, 422, { problem: v.t(err.userMessage) });
      throw err;
    }
    return c.redirect(`/sociale-kaart/diensten/${created.id}?melding=opgeslagen`, 303);
  });

  const renderServicePage = async (c: AppContext, extra: Pick<ServicePageProps, 'capacityForm'> = {}, status: 200 | 422 = 200) => {
    const id = idParam(c);
    const details = await getServiceDetails(db, id, 'professional');
    const canEdit = await mayEditService(db, c.get('ctx').actor!, id);
    const responseTime = details.card.teamId ? (await teamResponseTimes(db, [details.card.teamId])).get(details.card.teamId) : undefined;
    return c.html(
      <ServicePage
        view={view(c)}
        details={details}
        canEdit={canEdit}
        notice={c.req.query('melding')}
        now={new Date()}
        responseTime={responseTime}
        {...extra}
      />,
      status,
    );
  };

  app.get('/sociale-kaart/diensten/:id', authorize(services, { roles: searchRoles }), (c) => renderServicePage(c));

  // Capacity: set it, or save it unchanged to confirm it for another 30 days (capacity.ts).
  app.post('/sociale-kaart/diensten/:id/capaciteit', serviceGuard, async (c) => {
    const form = await parseForm(c, capacityFormSchema(view(c).t));
    if (!form.ok) return renderServicePage(c, { capacityForm: { values: form.values, errors: form.errors } }, 422);
    await setCapacity(db, c.get('ctx'), idParam(c), form.data);
    return c.redirect(`/sociale-kaart/diensten/${idParam(c)}?melding=opgeslagen`, 303);
  });

  app.get('/sociale-kaart/diensten/:id/bewerken', serviceGuard, async (c) => {
    const stored = await loadService(db, idParam(c));
    return renderServiceForm(c, services, stored.organisation_id, serviceFormValues(stored), 200, { editingId: stored.id });
  });

  app.post('/sociale-kaart/diensten/:id', serviceGuard, async (c) => {
    const v = view(c);
    const id = idParam(c);
    const stored = await loadServiceHeader(db, id);
    // The organisation of a service is fixed: whatever the form says, the stored one is used.
    const form = validateValues(serviceFormSchema(v.t), { ...(await postedValues(c)), organisation_id: stored.organisation_id });
    if (!form.ok) return renderServiceForm(c, services, stored.organisation_id, form.values, 422, { errors: form.errors, editingId: id });
    try {
      const { organisation_id: _ignored, ...changes } = form.data;
      await updateService(db, c.get('ctx'), id, changes);
    } catch (err) {
      if (err instanceof AppError && err.status === 422)
        return renderServiceForm(c, services, stored.organisation_id, form.values, 422, { problem: v.t(err.userMessage), editingId: id });
      throw err;
    }
    return c.redirect(`/sociale-kaart/diensten/${id}?melding=opgeslagen`, 303);
  });

  app.post('/sociale-kaart/diensten/:id/klopt-nog', serviceGuard, async (c) => {
    const id = idParam(c);
    await confirmEntry(db, c.get('ctx'), 'service', id);
    const body = await c.req.parseBody();
    return c.redirect(withNotice(safeReturnPath(body['terug'], `/sociale-kaart/diensten/${id}`), 'geverifieerd'), 303);
  });
}
