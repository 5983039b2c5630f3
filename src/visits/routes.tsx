import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { AppError, badRequest, notFound } from '../platform/errors.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { dutchDate } from '../referrals/labels.ts';
import { actorRegionId, practiceInScope, visitInScope, visitPlannerRoles, visitViewerRoles, type PracticeInScope } from './visit-access.ts';
import { planVisitSchema, recordVisitSchema, topicField } from './visit-form.ts';
import { addMonthsIso, NEXT_VISIT_MONTHS } from './visit-rules.ts';
import { cancelVisit, markFollowUp, planVisit, recordVisit } from './change-visits.ts';
import { getVisit, practiceVisits, regionTeams, regionVisitStates } from './read-visits.ts';
import { PracticeCalendarPage, RegionVisitsPage, VisitPage } from './pages.tsx';

/**
 * Visits to practices (docs/product.md loop step 8):
 *
 *   GET  /bezoeken                        the region's practices and their visits (the practice: its own calendar)
 *   GET  /bezoeken/praktijk/:id           one practice's calendar, shared by all teams of the region
 *   POST /bezoeken/praktijk/:id           plan a visit
 *   GET  /bezoeken/:id                    one visit, with the form to record it
 *   POST /bezoeken/:id/vastleggen         record it as held
 *   POST /bezoeken/:id/afzeggen           cancel it
 *   POST /bezoeken/:id/vervolg            a follow-up is done (or not)
 */
export function registerVisitRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const viewer = authorize(services, { roles: visitViewerRoles });
  const calendar = authorize(services, { roles: visitViewerRoles, scope: (actor, c) => practiceInScope(db, actor, c.req.param('id')) });
  const planner = authorize(services, {
    roles: visitPlannerRoles,
    scope: async (actor, c) => {
      const practice = await practiceInScope(db, actor, c.req.param('id'));
      return practice?.mayPlan ? practice : null;
    },
  });
  const visitReader = authorize(services, { roles: visitViewerRoles, scope: (actor, c) => visitInScope(db, actor, c.req.param('id')) });
  const visitWriter = authorize(services, {
    roles: visitPlannerRoles,
    scope: async (actor, c) => {
      const scope = await visitInScope(db, actor, c.req.param('id'));
      return scope?.mayPlan ? scope : null;
    },
  });

  app.get('/bezoeken', viewer, async (c) => {
    const actor = c.get('ctx').actor!;
    if (actor.practiceId) return c.redirect(`/bezoeken/praktijk/${actor.practiceId}`, 303);
    const regionId = await actorRegionId(db, actor);
    return c.html(<RegionVisitsPage view={view(c)} states={regionId ? await regionVisitStates(db, regionId) : []} />);
  });

  const renderCalendar = async (
    c: AppContext,
    practice: PracticeInScope,
    form: { values?: Record<string, string | null | undefined>; errors?: Record<string, string> } = {},
    status: 200 | 422 = 200,
  ) => {
    const actor = c.get('ctx').actor!;
    const defaults = { participant_name_1: actor.name, participant_team_1: actor.teamId ?? '', [topicField('social_map_update')]: 'ja' };
    return c.html(
      <PracticeCalendarPage
        view={view(c)}
        practice={practice}
        visits={await practiceVisits(db, practice.id)}
        teams={practice.mayPlan ? await regionTeams(db, practice.regionId) : []}
        today={amsterdamToday()}
        values={form.values ?? defaults}
        errors={form.errors ?? {}}
        notice={c.req.query('melding')}
      />,
      status,
    );
  };

  app.get('/bezoeken/praktijk/:id', calendar, (c) => renderCalendar(c, calendar.scoped(c)));

  app.post('/bezoeken/praktijk/:id', planner, async (c) => {
    const practice = planner.scoped(c);
    const form = await parseForm(c, planVisitSchema(view(c).t, amsterdamToday()));
    if (!form.ok) return renderCalendar(c, practice, { values: form.values, errors: form.errors }, 422);
    try {
      const { id } = await planVisit(db, c.get('ctx'), practice.id, form.data);
      return c.redirect(`/bezoeken/${id}?melding=gepland`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 422)
        return renderCalendar(c, practice, { values: form.values, errors: { participants: view(c).t(err.userMessage) } }, 422);
      throw err;
    }
  });

  const renderVisit = async (
    c: AppContext,
    scope: PracticeInScope & { visitId: string },
    form: { values?: Record<string, string | null | undefined>; errors?: Record<string, string>; problem?: string } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const visit = await getVisit(db, scope.visitId);
    if (!visit) throw notFound('visit');
    const today = amsterdamToday();
    const defaults: Record<string, string> = {
      held_on: dutchDate(visit.plannedOn <= today ? visit.plannedOn : today),
      next_visit_due: dutchDate(addMonthsIso(today, NEXT_VISIT_MONTHS)),
      notes: visit.notes ?? '',
    };
    visit.participants.forEach((p, i) => {
      defaults[`participant_name_${i + 1}`] = p.name;
      defaults[`participant_team_${i + 1}`] = p.teamId ?? '';
    });
    for (const topic of visit.topics) defaults[topicField(topic)] = 'ja';
    return c.html(
      <VisitPage
        view={view(c)}
        practice={scope}
        visit={visit}
        teams={scope.mayPlan ? await regionTeams(db, scope.regionId) : []}
        today={today}
        values={form.values ?? defaults}
        errors={form.errors ?? {}}
        notice={c.req.query('melding')}
        problem={form.problem}
      />,
      status,
    );
  };

  app.get('/bezoeken/:id', visitReader, (c) => renderVisit(c, visitReader.scoped(c)));

  app.post('/bezoeken/:id/vastleggen', visitWriter, async (c) => {
    const scope = visitWriter.scoped(c);
    const form = await parseForm(c, recordVisitSchema(view(c).t, amsterdamToday()));
    if (!form.ok) return renderVisit(c, scope, { values: form.values, errors: form.errors }, 422);
    try {
      await recordVisit(db, c.get('ctx'), scope.visitId, form.data);
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422))
        return renderVisit(c, scope, { values: form.values, problem: view(c).t(err.userMessage) }, err.status);
      throw err;
    }
    return c.redirect(`/bezoeken/${scope.visitId}?melding=vastgelegd`, 303);
  });

  app.post('/bezoeken/:id/afzeggen', visitWriter, async (c) => {
    const scope = visitWriter.scoped(c);
    try {
      await cancelVisit(db, c.get('ctx'), scope.visitId);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return renderVisit(c, scope, { problem: view(c).t(err.userMessage) }, 409);
      throw err;
    }
    return c.redirect(`/bezoeken/${scope.visitId}?melding=afgezegd`, 303);
  });

  const followUpSchema = z.object({ follow_up_id: z.uuid(), done: z.enum(['ja', 'nee']) });
  app.post('/bezoeken/:id/vervolg', visitWriter, async (c) => {
    const scope = visitWriter.scoped(c);
    const form = await parseForm(c, followUpSchema);
    if (!form.ok) throw badRequest({ nl: 'Kies een vervolgafspraak uit de lijst.', en: 'Choose a follow-up from the list.' });
    await markFollowUp(db, c.get('ctx'), scope.visitId, form.data.follow_up_id, form.data.done === 'ja');
    return c.redirect(`/bezoeken/${scope.visitId}?melding=vervolg`, 303);
  });
}
