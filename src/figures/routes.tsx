import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { authorize, type Guard } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { badRequest, notFound } from '../platform/errors.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { view } from '../platform/ui/view.ts';
import type { FieldErrors } from '../platform/ui/components.tsx';
import {
  areaRoles,
  figureRoles,
  municipalityScope,
  ownFiguresPath,
  practiceScope,
  regionScope,
  scopePath,
  subScopes,
  teamScope,
  type FigureScope,
} from './figure-scope.ts';
import { defaultPeriod, isIsoDate, parsePeriod } from './periods.ts';
import { baselineFits, markBaseline, showFigures } from './show-figures.ts';
import { tableCsv } from './csv.ts';
import { FiguresPage, periodProblems } from './pages.tsx';

/**
 * Figures (issue 12, "Zicht op behoefte"): counts only, never a referral or a name.
 *
 *   GET  /cijfers                          to the reader's own figures page
 *   GET  /cijfers/regio/:id                the region (coordinator; a policy officer of the whole region)
 *   GET  /cijfers/gemeente/:code           a municipality of the region (coordinator; its policy officer)
 *   GET  /cijfers/team/:id                 a team (its coordinator; the region's coordinator)
 *   GET  /cijfers/praktijk/:id             a practice (its manager; the region's coordinator)
 *   POST /cijfers/regio/:id/nulmeting      the coordinator marks the region's baseline
 *
 * Each page takes ?van=&tot=&per=week|maand|kwartaal&indeling=…, and ?csv=<table> for one table as CSV.
 */
const CBS_MUNICIPALITY = /^GM\d{4}$/;

export function registerFigureRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const own = authorize(services, { roles: figureRoles });
  const region = authorize(services, { roles: areaRoles, scope: (actor, c) => regionScope(db, actor, idParam(c)) });
  const municipality = authorize(services, {
    roles: areaRoles,
    scope: (actor, c) => {
      const code = c.req.param('code') ?? '';
      return CBS_MUNICIPALITY.test(code) ? municipalityScope(db, actor, code) : null;
    },
  });
  const team = authorize(services, { roles: ['team_admin', 'region_coordinator'], scope: (actor, c) => teamScope(db, actor, idParam(c)) });
  const practice = authorize(services, { roles: ['practice_admin', 'region_coordinator'], scope: (actor, c) => practiceScope(db, actor, idParam(c)) });
  const baselineGuard = authorize(services, { roles: ['region_coordinator'], scope: (actor, c) => regionScope(db, actor, idParam(c)) });

  app.get('/cijfers', own, async (c) => {
    const path = await ownFiguresPath(db, c.get('ctx').actor!);
    if (!path) throw notFound();
    return c.redirect(path, 303);
  });

  const page = async (c: AppContext, scope: FigureScope, extra: { notice?: boolean; baselineErrors?: FieldErrors; status?: 400 | 422 } = {}) => {
    const today = amsterdamToday();
    const parsed = parsePeriod({ van: c.req.query('van'), tot: c.req.query('tot'), per: c.req.query('per') }, today);
    const problem = typeof parsed === 'string' ? periodProblems[parsed] : undefined;
    const period = typeof parsed === 'string' ? defaultPeriod(today) : parsed;
    const csv = c.req.query('csv');
    if (csv !== undefined && problem) throw badRequest(problem);
    const actor = c.get('ctx').actor!;
    const shown = await showFigures(db, c.get('ctx'), scope, period, { breakdown: c.req.query('indeling'), csv });
    if (csv !== undefined) {
      const table = [shown.keyFigures, ...shown.tables].find((t) => t.id === csv);
      if (!table)
        throw badRequest({ nl: 'Deze tabel bestaat niet. Kies een CSV-link op de pagina.', en: 'This table does not exist. Choose a CSV link on the page.' });
      return c.body(tableCsv(scope, table), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="cijfers-${table.id}-${period.from}-${period.to}.csv"`,
      });
    }
    const status = extra.status ?? (problem ? 400 : 200);
    return c.html(
      <FiguresPage
        view={view(c)}
        scope={scope}
        period={period}
        shown={shown}
        subPages={await subScopes(db, actor, scope)}
        mayMarkBaseline={scope.kind === 'region' && actor.role === 'region_coordinator'}
        problem={problem}
        notice={extra.notice ? { nl: 'De nulmeting is vastgelegd.', en: 'The baseline has been marked.' } : undefined}
        baselineErrors={extra.baselineErrors}
      />,
      status,
    );
  };

  const showScope = (guard: Guard<FigureScope>) => (c: AppContext) => page(c, guard.scoped(c), { notice: c.req.query('melding') === 'nulmeting' });
  app.get('/cijfers/regio/:id', region, showScope(region));
  app.get('/cijfers/gemeente/:code', municipality, showScope(municipality));
  app.get('/cijfers/team/:id', team, showScope(team));
  app.get('/cijfers/praktijk/:id', practice, showScope(practice));

  const dateField = z.string().trim().refine(isIsoDate, { message: 'date' });
  const baselineSchema = z.object({ nulmeting_van: dateField, nulmeting_tot: dateField });
  app.post('/cijfers/regio/:id/nulmeting', baselineGuard, async (c) => {
    const scope = baselineGuard.scoped(c);
    const form = await parseForm(c, baselineSchema);
    const message = view(c).t({
      nl: 'Vul een geldige datum in (jjjj-mm-dd), met het einde na het begin en niet langer dan 13 maanden.',
      en: 'Enter a valid date (yyyy-mm-dd), the end after the start and no longer than 13 months.',
    });
    if (!form.ok) {
      const errors: FieldErrors = {};
      for (const key of Object.keys(form.errors)) errors[key] = message;
      return page(c, scope, { baselineErrors: errors, status: 422 });
    }
    if (!baselineFits(form.data.nulmeting_van, form.data.nulmeting_tot)) return page(c, scope, { baselineErrors: { nulmeting_tot: message }, status: 422 });
    await markBaseline(db, c.get('ctx'), scope.regionId, form.data.nulmeting_van, form.data.nulmeting_tot);
    return c.redirect(`${scopePath(scope)}?melding=nulmeting`, 303);
  });
}
