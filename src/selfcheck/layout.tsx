import type { Child } from 'hono/jsx';
import { direction, languageNames, selfcheckLanguages, type SelfcheckLang } from './languages.ts';
import { ui } from './texts.ts';

/**
 * The public self-check frame: the page's own language and direction (Arabic right to left), a
 * language switch on every page, no staff navigation. Same stylesheets as the rest of the app.
 */
export function SelfcheckPage(props: { lang: SelfcheckLang; title: string; path: string; children: Child; params?: Record<string, string> }) {
  const { lang } = props;
  const hrefFor = (l: SelfcheckLang) => {
    const query = new URLSearchParams({ ...(props.params ?? {}), lang: l });
    return `${props.path}?${query.toString()}`;
  };
  return (
    <html lang={lang} dir={direction(lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Korte Lijn`}</title>
        <link rel="stylesheet" href="/assets/tokens.css" />
        <link rel="stylesheet" href="/assets/utrecht.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body class="utrecht-theme utrecht-root kl-body kl-selfcheck">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          {ui.skip[lang]}
        </a>
        <header class="utrecht-page-header kl-header">
          <div class="kl-header__inner">
            <span class="kl-brand">Korte Lijn</span>
            <nav aria-label={ui.languageNav[lang]} class="kl-languages">
              <ul class="kl-languages__list">
                {selfcheckLanguages.map((l) => (
                  <li>
                    <a class="utrecht-link kl-lang-switch" href={hrefFor(l)} lang={l} hreflang={l} aria-current={l === lang ? 'true' : undefined}>
                      {languageNames[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="utrecht-page-content kl-main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="utrecht-page-footer kl-footer">
          <p class="utrecht-paragraph">{ui.notTheOnly[lang]}</p>
        </footer>
      </body>
    </html>
  );
}
