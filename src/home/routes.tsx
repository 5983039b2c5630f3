import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { anyRole, authorize } from '../platform/http/authorize.ts';
import { Page } from '../platform/ui/layout.tsx';
import { ButtonLink, Heading1, Paragraph } from '../platform/ui/components.tsx';
import { navigationFor } from '../platform/ui/navigation.ts';
import { roleLabels } from '../platform/auth/roles.ts';
import { fill } from '../platform/i18n.ts';
import { HomeSocialMapSearch } from '../socialmap/search-pages.tsx';

/** Start page after sign-in: what this role can do here, as large plain links. */
export function registerHomeRoutes(app: Hono<AppEnv>, services: Services): void {
  app.get('/', authorize(services, { roles: anyRole }), (c) => {
    const v = view(c);
    const actor = c.get('ctx').actor!;
    const t = v.t;
    const tasks = navigationFor(actor.role).filter((item) => item.href !== '/');
    return c.html(
      <Page view={v} title={t({ nl: 'Start', en: 'Home' })}>
        <Heading1>{fill(t({ nl: 'Welkom, {name}', en: 'Welcome, {name}' }), { name: actor.name })}</Heading1>
        <Paragraph>{fill(t({ nl: 'U bent ingelogd als {role}.', en: 'You are signed in as {role}.' }), { role: t(roleLabels[actor.role]) })}</Paragraph>
        {actor.role === 'practice_staff' || actor.role === 'practice_admin' ? (
          <div class="kl-actions">
            <ButtonLink href="/verwijzingen/nieuw">{t({ nl: 'Nieuwe verwijzing', en: 'New referral' })}</ButtonLink>
            <ButtonLink href="/verwijzingen" variant="secondary">
              {t({ nl: 'Mijn verwijzingen', en: 'My referrals' })}
            </ButtonLink>
          </div>
        ) : null}
        {actor.role === 'team_member' || actor.role === 'team_admin' ? (
          <div class="kl-actions">
            <ButtonLink href="/inbox">{t({ nl: 'Naar de inbox', en: 'Go to the inbox' })}</ButtonLink>
          </div>
        ) : null}
        <HomeSocialMapSearch view={v} actor={actor} />
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
      </Page>,
    );
  });
}
