import type { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../../platform/db/schema.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { fill, translator } from '../../platform/i18n.ts';
import type { AppContext, AppEnv, Services } from '../../platform/http/types.ts';
import { bearerToken } from './bearer-middleware.ts';
import { exportMap } from './export-map.ts';
import { findRegionId } from './find-region.ts';
import { getOrganization, organizationNotFound } from './get-organization.ts';
import { getService, serviceNotFound } from './get-service.ts';
import { importMap } from './import-map.ts';
import { listOrganizations } from './list-organizations.ts';
import { listServices } from './list-services.ts';
import { listServiceAtLocations } from './list-service-at-locations.ts';
import { HSDS_VERSION, hsdsOpenApi } from './openapi.ts';
import { appUrl } from '../../platform/http/app-url.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The HSDS 3 API of the social map under /api/hsds. It trusts bearer tokens only (never the
 * browser session): the read endpoints are public and add professional contacts for a valid
 * token; export and import need a token of an administrator (or, for export, a coordinator).
 * The platform's CSRF check skips /api/ requests that carry an Authorization header.
 */
export function registerHsdsRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  app.use('/api/hsds/*', bearerToken(services, hsdsRefusals, { noStoreAnonymous: false }));

  // HSDS API reference: GET / names the HSDS version, the profile and the OpenAPI document.
  const apiUrl = (c: AppContext, path: string) => appUrl(services.config, c.req.url, `/api/hsds/${path}`);
  const meta = (c: AppContext) =>
    c.json({ version: HSDS_VERSION, profile: `${apiUrl(c, 'openapi.json')}#/info/x-profile`, openapi_url: apiUrl(c, 'openapi.json') });
  app.get('/api/hsds', meta);
  app.get('/api/hsds/', meta);
  app.get('/api/hsds/openapi.json', (c) => c.json(hsdsOpenApi(apiUrl(c, '').replace(/\/$/, ''))));
  app.get('/api/hsds/service_at_locations', async (c) => c.json(await listServiceAtLocations(db, c.req.query())));

  app.get('/api/hsds/services', async (c) => c.json(await listServices(db, c.req.query(), { includeProfessional: hasToken(c) })));
  app.get('/api/hsds/services/:id', async (c) => c.json(await getService(db, uuidParam(c, serviceNotFound), { includeProfessional: hasToken(c) })));
  app.get('/api/hsds/organizations', async (c) => c.json(await listOrganizations(db, c.req.query())));
  app.get('/api/hsds/organizations/:id', async (c) =>
    c.json(await getOrganization(db, uuidParam(c, organizationNotFound), { includeProfessional: hasToken(c) })),
  );

  app.get('/api/hsds/export', tokenRole(services, ['admin', 'region_coordinator']), async (c) => c.json(await exportMap(db, c.get('ctx'))));

  app.post('/api/hsds/import', tokenRole(services, ['admin']), async (c) => {
    const ctx = c.get('ctx');
    const body: unknown = await c.req.json().catch(() => {
      throw new AppError('bad_json', 400, {
        nl: 'Stuur een HSDS-document als JSON (Content-Type: application/json).',
        en: 'Send an HSDS document as JSON (Content-Type: application/json).',
      });
    });
    const region = c.req.query('region');
    const regionId = region ? await findRegionId(db, region) : (ctx.actor?.regionId ?? null);
    return c.json({ imported: await importMap(db, ctx, body, { regionId }) });
  });
}

function hasToken(c: AppContext): boolean {
  return c.get('ctx').actor !== null;
}

function uuidParam(c: AppContext, notFound: () => AppError): string {
  const id = c.req.param('id');
  if (!id || !UUID.test(id)) throw notFound();
  return id.toLowerCase();
}

const tooManyRefused = {
  nl: 'Vanaf dit adres kwamen te veel ongeldige API-sleutels. Probeer het over {minutes} minuten opnieuw.',
  en: 'Too many invalid API keys came from this address. Try again in {minutes} minutes.',
};

const unauthorizedMessages = {
  missing: { nl: 'Hiervoor is een API-sleutel nodig: stuur Authorization: Bearer <sleutel>.', en: 'This needs an API key: send Authorization: Bearer <key>.' },
  refused: {
    nl: 'Deze API-sleutel is onbekend, ingetrokken of van een geblokkeerde gebruiker.',
    en: 'This API key is unknown, revoked or belongs to a blocked user.',
  },
};

function unauthorized(c: AppContext, reason: keyof typeof unauthorizedMessages) {
  const t = translator(c.get('ctx').lang);
  // Answered here rather than thrown: the platform turns a thrown 401 into a redirect to the sign-in page.
  return c.json({ error: t(unauthorizedMessages[reason]) }, 401, { 'WWW-Authenticate': 'Bearer realm="korte-lijn"' });
}

const roleRefused = () =>
  new AppError('forbidden', 403, {
    nl: 'Met deze API-sleutel mag dit niet: exporteren kan een functioneel beheerder of regionale aanjager, importeren alleen een functioneel beheerder.',
    en: 'This API key may not do this: export is for functional administrators and regional coordinators, import for functional administrators only.',
  });

/** HSDS answers a refused token with plain JSON; after too many, 429 with Retry-After. */
const hsdsRefusals = {
  throttled: (c: AppContext, retryAfterSeconds: number) => {
    const minutes = String(Math.ceil(retryAfterSeconds / 60));
    return c.json({ error: fill(translator(c.get('ctx').lang)(tooManyRefused), { minutes }) }, 429, { 'Retry-After': String(retryAfterSeconds) });
  },
  refused: (c: AppContext) => unauthorized(c, 'refused'),
};

/** Export and import: a token is required, of one of these roles. */
function tokenRole(services: Services, roles: readonly Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const ctx = c.get('ctx');
    if (!ctx.actor) return unauthorized(c, 'missing');
    if (!roles.includes(ctx.actor.role)) {
      await writeAudit(services.db, ctx, {
        action: 'access.denied',
        subjectType: 'route',
        subjectId: c.req.routePath,
        outcome: 'denied',
        details: { reason: 'role' },
      });
      throw roleRefused();
    }
    await next();
  });
}
