import type { Hono } from 'hono';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import type { Role } from '../platform/db/schema.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { view } from '../platform/ui/view.ts';
import { referralScope } from '../referrals/referral-scope.ts';
import { contactDataSchema } from './contact-data-form.ts';
import { correctContactData } from './correct-contact-data.ts';
import { erasePersonalDataOnRequest } from './erase-personal-data.ts';
import { findPersonData, personDataDocument } from './find-person-data.ts';
import { openForRequest } from './open-for-request.ts';
import { ContactDataPage, ErasurePage, PersonDataPage, PrivacyRequestsPage } from './privacy-pages.tsx';
import { erasureSchema, personRequestSchema } from './request-forms.ts';

/**
 * Privacy requests (AVG art. 15–17): the practice manager and the team coordinator answer them for
 * their own organisation — inzage for one person, correcting a referral's contact data, erasing a
 * closed referral's personal data. Correction and erasure only for a referral the practice sent or
 * the team holds now; any other answers 404 (authorize.ts).
 */
const requestRoles: readonly Role[] = ['practice_admin', 'team_admin'];

export function registerPrivacyRequestRoutes(app: Hono<AppEnv>, services: Services): void {
  const db = services.db;
  const guard = authorize(services, { roles: requestRoles });
  const onReferral = authorize(services, { roles: requestRoles, scope: referralScope(services, ['practice', 'team-holder']) });

  app.get('/privacyverzoeken', guard, (c) => c.html(<PrivacyRequestsPage view={view(c)} />));

  app.post('/privacyverzoeken/inzage', guard, async (c) => {
    const form = await parseForm(c, personRequestSchema(view(c).t));
    if (!form.ok) return c.html(<PrivacyRequestsPage view={view(c)} values={form.values} errors={form.errors} />, 422);
    const { request, format } = form.data;
    const data = await findPersonData(db, c.get('ctx'), request, format === 'json' ? 'json' : 'page');
    if (format === 'json') {
      c.header('content-disposition', `attachment; filename="korte-lijn-inzage-${amsterdamToday()}.json"`);
      return c.json(personDataDocument(data));
    }
    return c.html(<PersonDataPage view={view(c)} data={data} />);
  });

  const contactPage = async (
    c: AppContext,
    extra: { values?: Record<string, string>; errors?: Record<string, string>; saved?: 'changed' | 'unchanged' },
    status: 200 | 422 = 200,
  ) => {
    const referral = await openForRequest(db, c.get('ctx'), onReferral.scoped(c), 'contact_data');
    const values = extra.values ?? {
      phone: referral.patient_phone ?? '',
      email: referral.patient_email ?? '',
      preferred_language: referral.preferred_language ?? '',
      best_time_to_call: referral.best_time_to_call ?? '',
      contact_channel: referral.contact_channel,
    };
    return c.html(<ContactDataPage view={view(c)} referral={referral} values={values} errors={extra.errors} saved={extra.saved} />, status);
  };

  app.get('/verwijzingen/:id/contactgegevens', onReferral, (c) => {
    const saved = c.req.query('opgeslagen');
    return contactPage(c, { saved: saved === 'ja' ? 'changed' : saved === 'nee' ? 'unchanged' : undefined });
  });

  app.post('/verwijzingen/:id/contactgegevens', onReferral, async (c) => {
    const form = await parseForm(c, contactDataSchema(view(c).t));
    if (!form.ok) return contactPage(c, { values: form.values, errors: form.errors }, 422);
    const referralId = onReferral.scoped(c).referral.id;
    const { changed } = await correctContactData(db, c.get('ctx'), { referralId, data: form.data }, publicBaseUrl(services.config));
    return c.redirect(`/verwijzingen/${referralId}/contactgegevens?opgeslagen=${changed.length ? 'ja' : 'nee'}`, 303);
  });

  app.get('/verwijzingen/:id/wissen', onReferral, async (c) => {
    const referral = await openForRequest(db, c.get('ctx'), onReferral.scoped(c), 'erasure');
    return c.html(<ErasurePage view={view(c)} referral={referral} erased={c.req.query('gewist') === 'ja'} />);
  });

  app.post('/verwijzingen/:id/wissen', onReferral, async (c) => {
    const form = await parseForm(c, erasureSchema(view(c).t));
    if (!form.ok) {
      const referral = await openForRequest(db, c.get('ctx'), onReferral.scoped(c), 'erasure');
      return c.html(<ErasurePage view={view(c)} referral={referral} values={form.values} errors={form.errors} />, 422);
    }
    const referralId = onReferral.scoped(c).referral.id;
    await erasePersonalDataOnRequest(db, c.get('ctx'), { referralId, ground: form.data.grond });
    return c.redirect(`/verwijzingen/${referralId}/wissen?gewist=ja`, 303);
  });
}
