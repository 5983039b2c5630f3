import type { Hono } from 'hono';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { eventInScope, eventOrganiserRoles, eventViewerRoles, organiserRegion, type EventInScope } from './event-access.ts';
import { eventSchema } from './event-form.ts';
import { signUpRefusal } from './event-rules.ts';
import { createEvent, signOff, signUp } from './change-events.ts';
import { getEvent, regionEvents, signedUpNames } from './read-events.ts';
import { EventPage, EventsPage, NewEventPage } from './pages.tsx';

/**
 * Network events of the region (issue 13: netwerkbijeenkomst, wijksafari, training):
 *
 *   GET  /bijeenkomsten                  the region's events; organisers start a new one here
 *   GET  /bijeenkomsten/nieuw            the form (regional coordinator, team coordinators)
 *   POST /bijeenkomsten                  create it and invite by mail with an iCalendar attachment
 *   GET  /bijeenkomsten/:id              one event
 *   POST /bijeenkomsten/:id/aanmelden    sign up
 *   POST /bijeenkomsten/:id/afmelden     sign off
 */
export function registerEventRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const baseUrl = publicBaseUrl(services.config);
  const viewer = authorize(services, { roles: eventViewerRoles });
  const organiser = authorize(services, { roles: eventOrganiserRoles, scope: (actor) => organiserRegion(db, actor) });
  const inRegion = authorize(services, { roles: eventViewerRoles, scope: (actor, c) => eventInScope(db, actor, c.req.param('id')) });

  app.get('/bijeenkomsten', viewer, async (c) => {
    const actor = c.get('ctx').actor!;
    const { upcoming, past } = await regionEvents(db, actor);
    return c.html(<EventsPage view={view(c)} upcoming={upcoming} past={past} mayOrganise={eventOrganiserRoles.includes(actor.role)} />);
  });

  app.get('/bijeenkomsten/nieuw', organiser, (c) =>
    c.html(<NewEventPage view={view(c)} values={{ invite_practices: 'ja', invite_teams: 'ja' }} errors={{}} />),
  );

  app.post('/bijeenkomsten', organiser, async (c) => {
    const form = await parseForm(c, eventSchema(view(c).t, amsterdamToday()));
    if (!form.ok) return c.html(<NewEventPage view={view(c)} values={form.values} errors={form.errors} />, 422);
    const { id } = await createEvent(db, c.get('ctx'), form.data, baseUrl);
    return c.redirect(`/bijeenkomsten/${id}?melding=aangemaakt`, 303);
  });

  const renderEvent = async (c: AppContext, scope: EventInScope, problem?: string, status: 200 | 409 = 200) => {
    const actor = c.get('ctx').actor!;
    const event = await getEvent(db, scope.id, actor.userId);
    if (!event) throw notFound('event');
    const names = eventOrganiserRoles.includes(actor.role) ? await signedUpNames(db, scope.id) : null;
    return c.html(
      <EventPage
        view={view(c)}
        event={event}
        names={names}
        notice={c.req.query('melding')}
        problem={problem}
        open={signUpRefusal(event, new Date()) === null}
      />,
      status,
    );
  };

  app.get('/bijeenkomsten/:id', inRegion, (c) => renderEvent(c, inRegion.scoped(c)));

  app.post('/bijeenkomsten/:id/aanmelden', inRegion, async (c) => {
    const scope = inRegion.scoped(c);
    try {
      await signUp(db, c.get('ctx'), scope);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return renderEvent(c, scope, view(c).t(err.userMessage), 409);
      throw err;
    }
    return c.redirect(`/bijeenkomsten/${scope.id}?melding=aangemeld`, 303);
  });

  app.post('/bijeenkomsten/:id/afmelden', inRegion, async (c) => {
    const scope = inRegion.scoped(c);
    await signOff(db, c.get('ctx'), scope);
    return c.redirect(`/bijeenkomsten/${scope.id}?melding=afgemeld`, 303);
  });
}
