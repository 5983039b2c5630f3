import type { Child } from 'hono/jsx';
import { fill, type Text } from '../platform/i18n.ts';
import type { Referral } from '../platform/db/schema.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
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
import { Checkbox, RadioGroup } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { roleLabels } from '../platform/auth/roles.ts';
import { categoryLabels, isCategory } from '../needs/categories.ts';
import { DataList } from '../referrals/ui-parts.tsx';
import { contactChannelLabels, contactChannels, dutchDate, eventLabels, handoverLabels, outcomeLabels, statusLabels } from '../referrals/labels.ts';
import { urgencyLabels, type UrgencyTrigger } from '../referrals/urgency.ts';
import { dataItemLabels, type DataItem } from '../referrals/consent.ts';
import { isClosed, type Outcome } from '../referrals/state-machine.ts';
import type { PersonData, PersonReferral } from './find-person-data.ts';
import { erasureGroundLabels, erasureGrounds } from './erase-personal-data.ts';

/**
 * The pages of a privacy request (AVG art. 15–17) for the practice manager or team coordinator:
 * the start page with the person's identification, the answer to inzage (printable: the browser's
 * print leaves out the menu and the links marked kl-no-print), correcting contact data, and erasing
 * a closed referral's personal data. All plain forms: no script needed.
 */
const H2 = (props: { id?: string; children: Child }) => (
  <h2 class="utrecht-heading-2" id={props.id}>
    {props.children}
  </h2>
);
const H3 = (props: { children: Child }) => <h3 class="utrecht-heading-3">{props.children}</h3>;

const BACK_TO_REQUESTS: Text = { nl: 'Terug naar privacyverzoeken', en: 'Back to privacy requests' };

export function PrivacyRequestsPage(props: { view: ViewContext; values?: Record<string, string>; errors?: FieldErrors }) {
  const { view } = props;
  const t = view.t;
  const values = props.values ?? {};
  const title = t({ nl: 'Privacyverzoeken', en: 'Privacy requests' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'Iemand wil weten welke gegevens Korte Lijn over hem of haar heeft, of wil iets laten verbeteren of wissen. Dat is zijn of haar recht (AVG). Hier handelt u dat af voor uw eigen organisatie.',
          en: 'Someone wants to know which data Korte Lijn holds about them, or wants something corrected or erased. That is their right (GDPR). Here you handle it for your own organisation.',
        })}
      </Paragraph>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          {t({
            nl: 'Inzage: zoek de persoon hieronder. U ziet alle verwijzingen met toestemmingen, berichten en geschiedenis. Druk het af of download het als bestand.',
            en: 'Access: look the person up below. You see every referral with its consents, messages and history. Print it or download it as a file.',
          })}
        </li>
        <li class="utrecht-unordered-list__item">
          {t({
            nl: 'Verbeteren: bij elke verwijzing in het overzicht staat een link om de contactgegevens te verbeteren.',
            en: 'Correction: each referral in the overview has a link to correct the contact details.',
          })}
        </li>
        <li class="utrecht-unordered-list__item">
          {t({
            nl: 'Wissen: bij een afgesloten verwijzing staat een link om de persoonsgegevens nu al te wissen, vóór de bewaartermijn om is.',
            en: 'Erasure: a closed referral has a link to erase the personal data now, before the retention period ends.',
          })}
        </li>
        <li class="utrecht-unordered-list__item">
          {t({
            nl: 'Wie heeft de gegevens bekeken? Dat staat in het toegangsverslag, ook te vinden bij elke verwijzing in het overzicht.',
            en: 'Who looked at the data? That is in the access report, also linked from each referral in the overview.',
          })}
        </li>
      </ul>
      <H2 id="zoeken">{t({ nl: 'Zoek de persoon', en: 'Look the person up' })}</H2>
      <Paragraph>
        {t({
          nl: 'Controleer eerst wie het vraagt, met een legitimatiebewijs. Vul dan de gegevens in zoals ze daarop staan. Alleen verwijzingen met precies deze naam, geboortedatum en postcode komen in het overzicht. Is de persoon verhuisd? Zoek dan ook op het oude adres.',
          en: 'First check who is asking, with an identity document. Then enter the details as they are on it. Only referrals with exactly this name, date of birth and postcode appear in the overview. Has the person moved? Then also search with the old address.',
        })}
      </Paragraph>
      {props.errors ? <ErrorSummary view={view} errors={props.errors} /> : null}
      <PostForm view={view} action="/privacyverzoeken/inzage" novalidate>
        <TextField view={view} name="naam" label={{ nl: 'Naam', en: 'Name' }} value={values['naam']} errors={props.errors} required autocomplete="off" />
        <TextField
          view={view}
          name="geboortedatum"
          label={{ nl: 'Geboortedatum', en: 'Date of birth' }}
          description={{ nl: 'Bijvoorbeeld 27-04-1980', en: 'For example 27-04-1980' }}
          value={values['geboortedatum']}
          errors={props.errors}
          required
          autocomplete="off"
          size="short"
        />
        <TextField
          view={view}
          name="postcode"
          label={{ nl: 'Postcode', en: 'Postcode' }}
          value={values['postcode']}
          errors={props.errors}
          required
          autocomplete="off"
          size="postcode"
        />
        <TextField
          view={view}
          name="huisnummer"
          label={{ nl: 'Huisnummer', en: 'House number' }}
          description={{
            nl: 'Nodig voor aanmeldingen via de zelftest: die hebben geen geboortedatum.',
            en: 'Needed for self-referrals through the self-check: they have no date of birth.',
          }}
          value={values['huisnummer']}
          errors={props.errors}
          autocomplete="off"
          size="short"
        />
        <Checkbox
          name="identiteit_gecontroleerd"
          label={t({ nl: 'Ik heb de identiteit van de persoon gecontroleerd.', en: 'I have checked the identity of the person.' })}
          checked={values['identiteit_gecontroleerd'] === 'ja'}
          errors={props.errors}
          required
        />
        <div class="kl-actions">
          <Button name="formaat" value="pagina">
            {t({ nl: 'Toon de gegevens', en: 'Show the data' })}
          </Button>
          <Button name="formaat" value="json" variant="secondary">
            {t({ nl: 'Download als bestand (JSON)', en: 'Download as a file (JSON)' })}
          </Button>
        </div>
      </PostForm>
    </Page>
  );
}

export function PersonDataPage({ view, data }: { view: ViewContext; data: PersonData }) {
  const t = view.t;
  const actor = view.actor!;
  const title = t({ nl: 'Inzage: gegevens van één persoon', en: 'Access: data of one person' });
  const r = data.request;
  return (
    <Page view={view} title={title} wide>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'Dit zijn alle gegevens die Korte Lijn over deze persoon heeft bij uw organisatie. U mag dit overzicht aan de persoon geven.',
          en: 'These are all the data Korte Lijn holds about this person at your organisation. You may give this overview to the person.',
        })}
      </Paragraph>
      <DataList
        rows={[
          [
            t({ nl: 'Gezocht op', en: 'Looked up by' }),
            [r.name, `${t({ nl: 'geboren', en: 'born' })} ${dutchDate(r.birthDate)}`, [r.postcode, r.houseNumber].filter(Boolean).join(' ')].join(', '),
          ],
          [
            t({ nl: 'Gemaakt', en: 'Produced' }),
            fill(t({ nl: '{when} door {name}, {role}', en: '{when} by {name}, {role}' }), {
              when: formatDateTime(data.producedAt, view.lang),
              name: actor.name,
              role: t(roleLabels[actor.role]),
            }),
          ],
          [t({ nl: 'Verwijzingen', en: 'Referrals' }), String(data.referrals.length)],
        ]}
      />
      {data.referrals.length === 0 ? (
        <Alert type="info">
          {t({
            nl: 'Korte Lijn heeft bij uw organisatie geen verwijzing van iemand met precies deze naam, geboortedatum en postcode. Controleer de schrijfwijze, of zoek op een vorig adres.',
            en: 'Korte Lijn holds no referral at your organisation of someone with exactly this name, date of birth and postcode. Check the spelling, or search with a previous address.',
          })}
        </Alert>
      ) : null}
      {data.referrals.map((item) => (
        <ReferralData view={view} item={item} />
      ))}
      <Paragraph>
        {t({
          nl: 'Korte Lijn bewaart persoonsgegevens tot de bewaartermijn na het afsluiten van een verwijzing om is; daarna worden ze gewist. Het logboek (wie keek wanneer) blijft 5 jaar, zonder deze gegevens.',
          en: 'Korte Lijn keeps personal data until the retention period after a referral is closed has passed; then they are erased. The log (who looked when) is kept for 5 years, without these data.',
        })}
      </Paragraph>
      <p class="utrecht-paragraph kl-no-print">
        {t({ nl: 'Afdrukken: gebruik de afdrukfunctie van uw browser (Ctrl+P).', en: 'To print: use your browser’s print function (Ctrl+P).' })}
      </p>
      <p class="utrecht-paragraph kl-no-print">
        <Link href="/privacyverzoeken">{t(BACK_TO_REQUESTS)}</Link>
      </p>
    </Page>
  );
}

function ReferralData({ view, item }: { view: ViewContext; item: PersonReferral }) {
  const t = view.t;
  const r = item.referral;
  const erased = r.personal_data_erased_at !== null;
  return (
    <section class="kl-section" aria-labelledby={`verwijzing-${r.id}`}>
      <H2 id={`verwijzing-${r.id}`}>{fill(t({ nl: 'Verwijzing {reference}', en: 'Referral {reference}' }), { reference: r.reference })}</H2>
      {erased ? (
        <Alert type="info">
          {fill(t({ nl: 'De persoonsgegevens zijn gewist op {date}.', en: 'The personal data were erased on {date}.' }), {
            date: formatDateTime(r.personal_data_erased_at!, view.lang),
          })}
        </Alert>
      ) : null}
      <DataList
        rows={[
          [t({ nl: 'Gevraagd op', en: 'Requested on' }), dutchDate(r.requested_on)],
          [
            t({ nl: 'Van', en: 'From' }),
            r.source === 'selfcheck' ? t({ nl: 'De persoon zelf, via de zelftest', en: 'The person, through the self-check' }) : item.practiceName,
          ],
          [t({ nl: 'Team', en: 'Team' }), item.teamName],
          [t({ nl: 'Status', en: 'Status' }), t(statusLabels[r.status])],
          [t({ nl: 'Naam', en: 'Name' }), r.patient_name],
          [t({ nl: 'Geboortedatum', en: 'Date of birth' }), r.patient_birth_date ? dutchDate(r.patient_birth_date) : null],
          [t({ nl: 'Telefoon', en: 'Phone' }), r.patient_phone],
          [t({ nl: 'E-mail', en: 'E-mail' }), r.patient_email],
          [t({ nl: 'Postcode en huisnummer', en: 'Postcode and house number' }), [r.patient_postcode, r.patient_house_number].filter(Boolean).join(' ')],
          [t({ nl: 'Voorkeurstaal', en: 'Preferred language' }), r.preferred_language],
          [t({ nl: 'Beste moment om te bellen', en: 'Best time to call' }), r.best_time_to_call],
          [t({ nl: 'Wil benaderd worden via', en: 'Wants to be contacted by' }), t(contactChannelLabels[r.contact_channel])],
          [t({ nl: 'Warme overdracht', en: 'Warm hand-over' }), t(handoverLabels[r.handover])],
          [t({ nl: 'Soort hulp', en: 'Kind of help' }), r.needs.map((n) => (isCategory(n) ? t(categoryLabels[n]) : n)).join(', ')],
          [t({ nl: 'In eigen woorden', en: 'In their own words' }), r.question],
          [
            t({ nl: 'Dreigende situatie', en: 'Threatening situation' }),
            (r.urgency_triggers as UrgencyTrigger[]).map((u) => t(urgencyLabels[u] ?? { nl: u, en: u })).join(', '),
          ],
          [t({ nl: 'Route', en: 'Route' }), r.route_explanation],
          [t({ nl: 'Eerste contact', en: 'First contact' }), termText(view, r.first_contact_due, r.first_contact_on)],
          [t({ nl: 'Eerste gesprek', en: 'First conversation' }), termText(view, r.first_conversation_due, r.first_conversation_on)],
          [t({ nl: 'Uitkomst', en: 'Outcome' }), r.outcome ? t(outcomeLabels[r.outcome as Outcome] ?? { nl: r.outcome, en: r.outcome }) : null],
          [t({ nl: 'Terugkoppeling', en: 'Feedback' }), r.feedback],
          [t({ nl: 'Afgesloten', en: 'Closed' }), r.closed_at ? formatDateTime(r.closed_at, view.lang) : null],
          [t({ nl: 'Toestemming ingetrokken', en: 'Consent withdrawn' }), r.consent_withdrawn_at ? formatDateTime(r.consent_withdrawn_at, view.lang) : null],
        ]}
      />
      <H3>{t({ nl: 'Toestemming', en: 'Consent' })}</H3>
      <Table
        caption={t({ nl: 'Gegeven toestemming, oudste eerst', en: 'Consent given, oldest first' })}
        headers={[
          t({ nl: 'Wanneer', en: 'When' }),
          t({ nl: 'Voor team', en: 'For team' }),
          t({ nl: 'Welke gegevens', en: 'Which data' }),
          t({ nl: 'Hoe', en: 'How' }),
          t({ nl: 'Terugkoppeling', en: 'Feedback' }),
          t({ nl: 'Ingetrokken', en: 'Withdrawn' }),
        ]}
        rows={item.consents.map((c) => [
          formatDateTime(c.givenAt, view.lang),
          c.recipientTeam,
          c.dataScope.map((d) => (d in dataItemLabels ? t(dataItemLabels[d as DataItem]) : d)).join(', '),
          c.method === 'verbal'
            ? t({ nl: 'mondeling', en: 'verbally' })
            : c.method === 'written'
              ? t({ nl: 'schriftelijk', en: 'in writing' })
              : t({ nl: 'online', en: 'online' }),
          c.feedbackAllowed ? t({ nl: 'mag', en: 'allowed' }) : t({ nl: 'mag niet', en: 'not allowed' }),
          c.withdrawnAt ? formatDateTime(c.withdrawnAt, view.lang) : '—',
        ])}
        empty={t({ nl: 'Geen toestemming vastgelegd.', en: 'No consent recorded.' })}
      />
      <H3>{t({ nl: 'Berichten', en: 'Messages' })}</H3>
      <Table
        caption={t({ nl: 'Berichten tussen praktijk en team, oudste eerst', en: 'Messages between practice and team, oldest first' })}
        headers={[t({ nl: 'Wanneer', en: 'When' }), t({ nl: 'Van', en: 'From' }), t({ nl: 'Bericht', en: 'Message' })]}
        rows={item.messages.map((m) => [
          formatDateTime(m.at, view.lang),
          [m.side === 'practice' ? t({ nl: 'Praktijk', en: 'Practice' }) : t({ nl: 'Team', en: 'Team' }), m.author].filter(Boolean).join(': '),
          m.body ?? t({ nl: '(gewist)', en: '(erased)' }),
        ])}
        empty={t({ nl: 'Geen berichten.', en: 'No messages.' })}
      />
      <H3>{t({ nl: 'Geschiedenis', en: 'History' })}</H3>
      <Table
        caption={t({ nl: 'Wat er met de verwijzing gebeurde, oudste eerst', en: 'What happened to the referral, oldest first' })}
        headers={[t({ nl: 'Wanneer', en: 'When' }), t({ nl: 'Wat', en: 'What' }), t({ nl: 'Toelichting', en: 'Details' })]}
        rows={item.events.map((e) => [
          formatDateTime(e.at, view.lang),
          t(eventLabels[e.type] ?? { nl: e.type, en: e.type }),
          [
            e.type === 'forwarded'
              ? fill(t({ nl: 'van {from} naar {to}', en: 'from {from} to {to}' }), { from: e.fromTeam ?? '—', to: e.toTeam ?? '—' })
              : null,
            e.note,
          ]
            .filter(Boolean)
            .join(': ') || '—',
        ])}
        empty={t({ nl: 'Geen geschiedenis.', en: 'No history.' })}
      />
      <ul class="utrecht-unordered-list kl-no-print">
        <li class="utrecht-unordered-list__item">
          <Link href={`/verwijzingen/${r.id}/toegangsverslag/persoon`}>
            {t({ nl: 'Wie heeft deze gegevens bekeken? (toegangsverslag)', en: 'Who looked at these data? (access report)' })}
          </Link>
        </li>
        {erased ? null : (
          <li class="utrecht-unordered-list__item">
            <Link href={`/verwijzingen/${r.id}/contactgegevens`}>{t({ nl: 'Contactgegevens verbeteren', en: 'Correct the contact details' })}</Link>
          </li>
        )}
        {erased || !isClosed(r.status) ? null : (
          <li class="utrecht-unordered-list__item">
            <Link href={`/verwijzingen/${r.id}/wissen`}>{t({ nl: 'Persoonsgegevens nu wissen', en: 'Erase the personal data now' })}</Link>
          </li>
        )}
      </ul>
    </section>
  );
}

function termText(view: ViewContext, due: string, reachedOn: string | null): string {
  const t = view.t;
  return reachedOn
    ? fill(t({ nl: 'op {date} (uiterlijk {due})', en: 'on {date} (due {due})' }), { date: dutchDate(reachedOn), due: dutchDate(due) })
    : fill(t({ nl: 'uiterlijk {due}', en: 'due {due}' }), { due: dutchDate(due) });
}

/** Which referral a correction or erasure page is about: the reference and the person, nothing more. */
function ReferralHeading({ view, referral }: { view: ViewContext; referral: Referral }) {
  const t = view.t;
  return (
    <DataList
      rows={[
        [t({ nl: 'Verwijzing', en: 'Referral' }), `${referral.reference} (${dutchDate(referral.requested_on)})`],
        [t({ nl: 'Over', en: 'About' }), referral.patient_name ?? t({ nl: 'de persoonsgegevens zijn gewist', en: 'the personal data were erased' })],
        [t({ nl: 'Status', en: 'Status' }), t(statusLabels[referral.status])],
      ]}
    />
  );
}

function BackLinks({ view, referralId }: { view: ViewContext; referralId: string }) {
  const t = view.t;
  return (
    <ul class="utrecht-unordered-list">
      <li class="utrecht-unordered-list__item">
        <Link href={`/verwijzingen/${referralId}`}>{t({ nl: 'Naar de verwijzing', en: 'To the referral' })}</Link>
      </li>
      <li class="utrecht-unordered-list__item">
        <Link href="/privacyverzoeken">{t(BACK_TO_REQUESTS)}</Link>
      </li>
    </ul>
  );
}

export function ContactDataPage(props: {
  view: ViewContext;
  referral: Referral;
  values: Record<string, string>;
  errors?: FieldErrors;
  saved?: 'changed' | 'unchanged';
}) {
  const { view, referral } = props;
  const t = view.t;
  const title = t({ nl: 'Contactgegevens verbeteren', en: 'Correct the contact details' });
  const v = props.values;
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <ReferralHeading view={view} referral={referral} />
      {props.saved === 'changed' ? (
        <Alert type="ok">
          {t({
            nl: 'Opgeslagen. De geschiedenis van de verwijzing laat zien dat de contactgegevens zijn verbeterd; loopt de verwijzing nog, dan krijgt de andere kant een melding.',
            en: 'Saved. The referral’s history shows that the contact details were corrected; if the referral is still open, the other side is notified.',
          })}
        </Alert>
      ) : props.saved === 'unchanged' ? (
        <Alert type="info">{t({ nl: 'Er was niets veranderd.', en: 'Nothing had changed.' })}</Alert>
      ) : null}
      {referral.personal_data_erased_at ? (
        <Alert type="info">
          {t({
            nl: 'De persoonsgegevens van deze verwijzing zijn gewist. Er is niets meer te verbeteren.',
            en: 'The personal data of this referral have been erased. There is nothing left to correct.',
          })}
        </Alert>
      ) : (
        <>
          <Paragraph>
            {t({
              nl: 'De persoon vraagt om de contactgegevens te verbeteren (AVG artikel 16). Pas ze hier aan. Naam, geboortedatum en adres verandert u hier niet: die bepalen naar welk team de verwijzing ging.',
              en: 'The person asks for the contact details to be corrected (GDPR article 16). Change them here. Name, date of birth and address are not changed here: they decided which team the referral went to.',
            })}
          </Paragraph>
          {props.errors ? <ErrorSummary view={view} errors={props.errors} /> : null}
          <PostForm view={view} action={`/verwijzingen/${referral.id}/contactgegevens`} novalidate>
            <TextField
              view={view}
              name="phone"
              type="tel"
              label={{ nl: 'Telefoon', en: 'Phone' }}
              value={v['phone']}
              errors={props.errors}
              autocomplete="off"
            />
            <TextField
              view={view}
              name="email"
              type="email"
              label={{ nl: 'E-mail', en: 'E-mail' }}
              value={v['email']}
              errors={props.errors}
              autocomplete="off"
            />
            <TextField
              view={view}
              name="preferred_language"
              label={{ nl: 'Voorkeurstaal', en: 'Preferred language' }}
              value={v['preferred_language']}
              errors={props.errors}
            />
            <TextField
              view={view}
              name="best_time_to_call"
              label={{ nl: 'Beste moment om te bellen', en: 'Best time to call' }}
              value={v['best_time_to_call']}
              errors={props.errors}
            />
            <SelectField
              view={view}
              name="contact_channel"
              label={{ nl: 'Wil benaderd worden via', en: 'Wants to be contacted by' }}
              value={v['contact_channel']}
              options={contactChannels.map((c) => ({ value: c, label: t(contactChannelLabels[c]) }))}
              errors={props.errors}
              required
            />
            <Button>{t({ nl: 'Verbetering opslaan', en: 'Save the correction' })}</Button>
          </PostForm>
        </>
      )}
      <BackLinks view={view} referralId={referral.id} />
    </Page>
  );
}

export function ErasurePage(props: { view: ViewContext; referral: Referral; values?: Record<string, string>; errors?: FieldErrors; erased?: boolean }) {
  const { view, referral } = props;
  const t = view.t;
  const title = t({ nl: 'Persoonsgegevens wissen', en: 'Erase the personal data' });
  const values = props.values ?? {};
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <ReferralHeading view={view} referral={referral} />
      {referral.personal_data_erased_at ? (
        <Alert type={props.erased ? 'ok' : 'info'}>
          {fill(
            t({
              nl: 'De persoonsgegevens zijn gewist op {date}. Het logboek houdt bij dat het gebeurde, door wie en waarom, zonder de gewiste gegevens.',
              en: 'The personal data were erased on {date}. The log records that it happened, by whom and why, without the erased data.',
            }),
            { date: formatDateTime(referral.personal_data_erased_at, view.lang) },
          )}
        </Alert>
      ) : !isClosed(referral.status) ? (
        <Alert type="warning">
          {t({
            nl: 'Deze verwijzing loopt nog. Wissen kan pas als ze is afgesloten. Wil de persoon stoppen? Trek dan eerst de toestemming in, op de pagina van de verwijzing.',
            en: 'This referral is still open. Erasing is possible once it is closed. Does the person want to stop? Then first withdraw the consent, on the referral’s page.',
          })}
        </Alert>
      ) : (
        <>
          <Paragraph>
            {t({
              nl: 'Korte Lijn wist de persoonsgegevens vanzelf als de bewaartermijn om is. Vraagt de persoon om ze eerder te wissen (AVG artikel 17)? Dan kan dat hier. Dit wordt gewist:',
              en: 'Korte Lijn erases the personal data by itself once the retention period has passed. Does the person ask to erase them sooner (GDPR article 17)? Then you can do that here. This is erased:',
            })}
          </Paragraph>
          <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">
              {t({
                nl: 'naam, geboortedatum, telefoon, e-mail, postcode en huisnummer;',
                en: 'name, date of birth, phone, e-mail, postcode and house number;',
              })}
            </li>
            <li class="utrecht-unordered-list__item">
              {t({ nl: 'de vraag in eigen woorden, de route en de terugkoppeling;', en: 'the question in their own words, the route and the feedback;' })}
            </li>
            <li class="utrecht-unordered-list__item">
              {t({ nl: 'de tekst van de berichten en de toelichtingen in de geschiedenis.', en: 'the text of the messages and the notes in the history.' })}
            </li>
          </ul>
          <Paragraph>
            {t({
              nl: 'Wat blijft: dat er een verwijzing was, naar welk team, de data en de uitkomst, zonder iets waaraan u de persoon herkent. Denk ook aan back-ups: daarin staan de gegevens nog tot die zijn verlopen.',
              en: 'What remains: that there was a referral, to which team, the dates and the outcome, without anything that identifies the person. Mind the backups too: the data stay in them until they expire.',
            })}
          </Paragraph>
          <Paragraph>{t({ nl: 'U kunt dit niet ongedaan maken.', en: 'This cannot be undone.' })}</Paragraph>
          {props.errors ? <ErrorSummary view={view} errors={props.errors} /> : null}
          <PostForm view={view} action={`/verwijzingen/${referral.id}/wissen`} novalidate>
            <RadioGroup
              view={view}
              legend={{ nl: 'Waarom worden de gegevens gewist?', en: 'Why are the data erased?' }}
              name="grond"
              options={erasureGrounds.map((g) => ({ value: g, label: erasureGroundLabels[g] }))}
              value={values['grond']}
              errors={props.errors}
            />
            <Checkbox
              name="bevestig"
              label={t({ nl: 'Ik begrijp dat wissen niet ongedaan kan worden.', en: 'I understand that erasing cannot be undone.' })}
              errors={props.errors}
              required
            />
            <Button variant="danger">{t({ nl: 'Persoonsgegevens wissen', en: 'Erase the personal data' })}</Button>
          </PostForm>
        </>
      )}
      <BackLinks view={view} referralId={referral.id} />
    </Page>
  );
}
