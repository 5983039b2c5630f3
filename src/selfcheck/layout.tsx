import type { Child } from 'hono/jsx';
import { DocumentFrame } from '../platform/ui/layout.tsx';
import { direction, languageNames, selfcheckLanguages, type SelfcheckLang } from './languages.ts';
import { ui } from './texts.ts';

/**
 * The public self-check frame: the page's own language and direction (Arabic right to left), a
 * switch between its five languages on every page, no staff navigation. The name is plain text:
 * the start page behind it is the staff sign-in.
 */
export function SelfcheckPage(props: { lang: SelfcheckLang; title: string; path: string; children: Child; params?: Record<string, string> }) {
  const { lang } = props;
  const hrefFor = (l: SelfcheckLang) => {
    const query = new URLSearchParams({ ...(props.params ?? {}), lang: l });
    return `${props.path}?${query.toString()}`;
  };
  return (
    <DocumentFrame
      lang={lang}
      dir={direction(lang)}
      title={props.title}
      bodyClass="kl-selfcheck"
      skipLinkLabel={ui.skip[lang]}
      headerTools={
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
      }
      footerText={ui.notTheOnly[lang]}
    >
      {props.children}
    </DocumentFrame>
  );
}
