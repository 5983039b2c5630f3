import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { fill } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Button, ErrorSummary, Heading1, Link, Paragraph, PostForm, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import { RadioGroup } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { confirmEntry } from './confirm-entry.ts';
import { createContact } from './create-contact.ts';
import { editorRoles, mayEditContact, mayEditService } from './editor-scope.ts';
import { contactFormSchema, contactFormValues, weekHoursValues } from './entry-forms.ts';
import { WeekHoursFieldset } from './form-parts.tsx';
import { loadContact, loadServiceHeader } from './load-entry-forms.ts';
import { replaceContact } from './replace-contact.ts';
import { safeReturnPath, withNotice } from './return-path.ts';
import { contactEnded, updateContact } from './update-contact.ts';

type Values = Record<string, string | null | undefined>;
type Mode = { kind: 'new'; serviceId: string } | { kind: 'edit'; contactId: string } | { kind: 'replace'; contactId: string; leaving: string };

function ContactForm(props: { view: ViewContext; serviceName: string; serviceId: string; mode: Mode; values: Values; errors?: FieldErrors }) {
  const { view, values, errors, mode } = props;
  const t = view.t;
  const title =
    mode.kind === 'new'
      ? t({ nl: 'Contactpersoon toevoegen', en: 'Add a contact' })
      : mode.kind === 'edit'
        ? t({ nl: 'Gegevens van contactpersoon verbeteren', en: "Correct a contact's details" })
        : t({ nl: 'Contactpersoon vervangen', en: 'Replace a contact' });
  const action =
    mode.kind === 'new'
      ? `/sociale-kaart/diensten/${mode.serviceId}/contactpersonen`
      : mode.kind === 'edit'
        ? `/sociale-kaart/contactpersonen/${mode.contactId}`
        : `/sociale-kaart/contactpersonen/${mode.contactId}/vervangen`;
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>{fill(t({ nl: 'Dienst: {name}', en: 'Service: {name}' }), { name: props.serviceName })}</Paragraph>
      {mode.kind === 'replace' ? (
        <Paragraph>
          {fill(
            t({
              nl: '{name} stopt als contactpersoon. Vul hieronder de gegevens in van wie het overneemt. {name} blijft zichtbaar bij de eerdere contactpersonen, met de datum van vandaag.',
              en: "{name} stops being the contact. Enter the details of who takes over below. {name} stays visible under former contacts, with today's date.",
            }),
            { name: mode.leaving },
          )}
        </Paragraph>
      ) : null}
      {mode.kind === 'edit' ? (
        <Paragraph>
          {t({
            nl: 'Alleen voor verbeteringen, zoals een nieuw telefoonnummer. Neemt iemand anders het over? Kies dan "Vervangen", zodat de geschiedenis bewaard blijft.',
            en: 'For corrections only, such as a new phone number. Is someone else taking over? Choose "Replace" instead, so the history is kept.',
          })}
        </Paragraph>
      ) : null}
      <ErrorSummary view={view} errors={errors ?? {}} />
      <PostForm view={view} action={action} novalidate>
        <TextField view={view} name="name" required autocomplete="off" label={{ nl: 'Naam', en: 'Name' }} value={values['name']} errors={errors} />
        <TextField
          view={view}
          name="job_title"
          label={{ nl: 'Functie', en: 'Job title' }}
          description={{ nl: 'Bijvoorbeeld: schuldhulpverlener, wijkcoach.', en: 'For example: debt counsellor, neighbourhood coach.' }}
          value={values['job_title']}
          errors={errors}
        />
        <TextField
          view={view}
          name="phone"
          type="tel"
          autocomplete="off"
          label={{ nl: 'Telefoon', en: 'Phone' }}
          description={{ nl: 'Telefoon of e-mail: minstens één van de twee.', en: 'Phone or e-mail: at least one of the two.' }}
          value={values['phone']}
          errors={errors}
        />
        <TextField
          view={view}
          name="email"
          type="email"
          autocomplete="off"
          label={{ nl: 'E-mailadres', en: 'E-mail address' }}
          value={values['email']}
          errors={errors}
        />
        <RadioGroup
          view={view}
          name="visibility"
          layout="grid"
          legend={{ nl: 'Wie mag deze contactpersoon zien?', en: 'Who may see this contact?' }}
          value={values['visibility']}
          options={[
            {
              value: 'professional',
              label: { nl: 'Alleen professionals', en: 'Professionals only' },
              description: { nl: 'Voor directe lijnen: zichtbaar voor ingelogde medewerkers.', en: 'For direct lines: visible to signed-in staff.' },
            },
            {
              value: 'public',
              label: { nl: 'Ook inwoners', en: 'Residents too' },
              description: { nl: 'Ook zichtbaar op de openbare pagina "Hulp bij geldzorgen".', en: 'Also shown on the public page "Help with money worries".' },
            },
          ]}
          errors={errors}
        />
        <WeekHoursFieldset view={view} legend={{ nl: 'Telefonisch bereikbaar', en: 'Phone hours' }} prefix="phone_" values={values} errors={errors} />
        <div class="kl-actions">
          <Button>{mode.kind === 'replace' ? t({ nl: 'Vervangen', en: 'Replace' }) : t({ nl: 'Opslaan', en: 'Save' })}</Button>
          <Link href={`/sociale-kaart/diensten/${props.serviceId}`}>{t({ nl: 'Annuleren', en: 'Cancel' })}</Link>
        </div>
      </PostForm>
    </Page>
  );
}

export function registerContactPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const serviceGuard = authorize(services, { roles: editorRoles, scope: (actor, c) => mayEditService(db, actor, c.req.param('id')) });
  const contactGuard = authorize(services, { roles: editorRoles, scope: (actor, c) => mayEditContact(db, actor, c.req.param('id')) });

  const serviceName = async (id: string) => (await loadServiceHeader(db, id)).name;
  /** A current contact that belongs to a service (the pages edit contacts through their service). */
  const currentContact = async (id: string) => {
    const contact = await loadContact(db, id);
    if (contact.ended_at) throw contactEnded();
    return contact;
  };
  const backTo = (contact: { service_id: string | null; organisation_id: string }) =>
    contact.service_id ? `/sociale-kaart/diensten/${contact.service_id}` : `/sociale-kaart/beheer?organisatie=${contact.organisation_id}`;

  app.get('/sociale-kaart/diensten/:id/contactpersonen/nieuw', serviceGuard, async (c) => {
    const id = idParam(c);
    return c.html(
      <ContactForm
        view={view(c)}
        serviceId={id}
        serviceName={await serviceName(id)}
        mode={{ kind: 'new', serviceId: id }}
        values={{ visibility: 'professional' }}
      />,
    );
  });

  app.post('/sociale-kaart/diensten/:id/contactpersonen', serviceGuard, async (c) => {
    const id = idParam(c);
    const v = view(c);
    const form = await parseForm(c, contactFormSchema(v.t));
    if (!form.ok)
      return c.html(
        <ContactForm
          view={v}
          serviceId={id}
          serviceName={await serviceName(id)}
          mode={{ kind: 'new', serviceId: id }}
          values={form.values}
          errors={form.errors}
        />,
        422,
      );
    await createContact(db, c.get('ctx'), id, form.data);
    return c.redirect(`/sociale-kaart/diensten/${id}?melding=opgeslagen`, 303);
  });

  app.get('/sociale-kaart/contactpersonen/:id/bewerken', contactGuard, async (c) => {
    const contact = await currentContact(idParam(c));
    return c.html(
      <ContactForm
        view={view(c)}
        serviceId={contact.service_id ?? ''}
        serviceName={contact.service_name ?? '—'}
        mode={{ kind: 'edit', contactId: contact.id }}
        values={contactFormValues(contact)}
      />,
    );
  });

  app.post('/sociale-kaart/contactpersonen/:id', contactGuard, async (c) => {
    const v = view(c);
    const contact = await currentContact(idParam(c));
    const form = await parseForm(c, contactFormSchema(v.t));
    if (!form.ok)
      return c.html(
        <ContactForm
          view={v}
          serviceId={contact.service_id ?? ''}
          serviceName={contact.service_name ?? '—'}
          mode={{ kind: 'edit', contactId: contact.id }}
          values={form.values}
          errors={form.errors}
        />,
        422,
      );
    await updateContact(db, c.get('ctx'), contact.id, form.data);
    return c.redirect(withNotice(backTo(contact), 'opgeslagen'), 303);
  });

  app.get('/sociale-kaart/contactpersonen/:id/vervangen', contactGuard, async (c) => {
    const contact = await currentContact(idParam(c));
    // The successor usually keeps the job title, visibility and phone hours of the role.
    const values = { job_title: contact.job_title ?? '', visibility: contact.visibility, ...weekHoursValues(contact.phone_hours, 'phone_') };
    return c.html(
      <ContactForm
        view={view(c)}
        serviceId={contact.service_id ?? ''}
        serviceName={contact.service_name ?? '—'}
        mode={{ kind: 'replace', contactId: contact.id, leaving: contact.name }}
        values={values}
      />,
    );
  });

  app.post('/sociale-kaart/contactpersonen/:id/vervangen', contactGuard, async (c) => {
    const v = view(c);
    const contact = await currentContact(idParam(c));
    const form = await parseForm(c, contactFormSchema(v.t));
    if (!form.ok) {
      return c.html(
        <ContactForm
          view={v}
          serviceId={contact.service_id ?? ''}
          serviceName={contact.service_name ?? '—'}
          mode={{ kind: 'replace', contactId: contact.id, leaving: contact.name }}
          values={form.values}
          errors={form.errors}
        />,
        422,
      );
    }
    await replaceContact(db, c.get('ctx'), contact.id, form.data);
    return c.redirect(withNotice(backTo(contact), 'vervangen'), 303);
  });

  app.post('/sociale-kaart/contactpersonen/:id/klopt-nog', contactGuard, async (c) => {
    const contact = await currentContact(idParam(c));
    await confirmEntry(db, c.get('ctx'), 'contact', contact.id);
    const body = await c.req.parseBody();
    return c.redirect(withNotice(safeReturnPath(body['terug'], backTo(contact)), 'geverifieerd'), 303);
  });
}
