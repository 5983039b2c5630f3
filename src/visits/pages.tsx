import type { Child } from 'hono/jsx';
import { fill, type Text } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, ErrorSummary, Heading1, Link, Paragraph, PostForm, Table, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import { CheckboxGroup, TextAreaField } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { dutchDate } from '../referrals/labels.ts';
import { DataList } from '../referrals/ui-parts.tsx';
import { FOLLOW_UP_ROWS, PARTICIPANT_ROWS, topicField } from './visit-form.ts';
import { visitStatusLabels, visitTopicLabels, visitTopics } from './visit-rules.ts';
import type { PracticeVisitState, VisitView } from './read-visits.ts';

type Values = Record<string, string | null | undefined>;
type Choice = { id: string; label: string };

export const visitNotices: Record<string, Text> = {
  gepland: {
    nl: 'Het bezoek is gepland. Collega’s van andere teams zien het in de agenda van de praktijk.',
    en: 'The visit has been planned. Colleagues of other teams see it in the practice’s calendar.',
  },
  vastgelegd: { nl: 'Het bezoek is vastgelegd.', en: 'The visit has been recorded.' },
  afgezegd: { nl: 'Het bezoek is afgezegd.', en: 'The visit has been cancelled.' },
  vervolg: { nl: 'Opgeslagen.', en: 'Saved.' },
};

const noPatientData: Text = {
  nl: 'Schrijf hier niets over patiënten: geen namen, geen geboortedata, geen BSN. Een bezoek gaat over de samenwerking.',
  en: 'Write nothing about patients here: no names, no dates of birth, no BSN. A visit is about the collaboration.',
};

export function RegionVisitsPage({ view, states }: { view: ViewContext; states: PracticeVisitState[] }) {
  const t = view.t;
  const title = t({ nl: 'Bezoeken aan praktijken', en: 'Visits to practices' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'Bezoek elke praktijk een of twee keer per jaar. Elke praktijk heeft één agenda voor alle teams van de regio, zodat u bezoeken kunt combineren met collega’s (geldzaken, jeugd, welzijn).',
          en: 'Visit every practice once or twice a year. Every practice has one calendar for all teams of the region, so you can combine visits with colleagues (money, youth, welfare).',
        })}
      </Paragraph>
      <Table
        caption={t({ nl: 'Praktijken van de regio', en: 'Practices of the region' })}
        headers={[
          t({ nl: 'Praktijk', en: 'Practice' }),
          t({ nl: 'Laatste bezoek', en: 'Last visit' }),
          t({ nl: 'Volgend bezoek', en: 'Next visit' }),
          t({ nl: 'Stand', en: 'State' }),
        ]}
        empty={t({ nl: 'Er zijn geen praktijken in uw regio.', en: 'There are no practices in your region.' })}
        rows={states.map((s) => [
          <Link href={`/bezoeken/praktijk/${s.practiceId}`}>{s.practiceName}</Link>,
          dutchDate(s.lastHeldOn),
          s.nextPlannedOn
            ? dutchDate(s.nextPlannedOn)
            : s.nextVisitDue
              ? fill(t({ nl: 'uiterlijk {date}', en: 'by {date}' }), { date: dutchDate(s.nextVisitDue) })
              : '—',
          s.overdue ? (
            <span class="kl-state kl-state--stale">{t({ nl: 'Al 12 maanden geen bezoek', en: 'No visit for 12 months' })}</span>
          ) : (
            <span class="kl-state kl-state--fresh">{t({ nl: 'Op schema', en: 'On schedule' })}</span>
          ),
        ])}
      />
    </Page>
  );
}

function Participants(props: { view: ViewContext; teams: Choice[]; values: Values; errors: FieldErrors }) {
  const { view, values, errors } = props;
  const t = view.t;
  const error = errors['participants'];
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-describedby={error ? 'field-participants-error' : undefined}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {t({ nl: 'Wie gaan er, van welk team?', en: 'Who is going, from which team?' })}
      </legend>
      {error ? (
        <div class="utrecht-form-field-error-message" id="field-participants-error">
          {error}
        </div>
      ) : null}
      {Array.from({ length: PARTICIPANT_ROWS }, (_, index) => {
        const i = index + 1;
        const nameId = i === 1 ? 'field-participants' : `field-participant_name_${i}`;
        return (
          <div class="kl-filters">
            <div class="utrecht-form-field utrecht-form-field--text">
              <label class="utrecht-form-label" for={nameId}>
                {fill(t({ nl: 'Naam {i}', en: 'Name {i}' }), { i })}
              </label>
              <input
                class="utrecht-textbox utrecht-textbox--html-input"
                id={nameId}
                name={`participant_name_${i}`}
                value={values[`participant_name_${i}`] ?? ''}
              />
            </div>
            <div class="utrecht-form-field utrecht-form-field--text">
              <label class="utrecht-form-label" for={`field-participant_team_${i}`}>
                {fill(t({ nl: 'Team van naam {i}', en: 'Team of name {i}' }), { i })}
              </label>
              <select class="utrecht-select utrecht-select--html-select" id={`field-participant_team_${i}`} name={`participant_team_${i}`}>
                <option value="">{t({ nl: '(geen team)', en: '(no team)' })}</option>
                {props.teams.map((team) => (
                  <option value={team.id} selected={values[`participant_team_${i}`] === team.id}>
                    {team.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

export function PracticeCalendarPage(props: {
  view: ViewContext;
  practice: { id: string; name: string; mayPlan: boolean };
  visits: VisitView[];
  teams: Choice[];
  today: string;
  values: Values;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const { view, practice, today } = props;
  const t = view.t;
  const title = fill(t({ nl: 'Bezoeken aan {practice}', en: 'Visits to {practice}' }), { practice: practice.name });
  const upcoming = props.visits.filter((v) => v.status === 'planned' && v.plannedOn >= today).reverse();
  const past = props.visits.filter((v) => !(v.status === 'planned' && v.plannedOn >= today));
  const notice = props.notice ? visitNotices[props.notice] : undefined;
  const row = (v: VisitView) => [
    <Link href={`/bezoeken/${v.id}`}>{dutchDate(v.heldOn ?? v.plannedOn)}</Link>,
    t(visitStatusLabels[v.status]),
    v.participants.map((p) => (p.teamName ? `${p.name} (${p.teamName})` : p.name)).join(', '),
    v.topics.map((topic) => t(visitTopicLabels[topic])).join('; ') || '—',
  ];
  const headers = [t({ nl: 'Datum', en: 'Date' }), t({ nl: 'Stand', en: 'State' }), t({ nl: 'Wie', en: 'Who' }), t({ nl: 'Onderwerpen', en: 'Topics' })];
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      {notice ? <Alert type="ok">{t(notice)}</Alert> : null}
      <h2 class="utrecht-heading-2">{t({ nl: 'Gepland', en: 'Planned' })}</h2>
      <Table
        caption={t({ nl: 'Geplande bezoeken, eerstvolgende eerst', en: 'Planned visits, soonest first' })}
        headers={headers}
        empty={t({ nl: 'Er is geen bezoek gepland.', en: 'No visit is planned.' })}
        rows={upcoming.map(row)}
      />
      <h2 class="utrecht-heading-2">{t({ nl: 'Eerdere bezoeken', en: 'Earlier visits' })}</h2>
      <Table
        caption={t({ nl: 'Eerdere bezoeken, nieuwste eerst', en: 'Earlier visits, newest first' })}
        headers={headers}
        empty={t({ nl: 'Nog geen bezoeken.', en: 'No visits yet.' })}
        rows={past.map(row)}
      />
      {practice.mayPlan ? (
        <section class="kl-section" aria-labelledby="section-plan">
          <h2 class="utrecht-heading-2" id="section-plan">
            {t({ nl: 'Bezoek plannen', en: 'Plan a visit' })}
          </h2>
          <ErrorSummary view={view} errors={props.errors} />
          <PostForm view={view} action={`/bezoeken/praktijk/${practice.id}`} novalidate>
            <TextField
              view={view}
              name="planned_on"
              required
              size="short"
              label={{ nl: 'Datum', en: 'Date' }}
              description={{ nl: 'Bijvoorbeeld 27-11-2026.', en: 'For example 27-11-2026.' }}
              value={props.values['planned_on']}
              errors={props.errors}
            />
            <Participants view={view} teams={props.teams} values={props.values} errors={props.errors} />
            <CheckboxGroup
              view={view}
              legend={{ nl: 'Wat wilt u bespreken?', en: 'What do you want to discuss?' }}
              errorKey="topics"
              errors={props.errors}
              values={props.values}
              options={visitTopics.map((topic) => ({ name: topicField(topic), label: t(visitTopicLabels[topic]) }))}
            />
            <TextAreaField
              view={view}
              name="notes"
              rows={3}
              label={{ nl: 'Agenda of opmerking', en: 'Agenda or remark' }}
              description={noPatientData}
              value={props.values['notes']}
              errors={props.errors}
            />
            <Button>{t({ nl: 'Bezoek plannen', en: 'Plan the visit' })}</Button>
          </PostForm>
        </section>
      ) : null}
    </Page>
  );
}

export function VisitPage(props: {
  view: ViewContext;
  practice: { id: string; name: string; mayPlan: boolean };
  visit: VisitView;
  teams: Choice[];
  today: string;
  values: Values;
  errors: FieldErrors;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { view, visit: v, practice } = props;
  const t = view.t;
  const title = fill(t({ nl: 'Bezoek aan {practice}, {date}', en: 'Visit to {practice}, {date}' }), {
    practice: practice.name,
    date: dutchDate(v.heldOn ?? v.plannedOn),
  });
  const notice = props.notice ? visitNotices[props.notice] : undefined;
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      {notice ? <Alert type="ok">{t(notice)}</Alert> : null}
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <DataList
        rows={[
          [t({ nl: 'Stand', en: 'State' }), <strong data-testid="visit-status">{t(visitStatusLabels[v.status])}</strong>],
          [t({ nl: 'Gepland op', en: 'Planned for' }), dutchDate(v.plannedOn)],
          [t({ nl: 'Geweest op', en: 'Held on' }), v.heldOn ? dutchDate(v.heldOn) : null],
          [t({ nl: 'Gepland door', en: 'Planned by' }), v.plannedByName],
          [t({ nl: 'Wie', en: 'Who' }), v.participants.map((p) => (p.teamName ? `${p.name} (${p.teamName})` : p.name)).join(', ')],
          [t({ nl: 'Onderwerpen', en: 'Topics' }), v.topics.map((topic) => t(visitTopicLabels[topic])).join('; ')],
          [t({ nl: 'Opmerking', en: 'Remark' }), v.notes],
          [t({ nl: 'Volgend bezoek uiterlijk', en: 'Next visit by' }), v.nextVisitDue ? dutchDate(v.nextVisitDue) : null],
        ]}
      />
      {v.followUps.length > 0 ? (
        <section class="kl-section" aria-labelledby="section-follow-ups">
          <h2 class="utrecht-heading-2" id="section-follow-ups">
            {t({ nl: 'Vervolgafspraken', en: 'Follow-ups' })}
          </h2>
          <Table
            caption={t({ nl: 'Wat is afgesproken, en door wie', en: 'What was agreed, and by whom' })}
            headers={[
              t({ nl: 'Afspraak', en: 'Follow-up' }),
              t({ nl: 'Eigenaar', en: 'Owner' }),
              t({ nl: 'Uiterlijk', en: 'By' }),
              t({ nl: 'Klaar', en: 'Done' }),
            ]}
            rows={v.followUps.map((f) => [
              f.description,
              f.owner,
              dutchDate(f.dueOn),
              practice.mayPlan ? (
                <PostForm view={view} action={`/bezoeken/${v.id}/vervolg`} class="kl-inline-form">
                  <input type="hidden" name="follow_up_id" value={f.id} />
                  <input type="hidden" name="done" value={f.done ? 'nee' : 'ja'} />
                  <Button variant="secondary">
                    {f.done ? t({ nl: 'Klaar — toch niet', en: 'Done — undo' }) : t({ nl: 'Markeer als klaar', en: 'Mark as done' })}
                    <span class="kl-visually-hidden"> – {f.description}</span>
                  </Button>
                </PostForm>
              ) : f.done ? (
                t({ nl: 'ja', en: 'yes' })
              ) : (
                t({ nl: 'nee', en: 'no' })
              ),
            ])}
          />
        </section>
      ) : null}
      {practice.mayPlan && v.status === 'planned' ? <RecordForm {...props} /> : null}
      <Paragraph>
        <Link href={`/bezoeken/praktijk/${practice.id}`}>{t({ nl: 'Naar de agenda van de praktijk', en: 'To the practice’s calendar' })}</Link>
      </Paragraph>
    </Page>
  );
}

function RecordForm(props: { view: ViewContext; visit: VisitView; teams: Choice[]; values: Values; errors: FieldErrors }): Child {
  const { view, visit: v, values, errors } = props;
  const t = view.t;
  return (
    <>
      <section class="kl-section" aria-labelledby="section-record">
        <h2 class="utrecht-heading-2" id="section-record">
          {t({ nl: 'Bezoek vastleggen', en: 'Record the visit' })}
        </h2>
        <ErrorSummary view={view} errors={errors} />
        <PostForm view={view} action={`/bezoeken/${v.id}/vastleggen`} novalidate>
          <TextField view={view} name="held_on" required size="short" label={{ nl: 'Geweest op', en: 'Held on' }} value={values['held_on']} errors={errors} />
          <Participants view={view} teams={props.teams} values={values} errors={errors} />
          <CheckboxGroup
            view={view}
            legend={{ nl: 'Wat is er besproken?', en: 'What was discussed?' }}
            errorKey="topics"
            errors={errors}
            values={values}
            options={visitTopics.map((topic) => ({ name: topicField(topic), label: t(visitTopicLabels[topic]) }))}
          />
          <TextAreaField
            view={view}
            name="notes"
            rows={3}
            label={{ nl: 'Verslag in het kort', en: 'Short report' }}
            description={noPatientData}
            value={values['notes']}
            errors={errors}
          />
          <fieldset class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${errors['follow_ups'] ? ' utrecht-form-fieldset--invalid' : ''}`}>
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t({ nl: 'Vervolgafspraken (niet verplicht)', en: 'Follow-ups (optional)' })}
            </legend>
            {errors['follow_ups'] ? <div class="utrecht-form-field-error-message">{errors['follow_ups']}</div> : null}
            {Array.from({ length: FOLLOW_UP_ROWS }, (_, index) => {
              const i = index + 1;
              return (
                <div class="kl-filters">
                  <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for={i === 1 ? 'field-follow_ups' : `field-followup_text_${i}`}>
                      {fill(t({ nl: 'Afspraak {i}', en: 'Follow-up {i}' }), { i })}
                    </label>
                    <input
                      class="utrecht-textbox utrecht-textbox--html-input"
                      id={i === 1 ? 'field-follow_ups' : `field-followup_text_${i}`}
                      name={`followup_text_${i}`}
                      value={values[`followup_text_${i}`] ?? ''}
                    />
                  </div>
                  <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for={`field-followup_owner_${i}`}>
                      {fill(t({ nl: 'Eigenaar van afspraak {i}', en: 'Owner of follow-up {i}' }), { i })}
                    </label>
                    <input
                      class="utrecht-textbox utrecht-textbox--html-input"
                      id={`field-followup_owner_${i}`}
                      name={`followup_owner_${i}`}
                      value={values[`followup_owner_${i}`] ?? ''}
                    />
                  </div>
                  <div class="utrecht-form-field utrecht-form-field--text">
                    <label class="utrecht-form-label" for={`field-followup_due_${i}`}>
                      {fill(t({ nl: 'Uiterlijk (afspraak {i})', en: 'By (follow-up {i})' }), { i })}
                    </label>
                    <input
                      class="utrecht-textbox utrecht-textbox--html-input kl-textbox--short"
                      id={`field-followup_due_${i}`}
                      name={`followup_due_${i}`}
                      value={values[`followup_due_${i}`] ?? ''}
                    />
                  </div>
                </div>
              );
            })}
          </fieldset>
          <TextField
            view={view}
            name="next_visit_due"
            required
            size="short"
            label={{ nl: 'Volgend bezoek uiterlijk', en: 'Next visit by' }}
            description={{ nl: 'Een of twee keer per jaar: standaard over zes maanden.', en: 'Once or twice a year: six months from now by default.' }}
            value={values['next_visit_due']}
            errors={errors}
          />
          <Button>{t({ nl: 'Bezoek vastleggen', en: 'Record the visit' })}</Button>
        </PostForm>
      </section>
      <PostForm view={view} action={`/bezoeken/${v.id}/afzeggen`} class="kl-inline-form">
        <Button variant="secondary">{t({ nl: 'Bezoek afzeggen', en: 'Cancel the visit' })}</Button>
      </PostForm>
    </>
  );
}
