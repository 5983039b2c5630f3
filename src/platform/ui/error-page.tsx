import { translator, type Lang, type Text } from '../i18n.ts';
import type { AppContext } from '../http/types.ts';
import { Page } from './layout.tsx';
import { Heading1, Link, Paragraph } from './components.tsx';
import { view, viewContext } from './view.ts';

/** An error as a page in the user's language (JSON on the API and the health check). */
export function renderError(c: AppContext, status: number, message: Text) {
  const ctx = c.get('ctx');
  const lang: Lang = ctx?.lang ?? 'nl';
  const t = translator(lang);
  if (c.req.path.startsWith('/api/') || c.req.path === '/healthz') {
    return c.json({ error: t(message) }, status as 404);
  }
  const title =
    status === 404
      ? t({ nl: 'Niet gevonden', en: 'Not found' })
      : status === 403
        ? t({ nl: 'Geen toegang', en: 'No access' })
        : status === 503
          ? t({ nl: 'Even niet beschikbaar', en: 'Temporarily unavailable' })
          : status >= 500
            ? t({ nl: 'Er ging iets mis', en: 'Something went wrong' })
            : t({ nl: 'Dat lukte niet', en: 'That did not work' });
  const v = ctx ? view(c) : viewContext({ lang, actor: null, csrfToken: '', path: c.req.path, signedIn: false, unread: 0 });
  return c.html(
    <Page view={v} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>{t(message)}</Paragraph>
      <Paragraph>
        <Link href="/">{t({ nl: 'Naar de startpagina', en: 'Go to the home page' })}</Link>
      </Paragraph>
    </Page>,
    status as 404,
  );
}
