import { fill, type Text } from '../platform/i18n.ts';
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
import { Checkbox, RadioGroup, TextAreaField } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { dutchDate } from '../referrals/labels.ts';
import { DataList } from '../referrals/ui-parts.tsx';
import { ACTION_ROWS, conclusionField, participantField } from './mdo-form.ts';
import { actionOverdue, consentMethodLabels, consentMethods, mdoStatusLabels } from './mdo-rules.ts';
import type { MdoListRow, MdoView, OpenMdoAction } from './read-mdo.ts';

type Values = Record<string, string | null | undefined>;

export const mdoNotices: Record<string, Text> = {
  gepland: {
    nl: 'Het MDO is gepland. De deelnemers krijgen een melding. Zet verwijzingen op de agenda vanaf de pagina van de verwijzing.',
    en: 'The MDO has been planned. The participants are notified. Put referrals on the agenda from the referral’s page.',
  },
  gehouden: {
    nl: 'Het MDO is vastgelegd. De eigenaren van de acties krijgen een melding.',
    en: 'The MDO has been recorded. The owners of the actions are notified.',
  },
  afgezegd: { nl: 'Het MDO is afgezegd.', en: 'The MDO has been cancelled.' },
  actie: { nl: 'Opgeslagen.', en: 'Saved.' },
  toegevoegd: { nl: 'De verwijzing staat op de agenda van het MDO.', en: 'The referral is on the MDO’s agenda.' },
};

const noExtraPatientData: Text = {
  nl: 'Schrijf alleen de afspraken op. Geen gegevens over de patiënt die niet al in de verwijzing staan: geen diagnoses, geen medicijnen, geen BSN.',
  en: 'Write down the agreements only. No data about the patient that is not already in the referral: no diagnoses, no medication, no BSN.',
};

function Notice({ view, notice }: { view: ViewContext; notice: string | undefined }) {
  const text = notice ? mdoNotices[notice] : undefined;
  return text ? <Alert type="ok">{view.t(text)}</Alert> : null;
}

const whereText = (view: ViewContext, m: { place: string | null; videoLink: string | null }) =>
  [m.place, m.videoLink ? view.t({ nl: 'via video', en: 'by video' }) : null].filter(Boolean).join(', ');

export function MdoListPage(props: { view: ViewContext; rows: MdoListRow[]; practices: Array<{ id: string; name: string }> }) {
  const { view } = props;
  const t = view.t;
  const title = t({ nl: 'Multidisciplinair overleg (MDO)', en: 'Multidisciplinary meetings (MDO)' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'In een MDO bespreken de praktijk en de teams samen een ingewikkelde situatie. Bespreek een verwijzing alleen als de patiënt daar toestemming voor gaf. Wie de verwijzing niet mag zien, ziet in het MDO ook niet over wie het gaat.',
          en: 'In an MDO the practice and the teams discuss a complex situation together. Only discuss a referral when the patient consented to it. Whoever may not see the referral does not see who an MDO case is about either.',
        })}
      </Paragraph>
      {props.practices.length > 0 ? (
        <section class="kl-section" aria-labelledby="section-plan">
          <h2 class="utrecht-heading-2" id="section-plan">
            {t({ nl: 'MDO plannen', en: 'Plan an MDO' })}
          </h2>
          <ul class="utrecht-unordered-list kl-plain-list">
            {props.practices.map((p) => (
              <li class="utrecht-unordered-list__item">
                <Link href={`/mdo/praktijk/${p.id}`}>
                  {fill(t({ nl: 'MDO plannen bij {practice}', en: 'Plan an MDO at {practice}' }), { practice: p.name })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Table
        caption={t({ nl: 'MDO’s, nieuwste eerst', en: 'MDOs, newest first' })}
        headers={[
          t({ nl: 'Wanneer', en: 'When' }),
          t({ nl: 'Praktijk', en: 'Practice' }),
          t({ nl: 'Stand', en: 'State' }),
          t({ nl: 'Casussen', en: 'Cases' }),
          t({ nl: 'Open acties', en: 'Open actions' }),
        ]}
        empty={t({ nl: 'Er zijn nog geen MDO’s.', en: 'There are no MDOs yet.' })}
        rows={props.rows.map((r) => [
          <Link href={`/mdo/${r.id}`}>{formatDateTime(r.startsAt, view.lang)}</Link>,
          r.practiceName,
          t(mdoStatusLabels[r.status]),
          String(r.cases),
          String(r.openActions),
        ])}
      />
    </Page>
  );
}

export interface ParticipantChoice {
  id: string;
  name: string;
  side: string;
}

export function PlanMdoPage(props: {
  view: ViewContext;
  practice: { id: string; name: string };
  people: ParticipantChoice[];
  values: Values;
  errors: FieldErrors;
}) {
  const { view, values, errors } = props;
  const t = view.t;
  const title = fill(t({ nl: 'MDO plannen bij {practice}', en: 'Plan an MDO at {practice}' }), { practice: props.practice.name });
  const error = errors['participants'];
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action={`/mdo/praktijk/${props.practice.id}`} novalidate>
        <TextField
          view={view}
          name="starts_on"
          required
          size="short"
          label={{ nl: 'Datum', en: 'Date' }}
          description={{ nl: 'Bijvoorbeeld 27-11-2026.', en: 'For example 27-11-2026.' }}
          value={values['starts_on']}
          errors={errors}
        />
        <TextField
          view={view}
          name="starts_time"
          required
          size="short"
          label={{ nl: 'Tijd', en: 'Time' }}
          description={{ nl: 'Bijvoorbeeld 14:00.', en: 'For example 14:00.' }}
          value={values['starts_time']}
          errors={errors}
        />
        <TextField
          view={view}
          name="place"
          label={{ nl: 'Plaats', en: 'Place' }}
          description={{
            nl: 'Bijvoorbeeld: spreekkamer 2 van de praktijk. Of vul een videolink in.',
            en: 'For example: consulting room 2 at the practice. Or enter a video link.',
          }}
          value={values['place']}
          errors={errors}
        />
        <TextField view={view} name="video_link" type="url" label={{ nl: 'Videolink', en: 'Video link' }} value={values['video_link']} errors={errors} />
        <fieldset
          class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset kl-choices${error ? ' utrecht-form-fieldset--invalid' : ''}`}
          aria-describedby={error ? 'field-participants-error' : 'group-participants-description'}
        >
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            {t({ nl: 'Wie doen er mee?', en: 'Who takes part?' })}
          </legend>
          <div class="utrecht-form-field-description" id="group-participants-description">
            {t({
              nl: 'Minstens iemand van de praktijk en iemand van een team. U doet zelf altijd mee.',
              en: 'At least someone of the practice and someone of a team. You always take part yourself.',
            })}
          </div>
          {error ? (
            <div class="utrecht-form-field-error-message" id="field-participants-error">
              {error}
            </div>
          ) : null}
          {props.people.map((p, i) => (
            <Checkbox
              id={i === 0 ? 'field-participants' : undefined}
              name={participantField(p.id)}
              label={`${p.name} (${p.side})`}
              checked={Boolean(values[participantField(p.id)])}
              class="kl-choice"
            />
          ))}
        </fieldset>
        <Button>{t({ nl: 'MDO plannen', en: 'Plan the MDO' })}</Button>
      </PostForm>
    </Page>
  );
}

export function MdoPage(props: {
  view: ViewContext;
  mdo: MdoView;
  takesPart: boolean;
  today: string;
  values: Values;
  errors: FieldErrors;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { view, mdo: m, takesPart } = props;
  const t = view.t;
  const title = fill(t({ nl: 'MDO bij {practice}, {when}', en: 'MDO at {practice}, {when}' }), {
    practice: m.practiceName,
    when: formatDateTime(m.startsAt, view.lang),
  });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Notice view={view} notice={props.notice} />
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <DataList
        rows={[
          [t({ nl: 'Stand', en: 'State' }), <strong data-testid="mdo-status">{t(mdoStatusLabels[m.status])}</strong>],
          [t({ nl: 'Waar', en: 'Where' }), whereText(view, m)],
          [
            t({ nl: 'Videolink', en: 'Video link' }),
            m.videoLink && takesPart ? (
              <a class="utrecht-link" href={m.videoLink} rel="noopener noreferrer">
                {m.videoLink}
              </a>
            ) : null,
          ],
          [t({ nl: 'Gepland door', en: 'Planned by' }), m.plannedByName],
          [t({ nl: 'Deelnemers', en: 'Participants' }), m.participants.map((p) => `${p.name} (${p.side})`).join(', ')],
          [t({ nl: 'Verslag', en: 'Minutes' }), m.minutes],
        ]}
      />
      <section class="kl-section" aria-labelledby="section-cases">
        <h2 class="utrecht-heading-2" id="section-cases">
          {t({ nl: 'Casussen op de agenda', en: 'Cases on the agenda' })}
        </h2>
        <Table
          caption={t({ nl: 'Verwijzingen die besproken worden', en: 'Referrals discussed' })}
          headers={[
            t({ nl: 'Casus', en: 'Case' }),
            t({ nl: 'Over wie', en: 'About whom' }),
            t({ nl: 'Toestemming voor MDO', en: 'Consent for MDO' }),
            t({ nl: 'Afspraak', en: 'Agreed' }),
          ]}
          empty={t({
            nl: 'Nog geen casus. Zet een verwijzing op de agenda vanaf de pagina van de verwijzing: "Bespreken in een MDO".',
            en: 'No case yet. Put a referral on the agenda from the referral’s page: "Discuss in an MDO".',
          })}
          rows={m.cases.map((c) => [
            fill(t({ nl: 'Casus {n}', en: 'Case {n}' }), { n: c.number }),
            c.patient ? (
              <span data-testid="mdo-case-patient">
                <Link href={`/verwijzingen/${c.patient.referralId}`}>{c.patient.reference}</Link>
                {c.patient.name ? ` · ${c.patient.name}` : ''}
              </span>
            ) : (
              <span class="kl-muted">{t({ nl: 'Alleen te zien voor wie de verwijzing mag zien', en: 'Only visible to whoever may see the referral' })}</span>
            ),
            `${t(consentMethodLabels[c.consentMethod])}, ${dutchDate(c.consentGivenOn)}`,
            c.conclusion ?? '—',
          ])}
        />
      </section>
      {m.actions.length > 0 ? (
        <section class="kl-section" aria-labelledby="section-actions">
          <h2 class="utrecht-heading-2" id="section-actions">
            {t({ nl: 'Acties', en: 'Actions' })}
          </h2>
          <Table
            caption={t({ nl: 'Wat is afgesproken, door wie en wanneer', en: 'What was agreed, by whom and when' })}
            headers={[
              t({ nl: 'Casus', en: 'Case' }),
              t({ nl: 'Actie', en: 'Action' }),
              t({ nl: 'Eigenaar', en: 'Owner' }),
              t({ nl: 'Uiterlijk', en: 'By' }),
              t({ nl: 'Klaar', en: 'Done' }),
            ]}
            rows={m.actions.map((a) => [
              String(a.caseNumber),
              a.description,
              a.ownerName,
              <>
                {dutchDate(a.dueOn)}
                {actionOverdue(a, props.today) ? <span class="kl-state kl-state--due"> {t({ nl: 'te laat', en: 'overdue' })}</span> : null}
              </>,
              takesPart ? (
                <PostForm view={view} action={`/mdo/${m.id}/actie`} class="kl-inline-form">
                  <input type="hidden" name="action_id" value={a.id} />
                  <input type="hidden" name="done" value={a.done ? 'nee' : 'ja'} />
                  <Button variant="secondary">
                    {a.done ? t({ nl: 'Klaar — toch niet', en: 'Done — undo' }) : t({ nl: 'Markeer als klaar', en: 'Mark as done' })}
                    <span class="kl-visually-hidden"> – {a.description}</span>
                  </Button>
                </PostForm>
              ) : a.done ? (
                t({ nl: 'ja', en: 'yes' })
              ) : (
                t({ nl: 'nee', en: 'no' })
              ),
            ])}
          />
        </section>
      ) : null}
      {takesPart && m.status === 'planned' ? <RecordForm {...props} /> : null}
      <Paragraph>
        <Link href="/mdo">{t({ nl: 'Naar alle MDO’s', en: 'To all MDOs' })}</Link>
      </Paragraph>
    </Page>
  );
}

function RecordForm(props: { view: ViewContext; mdo: MdoView; values: Values; errors: FieldErrors }) {
  const { view, mdo: m, values, errors } = props;
  const t = view.t;
  const caseOptions = m.cases.map((c) => ({ value: c.id, label: fill(t({ nl: 'Casus {n}', en: 'Case {n}' }), { n: c.number }) }));
  const ownerOptions = m.participants.map((p) => ({ value: p.id, label: `${p.name} (${p.side})` }));
  return (
    <>
      <section class="kl-section" aria-labelledby="section-record">
        <h2 class="utrecht-heading-2" id="section-record">
          {t({ nl: 'MDO vastleggen', en: 'Record the MDO' })}
        </h2>
        <Paragraph>{t(noExtraPatientData)}</Paragraph>
        <ErrorSummary view={view} errors={errors} />
        <PostForm view={view} action={`/mdo/${m.id}/vastleggen`} novalidate>
          <TextAreaField
            view={view}
            name="minutes"
            rows={3}
            label={{ nl: 'Verslag in het kort', en: 'Short minutes' }}
            value={values['minutes']}
            errors={errors}
          />
          {m.cases.map((c) => (
            <TextAreaField
              view={view}
              name={conclusionField(c.id)}
              rows={2}
              label={{ nl: `Afspraak bij casus ${c.number}`, en: `Agreed for case ${c.number}` }}
              value={values[conclusionField(c.id)]}
              errors={errors}
            />
          ))}
          {m.cases.length > 0 ? (
            <fieldset class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${errors['actions'] ? ' utrecht-form-fieldset--invalid' : ''}`}>
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                {t({ nl: 'Acties, met eigenaar en datum (niet verplicht)', en: 'Actions, with owner and date (optional)' })}
              </legend>
              {errors['actions'] ? (
                <div class="utrecht-form-field-error-message" id="field-actions">
                  {errors['actions']}
                </div>
              ) : null}
              {Array.from({ length: ACTION_ROWS }, (_, index) => {
                const i = index + 1;
                return (
                  <div class="kl-filters">
                    <SelectField
                      view={view}
                      name={`action_case_${i}`}
                      optionalMark={false}
                      label={{ nl: `Casus van actie ${i}`, en: `Case of action ${i}` }}
                      options={caseOptions}
                      value={values[`action_case_${i}`]}
                    />
                    <TextField
                      view={view}
                      name={`action_text_${i}`}
                      optionalMark={false}
                      label={{ nl: `Actie ${i}`, en: `Action ${i}` }}
                      value={values[`action_text_${i}`]}
                    />
                    <SelectField
                      view={view}
                      name={`action_owner_${i}`}
                      optionalMark={false}
                      label={{ nl: `Eigenaar van actie ${i}`, en: `Owner of action ${i}` }}
                      options={ownerOptions}
                      placeholder={{ nl: '(kies)', en: '(choose)' }}
                      value={values[`action_owner_${i}`]}
                    />
                    <TextField
                      view={view}
                      name={`action_due_${i}`}
                      optionalMark={false}
                      size="short"
                      label={{ nl: `Uiterlijk (actie ${i})`, en: `By (action ${i})` }}
                      value={values[`action_due_${i}`]}
                    />
                  </div>
                );
              })}
            </fieldset>
          ) : null}
          <Button>{t({ nl: 'MDO vastleggen als gehouden', en: 'Record the MDO as held' })}</Button>
        </PostForm>
      </section>
      <PostForm view={view} action={`/mdo/${m.id}/afzeggen`} class="kl-inline-form">
        <Button variant="secondary">{t({ nl: 'MDO afzeggen', en: 'Cancel the MDO' })}</Button>
      </PostForm>
    </>
  );
}

export function ReferralMdoPage(props: {
  view: ViewContext;
  referral: { id: string; reference: string; practiceId: string | null };
  choices: Array<{ id: string; starts_at: Date }>;
  discussed: Array<{ id: string; starts_at: Date; status: 'planned' | 'held' | 'cancelled' }>;
  values: Values;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const { view, referral, values, errors } = props;
  const t = view.t;
  const title = fill(t({ nl: 'Verwijzing {reference} bespreken in een MDO', en: 'Discuss referral {reference} in an MDO' }), { reference: referral.reference });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Notice view={view} notice={props.notice} />
      {props.discussed.length > 0 ? (
        <Table
          caption={t({ nl: 'Op de agenda van', en: 'On the agenda of' })}
          headers={[t({ nl: 'MDO', en: 'MDO' }), t({ nl: 'Stand', en: 'State' })]}
          rows={props.discussed.map((d) => [<Link href={`/mdo/${d.id}`}>{formatDateTime(d.starts_at, view.lang)}</Link>, t(mdoStatusLabels[d.status])])}
        />
      ) : null}
      {props.choices.length === 0 ? (
        <Paragraph>
          {t({
            nl: 'Er is geen gepland MDO bij deze praktijk waaraan u meedoet.',
            en: 'There is no planned MDO at this practice that you take part in.',
          })}{' '}
          {referral.practiceId ? <Link href={`/mdo/praktijk/${referral.practiceId}`}>{t({ nl: 'Plan een MDO', en: 'Plan an MDO' })}</Link> : null}
        </Paragraph>
      ) : (
        <section class="kl-section" aria-labelledby="section-add">
          <h2 class="utrecht-heading-2" id="section-add">
            {t({ nl: 'Op de agenda zetten', en: 'Put on the agenda' })}
          </h2>
          <Paragraph>
            {t({
              nl: 'Bespreek een verwijzing alleen als de patiënt daar toestemming voor gaf. Leg vast hoe en wanneer. Alleen deelnemers die de verwijzing mogen zien, zien over wie het gaat.',
              en: 'Only discuss a referral when the patient consented to it. Record how and when. Only participants who may see the referral see who it is about.',
            })}
          </Paragraph>
          <ErrorSummary view={view} errors={errors} />
          <PostForm view={view} action={`/verwijzingen/${referral.id}/mdo`} novalidate>
            <SelectField
              view={view}
              name="mdo_id"
              required
              label={{ nl: 'Welk MDO?', en: 'Which MDO?' }}
              options={props.choices.map((c) => ({ value: c.id, label: formatDateTime(c.starts_at, view.lang) }))}
              value={values['mdo_id']}
              errors={errors}
            />
            <RadioGroup
              view={view}
              name="consent_method"
              legend={{
                nl: 'Hoe gaf de patiënt toestemming om de verwijzing in een MDO te bespreken?',
                en: 'How did the patient consent to discussing the referral in an MDO?',
              }}
              options={consentMethods.map((m) => ({ value: m, label: consentMethodLabels[m] }))}
              value={values['consent_method']}
              errors={errors}
            />
            <TextField
              view={view}
              name="consent_given_on"
              required
              size="short"
              label={{ nl: 'Op welke datum?', en: 'On which date?' }}
              value={values['consent_given_on']}
              errors={errors}
            />
            <Checkbox
              name="consent_confirmed"
              label={t({
                nl: 'De patiënt gaf toestemming om de verwijzing in een MDO te bespreken.',
                en: 'The patient consented to discussing the referral in an MDO.',
              })}
              checked={Boolean(values['consent_confirmed'])}
              errors={errors}
            />
            <Button>{t({ nl: 'Op de agenda zetten', en: 'Put on the agenda' })}</Button>
          </PostForm>
        </section>
      )}
      <Paragraph>
        <Link href={`/verwijzingen/${referral.id}`}>{t({ nl: 'Terug naar de verwijzing', en: 'Back to the referral' })}</Link>
      </Paragraph>
    </Page>
  );
}

/** The start-page block: the user's open MDO actions, until they are done. */
export function OpenMdoActions({ view, actions, today }: { view: ViewContext; actions: OpenMdoAction[]; today: string }) {
  if (actions.length === 0) return null;
  const t = view.t;
  return (
    <section class="kl-section" aria-labelledby="section-mdo-actions">
      <h2 class="utrecht-heading-2" id="section-mdo-actions">
        {t({ nl: 'Uw acties uit een MDO', en: 'Your actions from an MDO' })}
      </h2>
      <Table
        caption={t({ nl: 'Open acties, eerst de oudste datum', en: 'Open actions, earliest date first' })}
        headers={[t({ nl: 'Actie', en: 'Action' }), t({ nl: 'Uiterlijk', en: 'By' }), t({ nl: 'MDO', en: 'MDO' })]}
        rows={actions.map((a) => [
          a.description,
          <>
            {dutchDate(a.dueOn)}
            {actionOverdue({ dueOn: a.dueOn, done: false }, today) ? <span class="kl-state kl-state--due"> {t({ nl: 'te laat', en: 'overdue' })}</span> : null}
          </>,
          <Link href={`/mdo/${a.mdoId}`}>{`${a.practiceName}, ${formatDateTime(a.mdoStartsAt, view.lang)}`}</Link>,
        ])}
      />
    </section>
  );
}
