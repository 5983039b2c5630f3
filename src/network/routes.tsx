import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Services } from '../platform/http/types.ts';
import type { Role } from '../platform/db/schema.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { badRequest, notFound } from '../platform/errors.ts';
import { practiceInScope } from '../visits/visit-access.ts';
import { manualItems } from './checklist.ts';
import { networkOverview, networkRoles, regionRows } from './network-overview.ts';
import { tickChecklist } from './tick-checklist.ts';
import { NetworkPage, NetworkPracticePage } from './pages.tsx';

/**
 * The region's network view (docs/product.md loop step 8, the annual cycle):
 *
 *   GET  /netwerk                              regional coordinator, team coordinators: every practice of the region
 *   GET  /netwerk/praktijken/:id               one practice with its yearly checklist (also its own practice manager)
 *   POST /netwerk/praktijken/:id/jaarlijst     tick or untick a checklist item
 */
const practiceRoles: readonly Role[] = [...networkRoles, 'practice_admin'];

export function registerNetworkRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const overview = authorize(services, { roles: networkRoles });
  const practice = authorize(services, { roles: practiceRoles, scope: (actor, c) => practiceInScope(db, actor, c.req.param('id')) });

  app.get('/netwerk', overview, async (c) => {
    const now = new Date();
    return c.html(<NetworkPage view={view(c)} rows={await networkOverview(db, c.get('ctx').actor!, now)} now={now} />);
  });

  app.get('/netwerk/praktijken/:id', practice, async (c) => {
    const scope = practice.scoped(c);
    const actor = c.get('ctx').actor!;
    const now = new Date();
    const [row] = await regionRows(db, scope.regionId, actor.role === 'team_admin' ? actor.teamId : null, now, scope.id);
    if (!row) throw notFound('practice');
    return c.html(<NetworkPracticePage view={view(c)} row={row} now={now} notice={c.req.query('melding')} mayTick />);
  });

  const tickSchema = z.object({ item: z.enum(manualItems), done: z.enum(['ja', 'nee']) });
  app.post('/netwerk/praktijken/:id/jaarlijst', practice, async (c) => {
    const scope = practice.scoped(c);
    const form = await parseForm(c, tickSchema);
    if (!form.ok) throw badRequest({ nl: 'Kies een punt van de jaarlijst.', en: 'Choose an item of the yearly checklist.' });
    await tickChecklist(db, c.get('ctx'), scope.id, form.data.item, form.data.done === 'ja');
    return c.redirect(`/netwerk/praktijken/${scope.id}?melding=opgeslagen`, 303);
  });
}
