import type { Hono } from 'hono';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { asFormValues, parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { AppError } from '../platform/errors.ts';
import type { Organisation } from '../platform/db/schema.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
  ButtonLink,
  ErrorSummary,
  Heading1,
  Link,
  PostForm,
  SelectField,
  Table,
  TextField,
  type FieldErrors,
} from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { listOrganisations } from './organisations.ts';
import { createTeam, getTeam, listTeams, teamSchema, updateTeam, type TeamWithOrganisation } from './teams.ts';
import { savedNotice } from './notices.tsx';

function TeamList(props: { view: ViewContext; teams: TeamWithOrganisation[]; notice: string | undefined }) {
  const t = props.view.t;
  return (
    <Page view={props.view} title={t({ nl: 'Teams', en: 'Teams' })}>
      <Heading1>{t({ nl: 'Teams', en: 'Teams' })}</Heading1>
      {savedNotice(props.view, props.notice)}
      <div class="kl-actions">
        <ButtonLink href="/beheer/teams/nieuw">{t({ nl: 'Nieuw team', en: 'New team' })}</ButtonLink>
      </div>
      <Table
        caption={t({ nl: 'Teams in het sociaal domein', en: 'Social domain teams' })}
        headers={[t({ nl: 'Team', en: 'Team' }), t({ nl: 'Organisatie', en: 'Organisation' }), t({ nl: 'Telefoon', en: 'Phone' })]}
        empty={t({ nl: 'Er zijn nog geen teams.', en: 'There are no teams yet.' })}
        rows={props.teams.map((team) => [<Link href={`/beheer/teams/${team.id}`}>{team.name}</Link>, team.organisation_name, team.phone ?? '—'])}
      />
    </Page>
  );
}

function TeamForm(props: {
  view: ViewContext;
  owners: Organisation[];
  values: Record<string, string | null | undefined>;
  errors?: FieldErrors;
  problem?: string;
  editingId?: string;
}) {
  const { view, values, errors } = props;
  const t = view.t;
  const title = props.editingId ? t({ nl: 'Team wijzigen', en: 'Edit team' }) : t({ nl: 'Nieuw team', en: 'New team' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <ErrorSummary view={view} errors={errors ?? {}} />
      <PostForm view={view} action={props.editingId ? `/beheer/teams/${props.editingId}` : '/beheer/teams'} novalidate>
        <SelectField
          view={view}
          name="organisation_id"
          required
          label={{ nl: 'Organisatie', en: 'Organisation' }}
          description={{ nl: 'Een gemeente of een organisatie in het sociaal domein.', en: 'A municipality or a social domain organisation.' }}
          value={values['organisation_id']}
          placeholder={{ nl: 'Kies…', en: 'Choose…' }}
          options={props.owners.map((o) => ({ value: o.id, label: o.name }))}
          errors={errors}
        />
        <TextField view={view} name="name" required label={{ nl: 'Naam van het team', en: 'Team name' }} value={values['name']} errors={errors} />
        <TextField view={view} name="phone" type="tel" label={{ nl: 'Telefoon', en: 'Phone' }} value={values['phone']} errors={errors} />
        <TextField view={view} name="email" type="email" label={{ nl: 'E-mailadres', en: 'E-mail address' }} value={values['email']} errors={errors} />
        <div class="kl-actions">
          <Button>{t({ nl: 'Opslaan', en: 'Save' })}</Button>
          <Link href="/beheer/teams">{t({ nl: 'Annuleren', en: 'Cancel' })}</Link>
        </div>
      </PostForm>
    </Page>
  );
}

async function renderForm(
  c: AppContext,
  services: Services,
  values: Record<string, string | null | undefined>,
  status: 200 | 404 | 409 | 422,
  extra: { errors?: FieldErrors; problem?: string; editingId?: string } = {},
) {
  const owners = (await listOrganisations(services.db)).filter((o) => o.kind !== 'practice');
  return c.html(<TeamForm view={view(c)} owners={owners} values={values} {...extra} />, status);
}

export function registerTeamPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const guard = authorize(services, { roles: ['admin'] });

  app.get('/beheer/teams', guard, async (c) => c.html(<TeamList view={view(c)} teams={await listTeams(db)} notice={c.req.query('melding')} />));

  app.get('/beheer/teams/nieuw', guard, (c) => renderForm(c, services, {}, 200));

  app.post('/beheer/teams', guard, async (c) => {
    const form = await parseForm(c, teamSchema(view(c).t));
    if (!form.ok) return renderForm(c, services, form.values, 422, { errors: form.errors });
    try {
      await createTeam(db, c.get('ctx'), form.data);
    } catch (err) {
      if (err instanceof AppError && [404, 409, 422].includes(err.status))
        return renderForm(c, services, form.values, err.status as 409, { problem: view(c).t(err.userMessage) });
      throw err;
    }
    return c.redirect('/beheer/teams?melding=opgeslagen', 303);
  });

  app.get('/beheer/teams/:id', guard, async (c) => {
    const team = await getTeam(db, idParam(c));
    return renderForm(c, services, asFormValues(team), 200, { editingId: team.id });
  });

  app.post('/beheer/teams/:id', guard, async (c) => {
    const id = idParam(c);
    const form = await parseForm(c, teamSchema(view(c).t));
    if (!form.ok) return renderForm(c, services, form.values, 422, { errors: form.errors, editingId: id });
    try {
      await updateTeam(db, c.get('ctx'), id, form.data);
    } catch (err) {
      if (err instanceof AppError && [409, 422].includes(err.status))
        return renderForm(c, services, form.values, err.status as 409, { problem: view(c).t(err.userMessage), editingId: id });
      throw err;
    }
    return c.redirect('/beheer/teams?melding=opgeslagen', 303);
  });
}
