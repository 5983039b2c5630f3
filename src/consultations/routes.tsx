import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import type { Actor } from '../platform/context.ts';
import type { Role } from '../platform/db/schema.ts';
import type { Text } from '../platform/i18n.ts';
import { fill } from '../platform/i18n.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { membershipKindOf } from '../platform/auth/roles.ts';
import { markNotificationsRead } from '../platform/notifications/notify.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
  ButtonLink,
  ErrorSummary,
  FormKeyField,
  Heading1,
  Link,
  Paragraph,
  PostForm,
  Table,
  TextField,
  formatDateTime,
  type FieldErrors,
} from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { MessageField, MessageForm, MessageList } from '../messages/thread.tsx';
import { consultationReplySchema, consultationSchema, SUBJECT_MAX_LENGTH } from './consultation-schemas.ts';
import { consultationSide } from './consultation-access.ts';
import { askConsultation } from './ask-consultation.ts';
import { replyToConsultation } from './reply-to-consultation.ts';
import { closeConsultation } from './close-consultation.ts';
import { getConsultation, listConsultations, type ConsultationDetails, type ConsultationStatus } from './list-consultations.ts';
import { teamChoices, type TeamChoice } from './team-choices.ts';

/**
 * Consultation without a patient (casuïstiek, docs/product.md step 7): a practice asks a team a question
 * about a situation without naming anyone; the team answers, the practice can reply, either side
 * closes it. No patient data, so no read audit is needed; changes are audited anyway.
 *
 *   GET  /overleg               practice: its questions · team: questions to the team
 *   GET  /overleg/nieuw         practice: the question form
 *   POST /overleg               practice: ask
 *   GET  /overleg/:id           both sides: the thread
 *   POST /overleg/:id/berichten both sides: answer / reply
 *   POST /overleg/:id/sluiten   both sides: close
 */
const practiceRoles: readonly Role[] = ['practice_staff', 'practice_admin'];
const bothSides: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin'];

const statusLabels: Record<ConsultationStatus, Text> = {
  open: { nl: 'Wacht op antwoord van het team', en: 'Waiting for the team to answer' },
  answered: { nl: 'Beantwoord', en: 'Answered' },
  closed: { nl: 'Afgesloten', en: 'Closed' },
};

const privacyWarning: Text = {
  nl: 'Schrijf geen naam, geboortedatum, adres, postcode, BSN, telefoonnummer, e-mailadres of ander gegeven waaraan iemand te herkennen is. Beschrijf de situatie in het algemeen, bijvoorbeeld "een vader van rond de 35 met twee kinderen, huurachterstand". Korte Lijn weigert tekst met een postcode, een geboortedatum, een getal van 9 cijfers of een e-mailadres.',
  en: 'Do not write a name, date of birth, address, postcode, citizen service number (BSN), phone number, e-mail address or anything else by which someone can be recognised. Describe the situation in general terms, for example "a father of around 35 with two children, rent arrears". Korte Lijn refuses text with a postcode, a date of birth, a 9-digit number or an e-mail address.',
};

const uuid = z.uuid();

function consultationScope(services: Services) {
  return async (actor: Actor, c: AppContext): Promise<boolean> => {
    const id = c.req.param('id');
    if (!id || !uuid.safeParse(id).success) return false;
    return (await consultationSide(services.db, actor, id)) !== null;
  };
}

function TeamSelect(props: { view: ViewContext; choices: { region: TeamChoice[]; other: TeamChoice[] }; value: string | undefined; errors: FieldErrors }) {
  const { view } = props;
  const t = view.t;
  const error = props.errors['team_id'];
  const option = (choice: TeamChoice) => (
    <option value={choice.id} selected={choice.id === props.value}>
      {choice.label}
    </option>
  );
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for="field-team_id">
          {t({ nl: 'Aan welk team stelt u de vraag?', en: 'Which team do you want to ask?' })}
        </label>
      </div>
      <div class="utrecht-form-field__description utrecht-form-field-description" id="field-team_id-description">
        {t({ nl: 'Bovenaan staan de teams die verwijzingen uit uw regio krijgen.', en: 'At the top are the teams that receive referrals from your region.' })}
      </div>
      {error ? (
        <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="field-team_id-error">
          {error}
        </div>
      ) : null}
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
          id="field-team_id"
          name="team_id"
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'field-team_id-description field-team_id-error' : 'field-team_id-description'}
        >
          <option value="">{t({ nl: 'Kies een team…', en: 'Choose a team…' })}</option>
          {props.choices.region.length > 0 ? (
            <optgroup label={t({ nl: 'Teams in uw regio', en: 'Teams in your region' })}>{props.choices.region.map(option)}</optgroup>
          ) : null}
          {props.choices.other.length > 0 ? (
            <optgroup label={props.choices.region.length > 0 ? t({ nl: 'Andere teams', en: 'Other teams' }) : t({ nl: 'Alle teams', en: 'All teams' })}>
              {props.choices.other.map(option)}
            </optgroup>
          ) : null}
        </select>
      </div>
    </div>
  );
}

export function registerConsultationRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const anySide = authorize(services, { roles: bothSides });
  const practiceOnly = authorize(services, { roles: practiceRoles });
  const scoped = authorize(services, { roles: bothSides, scope: consultationScope(services) });
  const baseUrl = () => publicBaseUrl(services.config);

  app.get('/overleg', anySide, async (c) => {
    const v = view(c);
    const t = v.t;
    const actor = c.get('ctx').actor!;
    const isPractice = membershipKindOf(actor.role) === 'practice';
    const rows = await listConsultations(db, actor);
    const title = t({ nl: 'Overleg zonder patiënt', en: 'Consultation without a patient' });
    return c.html(
      <Page view={v} title={title}>
        <Heading1>{title}</Heading1>
        <Paragraph>
          {isPractice
            ? t({
                nl: 'Stel een team een vraag over een situatie, zonder te zeggen over wie het gaat. Bijvoorbeeld: "Kan iemand met een betalingsregeling bij jullie terecht?"',
                en: 'Ask a team a question about a situation, without saying who it is about. For example: "Can someone with a payment arrangement come to you?"',
              })
            : t({
                nl: 'Vragen van huisartsenpraktijken aan uw team, zonder gegevens van patiënten.',
                en: 'Questions from GP practices to your team, without patient data.',
              })}
        </Paragraph>
        {isPractice ? (
          <div class="kl-actions">
            <ButtonLink href="/overleg/nieuw">{t({ nl: 'Nieuwe vraag stellen', en: 'Ask a new question' })}</ButtonLink>
          </div>
        ) : null}
        <Table
          caption={
            isPractice
              ? t({ nl: 'Vragen van uw praktijk, laatst bijgewerkt eerst', en: 'Questions from your practice, most recently updated first' })
              : t({ nl: 'Vragen aan uw team, laatst bijgewerkt eerst', en: 'Questions to your team, most recently updated first' })
          }
          headers={[
            t({ nl: 'Onderwerp', en: 'Subject' }),
            isPractice ? t({ nl: 'Team', en: 'Team' }) : t({ nl: 'Praktijk', en: 'Practice' }),
            t({ nl: 'Status', en: 'Status' }),
            t({ nl: 'Bijgewerkt', en: 'Updated' }),
          ]}
          empty={
            isPractice
              ? t({ nl: 'Uw praktijk heeft nog geen vragen gesteld.', en: 'Your practice has not asked any questions yet.' })
              : t({ nl: 'Er zijn nog geen vragen aan uw team.', en: 'There are no questions to your team yet.' })
          }
          rows={rows.map((r) => [
            <Link href={`/overleg/${r.id}`}>{r.subject}</Link>,
            isPractice ? r.teamName : r.practiceName,
            t(statusLabels[r.status]),
            formatDateTime(r.updatedAt, v.lang),
          ])}
        />
      </Page>,
    );
  });

  const renderNew = async (c: AppContext, status: 200 | 422 = 200, form: { values?: Record<string, string>; errors?: FieldErrors } = {}) => {
    const v = view(c);
    const t = v.t;
    const actor = c.get('ctx').actor!;
    const choices = await teamChoices(db, actor.practiceId!);
    const errors = form.errors ?? {};
    const title = t({ nl: 'Vraag stellen aan een team', en: 'Ask a team a question' });
    return c.html(
      <Page view={v} title={title}>
        <Heading1>{title}</Heading1>
        <Alert type="warning">
          <strong>{t({ nl: 'Zonder patiënt. ', en: 'Without a patient. ' })}</strong>
          {t(privacyWarning)}
        </Alert>
        <ErrorSummary view={v} errors={errors} />
        <PostForm view={v} action="/overleg" novalidate>
          <FormKeyField value={form.values?.['form_key']} />
          <TeamSelect view={v} choices={choices} value={form.values?.['team_id']} errors={errors} />
          <TextField
            view={v}
            name="subject"
            required
            label={{ nl: 'Onderwerp', en: 'Subject' }}
            description={{
              nl: `Kort, in een paar woorden (hooguit ${SUBJECT_MAX_LENGTH} tekens).`,
              en: `Short, in a few words (at most ${SUBJECT_MAX_LENGTH} characters).`,
            }}
            value={form.values?.['subject']}
            errors={errors}
          />
          <MessageField
            view={v}
            name="question"
            label={{ nl: 'Uw vraag', en: 'Your question' }}
            description={{
              nl: 'Beschrijf de situatie in het algemeen. Geen naam, geboortedatum, adres of ander herkenbaar gegeven.',
              en: 'Describe the situation in general terms. No name, date of birth, address or other identifying data.',
            }}
            value={form.values?.['question']}
            errors={errors}
            rows={7}
          />
          <Button>{t({ nl: 'Vraag versturen', en: 'Send question' })}</Button>
        </PostForm>
        <Paragraph>
          <Link href="/overleg">{t({ nl: 'Terug naar overleg', en: 'Back to consultations' })}</Link>
        </Paragraph>
      </Page>,
      status,
    );
  };

  app.get('/overleg/nieuw', practiceOnly, (c) => renderNew(c));

  app.post('/overleg', practiceOnly, async (c) => {
    const form = await parseForm(c, consultationSchema(view(c).t, amsterdamToday()));
    if (!form.ok) return renderNew(c, 422, { values: form.values, errors: form.errors });
    try {
      const { id } = await askConsultation(db, c.get('ctx'), { ...form.data, baseUrl: baseUrl() });
      return c.redirect(`/overleg/${id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return renderNew(c, 422, { values: form.values, errors: { team_id: view(c).t(err.userMessage) } });
      throw err;
    }
  });

  const renderConsultation = async (c: AppContext, status: 200 | 422 = 200, form: { values?: Record<string, string>; errors?: FieldErrors } = {}) => {
    const v = view(c);
    const t = v.t;
    const actor = c.get('ctx').actor!;
    const id = idParam(c);
    const consultation: ConsultationDetails = await getConsultation(db, actor, id);
    if (status === 200) await markNotificationsRead(services.db, actor.userId, { consultationId: id });
    const isTeam = consultation.side === 'team';
    return c.html(
      <Page view={v} title={consultation.subject}>
        <Heading1>{consultation.subject}</Heading1>
        <Paragraph>
          {fill(t({ nl: 'Vraag van {practice} aan {team}. Status: {status}.', en: 'Question from {practice} to {team}. Status: {status}.' }), {
            practice: consultation.practiceName,
            team: consultation.teamName,
            status: t(statusLabels[consultation.status]).toLowerCase(),
          })}
        </Paragraph>
        <h2 class="utrecht-heading-2">{t({ nl: 'Berichten', en: 'Messages' })}</h2>
        <MessageList view={v} messages={consultation.messages} empty={{ nl: 'Er zijn nog geen berichten.', en: 'There are no messages yet.' }} />
        {consultation.status === 'closed' ? (
          <Alert type="info">
            {t({
              nl: 'Dit overleg is afgesloten. Stel een nieuwe vraag als u verder wilt.',
              en: 'This consultation is closed. Ask a new question if you want to continue.',
            })}
          </Alert>
        ) : (
          <>
            <h2 class="utrecht-heading-2">{isTeam ? t({ nl: 'Antwoorden', en: 'Answer' }) : t({ nl: 'Reageren', en: 'Reply' })}</h2>
            <Alert type="info">{t(privacyWarning)}</Alert>
            <MessageForm
              view={v}
              action={`/overleg/${id}/berichten`}
              label={isTeam ? { nl: 'Uw antwoord', en: 'Your answer' } : { nl: 'Uw reactie', en: 'Your reply' }}
              description={{ nl: 'Zonder naam of ander herkenbaar gegeven.', en: 'Without a name or other identifying data.' }}
              button={isTeam ? { nl: 'Antwoord versturen', en: 'Send answer' } : { nl: 'Reactie versturen', en: 'Send reply' }}
              errors={form.errors}
              value={form.values?.['body']}
              formKey={form.values?.['form_key'] ?? undefined}
            />
            <h2 class="utrecht-heading-2">{t({ nl: 'Afsluiten', en: 'Close' })}</h2>
            <Paragraph>
              {t({
                nl: 'Is de vraag beantwoord? Sluit het overleg dan af. Daarna kan niemand meer reageren.',
                en: 'Has the question been answered? Then close the consultation. After that nobody can reply any more.',
              })}
            </Paragraph>
            <PostForm view={v} action={`/overleg/${id}/sluiten`}>
              <Button variant="secondary">{t({ nl: 'Overleg afsluiten', en: 'Close consultation' })}</Button>
            </PostForm>
          </>
        )}
        <Paragraph>
          <Link href="/overleg">{t({ nl: 'Terug naar overleg', en: 'Back to consultations' })}</Link>
        </Paragraph>
      </Page>,
      status,
    );
  };

  app.get('/overleg/:id', scoped, (c) => renderConsultation(c));

  app.post('/overleg/:id/berichten', scoped, async (c) => {
    const id = idParam(c);
    const form = await parseForm(c, consultationReplySchema(view(c).t, amsterdamToday()));
    if (!form.ok) return renderConsultation(c, 422, { values: form.values, errors: form.errors });
    await replyToConsultation(db, c.get('ctx'), { ...form.data, consultationId: id, baseUrl: baseUrl() });
    return c.redirect(`/overleg/${id}`, 303);
  });

  app.post('/overleg/:id/sluiten', scoped, async (c) => {
    const id = idParam(c);
    await closeConsultation(db, c.get('ctx'), id);
    return c.redirect(`/overleg/${id}`, 303);
  });
}
