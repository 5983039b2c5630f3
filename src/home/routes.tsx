import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { anyRole, authorize } from '../platform/http/authorize.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Heading1, Paragraph } from '../platform/ui/components.tsx';
import { navigationFor } from '../platform/ui/navigation.ts';
import { roleLabels } from '../platform/auth/roles.ts';
import { fill } from '../platform/i18n.ts';
import { HomeSocialMapSearch } from '../socialmap/search-pages.tsx';
import { summarisePracticeWork, summariseTeamWork } from '../referrals/summarise-work.ts';
import { PracticeStart, TeamStart } from './start-pages.tsx';
import { openMdoActions } from '../mdo/read-mdo.ts';
import { OpenMdoActions } from '../mdo/pages.tsx';
import { amsterdamToday } from '../platform/dates.ts';

/**
 * Start page after sign-in. Teams and practices start with their work (issue 11: what to do
 * next, not a copy of the menu); the other roles with what they can do here, as plain links.
 */
export function registerHomeRoutes(app: Hono<AppEnv>, services: Services): void {
  app.get('/', authorize(services, { roles: anyRole }), async (c) => {
    const v = view(c);
    const ctx = c.get('ctx');
    const actor = ctx.actor!;
    const t = v.t;
    const practice = actor.role === 'practice_staff' || actor.role === 'practice_admin';
    const team = actor.role === 'team_member' || actor.role === 'team_admin';
    const tasks = navigationFor(actor.role).filter((item) => item.href !== '/');
    return c.html(
      <Page view={v} title={t({ nl: 'Start', en: 'Home' })}>
        <Heading1>{fill(t({ nl: 'Welkom, {name}', en: 'Welcome, {name}' }), { name: actor.name })}</Heading1>
        <Paragraph>{fill(t({ nl: 'U bent ingelogd als {role}.', en: 'You are signed in as {role}.' }), { role: t(roleLabels[actor.role]) })}</Paragraph>
        {practice ? <PracticeStart view={v} work={await summarisePracticeWork(services.db, ctx)} /> : null}
        {team ? <TeamStart view={v} work={await summariseTeamWork(services.db, ctx)} /> : null}
        {practice || team ? <OpenMdoActions view={v} actions={await openMdoActions(services.db, actor.userId)} today={amsterdamToday()} /> : null}
        <HomeSocialMapSearch view={v} actor={actor} />
        {practice || team ? null : (
          <>
            <h2 class="utrecht-heading-2">{t({ nl: 'Wat wilt u doen?', en: 'What would you like to do?' })}</h2>
            <ul class="kl-card-grid">
              {tasks.map((item) => (
                <li class="kl-card">
                  <a class="utrecht-link" href={item.href}>
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </Page>,
    );
  });
}
