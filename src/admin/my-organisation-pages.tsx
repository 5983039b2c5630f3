import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view, type ViewContext } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { fill, type Text } from '../platform/i18n.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { roleLabels } from '../platform/auth/roles.ts';
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
  type FieldErrors,
} from '../platform/ui/components.tsx';
import { getOrganisation } from './organisations.ts';
import { getTeam } from './teams.ts';
import { listUsers, type UserListRow } from './users.ts';
import { addColleague, colleagueRoles, colleagueSchema, reinviteColleague, setColleagueBlocked, workplaceTexts, type Workplace } from './colleagues.ts';
import { savedNotice } from './notices.tsx';
import { TemporaryPasswordPage } from './user-pages.tsx';

type Values = Record<string, string | null | undefined>;

/** Where the colleagues of one practice or team live in the app, and who may look after them. */
const workplaces = {
  practice: { base: '/praktijken', roles: ['practice_admin', 'admin'] as const, own: 'practiceId' as const },
  team: { base: '/teams', roles: ['team_admin', 'admin'] as const, own: 'teamId' as const },
};

const userIdSchema = z.object({ user_id: z.string().trim().min(1).max(100) });

/** The practice or team named in the path: its name and the line under it, or 404. */
async function loadWorkplace(services: Services, workplace: Workplace): Promise<{ name: string; about: (v: ViewContext) => string }> {
  if (workplace.kind === 'practice') {
    const practice = await getOrganisation(services.db, workplace.id);
    if (practice.kind !== 'practice') throw notFound('organisation');
    return {
      name: practice.name,
      about: (v) =>
        fill(v.t({ nl: 'AGB-code {agb} · {address}', en: 'AGB code {agb} · {address}' }), {
          agb: practice.agb_code ?? '—',
          address: [practice.street, practice.house_number, practice.postcode, practice.city].filter(Boolean).join(' '),
        }),
    };
  }
  const team = await getTeam(services.db, workplace.id);
  return { name: team.name, about: () => team.organisation_name };
}

function ColleagueActions(props: { view: ViewContext; base: string; user: UserListRow; self: boolean }) {
  const { view: v, base, user } = props;
  if (props.self) return <span>{v.t({ nl: 'Dit bent u', en: 'This is you' })}</span>;
  const hidden = <input type="hidden" name="user_id" value={user.id} />;
  return (
    <div class="kl-actions">
      {user.disabled_at ? null : (
        <PostForm view={v} action={`${base}/opnieuw-uitnodigen`} class="kl-inline-form">
          {hidden}
          <Button variant="secondary">
            {v.t({ nl: 'Opnieuw uitnodigen', en: 'Invite again' })}
            <span class="utrecht-visually-hidden"> ({user.name})</span>
          </Button>
        </PostForm>
      )}
      <PostForm view={v} action={`${base}/${user.disabled_at ? 'deblokkeren' : 'blokkeren'}`} class="kl-inline-form">
        {hidden}
        <Button variant={user.disabled_at ? 'secondary' : 'danger'}>
          {user.disabled_at ? v.t({ nl: 'Account deblokkeren', en: 'Unblock account' }) : v.t({ nl: 'Account blokkeren', en: 'Block account' })}
          <span class="utrecht-visually-hidden"> ({user.name})</span>
        </Button>
      </PostForm>
    </div>
  );
}

/**
 * A practice manager looks after the people of their own practice, a team coordinator those of their
 * own team: add, block, unblock and re-invite. The id in the URL must be the actor's own practice or
 * team (scope check, 404 otherwise); the user acted on must belong to it too (colleagues.ts).
 * Administrators may use these pages for any practice or team.
 */
export function registerMyOrganisationPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const baseUrl = publicBaseUrl(services.config);

  app.get('/mijn-organisatie', authorize(services, { roles: ['practice_admin', 'team_admin'] }), (c) => {
    const actor = c.get('ctx').actor!;
    if (actor.practiceId) return c.redirect(`/praktijken/${actor.practiceId}/medewerkers`, 303);
    if (actor.teamId) return c.redirect(`/teams/${actor.teamId}/medewerkers`, 303);
    throw forbidden();
  });

  for (const kind of ['practice', 'team'] as const) {
    const { base: prefix, roles, own } = workplaces[kind];
    const guard = authorize(services, { roles, scope: (actor, c) => actor.role === 'admin' || actor[own] === c.req.param('id') });
    const workplaceOf = (c: AppContext): Workplace => ({ kind, id: idParam(c) });
    const baseOf = (c: AppContext) => `${prefix}/${idParam(c)}/medewerkers`;

    app.get(`${prefix}/:id/medewerkers`, guard, async (c) => {
      const v = view(c);
      const workplace = workplaceOf(c);
      const place = await loadWorkplace(services, workplace);
      const users = await listUsers(db, kind === 'practice' ? { practiceId: workplace.id } : { teamId: workplace.id });
      const self = c.get('ctx').actor!.userId;
      const t = v.t;
      return c.html(
        <Page view={v} title={place.name} wide>
          <Heading1>{place.name}</Heading1>
          <Paragraph>{place.about(v)}</Paragraph>
          {savedNotice(v, c.req.query('melding'))}
          <div class="kl-actions">
            <ButtonLink href={`${baseOf(c)}/nieuw`}>{t({ nl: 'Collega toevoegen', en: 'Add a colleague' })}</ButtonLink>
          </div>
          <Table
            caption={t(workplaceTexts[kind].caption)}
            headers={[
              t({ nl: 'Naam', en: 'Name' }),
              t({ nl: 'E-mailadres', en: 'E-mail address' }),
              t({ nl: 'Rol', en: 'Role' }),
              t({ nl: 'Status', en: 'Status' }),
              t({ nl: 'Acties', en: 'Actions' }),
            ]}
            empty={t({ nl: 'Nog geen medewerkers.', en: 'No staff yet.' })}
            rows={users.map((u) => [
              u.name,
              u.email,
              t(roleLabels[u.role]),
              u.disabled_at
                ? t({ nl: 'Geblokkeerd', en: 'Blocked' })
                : u.must_change_password
                  ? t({ nl: 'Uitgenodigd, nog niet ingelogd', en: 'Invited, not signed in yet' })
                  : t({ nl: 'Actief', en: 'Active' }),
              <ColleagueActions view={v} base={baseOf(c)} user={u} self={u.id === self} />,
            ])}
          />
          <Paragraph>
            {t({
              nl: 'Een nieuwe collega krijgt een e-mail met een uitnodiging. Het tijdelijke wachtwoord staat daar niet in: dat geeft u zelf door. Opnieuw uitnodigen maakt een nieuw tijdelijk wachtwoord. Wachtwoord vergeten of nieuwe telefoon? Dan kan ook de functioneel beheerder helpen.',
              en: 'A new colleague gets an invitation by e-mail. The temporary password is not in it: you hand it over yourself. Inviting again makes a new temporary password. Forgotten password or new phone? The functional administrator can help too.',
            })}
          </Paragraph>
        </Page>,
      );
    });

    const renderNew = async (c: AppContext, values: Values, status: 200 | 409 | 422, errors?: FieldErrors, problem?: string) => {
      const v = view(c);
      const place = await loadWorkplace(services, workplaceOf(c));
      const title = v.t(workplaceTexts[kind].newTitle);
      return c.html(
        <Page view={v} title={title}>
          <Heading1>{title}</Heading1>
          <Paragraph>{place.name}</Paragraph>
          {problem ? <Alert type="error">{problem}</Alert> : null}
          <ErrorSummary view={v} errors={errors ?? {}} />
          <PostForm view={v} action={baseOf(c)} novalidate>
            <TextField view={v} name="name" required autocomplete="off" label={{ nl: 'Naam', en: 'Name' }} value={values['name']} errors={errors} />
            <TextField
              view={v}
              name="email"
              type="email"
              required
              autocomplete="off"
              label={{ nl: 'E-mailadres', en: 'E-mail address' }}
              description={{ nl: 'Hier komt de uitnodiging binnen.', en: 'The invitation is sent here.' }}
              value={values['email']}
              errors={errors}
            />
            <SelectField
              view={v}
              name="role"
              required
              label={{ nl: 'Rol', en: 'Role' }}
              value={values['role']}
              placeholder={{ nl: 'Kies…', en: 'Choose…' }}
              options={colleagueRoles[kind].map((r) => ({ value: r, label: v.t(roleLabels[r]) }))}
              errors={errors}
            />
            <Paragraph>
              {v.t({
                nl: 'Na het opslaan ziet u één keer een tijdelijk wachtwoord. Geef het persoonlijk of telefonisch door, niet per e-mail.',
                en: 'After saving you see a temporary password once. Hand it over in person or by phone, not by e-mail.',
              })}
            </Paragraph>
            <div class="kl-actions">
              <Button>{v.t({ nl: 'Collega toevoegen', en: 'Add colleague' })}</Button>
              <Link href={baseOf(c)}>{v.t({ nl: 'Annuleren', en: 'Cancel' })}</Link>
            </div>
          </PostForm>
        </Page>,
        status,
      );
    };

    const passwordPage = (c: AppContext, title: Text, name: string, password: string) => {
      const v = view(c);
      return (
        <TemporaryPasswordPage
          view={v}
          title={v.t(title)}
          name={name}
          password={password}
          invited
          back={{ href: baseOf(c), label: { nl: 'Terug naar de medewerkers', en: 'Back to the staff' } }}
        />
      );
    };

    app.get(`${prefix}/:id/medewerkers/nieuw`, guard, (c) => renderNew(c, {}, 200));

    app.post(`${prefix}/:id/medewerkers`, guard, async (c) => {
      const v = view(c);
      const form = await parseForm(c, colleagueSchema(v.t, kind));
      if (!form.ok) return renderNew(c, form.values, 422, form.errors);
      try {
        const { temporaryPassword } = await addColleague(db, c.get('ctx'), baseUrl, workplaceOf(c), form.data);
        return c.html(passwordPage(c, { nl: 'Collega toegevoegd', en: 'Colleague added' }, form.data.name, temporaryPassword), 201);
      } catch (err) {
        if (err instanceof AppError && (err.status === 409 || err.status === 422))
          return renderNew(c, form.values, err.status, undefined, v.t(err.userMessage));
        throw err;
      }
    });

    /** The user named in the form; a missing or malformed one is simply not a colleague (404). */
    const postedUserId = async (c: AppContext): Promise<string> => {
      const form = await parseForm(c, userIdSchema);
      if (!form.ok) throw notFound('user');
      return form.data.user_id;
    };

    const refused = (c: AppContext, err: unknown) => {
      if (err instanceof AppError && err.status === 422) {
        const v = view(c);
        return c.html(
          <Page view={v} title={v.t({ nl: 'Dat kan niet', en: 'That is not possible' })}>
            <Heading1>{v.t({ nl: 'Dat kan niet', en: 'That is not possible' })}</Heading1>
            <Alert type="error">{v.t(err.userMessage)}</Alert>
            <Paragraph>
              <Link href={baseOf(c)}>{v.t({ nl: 'Terug naar de medewerkers', en: 'Back to the staff' })}</Link>
            </Paragraph>
          </Page>,
          422,
        );
      }
      throw err;
    };

    for (const [action, blocked] of [
      ['blokkeren', true],
      ['deblokkeren', false],
    ] as const) {
      app.post(`${prefix}/:id/medewerkers/${action}`, guard, async (c) => {
        const userId = await postedUserId(c);
        try {
          await setColleagueBlocked(db, c.get('ctx'), workplaceOf(c), userId, blocked);
        } catch (err) {
          return refused(c, err);
        }
        return c.redirect(`${baseOf(c)}?melding=${blocked ? 'geblokkeerd' : 'gedeblokkeerd'}`, 303);
      });
    }

    app.post(`${prefix}/:id/medewerkers/opnieuw-uitnodigen`, guard, async (c) => {
      const userId = await postedUserId(c);
      try {
        const { name, temporaryPassword } = await reinviteColleague(db, c.get('ctx'), baseUrl, workplaceOf(c), userId);
        return c.html(passwordPage(c, { nl: 'Opnieuw uitgenodigd', en: 'Invited again' }, name, temporaryPassword));
      } catch (err) {
        return refused(c, err);
      }
    });
  }
}
