import type { Child } from 'hono/jsx';
import { fill } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, ErrorSummary, Heading1, Link, Paragraph, PostForm, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import { Checkbox, CheckboxGroup, RadioGroup, TextAreaField } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { categories, categoryLabels } from '../needs/categories.ts';
import type { CheckedRoute } from './check-referral-route.ts';
import { CONSENT_TEXT_VERSION, consentMethods, monthsText, referralConsentWording } from './consent.ts';
import { ConsentWordingView } from './consent-wording-view.tsx';
import { amsterdamToday } from '../platform/dates.ts';
import { consentMethodLabels, contactChannelLabels, contactChannels, dutchDate, handoverLabels, handovers } from './labels.ts';
import { needField, urgencyField } from './referral-form.ts';
import { DataList } from './ui-parts.tsx';
import type { TeamContact } from './get-team-contact.ts';
import { urgencyLabels, urgencyTriggers } from './urgency.ts';

/**
 * One page, usable during a 10-minute consult, that works without JavaScript: "Controleren" shows
 * which team the patient's address routes to and turns the consent box into consent for exactly
 * that team (the hidden `team_id`); "Versturen" sends. Patient fields have autocomplete off: the
 * browser must never fill in the staff member's own name or address.
 */
export interface NewReferralProps {
  view: ViewContext;
  values: Record<string, string | null | undefined>;
  errors?: FieldErrors | undefined;
  route?: CheckedRoute | undefined;
  problem?: string | undefined;
  /** Set when sending was refused for lack of consent: offer the printable contact card. */
  cardTeamId?: string | undefined;
  /** RETENTION_MONTHS: the consent says how long the team keeps the data after closing. */
  retentionMonths: number;
}

export function TeamContactDetails({ view, contact }: { view: ViewContext; contact: TeamContact }) {
  const t = view.t;
  return (
    <DataList
      rows={[
        [t({ nl: 'Team', en: 'Team' }), <strong>{contact.teamName}</strong>],
        [t({ nl: 'Organisatie', en: 'Organisation' }), contact.organisationName],
        [t({ nl: 'Telefoon', en: 'Phone' }), contact.phone],
        [t({ nl: 'E-mail', en: 'E-mail' }), contact.email],
        [
          t({ nl: 'Vaste contactpersoon', en: 'Fixed contact' }),
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
  const title = t({ nl: 'Nieuwe verwijzing', en: 'New referral' });
  const text = (name: string, label: { nl: string; en: string }, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField view={view} name={name} label={label} value={values[name]} errors={errors} autocomplete="off" {...extra} />
  );
  const routeExplanation = route ? (
    <p class="utrecht-paragraph kl-referral-route" data-testid="route-explanation">
      {t(route.explanation)}
    </p>
  ) : null;
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'Vul alleen in wat het team nodig heeft om de patiënt te bellen. Geen BSN, geen diagnoses, geen medicatie.',
          en: 'Only fill in what the team needs to call the patient. No citizen service number (BSN), no diagnoses, no medication.',
        })}
      </Paragraph>
      {props.problem ? (
        <Alert type="error">
          <p class="utrecht-paragraph">{props.problem}</p>
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
        <Section title={t({ nl: 'Patiënt', en: 'Patient' })} id="section-patient">
          {text('patient_name', { nl: 'Naam', en: 'Name' }, { required: true })}
          {text(
            'birth_date',
            { nl: 'Geboortedatum', en: 'Date of birth' },
            { required: true, inputmode: 'numeric', size: 'short', description: { nl: 'Bijvoorbeeld 27-04-1980.', en: 'For example 27-04-1980.' } },
          )}
          {text(
            'phone',
            { nl: 'Telefoonnummer', en: 'Phone number' },
            {
              type: 'tel',
              inputmode: 'tel',
              description: { nl: 'Vul een telefoonnummer of e-mailadres in, of allebei.', en: 'Enter a phone number or e-mail address, or both.' },
            },
          )}
          {text('email', { nl: 'E-mailadres', en: 'E-mail address' }, { type: 'email', inputmode: 'email' })}
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
          {text('preferred_language', { nl: 'Voorkeurstaal', en: 'Preferred language' }, { size: 'short' })}
          {text(
            'best_time_to_call',
            { nl: 'Beste moment om te bellen', en: 'Best time to call' },
            { description: { nl: 'Bijvoorbeeld: ochtend, of na 15.00 uur.', en: 'For example: mornings, or after 3 pm.' } },
          )}
        </Section>

        <Section title={t({ nl: 'Hulpvraag', en: 'Need' })} id="section-need">
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
            legend={{ nl: 'Dreigt er iets? (urgentie)', en: 'Is something about to happen? (urgency)' }}
            description={{
              nl: 'Bij een van deze situaties moet het eerste gesprek binnen 3 werkdagen zijn (Wet gemeentelijke schuldhulpverlening). Beschrijf een andere crisis kort bij de hulpvraag.',
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

        {route ? (
          <>
            <Section title={t({ nl: 'Naar dit team gaat de verwijzing', en: 'This team receives the referral' })} id="section-route">
              <input type="hidden" name="team_id" value={route.teamId} />
              {/* A patient outside every region goes to the practice's own regional desk: a warning, so it is seen before sending. */}
              {route.reason === 'outside_region' ? <Alert type="warning">{routeExplanation}</Alert> : routeExplanation}
              <TeamContactDetails view={view} contact={route.contact} />
            </Section>
            <ConsentSection view={view} values={values} errors={errors} route={route} retentionMonths={props.retentionMonths} />
            <div class="kl-actions">
              <Button name="stap" value="versturen">
                {t({ nl: 'Versturen', en: 'Send' })}
              </Button>
              <Button variant="secondary" name="stap" value="controleren">
                {t({ nl: 'Opnieuw controleren', en: 'Check again' })}
              </Button>
            </div>
          </>
        ) : (
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
        )}
      </PostForm>
    </Page>
  );
}

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
            nl: 'U kunt zelf contact opnemen. Het gesprek is gratis en vertrouwelijk. U hoeft niets mee te nemen.',
            en: 'You can get in touch yourself. The conversation is free and confidential. You do not need to bring anything.',
          })}
        </Paragraph>
        <TeamContactDetails view={view} contact={contact} />
      </div>
      <p class="utrecht-paragraph kl-no-print">
        {t({ nl: 'Druk deze pagina af (Ctrl+P) en geef hem aan de patiënt.', en: 'Print this page (Ctrl+P) and give it to the patient.' })}{' '}
        <Link href="/verwijzingen/nieuw">{t({ nl: 'Terug naar een nieuwe verwijzing', en: 'Back to a new referral' })}</Link>
      </p>
    </Page>
  );
}
