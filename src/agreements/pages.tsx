import type { Child } from 'hono/jsx';
import { fill, type Text } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
  ButtonLink,
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
import { CheckboxGroup, TextAreaField } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { agreementLimits, defaultTerms } from '../referrals/due-dates.ts';
import { dutchDate, handoverLabels, handovers } from '../referrals/labels.ts';
import { DataList } from '../referrals/ui-parts.tsx';
import { EmailLink, Freshness, PhoneLink } from '../socialmap/views.tsx';
import { agreementStateLabels, changedParts, type AgreementContent } from './agreement-rules.ts';
import { handoverField } from './agreement-form.ts';
import type { AgreementDetail, AgreementListRow, Choice, ContactView } from './read-agreements.ts';

/** The agreement pages: the list, choosing the pair, the form, and one agreement with its history. */

type Values = Record<string, string | null | undefined>;

export const agreementNotices: Record<string, Text> = {
  opgeslagen: {
    nl: 'De afspraak is opgeslagen als voorstel. De praktijkmanager krijgt een melding om die te bevestigen.',
    en: 'The agreement has been saved as a proposal. The practice manager has been notified to confirm it.',
  },
  bevestigd: { nl: 'De afspraak is bevestigd en geldt vanaf nu.', en: 'The agreement has been confirmed and applies from now on.' },
  'contact-klopt': { nl: 'Opgeslagen: de contactpersoon van de praktijk klopt nog.', en: 'Saved: the practice’s contact is still correct.' },
};

const historyLabels: Record<AgreementDetail['history'][number]['kind'], Text> = {
  drafted: { nl: 'Voorstel opgesteld of gewijzigd', en: 'Proposal drafted or changed' },
  confirmed: { nl: 'Bevestigd door de praktijk', en: 'Confirmed by the practice' },
  team_contact_replaced: { nl: 'Nieuwe vaste contactpersoon van het team', en: 'New fixed contact for the team' },
  team_contact_left: { nl: 'Vaste contactpersoon van het team vertrokken', en: 'The team’s fixed contact left' },
  practice_contact_confirmed: { nl: 'Contactpersoon van de praktijk klopt nog', en: 'The practice’s contact is still correct' },
};

const partLabels: Record<keyof AgreementContent, Text> = {
  firstContactWorkingDays: { nl: 'Eerste contact', en: 'First contact' },
  firstConversationDays: { nl: 'Eerste gesprek', en: 'First conversation' },
  urgentFirstConversationWorkingDays: { nl: 'Eerste gesprek bij een bedreigende situatie', en: 'First conversation in a threatening situation' },
  teamContactId: { nl: 'Vaste contactpersoon van het team', en: 'The team’s fixed contact' },
  teamContactHours: { nl: 'Wanneer bellen', en: 'When to call' },
  practiceContactName: { nl: 'Vaste contactpersoon van de praktijk', en: 'The practice’s fixed contact' },
  practiceContactRole: { nl: 'Functie', en: 'Role' },
  practiceContactPhone: { nl: 'Telefoon van de praktijk', en: 'The practice’s phone' },
  practiceContactHours: { nl: 'Bereikbaar', en: 'Available' },
  handoverForms: { nl: 'Vormen van overdracht', en: 'Forms of hand-over' },
  consentRecording: { nl: 'Toestemming vastleggen', en: 'Recording consent' },
  feedbackArrangement: { nl: 'Terugkoppeling', en: 'Feedback' },
};

export function StateBadge({ view, state }: { view: ViewContext; state: keyof typeof agreementStateLabels }) {
  const cls = state === 'agreed' ? 'fresh' : state === 'review_due' ? 'due' : 'stale';
  return <span class={`kl-state kl-state--${cls}`}>{view.t(agreementStateLabels[state])}</span>;
}

export function AgreementListPage(props: { view: ViewContext; rows: AgreementListRow[]; mayDraft: boolean }) {
  const { view } = props;
  const t = view.t;
  const title = t({ nl: 'Samenwerkingsafspraken', en: 'Collaboration agreements' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'Per praktijk en team: wie de vaste contactpersonen zijn, hoe u overdraagt, binnen welke termijn het team contact opneemt en hoe de praktijk terugkoppeling krijgt. Het team of de regionale aanjager stelt de afspraak op; de praktijkmanager bevestigt. Elk jaar bespreekt u de afspraak opnieuw.',
          en: 'Per practice and team: who the fixed contacts are, how you hand over, within which term the team makes contact and how the practice gets feedback. The team or the regional coordinator drafts the agreement; the practice manager confirms it. Every year you review it together.',
        })}
      </Paragraph>
      {props.mayDraft ? (
        <div class="kl-actions">
          <ButtonLink href="/afspraken/nieuw">{t({ nl: 'Nieuwe afspraak opstellen', en: 'Draft a new agreement' })}</ButtonLink>
        </div>
      ) : null}
      <Table
        caption={t({ nl: 'Afspraken, per praktijk', en: 'Agreements, by practice' })}
        headers={[
          t({ nl: 'Praktijk', en: 'Practice' }),
          t({ nl: 'Team', en: 'Team' }),
          t({ nl: 'Stand', en: 'State' }),
          t({ nl: 'Eerste contact', en: 'First contact' }),
          t({ nl: 'Bespreken vóór', en: 'Review by' }),
        ]}
        empty={t({ nl: 'Er zijn nog geen afspraken.', en: 'There are no agreements yet.' })}
        rows={props.rows.map((r) => [
          <Link href={`/afspraken/${r.id}`}>{r.practiceName}</Link>,
          r.teamName,
          <>
            <StateBadge view={view} state={r.state} />
            {r.pendingChange ? <> {t({ nl: '(wijziging wacht op bevestiging)', en: '(change waiting for confirmation)' })}</> : null}
          </>,
          r.firstContactWorkingDays === null ? '—' : workingDaysText(view, r.firstContactWorkingDays),
          dutchDate(r.reviewDueOn),
        ])}
      />
    </Page>
  );
}

function workingDaysText(view: ViewContext, n: number): string {
  return fill(view.t(n === 1 ? { nl: 'binnen {n} werkdag', en: 'within {n} working day' } : { nl: 'binnen {n} werkdagen', en: 'within {n} working days' }), {
    n,
  });
}

/** Step 1 of a new agreement: which practice and which team (a GET form, so it works without JavaScript). */
export function ChoosePairPage(props: { view: ViewContext; practices: Choice[]; teams: Choice[]; values: Values; errors: FieldErrors }) {
  const { view } = props;
  const t = view.t;
  const title = t({ nl: 'Nieuwe samenwerkingsafspraak', en: 'New collaboration agreement' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <ErrorSummary view={view} errors={props.errors} />
      <form method="get" action="/afspraken/nieuw" class="utrecht-form">
        <SelectField
          view={view}
          name="praktijk"
          required
          label={{ nl: 'Met welke praktijk?', en: 'With which practice?' }}
          placeholder={{ nl: 'Kies een praktijk…', en: 'Choose a practice…' }}
          options={props.practices.map((p) => ({ value: p.id, label: p.label }))}
          value={props.values['praktijk']}
          errors={props.errors}
        />
        <SelectField
          view={view}
          name="team"
          required
          label={{ nl: 'Welk team?', en: 'Which team?' }}
          options={props.teams.map((p) => ({ value: p.id, label: p.label }))}
          value={props.values['team']}
          errors={props.errors}
          {...(props.teams.length > 1 ? { placeholder: { nl: 'Kies een team…', en: 'Choose a team…' } } : {})}
        />
        <Button>{t({ nl: 'Verder', en: 'Next' })}</Button>
      </form>
      <Paragraph>
        <Link href="/afspraken">{t({ nl: 'Terug naar de afspraken', en: 'Back to the agreements' })}</Link>
      </Paragraph>
    </Page>
  );
}

export interface AgreementFormProps {
  view: ViewContext;
  action: string;
  practiceName: string;
  teamName: string;
  hidden: Record<string, string>;
  contacts: Choice[];
  values: Values;
  errors: FieldErrors;
  problem?: string | undefined;
}

/** The content of an agreement as a form; the terms show their limits (due-dates.ts). */
export function AgreementFormPage(props: AgreementFormProps) {
  const { view, values, errors } = props;
  const t = view.t;
  const title = fill(t({ nl: 'Afspraak {practice} – {team}', en: 'Agreement {practice} – {team}' }), { practice: props.practiceName, team: props.teamName });
  const limits = (key: keyof typeof agreementLimits): Text => ({
    nl: `${agreementLimits[key].min} tot en met ${agreementLimits[key].max}`,
    en: `${agreementLimits[key].min} to ${agreementLimits[key].max}`,
  });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <ErrorSummary view={view} errors={errors} />
      <Paragraph>
        {t({
          nl: 'U stelt een voorstel op. Het geldt pas als de praktijkmanager het bevestigt. Een afspraak die al geldt, blijft gelden tot dan.',
          en: 'You are drafting a proposal. It applies only once the practice manager confirms it. An agreement already in force stays in force until then.',
        })}
      </Paragraph>
      <PostForm view={view} action={props.action} novalidate>
        {Object.entries(props.hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <section class="kl-form-section" aria-labelledby="section-terms">
          <h2 class="utrecht-heading-2" id="section-terms">
            {t({ nl: 'Termijnen', en: 'Terms' })}
          </h2>
          <TextField
            view={view}
            name="first_contact_working_days"
            required
            size="short"
            inputmode="numeric"
            label={{ nl: 'Eerste contact met de patiënt binnen … werkdagen', en: 'First contact with the patient within … working days' }}
            description={{
              nl: `Een afspraak tussen praktijk en team, geen wet. Van ${limits('firstContactWorkingDays').nl}; zonder afspraak ${defaultTerms.firstContactWorkingDays}.`,
              en: `An agreement between practice and team, not law. From ${limits('firstContactWorkingDays').en}; without an agreement ${defaultTerms.firstContactWorkingDays}.`,
            }}
            value={values['first_contact_working_days']}
            errors={errors}
          />
          <TextField
            view={view}
            name="first_conversation_days"
            size="short"
            inputmode="numeric"
            label={{ nl: 'Eerste gesprek binnen … dagen', en: 'First conversation within … days' }}
            description={{
              nl: `De wet zegt binnen 4 weken (${defaultTerms.firstConversationDays} dagen). U kunt dat alleen korter afspreken. Leeg laten: de wet geldt.`,
              en: `The law says within 4 weeks (${defaultTerms.firstConversationDays} days). You can only agree on a shorter term. Leave empty: the law applies.`,
            }}
            value={values['first_conversation_days']}
            errors={errors}
          />
          <TextField
            view={view}
            name="urgent_first_conversation_working_days"
            size="short"
            inputmode="numeric"
            label={{
              nl: 'Bij een bedreigende situatie: eerste gesprek binnen … werkdagen',
              en: 'In a threatening situation: first conversation within … working days',
            }}
            description={{
              nl: `De wet zegt binnen ${defaultTerms.urgentFirstConversationWorkingDays} werkdagen. Alleen korter. Leeg laten: de wet geldt.`,
              en: `The law says within ${defaultTerms.urgentFirstConversationWorkingDays} working days. Only shorter. Leave empty: the law applies.`,
            }}
            value={values['urgent_first_conversation_working_days']}
            errors={errors}
          />
        </section>
        <section class="kl-form-section" aria-labelledby="section-contacts">
          <h2 class="utrecht-heading-2" id="section-contacts">
            {t({ nl: 'Vaste contactpersonen', en: 'Fixed contacts' })}
          </h2>
          {props.contacts.length === 0 ? (
            <Alert type="warning">
              {t({
                nl: 'Dit team heeft nog geen contactpersoon op de sociale kaart. Voeg eerst een contactpersoon toe bij een dienst van het team.',
                en: 'This team has no contact person on the social map yet. First add a contact to one of the team’s services.',
              })}
            </Alert>
          ) : null}
          <SelectField
            view={view}
            name="team_contact_id"
            required
            label={{ nl: 'Vaste contactpersoon van het team', en: 'The team’s fixed contact' }}
            description={{
              nl: 'Uit de sociale kaart. Vertrekt deze persoon, dan ziet de praktijk meteen de opvolger en krijgt een melding.',
              en: 'From the social map. When this person leaves, the practice sees the successor at once and is notified.',
            }}
            placeholder={{ nl: 'Kies een contactpersoon…', en: 'Choose a contact…' }}
            options={props.contacts.map((c) => ({ value: c.id, label: c.label }))}
            value={values['team_contact_id']}
            errors={errors}
          />
          <TextField
            view={view}
            name="team_contact_hours"
            required
            label={{ nl: 'Wanneer kan de praktijk bellen?', en: 'When can the practice call?' }}
            description={{ nl: 'Bijvoorbeeld: dinsdag en donderdag 8.30–9.30 uur.', en: 'For example: Tuesday and Thursday 8.30–9.30.' }}
            value={values['team_contact_hours']}
            errors={errors}
          />
          <TextField
            view={view}
            name="practice_contact_name"
            label={{ nl: 'Vaste contactpersoon van de praktijk', en: 'The practice’s fixed contact' }}
            description={{
              nl: 'Bijvoorbeeld de praktijkmanager of de POH. De praktijk vult dit aan bij het bevestigen.',
              en: 'For example the practice manager or the practice nurse. The practice completes this when confirming.',
            }}
            value={values['practice_contact_name']}
            errors={errors}
          />
          <TextField view={view} name="practice_contact_role" label={{ nl: 'Functie', en: 'Role' }} value={values['practice_contact_role']} errors={errors} />
          <TextField
            view={view}
            name="practice_contact_phone"
            type="tel"
            label={{ nl: 'Direct telefoonnummer van de praktijk', en: 'The practice’s direct phone number' }}
            value={values['practice_contact_phone']}
            errors={errors}
          />
          <TextField
            view={view}
            name="practice_contact_hours"
            label={{ nl: 'Wanneer bereikbaar?', en: 'When available?' }}
            value={values['practice_contact_hours']}
            errors={errors}
          />
        </section>
        <section class="kl-form-section" aria-labelledby="section-way">
          <h2 class="utrecht-heading-2" id="section-way">
            {t({ nl: 'Manier van werken', en: 'Way of working' })}
          </h2>
          <CheckboxGroup
            view={view}
            legend={{ nl: 'Welke vormen van warme overdracht hebben de voorkeur?', en: 'Which forms of warm hand-over are preferred?' }}
            errorKey="handover_forms"
            errors={errors}
            values={values}
            options={handovers.map((h) => ({ name: handoverField(h), label: t(handoverLabels[h]) }))}
          />
          <TextAreaField
            view={view}
            name="consent_recording"
            required
            rows={3}
            maxlength={500}
            label={{ nl: 'Hoe legt de praktijk de toestemming van de patiënt vast?', en: 'How does the practice record the patient’s consent?' }}
            description={{
              nl: 'Bijvoorbeeld: mondeling, vastgelegd in Korte Lijn en in het dossier van de praktijk.',
              en: 'For example: verbally, recorded in Korte Lijn and in the practice’s record.',
            }}
            value={values['consent_recording']}
            errors={errors}
          />
          <TextAreaField
            view={view}
            name="feedback_arrangement"
            required
            rows={3}
            maxlength={500}
            label={{ nl: 'Hoe en wanneer krijgt de praktijk terugkoppeling?', en: 'How and when does the practice get feedback?' }}
            description={{
              nl: 'Bijvoorbeeld: na het eerste gesprek en bij afsluiten, via Korte Lijn, als de patiënt dat goed vindt.',
              en: 'For example: after the first conversation and on closing, through Korte Lijn, if the patient agrees.',
            }}
            value={values['feedback_arrangement']}
            errors={errors}
          />
        </section>
        <Button>{t({ nl: 'Voorstel opslaan en voorleggen aan de praktijk', en: 'Save the proposal and put it to the practice' })}</Button>
      </PostForm>
      <Paragraph>
        <Link href="/afspraken">{t({ nl: 'Terug naar de afspraken', en: 'Back to the agreements' })}</Link>
      </Paragraph>
    </Page>
  );
}

/** Content as form values, to edit a proposal or what is in force. */
export function formValuesOf(content: AgreementContent | null): Values {
  if (!content) return { first_contact_working_days: String(defaultTerms.firstContactWorkingDays) };
  const values: Values = {
    first_contact_working_days: String(content.firstContactWorkingDays),
    first_conversation_days: content.firstConversationDays === null ? '' : String(content.firstConversationDays),
    urgent_first_conversation_working_days: content.urgentFirstConversationWorkingDays === null ? '' : String(content.urgentFirstConversationWorkingDays),
    team_contact_id: content.teamContactId,
    team_contact_hours: content.teamContactHours,
    practice_contact_name: content.practiceContactName,
    practice_contact_role: content.practiceContactRole,
    practice_contact_phone: content.practiceContactPhone,
    practice_contact_hours: content.practiceContactHours,
    consent_recording: content.consentRecording,
    feedback_arrangement: content.feedbackArrangement,
  };
  for (const h of content.handoverForms) values[handoverField(h)] = 'ja';
  return values;
}

function ContactPerson({ view, contact, now }: { view: ViewContext; contact: ContactView | undefined; now: Date }) {
  const t = view.t;
  if (!contact) return <>{t({ nl: 'Nog niet gekozen', en: 'Not chosen yet' })}</>;
  return (
    <>
      <strong>{contact.name}</strong>
      {contact.jobTitle ? <>, {contact.jobTitle}</> : null}
      {contact.phone ? (
        <>
          {' · '}
          <PhoneLink phone={contact.phone} />
        </>
      ) : null}
      {contact.email ? (
        <>
          {' · '}
          <EmailLink email={contact.email} />
        </>
      ) : null}
      {contact.endedAt ? (
        <div>
          {contact.successor
            ? fill(t({ nl: 'Vertrokken; opgevolgd door {name}.', en: 'Has left; succeeded by {name}.' }), { name: contact.successor.name })
            : t({ nl: 'Vertrokken; het team kiest een nieuwe contactpersoon.', en: 'Has left; the team chooses a new contact.' })}
        </div>
      ) : (
        <div>
          <Freshness view={view} lastVerifiedAt={contact.lastVerifiedAt} now={now} />
        </div>
      )}
    </>
  );
}

/** What an agreement says, as a data list. */
export function AgreementContentList(props: {
  view: ViewContext;
  content: AgreementContent;
  contacts: Map<string, ContactView>;
  now: Date;
  highlight?: ReadonlySet<string>;
}) {
  const { view, content } = props;
  const t = view.t;
  const law: Text = { nl: 'wat de wet zegt', en: 'what the law says' };
  const mark = (key: keyof AgreementContent, label: Text) =>
    props.highlight?.has(key) ? `${t(label)} ${t({ nl: '(gewijzigd)', en: '(changed)' })}` : t(label);
  const practiceContact = [content.practiceContactName, content.practiceContactRole].filter(Boolean).join(', ');
  return (
    <DataList
      rows={[
        [mark('firstContactWorkingDays', partLabels.firstContactWorkingDays), workingDaysText(view, content.firstContactWorkingDays)],
        [
          mark('firstConversationDays', partLabels.firstConversationDays),
          content.firstConversationDays === null
            ? fill(t({ nl: 'binnen {n} dagen ({law})', en: 'within {n} days ({law})' }), { n: defaultTerms.firstConversationDays, law: t(law) })
            : fill(t({ nl: 'binnen {n} dagen', en: 'within {n} days' }), { n: content.firstConversationDays }),
        ],
        [
          mark('urgentFirstConversationWorkingDays', partLabels.urgentFirstConversationWorkingDays),
          `${workingDaysText(view, content.urgentFirstConversationWorkingDays ?? defaultTerms.urgentFirstConversationWorkingDays)}${content.urgentFirstConversationWorkingDays === null ? ` (${t(law)})` : ''}`,
        ],
        [
          mark('teamContactId', partLabels.teamContactId),
          <ContactPerson view={view} contact={content.teamContactId ? props.contacts.get(content.teamContactId) : undefined} now={props.now} />,
        ],
        [mark('teamContactHours', partLabels.teamContactHours), content.teamContactHours],
        [
          mark('practiceContactName', partLabels.practiceContactName),
          practiceContact ? (
            <>
              <strong>{practiceContact}</strong>
              {content.practiceContactPhone ? (
                <>
                  {' · '}
                  <PhoneLink phone={content.practiceContactPhone} />
                </>
              ) : null}
              {content.practiceContactHours ? <> · {content.practiceContactHours}</> : null}
            </>
          ) : (
            t({ nl: 'Vult de praktijk in bij het bevestigen', en: 'The practice fills this in when confirming' })
          ),
        ],
        [mark('handoverForms', partLabels.handoverForms), content.handoverForms.map((h) => t(handoverLabels[h])).join('; ')],
        [mark('consentRecording', partLabels.consentRecording), content.consentRecording],
        [mark('feedbackArrangement', partLabels.feedbackArrangement), content.feedbackArrangement],
      ]}
    />
  );
}

function Section(props: { title: string; id: string; children: Child }) {
  return (
    <section class="kl-section" aria-labelledby={props.id}>
      <h2 class="utrecht-heading-2" id={props.id}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

export interface AgreementPageProps {
  view: ViewContext;
  detail: AgreementDetail;
  now: Date;
  notice?: string | undefined;
  problem?: string | undefined;
  confirmForm?: { values: Values; errors: FieldErrors } | undefined;
  /** Extra sections (the on-site hours of this pair), rendered below the content. */
  children?: Child;
}

export function AgreementPage(props: AgreementPageProps) {
  const { view, detail: d, now } = props;
  const t = view.t;
  const title = fill(t({ nl: 'Afspraak {practice} – {team}', en: 'Agreement {practice} – {team}' }), { practice: d.practiceName, team: d.teamName });
  const notice = props.notice ? agreementNotices[props.notice] : undefined;
  const mayEdit = d.access === 'team' || d.access === 'region';
  const changed = d.proposal ? new Set<string>(changedParts(d.inForce, d.proposal)) : undefined;
  const confirmValues = props.confirmForm?.values ?? formValuesOf(d.proposal ?? d.inForce);
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      {notice ? <Alert type="ok">{t(notice)}</Alert> : null}
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <DataList
        rows={[
          [t({ nl: 'Stand', en: 'State' }), <StateBadge view={view} state={d.state} />],
          [t({ nl: 'Team', en: 'Team' }), `${d.teamName} (${d.teamOrganisationName})`],
          [t({ nl: 'Bevestigd op', en: 'Confirmed on' }), d.agreedAt ? formatDateTime(d.agreedAt, view.lang) : null],
          [t({ nl: 'Jaarlijks bespreken vóór', en: 'Yearly review by' }), d.reviewDueOn ? dutchDate(d.reviewDueOn) : null],
        ]}
      />
      {mayEdit ? (
        <div class="kl-actions">
          <ButtonLink href={`/afspraken/${d.id}/wijzigen`} variant="secondary">
            {d.state === 'review_due'
              ? t({ nl: 'Jaarlijks bespreken: voorstel maken', en: 'Yearly review: make a proposal' })
              : t({ nl: 'Afspraak wijzigen', en: 'Change the agreement' })}
          </ButtonLink>
        </div>
      ) : null}

      {d.proposal ? (
        <Section title={t({ nl: 'Voorstel dat wacht op bevestiging', en: 'Proposal waiting for confirmation' })} id="section-proposal">
          <Paragraph>
            {fill(t({ nl: 'Opgesteld door {name} op {date}.', en: 'Drafted by {name} on {date}.' }), {
              name: d.proposedByName ?? '—',
              date: d.proposedAt ? formatDateTime(d.proposedAt, view.lang) : '—',
            })}{' '}
            {d.inForce ? t({ nl: 'Wat verandert, staat erbij.', en: 'What changes is marked.' }) : null}
          </Paragraph>
          <AgreementContentList view={view} content={d.proposal} contacts={d.contacts} now={now} highlight={d.inForce ? changed : undefined} />
          {d.access === 'practice' ? (
            <>
              <h3 class="utrecht-heading-3">{t({ nl: 'Bevestigen', en: 'Confirm' })}</h3>
              <ErrorSummary view={view} errors={props.confirmForm?.errors ?? {}} />
              <PostForm view={view} action={`/afspraken/${d.id}/bevestigen`} novalidate>
                <input type="hidden" name="versie" value={d.proposedAt?.toISOString() ?? ''} />
                <TextField
                  view={view}
                  name="practice_contact_name"
                  required
                  label={{ nl: 'Vaste contactpersoon van de praktijk', en: 'The practice’s fixed contact' }}
                  description={{ nl: 'Bijvoorbeeld de praktijkmanager of de POH.', en: 'For example the practice manager or the practice nurse.' }}
                  value={confirmValues['practice_contact_name']}
                  errors={props.confirmForm?.errors}
                />
                <TextField
                  view={view}
                  name="practice_contact_role"
                  label={{ nl: 'Functie', en: 'Role' }}
                  value={confirmValues['practice_contact_role']}
                  errors={props.confirmForm?.errors}
                />
                <TextField
                  view={view}
                  name="practice_contact_phone"
                  type="tel"
                  required
                  label={{ nl: 'Direct telefoonnummer', en: 'Direct phone number' }}
                  value={confirmValues['practice_contact_phone']}
                  errors={props.confirmForm?.errors}
                />
                <TextField
                  view={view}
                  name="practice_contact_hours"
                  label={{ nl: 'Wanneer bereikbaar?', en: 'When available?' }}
                  value={confirmValues['practice_contact_hours']}
                  errors={props.confirmForm?.errors}
                />
                <Button>{t({ nl: 'Afspraak bevestigen', en: 'Confirm the agreement' })}</Button>
              </PostForm>
              <Paragraph>
                {t({
                  nl: 'Bent u het niet eens met het voorstel? Bel de vaste contactpersoon van het team of stel een vraag via Overleg.',
                  en: 'Do you disagree with the proposal? Call the team’s fixed contact or ask a question through Consultation.',
                })}
              </Paragraph>
            </>
          ) : null}
        </Section>
      ) : null}

      {d.inForce ? (
        <Section title={t({ nl: 'Wat nu geldt', en: 'What applies now' })} id="section-in-force">
          <AgreementContentList view={view} content={d.inForce} contacts={d.contacts} now={now} />
          <Paragraph>
            {d.practiceContactConfirmedAt
              ? fill(t({ nl: 'Contactpersoon van de praktijk laatst bevestigd op {date}.', en: 'The practice’s contact last confirmed on {date}.' }), {
                  date: formatDateTime(d.practiceContactConfirmedAt, view.lang),
                })
              : t({ nl: 'De contactpersoon van de praktijk is nog niet bevestigd.', en: 'The practice’s contact has not been confirmed yet.' })}
          </Paragraph>
          {d.access === 'practice' ? (
            <PostForm view={view} action={`/afspraken/${d.id}/contact-klopt`} class="kl-inline-form">
              <Button variant="secondary">{t({ nl: 'Onze contactpersoon klopt nog', en: 'Our contact is still correct' })}</Button>
            </PostForm>
          ) : null}
          {d.access !== 'practice' && d.inForce.teamContactId && d.contacts.get(d.inForce.teamContactId)?.endedAt === null ? (
            <Paragraph>
              <Link href={`/sociale-kaart/contactpersonen/${d.inForce.teamContactId}/bewerken`}>
                {t({
                  nl: 'Contactpersoon van het team bevestigen of wijzigen op de sociale kaart',
                  en: 'Confirm or change the team’s contact on the social map',
                })}
              </Link>
            </Paragraph>
          ) : null}
        </Section>
      ) : null}

      {props.children}

      <Section title={t({ nl: 'Geschiedenis', en: 'History' })} id="section-history">
        <Table
          caption={t({ nl: 'Wat er met deze afspraak gebeurde, nieuwste eerst', en: 'What happened to this agreement, newest first' })}
          headers={[t({ nl: 'Wanneer', en: 'When' }), t({ nl: 'Wat', en: 'What' }), t({ nl: 'Door', en: 'By' })]}
          rows={d.history.map((h) => [formatDateTime(h.at, view.lang), t(historyLabels[h.kind]), h.actorName ?? t({ nl: 'Korte Lijn', en: 'Korte Lijn' })])}
        />
      </Section>
      <Paragraph>
        <Link href="/afspraken">{t({ nl: 'Terug naar de afspraken', en: 'Back to the agreements' })}</Link>
      </Paragraph>
    </Page>
  );
}
