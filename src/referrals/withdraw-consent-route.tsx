import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Heading1, Link, Paragraph } from '../platform/ui/components.tsx';
import { referralScope, referralWorkRoles } from './referral-scope.ts';
import { withdrawConsent } from './withdraw-consent.ts';
import { WithdrawConsentForm } from './withdraw-consent-form.tsx';

/**
 * POST /verwijzingen/:id/toestemming-intrekken — the practice that sent the referral, or the team that
 * holds it, records that the patient withdrew consent. The form lives on the detail page
 * (WithdrawConsentForm); without the confirmation box ticked, this route shows the form again on a
 * page of its own, with an error summary.
 */
export function registerWithdrawConsentRoute(app: Hono<AppEnv>, services: Services): void {
  const guard = authorize(services, { roles: referralWorkRoles, scope: referralScope(services, ['practice', 'team-holder']) });

  app.post('/verwijzingen/:id/toestemming-intrekken', guard, async (c) => {
    const id = idParam(c);
    const v = view(c);
    const schema = z.object({
      bevestig: z.literal(
        'ja',
        v.t({ nl: 'Vink aan dat de patiënt de toestemming heeft ingetrokken.', en: 'Tick the box to confirm that the patient has withdrawn consent.' }),
      ),
    });
    const form = await parseForm(c, schema);
    if (!form.ok) {
      const title = v.t({ nl: 'Toestemming intrekken', en: 'Withdraw consent' });
      return c.html(
        <Page view={v} title={title}>
          <Heading1>{title}</Heading1>
          <WithdrawConsentForm view={v} referralId={id} errors={form.errors} />
          <Paragraph>
            <Link href={`/verwijzingen/${id}`}>{v.t({ nl: 'Terug naar de verwijzing', en: 'Back to the referral' })}</Link>
          </Paragraph>
        </Page>,
        422,
      );
    }
    await withdrawConsent(services.db, c.get('ctx'), { referralId: id, baseUrl: publicBaseUrl(services.config) });
    return c.redirect(`/verwijzingen/${id}`, 303);
  });
}
