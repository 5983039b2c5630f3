import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { fill } from '../platform/i18n.ts';
import { view, type ViewContext } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Heading1, Link, Paragraph, formatDateTime } from '../platform/ui/components.tsx';
import { DataList } from '../referrals/ui-parts.tsx';
import { PhoneLink } from '../socialmap/views.tsx';
import { listFixedContacts, type FixedContact } from './fixed-contacts.ts';

/**
 *   GET /vaste-contactpersonen   practice staff and manager: "uw vaste contactpersoon" per team
 */
export function registerFixedContactRoutes(app: Hono<AppEnv>, services: Services): void {
  const guard = authorize(services, { roles: ['practice_staff', 'practice_admin'] });
  app.get('/vaste-contactpersonen', guard, async (c) => {
    const v = view(c);
    const actor = c.get('ctx').actor!;
    return c.html(<FixedContactsPage view={v} contacts={await listFixedContacts(services.db, actor.practiceId!)} />);
  });
}

function FixedContactsPage({ view, contacts }: { view: ViewContext; contacts: FixedContact[] }) {
  const t = view.t;
  const title = t({ nl: 'Uw vaste contactpersonen', en: 'Your fixed contacts' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'Per team dat uw patiënten helpt: wie u belt, op welk nummer en wanneer. Verandert de contactpersoon, dan ziet u hier meteen de nieuwe en krijgt u een melding.',
          en: 'For each team that helps your patients: whom you call, on which number and when. When the contact changes, you see the new one here at once and get a notification.',
        })}
      </Paragraph>
      {contacts.length === 0 ? (
        <Paragraph>
          {t({
            nl: 'Uw praktijk heeft nog geen samenwerkingsafspraak en heeft het afgelopen jaar nog niet verwezen. Het team of de regionale aanjager stelt een afspraak voor.',
            en: 'Your practice has no collaboration agreement yet and has not referred anyone in the past year. The team or the regional coordinator proposes an agreement.',
          })}
        </Paragraph>
      ) : null}
      <ul class="kl-card-grid">
        {contacts.map((f) => (
          <li class="kl-card">
            <h2 class="utrecht-heading-3">{f.teamName}</h2>
            <p class="utrecht-paragraph kl-muted">{f.organisationName}</p>
            {f.person ? (
              <>
                <p class="utrecht-paragraph">{t({ nl: 'Uw vaste contactpersoon', en: 'Your fixed contact' })}</p>
                <DataList
                  rows={[
                    [t({ nl: 'Naam', en: 'Name' }), <strong data-testid="fixed-contact-name">{f.person.name}</strong>],
                    [t({ nl: 'Functie', en: 'Role' }), f.person.jobTitle],
                    [t({ nl: 'Direct nummer', en: 'Direct line' }), f.person.phone ? <PhoneLink phone={f.person.phone} /> : null],
                    [t({ nl: 'Wanneer bellen', en: 'When to call' }), f.whenToCall],
                  ]}
                />
                {f.replaced ? (
                  <p class="utrecht-paragraph">
                    {fill(t({ nl: '{name} neemt het over van {old} (vertrokken op {date}).', en: '{name} takes over from {old} (left on {date}).' }), {
                      name: f.person.name,
                      old: f.replaced.name,
                      date: f.replaced.endedAt ? formatDateTime(f.replaced.endedAt, view.lang) : '—',
                    })}
                  </p>
                ) : null}
              </>
            ) : (
              <p class="utrecht-paragraph">
                {f.agreementId
                  ? t({
                      nl: 'De vaste contactpersoon is vertrokken. Het team kiest een nieuwe.',
                      en: 'The fixed contact has left. The team is choosing a new one.',
                    })
                  : t({ nl: 'Nog geen samenwerkingsafspraak: bel het team.', en: 'No collaboration agreement yet: call the team.' })}
              </p>
            )}
            {f.teamPhone ? (
              <p class="utrecht-paragraph">
                {t({ nl: 'Algemeen nummer van het team: ', en: 'The team’s general number: ' })}
                <PhoneLink phone={f.teamPhone} />
              </p>
            ) : null}
            {f.agreementId && view.actor?.role === 'practice_admin' ? (
              <Link href={`/afspraken/${f.agreementId}`}>{t({ nl: 'Bekijk de afspraak', en: 'View the agreement' })}</Link>
            ) : null}
          </li>
        ))}
      </ul>
    </Page>
  );
}
