import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { AppError, badRequest, notFound } from '../platform/errors.ts';
import { editorRegion, newsletterEditorRoles, newsletterInScope, newsletterReaderRoles, type NewsletterInScope } from './newsletter-access.ts';
import { draftNewsletter, editNewsletter, getNewsletter, isSubscribed, newsletterArchive, sendNewsletter, setSubscription, unsubscribe } from './newsletter.ts';
import { verifyUnsubscribeToken } from './unsubscribe-token.ts';
import { newsletterSchema } from './newsletter-form.ts';
import { ArchivePage, NewsletterPage, UnsubscribePage } from './pages.tsx';

/**
 * The region's newsletter (issue 13):
 *
 *   GET  /nieuwsbrief                      the archive; the coordinator composes a new one here
 *   POST /nieuwsbrief                      compose a draft from what changed (regional coordinator)
 *   POST /nieuwsbrief/abonnement           receive it again, or not
 *   GET  /nieuwsbrief/afmelden/:token      public: the page behind the mail's unsubscribe link
 *   POST /nieuwsbrief/afmelden/:token      public: one-click unsubscribe (RFC 8058; the signed address is the authorisation)
 *   GET  /nieuwsbrief/:id                  one issue (a draft only for the coordinator, with the edit form)
 *   POST /nieuwsbrief/:id                  save the edited draft
 *   POST /nieuwsbrief/:id/versturen        send it through the outbox
 */
export function registerNewsletterRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const baseUrl = publicBaseUrl(services.config);
  const secret = services.config.auditKey;
  const reader = authorize(services, { roles: newsletterReaderRoles });
  const composer = authorize(services, { roles: newsletterEditorRoles, scope: (actor) => editorRegion(db, actor) });
  const issue = authorize(services, { roles: newsletterReaderRoles, scope: (actor, c) => newsletterInScope(db, actor, c.req.param('id')) });
  const editor = authorize(services, {
    roles: newsletterEditorRoles,
    scope: async (actor, c) => {
      const scope = await newsletterInScope(db, actor, c.req.param('id'));
      return scope?.mayEdit ? scope : null;
    },
  });

  app.get('/nieuwsbrief', reader, async (c) => {
    const actor = c.get('ctx').actor!;
    const [rows, subscribed] = await Promise.all([newsletterArchive(db, actor), isSubscribed(db, actor.userId)]);
    return c.html(
      <ArchivePage
        view={view(c)}
        rows={rows}
        mayCompose={newsletterEditorRoles.includes(actor.role)}
        subscribed={subscribed}
        notice={c.req.query('melding')}
      />,
    );
  });

  app.post('/nieuwsbrief', composer, async (c) => {
    const { id } = await draftNewsletter(db, c.get('ctx'));
    return c.redirect(`/nieuwsbrief/${id}?melding=samengesteld`, 303);
  });

  const subscriptionSchema = z.object({ subscribed: z.enum(['ja', 'nee']) });
  app.post('/nieuwsbrief/abonnement', reader, async (c) => {
    const form = await parseForm(c, subscriptionSchema);
    if (!form.ok) throw badRequest({ nl: 'Kies of u de nieuwsbrief wilt ontvangen.', en: 'Choose whether you want the newsletter.' });
    await setSubscription(db, c.get('ctx'), form.data.subscribed === 'ja');
    return c.redirect(`/nieuwsbrief?melding=${form.data.subscribed === 'ja' ? 'aangemeld' : 'afgemeld'}`, 303);
  });

  const tokenUser = (c: AppContext) => {
    const userId = verifyUnsubscribeToken(secret, c.req.param('token') ?? '');
    if (!userId) throw notFound('unsubscribe link');
    return userId;
  };
  app.get('/nieuwsbrief/afmelden/:token', (c) => {
    tokenUser(c);
    return c.html(<UnsubscribePage view={view(c)} token={c.req.param('token')!} done={false} />);
  });
  app.post('/nieuwsbrief/afmelden/:token', async (c) => {
    await unsubscribe(db, c.get('ctx'), tokenUser(c));
    return c.html(<UnsubscribePage view={view(c)} token={c.req.param('token')!} done />);
  });

  const renderIssue = async (
    c: AppContext,
    scope: NewsletterInScope,
    form: { values?: Record<string, string>; errors?: Record<string, string>; problem?: string } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const letter = await getNewsletter(db, scope.id);
    if (!letter) throw notFound('newsletter');
    return c.html(
      <NewsletterPage
        view={view(c)}
        letter={letter}
        mayEdit={scope.mayEdit}
        values={form.values ?? { title: letter.title, body: letter.body }}
        errors={form.errors ?? {}}
        notice={c.req.query('melding')}
        problem={form.problem}
      />,
      status,
    );
  };

  app.get('/nieuwsbrief/:id', issue, (c) => renderIssue(c, issue.scoped(c)));

  app.post('/nieuwsbrief/:id', editor, async (c) => {
    const scope = editor.scoped(c);
    const t = view(c).t;
    const form = await parseForm(c, newsletterSchema(t));
    if (!form.ok) return renderIssue(c, scope, { values: form.values, errors: form.errors }, 422);
    try {
      await editNewsletter(db, c.get('ctx'), scope, form.data);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return renderIssue(c, scope, { problem: t(err.userMessage) }, 409);
      throw err;
    }
    return c.redirect(`/nieuwsbrief/${scope.id}?melding=opgeslagen`, 303);
  });

  app.post('/nieuwsbrief/:id/versturen', editor, async (c) => {
    const scope = editor.scoped(c);
    try {
      await sendNewsletter(db, c.get('ctx'), scope, { baseUrl, secret });
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return renderIssue(c, scope, { problem: view(c).t(err.userMessage) }, 409);
      throw err;
    }
    return c.redirect(`/nieuwsbrief/${scope.id}?melding=verstuurd`, 303);
  });
}
