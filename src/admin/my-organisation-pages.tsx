import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { idParam } from '../platform/http/params.ts';
import { forbidden } from '../platform/errors.ts';
import { fill } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Heading1, Paragraph } from '../platform/ui/components.tsx';
import { getOrganisation } from './organisations.ts';
import { getTeam } from './teams.ts';
import { listUsers } from './users.ts';
import { UserTable } from './user-pages.tsx';

/**
 * A practice manager sees the people of their own practice, a team coordinator those of their own
 * team. The id in the URL must be the actor's own practice or team (scope check); admins see any.
 */
export function registerMyOrganisationPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;

  app.get('/mijn-organisatie', authorize(services, { roles: ['practice_admin', 'team_admin'] }), (c) => {
    const actor = c.get('ctx').actor!;
    if (actor.practiceId) return c.redirect(`/praktijken/${actor.practiceId}/medewerkers`, 303);
    if (actor.teamId) return c.redirect(`/teams/${actor.teamId}/medewerkers`, 303);
    throw forbidden();
  });

  app.get(
    '/praktijken/:id/medewerkers',
    authorize(services, { roles: ['practice_admin', 'admin'], scope: (actor, c) => actor.role === 'admin' || actor.practiceId === c.req.param('id') }),
    async (c) => {
      const v = view(c);
      const practice = await getOrganisation(db, idParam(c));
      if (practice.kind !== 'practice') throw forbidden();
      const users = await listUsers(db, { practiceId: practice.id });
      return c.html(
        <Page view={v} title={practice.name}>
          <Heading1>{practice.name}</Heading1>
          <Paragraph>
            {fill(v.t({ nl: 'AGB-code {agb} · {address}', en: 'AGB code {agb} · {address}' }), {
              agb: practice.agb_code ?? '—',
              address: [practice.street, practice.house_number, practice.postcode, practice.city].filter(Boolean).join(' '),
            })}
          </Paragraph>
          <UserTable view={v} users={users} caption={v.t({ nl: 'Medewerkers van de praktijk', en: 'Practice staff' })} />
          <Paragraph>
            {v.t({
              nl: 'Klopt er iets niet, of komt er iemand bij? Vraag het de functioneel beheerder.',
              en: 'Something wrong, or someone new? Ask the functional administrator.',
            })}
          </Paragraph>
        </Page>,
      );
    },
  );

  app.get(
    '/teams/:id/medewerkers',
    authorize(services, { roles: ['team_admin', 'admin'], scope: (actor, c) => actor.role === 'admin' || actor.teamId === c.req.param('id') }),
    async (c) => {
      const v = view(c);
      const team = await getTeam(db, idParam(c));
      const users = await listUsers(db, { teamId: team.id });
      return c.html(
        <Page view={v} title={team.name}>
          <Heading1>{team.name}</Heading1>
          <Paragraph>{team.organisation_name}</Paragraph>
          <UserTable view={v} users={users} caption={v.t({ nl: 'Medewerkers van het team', en: 'Team members' })} />
          <Paragraph>
            {v.t({
              nl: 'Klopt er iets niet, of komt er iemand bij? Vraag het de functioneel beheerder.',
              en: 'Something wrong, or someone new? Ask the functional administrator.',
            })}
          </Paragraph>
        </Page>,
      );
    },
  );
}
