import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { asFormValues, parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { AppError } from '../platform/errors.ts';
import { fill, type Text } from '../platform/i18n.ts';
import { roleLabels, roles } from '../platform/auth/roles.ts';
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
import { Checkbox } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { listOrganisations, listRegions } from './organisations.ts';
import { listTeams } from './teams.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { createUser, getUser, listUsers, resetPassword, setUserDisabled, updateUser, userSchema, type UserListRow } from './users.ts';
import { savedNotice } from './notices.tsx';

type Values = Record<string, string | null | undefined>;

export function UserTable(props: { view: ViewContext; users: UserListRow[]; caption: string; linkTo?: (id: string) => string }) {
  const t = props.view.t;
  return (
    <Table
      caption={props.caption}
      headers={[
        t({ nl: 'Naam', en: 'Name' }),
        t({ nl: 'E-mailadres', en: 'E-mail address' }),
        t({ nl: 'Rol', en: 'Role' }),
        t({ nl: 'Hoort bij', en: 'Belongs to' }),
        t({ nl: 'Status', en: 'Status' }),
      ]}
      empty={t({ nl: 'Geen gebruikers gevonden.', en: 'No users found.' })}
      rows={props.users.map((u) => [
        props.linkTo ? <Link href={props.linkTo(u.id)}>{u.name}</Link> : u.name,
        u.email,
        t(roleLabels[u.role]),
        u.membership_name ?? '—',
        u.disabled_at
          ? t({ nl: 'Geblokkeerd', en: 'Blocked' })
          : u.must_change_password
            ? t({ nl: 'Moet wachtwoord kiezen', en: 'Must choose password' })
            : t({ nl: 'Actief', en: 'Active' }),
      ])}
    />
  );
}

interface Choices {
  practices: Array<{ id: string; name: string }>;
  teams: Array<{ id: string; name: string; organisation_name: string }>;
  regions: Array<{ id: string; name: string }>;
}

async function loadChoices(services: Services): Promise<Choices> {
  const [practices, teams, regions] = await Promise.all([
    listOrganisations(services.db, { kind: 'practice' }),
    listTeams(services.db),
    listRegions(services.db),
  ]);
  return { practices, teams, regions };
}

function UserFields(props: { view: ViewContext; choices: Choices; values: Values; errors?: FieldErrors | undefined }) {
  const { view, values, errors, choices } = props;
  const t = view.t;
  return (
    <>
      <TextField view={view} name="name" required autocomplete="off" label={{ nl: 'Naam', en: 'Name' }} value={values['name']} errors={errors} />
      <TextField
        view={view}
        name="email"
        type="email"
        required
        autocomplete="off"
        label={{ nl: 'E-mailadres', en: 'E-mail address' }}
        value={values['email']}
        errors={errors}
      />
      <SelectField
        view={view}
        name="role"
        required
        label={{ nl: 'Rol', en: 'Role' }}
        value={values['role']}
        placeholder={{ nl: 'Kies…', en: 'Choose…' }}
        options={roles.map((r) => ({ value: r, label: t(roleLabels[r]) }))}
        errors={errors}
      />
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">{t({ nl: 'Waar werkt deze gebruiker?', en: 'Where does this user work?' })}</legend>
        <Paragraph>
          {t({
            nl: 'Vul alleen in wat bij de rol past: een praktijk voor praktijkrollen, een team voor teamrollen, een regio voor de aanjager en de beleidsmedewerker.',
            en: 'Fill in only what fits the role: a practice for practice roles, a team for team roles, a region for the regional coordinator and the policy officer.',
          })}
        </Paragraph>
        <SelectField
          view={view}
          name="practice_id"
          label={{ nl: 'Huisartsenpraktijk', en: 'GP practice' }}
          value={values['practice_id']}
          placeholder={{ nl: 'Geen', en: 'None' }}
          options={choices.practices.map((p) => ({ value: p.id, label: p.name }))}
          errors={errors}
        />
        <SelectField
          view={view}
          name="team_id"
          label={{ nl: 'Team', en: 'Team' }}
          value={values['team_id']}
          placeholder={{ nl: 'Geen', en: 'None' }}
          options={choices.teams.map((tm) => ({ value: tm.id, label: `${tm.name} (${tm.organisation_name})` }))}
          errors={errors}
        />
        <SelectField
          view={view}
          name="region_id"
          label={{ nl: 'Regio', en: 'Region' }}
          value={values['region_id']}
          placeholder={{ nl: 'Geen', en: 'None' }}
          options={choices.regions.map((r) => ({ value: r.id, label: r.name }))}
          errors={errors}
        />
        <TextField
          view={view}
          name="municipality_code"
          label={{ nl: 'Gemeente (alleen voor een beleidsmedewerker)', en: 'Municipality (policy officers only)' }}
          description={{
            nl: 'De CBS-code van één gemeente in de regio, zoals GM0153: de beleidsmedewerker ziet dan alleen de cijfers van die gemeente. Leeg: de hele regio.',
            en: 'The CBS code of one municipality in the region, such as GM0153: the policy officer then sees only that municipality’s figures. Empty: the whole region.',
          }}
          size="short"
          autocomplete="off"
          value={values['municipality_code']}
          errors={errors}
        />
      </fieldset>
    </>
  );
}

/** The temporary password, shown once to whoever made or reset the account (also colleagues, my-organisation-pages.tsx). */
export function TemporaryPasswordPage(props: {
  view: ViewContext;
  title: string;
  name: string;
  password: string;
  /** An invitation mail went out with it (a new account, or invited again). */
  invited: boolean;
  back: { href: string; label: Text };
}) {
  const t = props.view.t;
  return (
    <Page view={props.view} title={props.title}>
      <Heading1>{props.title}</Heading1>
      <Alert type="ok">
        {fill(t({ nl: 'Tijdelijk wachtwoord voor {name}:', en: 'Temporary password for {name}:' }), { name: props.name })}{' '}
        <strong class="kl-secret" data-testid="temporary-password">
          {props.password}
        </strong>
      </Alert>
      {props.invited ? (
        <Paragraph>
          {t({
            nl: 'Er is een uitnodiging per e-mail verstuurd, zonder dit wachtwoord.',
            en: 'An invitation has been sent by e-mail, without this password.',
          })}
        </Paragraph>
      ) : null}
      <Paragraph>
        {t({
          nl: 'Geef het wachtwoord persoonlijk of telefonisch door, niet per e-mail. U ziet het maar één keer. Bij de eerste keer inloggen kiest de gebruiker een eigen wachtwoord.',
          en: 'Hand the password over in person or by phone, not by e-mail. You see it only once. At the first sign-in the user chooses their own password.',
        })}
      </Paragraph>
      <Paragraph>
        <Link href={props.back.href}>{t(props.back.label)}</Link>
      </Paragraph>
    </Page>
  );
}

const backToUser = (id: string) => ({ href: `/beheer/gebruikers/${id}`, label: { nl: 'Terug naar de gebruiker', en: 'Back to the user' } });

const resetSchema = z.object({ reset_totp: z.literal('ja').optional() });

export function registerUserPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const guard = authorize(services, { roles: ['admin'] });

  app.get('/beheer/gebruikers', guard, async (c) => {
    const v = view(c);
    const search = c.req.query('zoek')?.trim().slice(0, 100) || undefined;
    const users = await listUsers(db, { search });
    return c.html(
      <Page view={v} title={v.t({ nl: 'Gebruikers', en: 'Users' })} wide>
        <Heading1>{v.t({ nl: 'Gebruikers', en: 'Users' })}</Heading1>
        {savedNotice(v, c.req.query('melding'))}
        <div class="kl-actions">
          <ButtonLink href="/beheer/gebruikers/nieuw">{v.t({ nl: 'Nieuwe gebruiker', en: 'New user' })}</ButtonLink>
        </div>
        <form method="get" action="/beheer/gebruikers" class="kl-filters" role="search">
          <TextField view={v} name="zoek" type="search" label={{ nl: 'Zoek op naam of e-mailadres', en: 'Search by name or e-mail address' }} value={search} />
          <Button variant="secondary">{v.t({ nl: 'Zoeken', en: 'Search' })}</Button>
        </form>
        <UserTable view={v} users={users} caption={v.t({ nl: 'Gebruikers', en: 'Users' })} linkTo={(id) => `/beheer/gebruikers/${id}`} />
      </Page>,
    );
  });

  const renderNew = async (c: AppContext, values: Values, status: 200 | 409 | 422, errors?: FieldErrors, problem?: string) => {
    const v = view(c);
    const choices = await loadChoices(services);
    return c.html(
      <Page view={v} title={v.t({ nl: 'Nieuwe gebruiker', en: 'New user' })}>
        <Heading1>{v.t({ nl: 'Nieuwe gebruiker', en: 'New user' })}</Heading1>
        {problem ? <Alert type="error">{problem}</Alert> : null}
        <ErrorSummary view={v} errors={errors ?? {}} />
        <PostForm view={v} action="/beheer/gebruikers" novalidate>
          <UserFields view={v} choices={choices} values={values} errors={errors} />
          <Paragraph>
            {v.t({
              nl: 'De gebruiker krijgt een uitnodiging per e-mail. Het tijdelijke wachtwoord ziet u na het opslaan; dat geeft u zelf door.',
              en: 'The user gets an invitation by e-mail. You see the temporary password after saving; you hand it over yourself.',
            })}
          </Paragraph>
          <div class="kl-actions">
            <Button>{v.t({ nl: 'Gebruiker aanmaken', en: 'Create user' })}</Button>
            <Link href="/beheer/gebruikers">{v.t({ nl: 'Annuleren', en: 'Cancel' })}</Link>
          </div>
        </PostForm>
      </Page>,
      status,
    );
  };

  app.get('/beheer/gebruikers/nieuw', guard, (c) => renderNew(c, {}, 200));

  app.post('/beheer/gebruikers', guard, async (c) => {
    const v = view(c);
    const form = await parseForm(c, userSchema(v.t));
    if (!form.ok) return renderNew(c, form.values, 422, form.errors);
    try {
      const { id, temporaryPassword } = await createUser(db, c.get('ctx'), form.data, undefined, { inviteBaseUrl: publicBaseUrl(services.config) });
      return c.html(
        <TemporaryPasswordPage
          view={v}
          title={v.t({ nl: 'Gebruiker aangemaakt', en: 'User created' })}
          name={form.data.name}
          password={temporaryPassword!}
          invited
          back={backToUser(id)}
        />,
        201,
      );
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422)) return renderNew(c, form.values, err.status, undefined, v.t(err.userMessage));
      throw err;
    }
  });

  const renderEdit = async (c: AppContext, id: string, values: Values | null, status: 200 | 409 | 422, errors?: FieldErrors, problem?: string) => {
    const v = view(c);
    const t = v.t;
    const user = await getUser(db, id);
    const choices = await loadChoices(services);
    return c.html(
      <Page view={v} title={user.name}>
        <Heading1>{user.name}</Heading1>
        {savedNotice(v, c.req.query('melding'))}
        {problem ? <Alert type="error">{problem}</Alert> : null}
        {user.disabled_at ? (
          <Alert type="warning">
            {fill(t({ nl: 'Dit account is geblokkeerd sinds {date}.', en: 'This account has been blocked since {date}.' }), {
              date: formatDateTime(user.disabled_at, v.lang),
            })}
          </Alert>
        ) : null}
        <ErrorSummary view={v} errors={errors ?? {}} />
        <h2 class="utrecht-heading-2">{t({ nl: 'Gegevens', en: 'Details' })}</h2>
        <PostForm view={v} action={`/beheer/gebruikers/${id}`} novalidate>
          <UserFields view={v} choices={choices} values={values ?? asFormValues(user)} errors={errors} />
          <Button>{t({ nl: 'Opslaan', en: 'Save' })}</Button>
        </PostForm>
        <h2 class="utrecht-heading-2">{t({ nl: 'Wachtwoord', en: 'Password' })}</h2>
        <Paragraph>
          {t({
            nl: 'Kwijt of vergeten? Geef een tijdelijk wachtwoord. De gebruiker wordt uitgelogd en kiest bij de volgende keer inloggen een nieuw wachtwoord.',
            en: 'Lost or forgotten? Give a temporary password. The user is signed out and chooses a new password at the next sign-in.',
          })}
        </Paragraph>
        <PostForm view={v} action={`/beheer/gebruikers/${id}/wachtwoord`}>
          <Checkbox
            name="reset_totp"
            label={t({
              nl: 'Ook tweestapsverificatie opnieuw laten instellen (bijvoorbeeld bij een nieuwe telefoon). De oude herstelcodes werken dan niet meer.',
              en: 'Also set up two-step verification again (for example with a new phone). The old recovery codes then stop working.',
            })}
          />
          <Button variant="secondary">{t({ nl: 'Wachtwoord opnieuw instellen', en: 'Reset password' })}</Button>
        </PostForm>
        <h2 class="utrecht-heading-2">{t({ nl: 'Toegang', en: 'Access' })}</h2>
        <PostForm view={v} action={`/beheer/gebruikers/${id}/${user.disabled_at ? 'deblokkeren' : 'blokkeren'}`}>
          <Button variant={user.disabled_at ? 'secondary' : 'danger'}>
            {user.disabled_at ? t({ nl: 'Account deblokkeren', en: 'Unblock account' }) : t({ nl: 'Account blokkeren', en: 'Block account' })}
          </Button>
        </PostForm>
      </Page>,
      status,
    );
  };

  app.get('/beheer/gebruikers/:id', guard, (c) => renderEdit(c, idParam(c), null, 200));

  app.post('/beheer/gebruikers/:id', guard, async (c) => {
    const id = idParam(c);
    const form = await parseForm(c, userSchema(view(c).t));
    if (!form.ok) return renderEdit(c, id, form.values, 422, form.errors);
    try {
      await updateUser(db, c.get('ctx'), id, form.data);
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422))
        return renderEdit(c, id, form.values, err.status, undefined, view(c).t(err.userMessage));
      throw err;
    }
    return c.redirect(`/beheer/gebruikers/${id}?melding=opgeslagen`, 303);
  });

  app.post('/beheer/gebruikers/:id/wachtwoord', guard, async (c) => {
    const id = idParam(c);
    const v = view(c);
    const form = await parseForm(c, resetSchema);
    const user = await getUser(db, id);
    const password = await resetPassword(db, c.get('ctx'), id, { resetTotp: form.ok && form.data.reset_totp === 'ja' });
    return c.html(
      <TemporaryPasswordPage
        view={v}
        title={v.t({ nl: 'Nieuw tijdelijk wachtwoord', en: 'New temporary password' })}
        name={user.name}
        password={password}
        invited={false}
        back={backToUser(id)}
      />,
    );
  });

  app.post('/beheer/gebruikers/:id/blokkeren', guard, async (c) => {
    const id = idParam(c);
    try {
      await setUserDisabled(db, c.get('ctx'), id, true);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return renderEdit(c, id, null, 422, undefined, view(c).t(err.userMessage));
      throw err;
    }
    return c.redirect(`/beheer/gebruikers/${id}?melding=geblokkeerd`, 303);
  });

  app.post('/beheer/gebruikers/:id/deblokkeren', guard, async (c) => {
    const id = idParam(c);
    await setUserDisabled(db, c.get('ctx'), id, false);
    return c.redirect(`/beheer/gebruikers/${id}?melding=gedeblokkeerd`, 303);
  });
}
