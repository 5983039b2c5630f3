import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Heading1, Link, Paragraph } from '../platform/ui/components.tsx';
import { referralScope, referralWorkRoles } from './referral-scope.ts';
import { referralMessageSchema } from './message-schema.ts';
import { addReferralMessage } from './add-message.ts';
import { MessageForm } from '../messages/thread.tsx';

/**
 * POST /verwijzingen/:id/berichten — a message in the referral's thread, from the sending practice or
 * the holding team. The thread itself is shown on the detail page (ReferralThread); a message that
 * does not pass validation comes back on a page of its own with an error summary and the text kept.
 */
export function registerReferralMessageRoutes(app: Hono<AppEnv>, services: Services): void {
  const guard = authorize(services, { roles: referralWorkRoles, scope: referralScope(services, ['practice', 'team-holder']) });

  app.post('/verwijzingen/:id/berichten', guard, async (c) => {
    const id = idParam(c);
    const v = view(c);
    const form = await parseForm(c, referralMessageSchema(v.t));
    if (!form.ok) {
      const title = v.t({ nl: 'Bericht niet verstuurd', en: 'Message not sent' });
      return c.html(
        <Page view={v} title={title}>
          <Heading1>{title}</Heading1>
          <MessageForm
            view={v}
            action={`/verwijzingen/${id}/berichten`}
            label={{ nl: 'Nieuw bericht', en: 'New message' }}
            description={{
              nl: 'Alleen wat nodig is voor de hulp. Geen medische gegevens en nooit een BSN.',
              en: 'Only what the help needs. No medical data and never a citizen service number (BSN).',
            }}
            button={{ nl: 'Bericht versturen', en: 'Send message' }}
            errors={form.errors}
            value={form.values['body']}
            formKey={form.values['form_key']}
          />
          <Paragraph>
            <Link href={`/verwijzingen/${id}#berichten`}>{v.t({ nl: 'Terug naar de verwijzing', en: 'Back to the referral' })}</Link>
          </Paragraph>
        </Page>,
        422,
      );
    }
    await addReferralMessage(services.db, c.get('ctx'), { ...form.data, referralId: id, baseUrl: publicBaseUrl(services.config) });
    // Confirmed where the message was written (referral-detail-page.tsx, notice "bericht").
    return c.redirect(`/verwijzingen/${id}?melding=bericht#bericht-verstuurd`, 303);
  });
}
