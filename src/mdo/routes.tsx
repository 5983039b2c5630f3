import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { AppError, badRequest } from '../platform/errors.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { dutchDate } from '../referrals/labels.ts';
import type { FoundReferral } from '../referrals/access.ts';
import { referralScope } from '../referrals/referral-scope.ts';
import { mdoInScope, mdoPlannerRoles, mdoPracticeInScope, mdoViewerRoles, type MdoInScope } from './mdo-access.ts';
import { addCaseSchema, participantField, planMdoSchema, recordMdoSchema } from './mdo-form.ts';
import { addMdoCase, cancelMdo, markMdoAction, planMdo, possibleParticipants, recordMdo } from './change-mdo.ts';
import { listMdos, mdosForReferral, plannablePractices, readMdo } from './read-mdo.ts';
import { MdoListPage, MdoPage, PlanMdoPage, ReferralMdoPage } from './pages.tsx';
import type { PracticeInScope } from '../visits/visit-access.ts';

/**
 * Multidisciplinary consultation (issue 13, MDO):
 *
 *   GET  /mdo                       the MDOs the actor sees, and where they may plan one
 *   GET  /mdo/praktijk/:id          plan an MDO at a practice (its staff, the region's teams)
 *   POST /mdo/praktijk/:id          plan it
 *   GET  /mdo/:id                   one MDO: cases (patient only for who may see the referral; read audited), actions
 *   POST /mdo/:id/vastleggen        a participant records it as held, with actions
 *   POST /mdo/:id/afzeggen          a participant cancels it
 *   POST /mdo/:id/actie             a participant ticks an action off (or back)
 *   GET  /verwijzingen/:id/mdo      the practice or the holding team: put the referral on an MDO's agenda
 *   POST /verwijzingen/:id/mdo      … with the patient's consent for discussion in an MDO
 */
export function registerMdoRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const baseUrl = publicBaseUrl(services.config);
  const viewer = authorize(services, { roles: mdoViewerRoles });
  const planner = authorize(services, { roles: mdoPlannerRoles, scope: (actor, c) => mdoPracticeInScope(db, actor, c.req.param('id')) });
  const reader = authorize(services, { roles: mdoViewerRoles, scope: (actor, c) => mdoInScope(db, actor, c.req.param('id')) });
  const participant = authorize(services, {
    roles: mdoPlannerRoles,
    scope: async (actor, c) => {
      const scope = await mdoInScope(db, actor, c.req.param('id'));
      return scope?.takesPart ? scope : null;
    },
  });
  const referralSide = authorize(services, { roles: mdoPlannerRoles, scope: referralScope(services, ['practice', 'team-holder']) });

  app.get('/mdo', viewer, async (c) => {
    const actor = c.get('ctx').actor!;
    const [rows, practices] = await Promise.all([listMdos(db, actor), plannablePractices(db, actor)]);
    return c.html(<MdoListPage view={view(c)} rows={rows} practices={practices} />);
  });

  const renderPlan = async (
    c: AppContext,
    practice: PracticeInScope,
    form: { values?: Record<string, string>; errors?: Record<string, string> } = {},
    status: 200 | 422 = 200,
  ) => {
    const people = await possibleParticipants(db, practice.id, practice.regionId);
    const actor = c.get('ctx').actor!;
    return c.html(
      <PlanMdoPage
        view={view(c)}
        practice={practice}
        people={people.map((p) => ({ id: p.id, name: p.name, side: p.team_name ?? practice.name }))}
        values={form.values ?? { [participantField(actor.userId)]: 'ja' }}
        errors={form.errors ?? {}}
      />,
      status,
    );
  };

  app.get('/mdo/praktijk/:id', planner, (c) => renderPlan(c, planner.scoped(c)));

  app.post('/mdo/praktijk/:id', planner, async (c) => {
    const practice = planner.scoped(c);
    const form = await parseForm(c, planMdoSchema(view(c).t, amsterdamToday()));
    if (!form.ok) return renderPlan(c, practice, { values: form.values, errors: form.errors }, 422);
    try {
      const { id } = await planMdo(db, c.get('ctx'), practice.id, form.data, baseUrl);
      return c.redirect(`/mdo/${id}?melding=gepland`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 422)
        return renderPlan(c, practice, { values: form.values, errors: { participants: view(c).t(err.userMessage) } }, 422);
      throw err;
    }
  });

  const renderMdo = async (
    c: AppContext,
    scope: MdoInScope,
    form: { values?: Record<string, string>; errors?: Record<string, string>; problem?: string } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const today = amsterdamToday();
    const mdo = await readMdo(db, c.get('ctx'), scope);
    return c.html(
      <MdoPage
        view={view(c)}
        mdo={mdo}
        takesPart={scope.takesPart}
        today={today}
        values={form.values ?? { minutes: mdo.minutes ?? '' }}
        errors={form.errors ?? {}}
        notice={c.req.query('melding')}
        problem={form.problem}
      />,
      status,
    );
  };

  app.get('/mdo/:id', reader, (c) => renderMdo(c, reader.scoped(c)));

  app.post('/mdo/:id/vastleggen', participant, async (c) => {
    const scope = participant.scoped(c);
    const form = await parseForm(c, recordMdoSchema(view(c).t));
    if (!form.ok) return renderMdo(c, scope, { values: form.values, errors: form.errors }, 422);
    try {
      await recordMdo(db, c.get('ctx'), scope, form.data, baseUrl);
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422))
        return renderMdo(c, scope, { values: form.values, problem: view(c).t(err.userMessage) }, err.status);
      throw err;
    }
    return c.redirect(`/mdo/${scope.id}?melding=gehouden`, 303);
  });

  app.post('/mdo/:id/afzeggen', participant, async (c) => {
    const scope = participant.scoped(c);
    try {
      await cancelMdo(db, c.get('ctx'), scope, baseUrl);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return renderMdo(c, scope, { problem: view(c).t(err.userMessage) }, 409);
      throw err;
    }
    return c.redirect(`/mdo/${scope.id}?melding=afgezegd`, 303);
  });

  const actionSchema = z.object({ action_id: z.uuid(), done: z.enum(['ja', 'nee']) });
  app.post('/mdo/:id/actie', participant, async (c) => {
    const scope = participant.scoped(c);
    const form = await parseForm(c, actionSchema);
    if (!form.ok) throw badRequest({ nl: 'Kies een actie uit de lijst.', en: 'Choose an action from the list.' });
    await markMdoAction(db, c.get('ctx'), scope, form.data.action_id, form.data.done === 'ja');
    return c.redirect(`/mdo/${scope.id}?melding=actie`, 303);
  });

  const renderReferral = async (
    c: AppContext,
    found: FoundReferral,
    form: { values?: Record<string, string>; errors?: Record<string, string> } = {},
    status: 200 | 422 = 200,
  ) => {
    const r = found.referral;
    const { choices, discussed } = await mdosForReferral(db, c.get('ctx').actor!, r);
    return c.html(
      <ReferralMdoPage
        view={view(c)}
        referral={{ id: r.id, reference: r.reference, practiceId: r.practice_id }}
        choices={choices}
        discussed={discussed}
        values={form.values ?? { consent_given_on: dutchDate(amsterdamToday()) }}
        errors={form.errors ?? {}}
        notice={c.req.query('melding')}
      />,
      status,
    );
  };

  app.get('/verwijzingen/:id/mdo', referralSide, (c) => renderReferral(c, referralSide.scoped(c)));

  app.post('/verwijzingen/:id/mdo', referralSide, async (c) => {
    const found = referralSide.scoped(c);
    const form = await parseForm(c, addCaseSchema(view(c).t, amsterdamToday()));
    if (!form.ok) return renderReferral(c, found, { values: form.values, errors: form.errors }, 422);
    try {
      await addMdoCase(db, c.get('ctx'), found.referral.id, form.data);
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422))
        return renderReferral(c, found, { values: form.values, errors: { mdo_id: view(c).t(err.userMessage) } }, 422);
      throw err;
    }
    return c.redirect(`/mdo/${form.data.mdo_id}?melding=toegevoegd`, 303);
  });
}
