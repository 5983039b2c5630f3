import type { Actor } from '../context.ts';
import { translator, type Lang, type Translate } from '../i18n.ts';
import { sessionComplete } from '../auth/sessions.ts';
import type { AppContext } from '../http/types.ts';

/** What every page needs to render: language, who is looking, the CSRF token for its forms. */
export interface ViewContext {
  lang: Lang;
  t: Translate;
  actor: Actor | null;
  csrfToken: string;
  /** Current path + query, for the language switch and "back to" links. */
  path: string;
  /** Shows the full navigation only once sign-in (including the second factor) is complete. */
  signedIn: boolean;
  /** Unread notifications, shown beside the "Meldingen" link. */
  unread: number;
}

export function viewContext(input: Omit<ViewContext, 't'>): ViewContext {
  return { ...input, t: translator(input.lang) };
}

/** The ViewContext of the current request. */
export function view(c: AppContext): ViewContext {
  const ctx = c.get('ctx');
  const session = c.get('session');
  return viewContext({
    lang: ctx.lang,
    actor: ctx.actor,
    csrfToken: c.get('csrfToken'),
    path: new URL(c.req.url).pathname + new URL(c.req.url).search,
    signedIn: session ? sessionComplete(session) : false,
    unread: c.get('unread') ?? 0,
  });
}
