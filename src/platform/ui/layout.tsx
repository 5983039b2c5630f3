import type { Child } from 'hono/jsx';
import type { ViewContext } from './view.ts';
import { navigationFor, type NavItem } from './navigation.ts';
import { roleLabels } from '../auth/roles.ts';
import { favicon, stylesheet } from './assets.ts';

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

/**
 * The document every page stands in: head with the stylesheets, skip link, header with the name
 * and the page's tools, main, footer. The staff frame (Page) and the public self-check fill in
 * what differs: language and direction, whether the name links home, the header's tools.
 */
export function DocumentFrame(props: {
  lang: string;
  /** The self-check sets it for each of its languages (Arabic reads right to left); staff pages leave it out. */
  dir?: 'ltr' | 'rtl';
  title: string;
  /** Extra body classes. */
  bodyClass?: string;
  skipLinkLabel: string;
  /** Where the name in the header leads; without it the name is plain text. */
  homeHref?: string;
  /** Beside the name: language switch, notifications, sign-out. */
  headerTools: Child;
  /** Below the header's top line: the menu. */
  navigation?: Child;
  wide?: boolean;
  footerText: string;
  children: Child;
}) {
  return (
    <html lang={props.lang} dir={props.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Korte Lijn`}</title>
        <link rel="stylesheet" href={stylesheet.href} />
        <link rel="icon" href={favicon.href} type="image/svg+xml" />
      </head>
      <body class={`utrecht-theme utrecht-root kl-body${props.wide ? ' kl-body--wide' : ''}${props.bodyClass ? ` ${props.bodyClass}` : ''}`}>
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          {props.skipLinkLabel}
        </a>
        <header class="utrecht-page-header kl-header">
          <div class="kl-header__inner">
            {props.homeHref ? (
              <a class="kl-brand" href={props.homeHref}>
                Korte Lijn
              </a>
            ) : (
              <span class="kl-brand">Korte Lijn</span>
            )}
            {props.headerTools}
          </div>
          {props.navigation}
        </header>
        <main id="main" class="utrecht-page-content kl-main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="utrecht-page-footer kl-footer">
          <p class="utrecht-paragraph">{props.footerText}</p>
        </footer>
      </body>
    </html>
  );
}

/**
 * The main menu. On a wide screen a bar of links; on a narrow one (a phone, or zoomed in) it folds
 * into one "Menu" button (details/summary: opens without JavaScript, by keyboard too), so it never
 * makes the page wider than the screen (WCAG 1.4.10). Both hold the same links and CSS shows one
 * of them, so a screen reader meets the menu once.
 */
function MainMenu(props: { view: ViewContext; items: readonly NavItem[] }) {
  const { t, path } = props.view;
  const current = currentItem(path, props.items);
  const links = () => (
    <ul class="utrecht-nav-list">
      {props.items.map((item) => (
        <li class="utrecht-nav-list__item">
          <a class="utrecht-nav-list__link" href={item.href} aria-current={current === item ? 'page' : undefined}>
            {t(item.label)}
          </a>
        </li>
      ))}
    </ul>
  );
  return (
    <nav class="utrecht-nav-bar kl-nav" aria-label={t({ nl: 'Hoofdmenu', en: 'Main menu' })}>
      <details class="kl-menu">
        <summary class="kl-menu__toggle">{t({ nl: 'Menu', en: 'Menu' })}</summary>
        {links()}
      </details>
      <div class="kl-menu__bar">{links()}</div>
    </nav>
  );
}

/** The staff frame: role-aware navigation, notifications, sign-out and the Dutch/English switch. */
export function Page(props: { view: ViewContext; title: string; children: Child; wide?: boolean; audience?: 'public' }) {
  const { view, t } = { view: props.view, t: props.view.t };
  const other = view.lang === 'nl' ? 'en' : 'nl';
  return (
    <DocumentFrame
      lang={view.lang}
      title={props.title}
      skipLinkLabel={t({ nl: 'Naar de inhoud', en: 'Skip to content' })}
      // Residents on a public page: "/" is the staff sign-in, a dead end for them.
      homeHref={props.audience === 'public' ? '/hulp' : '/'}
      headerTools={
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
      }
      navigation={view.actor && view.signedIn ? <MainMenu view={view} items={navigationFor(view.actor.role)} /> : null}
      wide={props.wide}
      footerText={t(
        props.audience === 'public'
          ? {
              nl: 'Hulp bij geldzorgen is er voor iedereen. De hulp is meestal gratis.',
              en: 'Help with money worries is there for everyone. The help is usually free.',
            }
          : {
              nl: 'Korte Lijn verbindt huisartsenpraktijken en het sociaal domein bij geldzorgen.',
              en: 'Korte Lijn connects GP practices and the social domain around money worries.',
            },
      )}
    >
      {props.children}
    </DocumentFrame>
  );
}
