import type { Child } from 'hono/jsx';
import { fill, type Text } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, ErrorSummary, Heading1, Link, Paragraph, PostForm, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import { Checkbox, CheckboxGroup, FieldGroup, RadioGroup, TextAreaField } from '../platform/ui/form-fields.tsx';
import { scriptAsset } from '../platform/ui/assets.ts';
import type { ViewContext } from '../platform/ui/view.ts';
import { categories, categoryLabels } from '../needs/categories.ts';
import type { CheckedRoute } from './check-referral-route.ts';
import { AgreementSummaryView } from './agreement-summary-view.tsx';
import { CONSENT_TEXT_VERSION, consentMethods, monthsText, referralConsentWording } from './consent.ts';
import { ConsentWordingView } from './consent-wording-view.tsx';
import { amsterdamToday } from '../platform/dates.ts';
import { consentMethodLabels, contactChannelLabels, contactChannels, dutchDate, handoverLabels, handovers } from './labels.ts';
import { needField, urgencyField } from './referral-form.ts';
import { DataList } from './ui-parts.tsx';
import type { TeamContact } from './get-team-contact.ts';
import { urgencyLabels, urgencyTriggers } from './urgency.ts';
import { StrainQuestion } from './reason-fields.tsx';
import { TeamFactsView } from '../socialmap/capacity-view.tsx';
import type { TeamFacts } from '../socialmap/team-facts.ts';

/**
 * One page, one submit, usable during a 10-minute consult. As soon as postcode and house number are
 * filled in, a small same-origin script (referral-route-preview.js; the CSP allows only
 * `script-src 'self'`) asks POST /verwijzingen/nieuw/route for the review: the team the address
 * routes to, its contact, and the consent text for exactly that team (the hidden `team_id`), so
 * "Versturen" sends with the consent in the same submit. Without JavaScript the page works in two
 * steps: "Controleren" shows the same review, then "Versturen". Patient fields have autocomplete
 * off: the browser must never fill in the staff member's own name or address.
 */
const routePreviewScript = scriptAsset(new URL('./referral-route-preview.js', import.meta.url));

/** Where the script asks for the review; the route is authorised like the page. */
export const ROUTE_PREVIEW_PATH = '/verwijzingen/nieuw/route';

export interface NewReferralProps {
  view: ViewContext;
  values: Record<string, string | null | undefined>;
  errors?: FieldErrors | undefined;
  route?: CheckedRoute | undefined;
  /** The routed team's capacity and measured time to first contact (social map). */
  teamFacts?: TeamFacts | undefined;
  problem?: string | undefined;
  /** Sending was refused for lack of consent: the consent box says so and the alert links to it. */
  consentMissing?: boolean | undefined;
  /** The routed team, when sending was refused for lack of consent: offer its printable contact card. */
  cardTeamId?: string | undefined;
  /** RETENTION_MONTHS: the consent says how long the team keeps the data after closing. */
  retentionMonths: number;
}

/** `forPatient`: the printed card, where "Team" and "Vaste contactpersoon" are staff words. */
export function TeamContactDetails({ view, contact, forPatient }: { view: ViewContext; contact: TeamContact; forPatient?: boolean }) {
  const t = view.t;
  return (
    <DataList
      rows={[
        [t(forPatient ? { nl: 'Wie', en: 'Who' } : { nl: 'Team', en: 'Team' }), <strong>{contact.teamName}</strong>],
        [t({ nl: 'Organisatie', en: 'Organisation' }), contact.organisationName],
        [t({ nl: 'Telefoon', en: 'Phone' }), contact.phone],
        [t({ nl: 'E-mail', en: 'E-mail' }), contact.email],
        [
          t(forPatient ? { nl: 'Vraag naar', en: 'Ask for' } : { nl: 'Vaste contactpersoon', en: 'Fixed contact' }),
          contact.persons.length ? (
            <ul class="utrecht-unordered-list kl-plain-list">
              {contact.persons.map((p) => (
                <li class="utrecht-unordered-list__item">{[p.name, p.jobTitle, p.phone, p.email].filter(Boolean).join(' · ')}</li>
              ))}
            </ul>
          ) : null,
        ],
      ]}
    />
  );
}

function Section(props: { title: string; id: string; children: Child }) {
  return (
    <section class="kl-form-section" aria-labelledby={props.id}>
      <h2 class="utrecht-heading-2" id={props.id}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

export function NewReferralPage(props: NewReferralProps) {
  const { view, values, errors, route } = props;
  const t = view.t;
  const heading = t({ nl: 'Nieuwe verwijzing', en: 'New referral' });
  // The check step says so in the title (WCAG 2.4.2), and focus lands on the review (2.4.3) unless an error summary takes it.
  const focusReview = Boolean(route) && !props.problem && Object.keys(errors ?? {}).length === 0;
  const title = route ? `${t({ nl: 'Controleren en toestemming', en: 'Check and consent' })} – ${heading}` : heading;
  const text = (name: string, label: { nl: string; en: string }, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField view={view} name={name} label={label} value={values[name]} errors={errors} autocomplete="off" {...extra} />
  );
  return (
    <Page view={view} title={title}>
      <Heading1>{heading}</Heading1>
      <Paragraph>
        {t({
          nl: 'Vul alleen in wat het team nodig heeft om de patiënt te bellen. Geen BSN, geen diagnoses, geen medicatie.',
          en: 'Only fill in what the team needs to call the patient. No citizen service number (BSN), no diagnoses, no medication.',
        })}
      </Paragraph>
      {props.problem ? (
        <Alert type="error">
          <p class="utrecht-paragraph">{props.problem}</p>
          {props.consentMissing ? (
            // The way to fix it, next to the way around it (WCAG 3.3.1): the link lands on the consent box.
            <p class="utrecht-paragraph">
              <Link href="#field-consent_given">{t({ nl: 'Toestemming vastleggen', en: 'Record consent' })}</Link>
            </p>
          ) : null}
          {props.cardTeamId ? (
            <p class="utrecht-paragraph">
              <Link href={`/verwijzingen/contactkaart/${props.cardTeamId}`}>
                {t({ nl: 'Contactgegevens van het team afdrukken voor de patiënt', en: "Print the team's contact details for the patient" })}
              </Link>
            </p>
          ) : null}
        </Alert>
      ) : null}
      <ErrorSummary view={view} errors={errors ?? {}} />
      <PostForm view={view} action="/verwijzingen/nieuw" novalidate>
        <input type="hidden" name="idempotency_key" value={values['idempotency_key'] ?? ''} />
        <StrainBeforeReferral view={view} values={values} errors={errors} />
        <Section title={t({ nl: 'Patiënt', en: 'Patient' })} id="section-patient">
          {text('patient_name', { nl: 'Naam', en: 'Name' }, { required: true })}
          {text(
            'birth_date',
            { nl: 'Geboortedatum', en: 'Date of birth' },
            { required: true, inputmode: 'numeric', size: 'short', description: { nl: 'Bijvoorbeeld 27-04-1980.', en: 'For example 27-04-1980.' } },
          )}
          <FieldGroup
            view={view}
            id="group-contact"
            legend={{ nl: 'Telefoon of e-mail (één is nodig)', en: 'Phone or e-mail (one is needed)' }}
            description={{ nl: 'Vul een telefoonnummer of e-mailadres in, of allebei.', en: 'Enter a phone number or e-mail address, or both.' }}
          >
            {text('phone', { nl: 'Telefoonnummer', en: 'Phone number' }, { type: 'tel', inputmode: 'tel', optionalMark: false })}
            {text('email', { nl: 'E-mailadres', en: 'E-mail address' }, { type: 'email', inputmode: 'email', optionalMark: false })}
          </FieldGroup>
          {text(
            'postcode',
            { nl: 'Postcode', en: 'Postcode' },
            {
              required: true,
              size: 'postcode',
              description: {
                nl: 'Van het woonadres: die bepaalt welk team de verwijzing krijgt.',
                en: 'Of the home address: it decides which team receives the referral.',
              },
            },
          )}
          {text('house_number', { nl: 'Huisnummer', en: 'House number' }, { required: true, size: 'short' })}
          {/* Filled in by the script as soon as the address routes: announced, not focused (the user is typing). */}
          <p class="utrecht-paragraph kl-route-status" id="route-status" role="status" data-testid="route-status">
            {route ? t(route.explanation) : null}
          </p>
          {text('preferred_language', { nl: 'Voorkeurstaal', en: 'Preferred language' }, { size: 'short' })}
          {text(
            'best_time_to_call',
            { nl: 'Beste moment om te bellen', en: 'Best time to call' },
            { description: { nl: 'Bijvoorbeeld: ochtend, of na 15.00 uur.', en: 'For example: mornings, or after 3 pm.' } },
          )}
        </Section>

        <Section title={t({ nl: 'Soort hulp', en: 'Kind of help' })} id="section-need">
          <CheckboxGroup
            view={view}
            legend={{ nl: 'Waar is hulp bij nodig?', en: 'What is help needed with?' }}
            description={{
              nl: 'De eerste keuze telt mee voor welk team de verwijzing krijgt.',
              en: 'The first choice counts towards which team receives the referral.',
            }}
            errorKey="needs"
            errors={errors}
            values={values}
            options={categories.map((c) => ({ name: needField(c), label: t(categoryLabels[c]) }))}
          />
          <TextAreaField
            view={view}
            name="question"
            required
            rows={3}
            maxlength={600}
            label={{
              nl: 'Wat viel op, of wat vraagt de patiënt? In de woorden van de patiënt',
              en: "What was noticed, or what does the patient ask? In the patient's own words",
            }}
            description={{
              nl: 'Kort, in gewone woorden. Schrijf hier géén diagnoses, medicatie of medische gegevens: die mag het team niet krijgen.',
              en: 'Short, in plain words. Do NOT write diagnoses, medication or medical notes here: the team may not receive them.',
            }}
            value={values['question']}
            errors={errors}
          />
          <CheckboxGroup
            view={view}
            legend={{ nl: 'Dreigt er iets? (spoed)', en: 'Is something about to happen? (urgency)' }}
            description={{
              nl: 'Bij een van deze situaties moet het eerste gesprek binnen 3 werkdagen zijn (Wet gemeentelijke schuldhulpverlening). Beschrijf een andere crisis kort bij de vraag in eigen woorden.',
              en: 'With any of these the first conversation must take place within 3 working days (Municipal Debt Counselling Act). Describe another crisis briefly in the question.',
            }}
            errorKey="urgency_triggers"
            errors={errors}
            values={values}
            options={urgencyTriggers.map((u) => ({ name: urgencyField(u), label: t(urgencyLabels[u]) }))}
          />
        </Section>

        <Section title={t({ nl: 'Warme overdracht', en: 'Warm hand-over' })} id="section-handover">
          <RadioGroup
            view={view}
            name="handover"
            legend={{ nl: 'Hoe draagt u over?', en: 'How do you hand over?' }}
            value={values['handover']}
            errors={errors}
            options={handovers.map((h) => ({ value: h, label: handoverLabels[h] }))}
          />
          <RadioGroup
            view={view}
            name="contact_channel"
            legend={{ nl: 'Hoe wil de patiënt benaderd worden?', en: 'How does the patient want to be contacted?' }}
            value={values['contact_channel']}
            errors={errors}
            options={contactChannels.map((ch) => ({ value: ch, label: contactChannelLabels[ch] }))}
          />
        </Section>

        <input type="hidden" name="via_team" value={values['via_team'] ?? ''} />
        {/*
          "Controleren" comes first in the document, also when hidden once the review is there (the
          script shows it again when the address stops routing): Enter in a field then checks, it
          never sends (HTML implicit submission clicks the form's first submit button).
        */}
        <div data-check-step hidden={route ? true : undefined}>
          <div class="kl-actions">
            <Button name="stap" value="controleren">
              {t({ nl: 'Controleren', en: 'Check' })}
            </Button>
            <span class="kl-muted">
              {t({
                nl: 'U ziet dan naar welk team de verwijzing gaat, en de toestemming.',
                en: 'You will then see which team receives the referral, and the consent.',
              })}
            </span>
          </div>
        </div>
        <div id="referral-review" data-route-preview={ROUTE_PREVIEW_PATH}>
          {route ? (
            <ReferralReview
              view={view}
              values={values}
              errors={props.consentMissing ? { ...errors, consent_given: t(consentMissingError) } : errors}
              route={route}
              teamFacts={props.teamFacts}
              retentionMonths={props.retentionMonths}
              focus={focusReview}
            />
          ) : null}
        </div>
      </PostForm>
      <script src={routePreviewScript.href} defer></script>
    </Page>
  );
}

/**
 * The single strain question, optional, folded away above the patient's details: the practice
 * often asked it already in the consult (or in the signals aid, which fills it in). Above "Naam",
 * so the assistant who clicks into "Naam" and tabs through the form never crosses it (README: "A
 * referral in one page"). Open when it holds an answer or came back with an error.
 */
function StrainBeforeReferral(props: { view: ViewContext; values: NewReferralProps['values']; errors?: FieldErrors | undefined }) {
  const { view, values, errors } = props;
  const open = Boolean(values['strain']) || errors?.['strain'] !== undefined;
  return (
    <details class="kl-details" open={open || undefined} data-testid="strain-question">
      <summary>{view.t({ nl: 'Rondkomen gevraagd? (niet verplicht)', en: 'Asked about making ends meet? (optional)' })}</summary>
      <StrainQuestion
        view={view}
        name="strain"
        description={{
          nl: 'Het team vraagt het opnieuw bij het afsluiten. Zo zien we of de hulp werkt. Het team ziet het antwoord.',
          en: 'The team asks again when closing. That shows whether the help works. The team sees the answer.',
        }}
        value={values['strain']}
        errors={errors}
      />
    </details>
  );
}

/**
 * The review: the team the address routes to with its contact, the consent for exactly that team,
 * and "Versturen". The page renders it after "Controleren"; the script puts the same markup in the
 * page as soon as the address routes (`data-route-team` tells it whether the team changed, so ticks
 * for the same team are kept and consent for another team is asked again).
 */
export function ReferralReview(props: {
  view: ViewContext;
  values: Record<string, string | null | undefined>;
  errors?: FieldErrors | undefined;
  route: CheckedRoute;
  teamFacts?: TeamFacts | undefined;
  retentionMonths: number;
  /** After "Controleren" without JavaScript: focus and scroll land on the review (WCAG 2.4.3). */
  focus?: boolean;
}) {
  const { view, values, errors, route } = props;
  const t = view.t;
  const explanation = (
    <p class="utrecht-paragraph kl-referral-route" data-testid="route-explanation">
      {t(route.explanation)}
    </p>
  );
  const chosenElsewhere = values['via_team'] && values['via_team'] !== route.teamId;
  return (
    <div class="kl-referral-review" data-route-team={route.teamId} data-route-summary={t(route.explanation)}>
      <section class="kl-form-section" aria-labelledby="section-route">
        <h2 class="utrecht-heading-2" id="section-route" tabindex={props.focus ? -1 : undefined} autofocus={props.focus ? true : undefined}>
          {t({ nl: 'Naar dit team gaat de verwijzing', en: 'This team receives the referral' })}
        </h2>
        <input type="hidden" name="team_id" value={route.teamId} />
        {/* A patient outside every region goes to the practice's own regional desk: a warning, so it is seen before sending. */}
        {route.reason === 'outside_region' ? <Alert type="warning">{explanation}</Alert> : explanation}
        {chosenElsewhere ? (
          <Alert type="info">
            {t({
              nl: 'Het woonadres bepaalt welk team de verwijzing krijgt. Dat is een ander team dan u op de sociale kaart koos. Wil de patiënt naar dat team? Geef dan de contactgegevens van dat team mee.',
              en: 'The home address decides which team receives the referral. That is another team than the one you chose on the social map. Does the patient want that team? Then give them that team’s contact details.',
            })}
          </Alert>
        ) : null}
        <TeamContactDetails view={view} contact={route.contact} />
        {props.teamFacts ? <TeamFactsView view={view} facts={props.teamFacts} now={new Date()} /> : null}
        {route.agreement ? <AgreementSummaryView view={view} agreement={route.agreement} side="practice" /> : null}
      </section>
      <ConsentSection view={view} values={values} errors={errors} route={route} retentionMonths={props.retentionMonths} />
      <div class="kl-actions">
        <Button name="stap" value="versturen">
          {t({ nl: 'Versturen', en: 'Send' })}
        </Button>
        <Button variant="secondary" name="stap" value="controleren">
          {t({ nl: 'Opnieuw controleren', en: 'Check again' })}
        </Button>
      </div>
    </div>
  );
}

/** The review endpoint's answer when the address does not route (yet): the reason, for the live status line. */
export function RouteProblem({ message }: { message: string }) {
  return (
    <div class="kl-referral-review" data-route-problem={message}>
      <p class="utrecht-paragraph">{message}</p>
    </div>
  );
}

/** At the consent box when "Versturen" was refused without it: the box itself says what is missing (WCAG 3.3.1). */
const consentMissingError: Text = {
  nl: 'Zet een vinkje als de patiënt toestemming geeft.',
  en: 'Tick the box if the patient consents.',
};

function ConsentSection(props: {
  view: ViewContext;
  values: Record<string, string | null | undefined>;
  errors?: FieldErrors | undefined;
  route: CheckedRoute;
  retentionMonths: number;
}) {
  const { view, values, errors, route } = props;
  const t = view.t;
  const actor = view.actor;
  const team = route.contact.teamName;
  const organisation = route.contact.organisationName;
  return (
    <Section title={t({ nl: 'Toestemming van de patiënt', en: "The patient's consent" })} id="section-consent">
      <Paragraph>{t({ nl: 'Lees deze tekst voor of laat hem lezen:', en: 'Read this text out or let the patient read it:' })}</Paragraph>
      <ConsentWordingView wording={referralConsentWording(view.lang, { team, organisation }, props.retentionMonths)} quote />
      <DataList
        rows={[
          [t({ nl: 'Aan', en: 'To' }), `${team} (${organisation})`],
          [t({ nl: 'Doel', en: 'Purpose' }), t({ nl: 'Contact over hulp bij geldzaken', en: 'Contact about help with money matters' })],
          [
            t({ nl: 'Bewaard', en: 'Kept' }),
            fill(t({ nl: 'tot {months} na het afsluiten', en: 'until {months} after closing' }), { months: monthsText(view.lang, props.retentionMonths) }),
          ],
          [t({ nl: 'Vastgelegd door', en: 'Recorded by' }), actor ? `${actor.name}, ${dutchDate(amsterdamToday())}` : null],
          [t({ nl: 'Versie van de tekst', en: 'Version of the text' }), CONSENT_TEXT_VERSION],
        ]}
      />
      <div class={`kl-consent-box${errors?.['consent_given'] ? ' utrecht-form-field--invalid' : ''}`}>
        <Checkbox
          name="consent_given"
          class="kl-choice"
          errors={errors}
          checked={values['consent_given'] === 'ja'}
          label={fill(
            t({ nl: 'De patiënt geeft toestemming om deze gegevens te delen met {team}', en: 'The patient consents to sharing these data with {team}' }),
            { team },
          )}
        />
      </div>
      <RadioGroup
        view={view}
        name="consent_method"
        legend={{ nl: 'Hoe gaf de patiënt toestemming?', en: 'How did the patient consent?' }}
        value={values['consent_method']}
        errors={errors}
        options={consentMethods.map((method) => ({ value: method, label: consentMethodLabels[method] }))}
      />
      <RadioGroup
        view={view}
        name="feedback_allowed"
        legend={{ nl: 'Mag het team de praktijk laten weten hoe het ging?', en: 'May the team tell the practice how it went?' }}
        description={{
          nl: 'Een aparte vraag: ook bij "nee" kan de verwijzing worden verstuurd.',
          en: 'A separate question: the referral can be sent with "no" too.',
        }}
        value={values['feedback_allowed']}
        errors={errors}
        options={[
          { value: 'ja', label: { nl: 'Ja', en: 'Yes' } },
          { value: 'nee', label: { nl: 'Nee', en: 'No' } },
        ]}
      />
    </Section>
  );
}

/**
 * Without consent: the patient can still go themselves. A card with the team's contact details,
 * to print and hand over — with no patient data on it, and only contact persons meant for the public.
 */
export function ContactCardPage({ view, contact }: { view: ViewContext; contact: TeamContact }) {
  const t = view.t;
  const title = t({ nl: 'Hulp bij geldzorgen', en: 'Help with money worries' });
  return (
    <Page view={view} title={title}>
      <div class="kl-contact-card">
        <Heading1>{title}</Heading1>
        <Paragraph>
          {t({
            nl: 'Bel of mail dit team. Zeg dat uw huisarts u stuurt. Het gesprek is gratis en vertrouwelijk. U hoeft niets mee te nemen.',
            en: 'Call or e-mail this team. Say that your GP sent you. The conversation is free and confidential. You do not need to bring anything.',
          })}
        </Paragraph>
        <TeamContactDetails view={view} contact={contact} forPatient />
      </div>
      <p class="utrecht-paragraph kl-no-print">
        {t({ nl: 'Druk deze pagina af (Ctrl+P) en geef hem aan de patiënt.', en: 'Print this page (Ctrl+P) and give it to the patient.' })}{' '}
        <Link href="/verwijzingen/nieuw">{t({ nl: 'Terug naar een nieuwe verwijzing', en: 'Back to a new referral' })}</Link>
      </p>
    </Page>
  );
}
