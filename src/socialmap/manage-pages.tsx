import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { fill, type Text } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Button, ButtonLink, Heading1, Link, Paragraph, SelectField, Table } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { editableOrganisations, editorRoles, mayEditOrganisation, type EditableOrganisation } from './editor-scope.ts';
import type { EntryKind } from './entries.ts';
import { listDueEntries, type DueEntry } from './list-due-entries.ts';
import { listOrganisationEntries, type OrganisationEntries } from './list-organisation-entries.ts';
import { categoryNames, ConfirmForm, Freshness, freshnessLabels, Notice, verifiedText } from './views.tsx';

const kindLabels: Record<EntryKind, Text> = {
  service: { nl: 'Dienst', en: 'Service' },
  location: { nl: 'Locatie', en: 'Location' },
  contact: { nl: 'Contactpersoon', en: 'Contact' },
};

function OrganisationFilter(props: { view: ViewContext; action: string; organisations: EditableOrganisation[]; chosen: string | undefined; allLabel: Text }) {
  if (props.organisations.length < 2) return null;
  return (
    <form method="get" action={props.action} class="kl-filters">
      <SelectField
        view={props.view}
        name="organisatie"
        label={{ nl: 'Organisatie', en: 'Organisation' }}
        value={props.chosen}
        placeholder={props.allLabel}
        options={props.organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
      <Button variant="secondary">{props.view.t({ nl: 'Tonen', en: 'Show' })}</Button>
    </form>
  );
}

function ManagePage(props: {
  view: ViewContext;
  organisations: EditableOrganisation[];
  chosen: EditableOrganisation | undefined;
  entries: OrganisationEntries | undefined;
  notice: string | undefined;
  now: Date;
}) {
  const { view, chosen, entries, now } = props;
  const t = view.t;
  const back = chosen ? `/sociale-kaart/beheer?organisatie=${chosen.id}` : '/sociale-kaart/beheer';
  return (
    <Page view={view} title={t({ nl: 'Sociale kaart bijhouden', en: 'Keep the social map up to date' })} wide>
      <Heading1>{t({ nl: 'Sociale kaart bijhouden', en: 'Keep the social map up to date' })}</Heading1>
      <Notice view={view} notice={props.notice} />
      <Paragraph>
        {t({
          nl: 'Hier houdt u de diensten, locaties en contactpersonen van uw organisatie bij. Controleer elk half jaar of alles nog klopt.',
          en: "Here you keep your organisation's services, locations and contacts up to date. Check every six months that everything is still correct.",
        })}
      </Paragraph>
      <OrganisationFilter
        view={view}
        action="/sociale-kaart/beheer"
        organisations={props.organisations}
        chosen={chosen?.id}
        allLabel={{ nl: 'Kies een organisatie', en: 'Choose an organisation' }}
      />
      {!chosen || !entries ? (
        props.organisations.length === 0 ? (
          <Paragraph>{t({ nl: 'U beheert geen organisaties op de sociale kaart.', en: 'You do not keep any organisation on the social map.' })}</Paragraph>
        ) : (
          <Paragraph>{t({ nl: 'Kies hierboven een organisatie.', en: 'Choose an organisation above.' })}</Paragraph>
        )
      ) : (
        <>
          <h2 class="utrecht-heading-2">{chosen.name}</h2>
          <div class="kl-actions">
            <ButtonLink href={`/sociale-kaart/diensten/nieuw?organisatie=${chosen.id}`}>{t({ nl: 'Nieuwe dienst', en: 'New service' })}</ButtonLink>
            <ButtonLink href={`/sociale-kaart/locaties/nieuw?organisatie=${chosen.id}`} variant="secondary">
              {t({ nl: 'Nieuwe locatie', en: 'New location' })}
            </ButtonLink>
            <Link href={`/sociale-kaart/controleren?organisatie=${chosen.id}`}>{t({ nl: 'Te controleren', en: 'To check' })}</Link>
          </div>
          <Table
            caption={fill(t({ nl: 'Diensten van {org}', en: 'Services of {org}' }), { org: chosen.name })}
            headers={[
              t({ nl: 'Dienst', en: 'Service' }),
              t({ nl: 'Soort hulp', en: 'Kind of help' }),
              t({ nl: 'Contactpersonen', en: 'Contacts' }),
              t({ nl: 'Gecontroleerd', en: 'Verified' }),
              t({ nl: 'Actie', en: 'Action' }),
            ]}
            empty={t({ nl: 'Nog geen diensten.', en: 'No services yet.' })}
            rows={entries.services.map((s) => [
              <>
                <Link href={`/sociale-kaart/diensten/${s.id}`}>{s.name}</Link>
                {s.status === 'inactive' ? ` (${t({ nl: 'niet actief', en: 'inactive' })})` : ''}
              </>,
              categoryNames(view, s.categories),
              String(s.contact_count),
              <Freshness view={view} lastVerifiedAt={s.last_verified_at} now={now} />,
              <div class="kl-row-actions">
                <ConfirmForm view={view} action={`/sociale-kaart/diensten/${s.id}/klopt-nog`} back={back} entryName={s.name} />
                <Link href={`/sociale-kaart/diensten/${s.id}/bewerken`}>
                  {t({ nl: 'Wijzigen', en: 'Edit' })}
                  <span class="kl-visually-hidden"> – {s.name}</span>
                </Link>
              </div>,
            ])}
          />
          <Table
            caption={fill(t({ nl: 'Locaties van {org}', en: 'Locations of {org}' }), { org: chosen.name })}
            headers={[
              t({ nl: 'Locatie', en: 'Location' }),
              t({ nl: 'Plaats', en: 'Town' }),
              t({ nl: 'Inloop', en: 'Walk-in' }),
              t({ nl: 'Gecontroleerd', en: 'Verified' }),
              t({ nl: 'Actie', en: 'Action' }),
            ]}
            empty={t({ nl: 'Nog geen locaties.', en: 'No locations yet.' })}
            rows={entries.locations.map((l) => [
              l.name,
              l.city ?? '—',
              l.is_walk_in ? t({ nl: 'Ja', en: 'Yes' }) : t({ nl: 'Nee', en: 'No' }),
              <Freshness view={view} lastVerifiedAt={l.last_verified_at} now={now} />,
              <div class="kl-row-actions">
                <ConfirmForm view={view} action={`/sociale-kaart/locaties/${l.id}/klopt-nog`} back={back} entryName={l.name} />
                <Link href={`/sociale-kaart/locaties/${l.id}/bewerken`}>
                  {t({ nl: 'Wijzigen', en: 'Edit' })}
                  <span class="kl-visually-hidden"> – {l.name}</span>
                </Link>
              </div>,
            ])}
          />
        </>
      )}
    </Page>
  );
}

function editHref(e: DueEntry): string {
  if (e.kind === 'service') return `/sociale-kaart/diensten/${e.id}/bewerken`;
  if (e.kind === 'location') return `/sociale-kaart/locaties/${e.id}/bewerken`;
  return e.serviceId ? `/sociale-kaart/diensten/${e.serviceId}` : `/sociale-kaart/contactpersonen/${e.id}/bewerken`;
}

function DuePage(props: {
  view: ViewContext;
  organisations: EditableOrganisation[];
  chosen: string | undefined;
  entries: DueEntry[];
  notice: string | undefined;
  now: Date;
}) {
  const { view, now } = props;
  const t = view.t;
  const back = props.chosen ? `/sociale-kaart/controleren?organisatie=${props.chosen}` : '/sociale-kaart/controleren';
  const groups = new Map<string, DueEntry[]>();
  for (const e of props.entries) groups.set(e.organisationId, [...(groups.get(e.organisationId) ?? []), e]);
  return (
    <Page view={view} title={t({ nl: 'Te controleren', en: 'To check' })} wide>
      <Heading1>{t({ nl: 'Te controleren', en: 'To check' })}</Heading1>
      <Notice view={view} notice={props.notice} />
      <Paragraph>
        {t({
          nl: 'Deze gegevens zijn 6 maanden of langer niet gecontroleerd. Na 9 maanden heten ze verouderd. Klopt het nog? Klik op "Klopt nog". Klopt het niet? Kies "Wijzigen".',
          en: 'These entries have not been checked for 6 months or longer. After 9 months they are out of date. Still correct? Click "Still correct". Not correct? Choose "Edit".',
        })}
      </Paragraph>
      <OrganisationFilter
        view={view}
        action="/sociale-kaart/controleren"
        organisations={props.organisations}
        chosen={props.chosen}
        allLabel={{ nl: 'Alle organisaties', en: 'All organisations' }}
      />
      {groups.size === 0 ? (
        <Paragraph>{t({ nl: 'Alles is actueel. Er is nu niets te controleren.', en: 'Everything is up to date. There is nothing to check now.' })}</Paragraph>
      ) : null}
      {[...groups.values()].map((entries) => {
        const org = entries[0]!.organisationName;
        return (
          <>
            <h2 class="utrecht-heading-2">{org}</h2>
            <Table
              caption={fill(t({ nl: 'Te controleren bij {org}', en: 'To check at {org}' }), { org })}
              headers={[
                t({ nl: 'Soort', en: 'Kind' }),
                t({ nl: 'Naam', en: 'Name' }),
                t({ nl: 'Status', en: 'Status' }),
                t({ nl: 'Gecontroleerd', en: 'Verified' }),
                t({ nl: 'Actie', en: 'Action' }),
              ]}
              rows={entries.map((e) => [
                t(kindLabels[e.kind]),
                e.kind === 'contact' && e.serviceName ? `${e.name} (${e.serviceName})` : e.name,
                <span class={`kl-state kl-state--${e.freshness}`}>{t(freshnessLabels[e.freshness])}</span>,
                t(verifiedText(e.lastVerifiedAt, now)),
                <div class="kl-row-actions">
                  <ConfirmForm
                    view={view}
                    action={`/sociale-kaart/${e.kind === 'service' ? 'diensten' : e.kind === 'location' ? 'locaties' : 'contactpersonen'}/${e.id}/klopt-nog`}
                    back={back}
                    entryName={e.name}
                  />
                  <Link href={editHref(e)}>
                    {t({ nl: 'Wijzigen', en: 'Edit' })}
                    <span class="kl-visually-hidden"> – {e.name}</span>
                  </Link>
                </div>,
              ])}
            />
          </>
        );
      })}
    </Page>
  );
}

export function registerManagePages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  // An organisation in the filter that the editor does not keep answers 404.
  const guard = authorize(services, {
    roles: editorRoles,
    scope: (actor, c) => {
      const asked = c.req.query('organisatie');
      return !asked || mayEditOrganisation(db, actor, asked);
    },
  });

  app.get('/sociale-kaart/beheer', guard, async (c) => {
    const organisations = await editableOrganisations(db, c.get('ctx').actor!);
    const asked = c.req.query('organisatie');
    const chosen = asked ? organisations.find((o) => o.id === asked) : organisations.length === 1 ? organisations[0] : undefined;
    const entries = chosen ? await listOrganisationEntries(db, chosen.id) : undefined;
    return c.html(
      <ManagePage view={view(c)} organisations={organisations} chosen={chosen} entries={entries} notice={c.req.query('melding')} now={new Date()} />,
    );
  });

  app.get('/sociale-kaart/controleren', guard, async (c) => {
    const organisations = await editableOrganisations(db, c.get('ctx').actor!);
    const asked = c.req.query('organisatie');
    const ids = asked ? organisations.filter((o) => o.id === asked).map((o) => o.id) : organisations.map((o) => o.id);
    const entries = await listDueEntries(db, ids);
    return c.html(<DuePage view={view(c)} organisations={organisations} chosen={asked} entries={entries} notice={c.req.query('melding')} now={new Date()} />);
  });
}
