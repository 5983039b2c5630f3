import { Hono, type MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Actor } from '../../platform/context.ts';
import type { Role } from '../../platform/db/schema.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { publicBaseUrl } from '../../platform/config.ts';
import { databaseUnavailable } from '../../platform/db/availability.ts';
import { AppError, retryAfterSeconds } from '../../platform/errors.ts';
import type { AppContext, AppEnv, Services } from '../../platform/http/types.ts';
import { bearerToken } from '../hsds/bearer-middleware.ts';
import { capabilityStatement } from './capability-statement.ts';
import { searchset, type BundleEntry, type FhirResource } from './fhir-types.ts';
import { operationOutcome, fhirError, fhirStatus, serverError } from './operation-outcome.ts';
import { codeSystem } from './terminology.ts';
import { apiAccessOf, auditSearch, findReferralViews, readReferralView, type ApiAccess } from './referral-resources.ts';
import { parseSearch, referenceId, type SearchRequest } from './search-params.ts';
import { toConsent, toPatient, toServiceRequest, toTask, type ReferralView } from './to-fhir.ts';
import { sendReferralBundle } from './send-referral-bundle.ts';
import { parseTaskUpdate, updateTask } from './update-task.ts';
import { readHealthcareService, readLocation, readOrganization, searchHealthcareServices, searchOrganizations } from './social-map-resources.ts';
import { idempotencyKeyFor, parseToken } from './from-fhir.ts';
import { createDraftLink } from './draft-link.ts';
import { findConsentReferral } from './find-consent.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const practiceRoles: readonly Role[] = ['practice_staff', 'practice_admin'];
const referralRoles: readonly Role[] = [...practiceRoles, 'team_member', 'team_admin'];
const anyTokenRole: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator', 'policy_officer', 'admin'];

/**
 * The FHIR R4 API at /fhir (JSON): the closed-loop referral of the HL7 SDOH Clinical Care guide over
 * the existing referral model, and the social map. It trusts bearer API tokens only (the HSDS API's,
 * src/interop/hsds), never the browser session; every route but the CapabilityStatement and the code
 * systems needs one. A token acts as its user: same role, same organisation, same data scope as in
 * the web app (referral-resources.ts), denials audited, other tenants' referrals 404. Every answer,
 * errors included, is FHIR JSON: errors are an OperationOutcome in Dutch and English.
 */
export function registerFhirRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const baseUrl = publicBaseUrl(services.config);
  const fhir = new Hono<AppEnv>();
  fhir.onError((err, c) => answerError(c as AppContext, err, services));
  fhir.use('*', bearerToken(services, fhirRefusals, { noStoreAnonymous: true }));

  fhir.get('/metadata', (c) => reply(c, capabilityStatement(baseUrl, '2026-11-30')));
  fhir.get('/CodeSystem/:id', (c) => {
    const found = codeSystem(c.req.param('id'));
    if (!found) throw fhirError('not_found', 404, { nl: 'Dit codesysteem bestaat niet.', en: 'This code system does not exist.' });
    return reply(c, found);
  });

  const referralReader = tokenGuard(services, referralRoles);
  const practiceWriter = tokenGuard(services, practiceRoles);
  const socialMapReader = tokenGuard(services, anyTokenRole);
  const accessOf = (c: AppContext): ApiAccess => apiAccessOf(c.get('ctx').actor!)!;
  /** The referral behind :id as this token reaches it; 404 (audited) when it does not. */
  const scopedReferral = async (c: AppContext): Promise<ReferralView> => {
    const id = c.req.param('id') ?? '';
    const found = UUID.test(id) ? (await findReferralViews(db, accessOf(c), { ids: [id.toLowerCase()], limit: 1, offset: 0 })).views[0] : undefined;
    if (!found) throw await scopeDenied(services, c);
    return found;
  };
  const readOne = (resource: string, render: (view: ReferralView) => FhirResource) => async (c: AppContext) => {
    const scoped = await scopedReferral(c);
    const view = await readReferralView(db, c.get('ctx'), accessOf(c), scoped.referral.id, resource);
    return reply(c, render(view));
  };

  fhir.get('/Task', referralReader, async (c) => reply(c, await searchReferrals(c, 'Task', parseSearch(c.req.queries(), 'Task'))));
  fhir.get(
    '/Task/:id',
    referralReader,
    readOne('Task', (v) => toTask(v)),
  );
  fhir.put('/Task/:id', referralReader, async (c) => {
    const scoped = await scopedReferral(c);
    const update = parseTaskUpdate(await readJson(c), scoped.referral.id);
    const changed = await updateTask(db, c.get('ctx'), accessOf(c), scoped.referral, update, baseUrl);
    const view = await readReferralView(db, c.get('ctx'), accessOf(c), scoped.referral.id, 'Task');
    c.header('Location', `${baseUrl}/fhir/Task/${view.referral.id}`);
    if (changed) c.header('ETag', `W/"${view.referral.updated_at.getTime()}"`);
    return reply(c, toTask(view));
  });
  fhir.get('/ServiceRequest', referralReader, async (c) =>
    reply(c, await searchReferrals(c, 'ServiceRequest', parseSearch(c.req.queries(), 'ServiceRequest'))),
  );
  fhir.get('/ServiceRequest/:id', referralReader, readOne('ServiceRequest', toServiceRequest));
  fhir.post('/ServiceRequest', practiceWriter, async (c) => {
    const link = await createDraftLink(db, c.get('ctx'), await readJson(c), baseUrl);
    c.header('Location', link.url);
    return reply(c, link.outcome, 201);
  });
  fhir.get(
    '/Patient/:id',
    referralReader,
    readOne('Patient', (v) => toPatient(v.referral)),
  );
  fhir.get('/Consent/:id', referralReader, async (c) => {
    const id = c.req.param('id');
    const referralId = UUID.test(id) ? await findConsentReferral(db, id.toLowerCase()) : null;
    const { views } = referralId ? await findReferralViews(db, accessOf(c), { ids: [referralId], limit: 1, offset: 0 }) : { views: [] };
    const view = views[0];
    if (!view?.consent || view.consent.id !== id.toLowerCase()) throw await scopeDenied(services, c);
    await readReferralView(db, c.get('ctx'), accessOf(c), view.referral.id, 'Consent');
    return reply(c, toConsent(view.consent, { ...view, referralId: view.referral.id }));
  });

  // A HIS sends a referral: a transaction Bundle of Patient + ServiceRequest + Consent (+ Task).
  fhir.post('/', practiceWriter, async (c) => {
    const sent = await sendReferralBundle(db, c.get('ctx'), await readJson(c), baseUrl);
    const view = await readReferralView(db, c.get('ctx'), accessOf(c), sent.id, 'Bundle');
    const status = sent.created ? '201 Created' : '200 OK';
    const entry = (resource: FhirResource): BundleEntry => ({
      fullUrl: `${baseUrl}/fhir/${resource.resourceType}/${resource.id}`,
      resource,
      response: { status, location: `${resource.resourceType}/${resource.id}`, lastModified: view.referral.updated_at.toISOString() },
    });
    const resources: Record<string, FhirResource | null> = {
      Patient: toPatient(view.referral),
      ServiceRequest: toServiceRequest(view),
      Consent: view.consent ? toConsent(view.consent, { ...view, referralId: view.referral.id }) : null,
      Task: toTask(view),
    };
    const entries = sent.order.flatMap((type) => (resources[type] ? [entry(resources[type])] : []));
    return reply(c, { resourceType: 'Bundle', type: 'transaction-response', entry: entries }, 200);
  });

  fhir.get('/Organization', socialMapReader, async (c) => {
    const search = parseSearch(c.req.queries(), 'Organization');
    const { resources, total } = await searchOrganizations(db, hsdsPage(search));
    return reply(c, pagedBundle(c, resources.map(match), total, search));
  });
  fhir.get('/Organization/:id', socialMapReader, async (c) => reply(c, await readOrganization(db, socialMapId(c))));
  fhir.get('/HealthcareService', socialMapReader, async (c) => {
    const search = parseSearch(c.req.queries(), 'HealthcareService');
    const { resources, total } = await searchHealthcareServices(db, { ...hsdsPage(search), postcode: search.postcode, category: search.category });
    return reply(c, pagedBundle(c, resources.map(match), total, search));
  });
  fhir.get('/HealthcareService/:id', socialMapReader, async (c) => reply(c, await readHealthcareService(db, socialMapId(c))));
  fhir.get('/Location/:id', socialMapReader, async (c) => reply(c, await readLocation(db, socialMapId(c))));

  // Anything else under /fhir: an OperationOutcome, not the web app's HTML page.
  fhir.all('*', () => {
    throw fhirError('not_found', 404, {
      nl: 'Dit deel van de FHIR-API bestaat niet. Zie /fhir/metadata.',
      en: 'This part of the FHIR API does not exist. See /fhir/metadata.',
    });
  });

  app.route('/fhir', fhir);

  /** Task and ServiceRequest searches: the referrals of the token's practice or team, with _include of focus and patient. */
  async function searchReferrals(c: AppContext, resource: 'Task' | 'ServiceRequest', search: SearchRequest) {
    const access = accessOf(c);
    const ownerId = search.owner ? referenceId(search.owner) : undefined;
    const requesterId = search.requester ? referenceId(search.requester) : undefined;
    const identifier = search.identifier ? parseToken(search.identifier) : null;
    if (search.identifier && !identifier)
      throw fhirError('bad_search', 400, { nl: 'identifier moet de vorm system|value hebben.', en: 'identifier must have the form system|value.' });
    const practiceId = access.side === 'practice' ? access.practiceId : undefined;
    const { views, total } = await findReferralViews(db, access, {
      ...(search.ids ? { ids: search.ids } : {}),
      ...(search.statuses ? { statuses: search.statuses } : {}),
      ...(ownerId ? { teamId: ownerId } : {}),
      ...(requesterId ? { practiceId: requesterId } : {}),
      ...(identifier ? { idempotencyKey: practiceId ? idempotencyKeyFor(practiceId, identifier) : 'no-key-for-a-team' } : {}),
      ...(search.lastUpdated ? { updatedAfter: search.lastUpdated } : {}),
      limit: search.count,
      offset: search.offset,
    });
    await auditSearch(
      db,
      c.get('ctx'),
      resource,
      views.map((v) => v.referral.id),
    );
    const main = views.map((v) => match(resource === 'Task' ? toTask(v) : toServiceRequest(v)));
    const included = views.flatMap((v) => [
      ...(search.include.has('focus') && resource === 'Task' ? [include(toServiceRequest(v))] : []),
      ...(search.include.has('patient') ? [include(toPatient(v.referral))] : []),
    ]);
    return pagedBundle(c, [...main, ...included], total, search);
  }

  function pagedBundle(c: AppContext, entries: BundleEntry[], total: number, search: SearchRequest) {
    const self = new URL(c.req.url);
    const bundle = searchset(
      entries.map((e) => ({ ...e, fullUrl: `${baseUrl}/fhir/${e.resource!.resourceType}/${e.resource!.id}` })),
      total,
      `${baseUrl}${self.pathname}${self.search}`,
    );
    if (search.offset + search.count < total) {
      const next = new URL(self);
      next.searchParams.set('_offset', String(search.offset + search.count));
      next.searchParams.set('_count', String(search.count));
      bundle.link!.push({ relation: 'next', url: `${baseUrl}${next.pathname}${next.search}` });
    }
    return bundle;
  }
}

const match = (resource: FhirResource): BundleEntry => ({ resource, search: { mode: 'match' } });
const include = (resource: FhirResource): BundleEntry => ({ resource, search: { mode: 'include' } });

/** The HSDS API pages from 1; FHIR searches here by offset, in steps of _count. */
function hsdsPage(search: SearchRequest): { page: string; per_page: string } {
  return { page: String(Math.floor(search.offset / search.count) + 1), per_page: String(search.count) };
}

function socialMapId(c: AppContext): string {
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id))
    throw fhirError('not_found', 404, { nl: 'Dit staat niet (meer) op de sociale kaart.', en: 'This is not (or no longer) on the social map.' });
  return id.toLowerCase();
}

function reply(c: AppContext, body: FhirResource, status: 200 | 201 = 200) {
  c.header('Content-Type', FHIR_JSON);
  return c.body(JSON.stringify(body), status);
}

async function readJson(c: AppContext): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/json/i.test(type))
    throw fhirError('bad_content_type', 400, {
      nl: 'Stuur FHIR JSON (Content-Type: application/fhir+json).',
      en: 'Send FHIR JSON (Content-Type: application/fhir+json).',
    });
  return c.req.json().catch(() => {
    throw fhirError('bad_json', 400, { nl: 'Dit is geen geldige JSON.', en: 'This is not valid JSON.' });
  });
}

function answerError(c: AppContext, err: Error, services: Services) {
  const ctx = c.get('ctx');
  const known = err instanceof AppError ? err : databaseUnavailable(err);
  if (known) {
    ctx?.log.info({ code: known.code, status: known.status }, known.message);
    const retryAfter = retryAfterSeconds(known);
    if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
    if (known.status === 401) c.header('WWW-Authenticate', 'Bearer realm="korte-lijn"');
    c.header('Content-Type', FHIR_JSON);
    return c.body(JSON.stringify(operationOutcome(fhirStatus(known), known.userMessage, known.code)), fhirStatus(known));
  }
  (ctx?.log ?? services.log).error({ err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
  c.header('Content-Type', FHIR_JSON);
  return c.body(JSON.stringify(operationOutcome(500, serverError)), 500);
}

const tooManyRefused = (minutes: number) =>
  fhirError('throttled', 429, {
    nl: `Vanaf dit adres kwamen te veel ongeldige API-sleutels. Probeer het over ${minutes} minuten opnieuw.`,
    en: `Too many invalid API keys came from this address. Try again in ${minutes} minutes.`,
  });

const tokenRefused = () =>
  fhirError('token_refused', 401, {
    nl: 'Deze API-sleutel is onbekend, ingetrokken of van een geblokkeerde gebruiker.',
    en: 'This API key is unknown, revoked or belongs to a blocked user.',
  });

const tokenMissing = () =>
  fhirError('token_missing', 401, {
    nl: 'Hiervoor is een API-sleutel nodig: stuur Authorization: Bearer <sleutel>.',
    en: 'This needs an API key: send Authorization: Bearer <key>.',
  });

/** FHIR answers a refused token with an OperationOutcome (answerError), thrown. */
const fhirRefusals = {
  throttled: (c: AppContext, retryAfterSeconds: number): never => {
    c.header('Retry-After', String(retryAfterSeconds));
    throw tooManyRefused(Math.ceil(retryAfterSeconds / 60));
  },
  refused: (): never => {
    throw tokenRefused();
  },
};

/**
 * The FHIR API's authorize (platform/http/authorize.ts does the same for sessions): a token is
 * required, of one of these roles (403 otherwise, audited). The data scope is checked per resource
 * by the handler (scopedReferral), which answers 404 for other tenants, audited as well.
 */
function tokenGuard(services: Services, roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const actor: Actor | null = c.get('ctx').actor;
    if (!actor) throw tokenMissing();
    const referralRoute = roles.every((r) => referralRoles.includes(r));
    if (!roles.includes(actor.role) || (referralRoute && !apiAccessOf(actor))) {
      await auditDenied(services, c, 'role');
      throw fhirError('forbidden', 403, { nl: 'Met deze API-sleutel mag dit niet.', en: 'This API key may not do this.' });
    }
    await next();
  });
}

/** Denials are audited as in the web app (platform/http/authorize.ts). */
function auditDenied(services: Services, c: AppContext, reason: 'role' | 'scope') {
  return writeAudit(services.db, c.get('ctx'), {
    action: 'access.denied',
    subjectType: 'route',
    subjectId: c.req.routePath,
    outcome: 'denied',
    details: { reason, via: 'fhir' },
  });
}

async function scopeDenied(services: Services, c: AppContext): Promise<AppError> {
  await auditDenied(services, c, 'scope');
  return fhirError('not_found', 404, {
    nl: 'Deze verwijzing bestaat niet, of u heeft er geen toegang toe.',
    en: 'This referral does not exist, or you have no access to it.',
  });
}
