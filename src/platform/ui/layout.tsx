import type { Child } from 'hono/jsx';
import type { ViewContext } from './view.ts';
import { navigationFor, type NavItem } from './navigation.ts';
import { roleLabels } from '../auth/roles.ts';

function languageSwitchHref(path: string, lang: 'nl' | 'en'): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

function matches(current: string, href: string): boolean {
  const path = current.split('?')[0] ?? '/';
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/** The one menu item for this page: the longest link that matches (so /verwijzingen/nieuw is not also /verwijzingen). */
function currentItem(current: string, items: readonly NavItem[]): NavItem | undefined {
  const candidates = items.flatMap((item) =>
    [item.href, ...(item.alsoAt ?? [])].filter((href) => matches(current, href)).map((href) => ({ item, length: href.length })),
  );
  return candidates.sort((a, b) => b.length - a.length)[0]?.item;
}

/** The one page frame: skip link, header with role-aware navigation and language switch, main, footer. */
export function Page(props: { view: ViewContext; title: string; children: Child; wide?: boolean }) {
  const { view, t } = { view: props.view, t: props.view.t };
  const other = view.lang === 'nl' ? 'en' : 'nl';
  return (
    <html lang={view.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Korte Lijn`}</title>
        <link rel="stylesheet" href="/assets/tokens.css" />
        <link rel="stylesheet" href="/assets/utrecht.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body class="utrecht-theme utrecht-root kl-body">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          {t({ nl: 'Naar de inhoud', en: 'Skip to content' })}
        </a>
        <header class="utrecht-page-header kl-header">
          <div class="kl-header__inner">
            <a class="kl-brand" href="/">
              Korte Lijn
            </a>
            <div class="kl-header__tools">
              <a class="utrecht-link kl-lang-switch" href={languageSwitchHref(view.path, other)} lang={other} hreflang={other}>
                {other === 'en' ? 'English' : 'Nederlands'}
              </a>
              {view.actor && view.signedIn ? (
                <a class="utrecht-link kl-notifications-link" href="/meldingen">
                  {t({ nl: 'Meldingen', en: 'Notifications' })}
                  {view.unread > 0 ? (
                    <span class="kl-badge" data-testid="unread-count">
                      {' '}
                      {view.unread}
                      <span class="kl-visually-hidden">{t({ nl: ' ongelezen', en: ' unread' })}</span>
                    </span>
                  ) : null}
                </a>
              ) : null}
              {view.actor ? (
                <form method="post" action="/uitloggen" class="kl-signout">
                  <input type="hidden" name="_csrf" value={view.csrfToken} />
                  <span class="kl-user">
                    {view.actor.name} · {t(roleLabels[view.actor.role])}
                  </span>{' '}
                  <button class="utrecht-button utrecht-button--subtle" type="submit">
                    {t({ nl: 'Uitloggen', en: 'Sign out' })}
                  </button>
                </form>
              ) : null}
            </div>
          </div>
          {view.actor && view.signedIn ? (
            <nav class="utrecht-nav-bar kl-nav" aria-label={t({ nl: 'Hoofdmenu', en: 'Main menu' })}>
              <ul class="utrecht-nav-list">
                {navigationFor(view.actor.role).map((item, _i, items) => (
                  <li class="utrecht-nav-list__item">
                    <a class="utrecht-nav-list__link" href={item.href} aria-current={currentItem(view.path, items) === item ? 'page' : undefined}>
                      {t(item.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class={`utrecht-page-content kl-main${props.wide ? ' kl-main--wide' : ''}`} tabindex={-1}>
          {props.children}
        </main>
        <footer class="utrecht-page-footer kl-footer">
          <p class="utrecht-paragraph">
            {t({
              nl: 'Korte Lijn verbindt huisartsenpraktijken en het sociaal domein bij geldzorgen.',
              en: 'Korte Lijn connects GP practices and the social domain around money worries.',
            })}
          </p>
        </footer>
      </body>
    </html>
  );
}
