import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { RequestContext } from '../context.ts';
import { AppError, retryAfterSeconds, UnavailableError } from '../errors.ts';
import { databaseUnavailable } from '../db/availability.ts';
import { waitForTurn, withWaitBudget } from '../db/admission.ts';
import { waitLimitMs } from '../db/database.ts';
import { isLang } from '../i18n.ts';
import { loadSession, nextSignInStep, randomToken, sessionComplete, SESSION_COOKIE } from '../auth/sessions.ts';
import { renderError } from '../ui/error-page.tsx';
import { cookieOptions, CSRF_COOKIE, LANG_COOKIE } from '../http/cookies.ts';
import { localPath } from '../http/local-path.ts';
import type { AppContext, AppEnv, Services } from '../http/types.ts';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from '../http/client-address.ts';
import { metricsFor } from '../metrics/metrics.ts';
import { compression, sharedPageValidators } from './transfer.ts';

/** Routes that accept files up to UPLOAD_BODY_LIMIT (imports) when the caller is authenticated. */
export const LARGE_UPLOAD_PATHS = ['/beheer/postcodes', '/api/hsds/import'];
/** Every other request body, and any anonymous one: the largest form (a service description) is a few KB. */
export const FORM_BODY_LIMIT = 64 * 1024;
export const UPLOAD_BODY_LIMIT = 100 * 1024 * 1024;

/** Paths a signed-in user may visit before finishing sign-in (second factor, new password). */
const PENDING_SIGN_IN_PATHS = ['/tweestaps', '/tweestaps/instellen', '/tweestaps/herstelcode', '/wachtwoord-wijzigen', '/uitloggen'];

/**
 * The Hono app with the cross-cutting layer every route shares: request id and logging, security
 * headers with a strict CSP, language, session, sign-in gate, body limit, CSRF, error pages.
 */
export function createHttpApp(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { proxies } = parseTrustedProxies(services.config.trustProxy.join(','));

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    const started = performance.now();
    const ctx: RequestContext = { requestId, ip: clientIp(c, proxies), lang: 'nl', log: services.log.child({ requestId }), actor: null };
    c.set('ctx', ctx);
    c.set('session', null);
    c.set('csrfToken', '');
    c.set('unread', 0);
    // All database statements of this request share one wait budget (DB_WAIT_SECONDS in total).
    const db = { waitedMs: 0 };
    await withWaitBudget(db, next);
    c.header('x-request-id', requestId);
    // Path only, never the query string: queries may carry search terms.
    const ms = Math.round(performance.now() - started);
    ctx.log.info({ method: c.req.method, path: c.req.routePath, status: c.res.status, ms, dbWaitMs: Math.round(db.waitedMs) }, 'request');
    metricsFor(services.db).observeRequest(c.req.method, routePattern(c), c.res.status, (performance.now() - started) / 1000);
  });

  // Every text answer, error pages included, goes out compressed (brotli or gzip).
  app.use('*', compression());

  // Under overload a request that waited DB_WAIT_SECONDS for its turn is answered 503 at once.
  app.use('*', async (_c, next) => {
    await waitForTurn(waitLimitMs(services.db));
    await next();
  });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      strictTransportSecurity: services.config.cookieSecure ? 'max-age=31536000; includeSubDomains' : false,
      crossOriginEmbedderPolicy: false,
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    }),
  );

  // Language: ?lang= switches (and is remembered in a cookie); Dutch is the default.
  app.use('*', async (c, next) => {
    const ctx = c.get('ctx');
    const asked = c.req.query('lang');
    if (c.req.method === 'GET' && isLang(asked)) {
      setCookie(c, LANG_COOKIE, asked, { ...cookieOptions(services), httpOnly: false, maxAge: 365 * 86400 });
      const url = new URL(c.req.url);
      url.searchParams.delete('lang');
      return c.redirect(localPath(`${url.pathname}${url.search}`), 303);
    }
    const remembered = getCookie(c, LANG_COOKIE);
    ctx.lang = isLang(remembered) ? remembered : 'nl';
    await next();
  });

  // Session, sign-in gate and CSRF token.
  app.use('*', async (c, next) => {
    const ctx = c.get('ctx');
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await loadSession(services.db, token) : null;
    if (session) {
      c.set('session', session);
      ctx.actor = session.actor;
      c.set('csrfToken', session.csrfToken);
      const path = new URL(c.req.url).pathname;
      if (!sessionComplete(session) && c.req.method === 'GET' && !PENDING_SIGN_IN_PATHS.includes(path) && !isPublicPath(path)) {
        return c.redirect(nextSignInStep(session), 303);
      }
      if (sessionComplete(session) && c.req.method === 'GET' && !isPublicPath(path)) c.set('unread', session.unread);
    } else {
      let csrf = getCookie(c, CSRF_COOKIE);
      if (!csrf || csrf.length < 20) {
        csrf = randomToken();
        // A stylesheet, script or icon holds no form: it sets no cookie (a cookieless page, such as the waiting-room screen, stays cookieless).
        if (!isPublicPath(new URL(c.req.url).pathname)) setCookie(c, CSRF_COOKIE, csrf, cookieOptions(services));
      }
      c.set('csrfToken', csrf);
    }
    await next();
    // Signed-in pages show patient data and are used on shared practice computers: never kept in a
    // browser or proxy cache (nor shown again from it by the Back button). The app's assets are.
    if (session && !c.req.path.startsWith('/assets/')) c.header('Cache-Control', 'no-store');
  });

  // Pages that are the same for every visitor get an ETag, so a repeat visit costs a 304.
  app.use('*', sharedPageValidators());

  // Bodies are capped before anything reads them (CSRF parses forms, before any route runs). Forms
  // need little; only the import routes take large files, and only from a signed-in session (pages)
  // or with a bearer token (API; its token is checked before the route reads the body), so nobody
  // anonymous can make the server parse megabytes.
  const tooLarge = () => {
    throw new AppError('body_too_large', 413, { nl: 'Wat u stuurt is te groot.', en: 'What you sent is too large.' });
  };
  const formLimit = bodyLimit({ maxSize: FORM_BODY_LIMIT, onError: tooLarge });
  const uploadLimit = bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: tooLarge });
  app.use('*', (c, next) => {
    if (!LARGE_UPLOAD_PATHS.includes(c.req.path)) return formLimit(c, next);
    const session = c.get('session');
    const authenticated = c.req.path.startsWith('/api/')
      ? /^Bearer \S/i.test(c.req.header('authorization') ?? '')
      : session !== null && sessionComplete(session);
    return authenticated ? uploadLimit(c, next) : formLimit(c, next);
  });

  // CSRF: every state-changing request must come from our own pages and echo the form token.
  app.use('*', async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    if (c.req.path.startsWith('/api/') && c.req.header('authorization')) return next();
    // The FHIR API ignores the browser session and trusts bearer tokens only, which a browser never sends by itself.
    if (c.req.path === '/fhir' || c.req.path.startsWith('/fhir/')) return next();
    // One-click unsubscribe (RFC 8058): the mail provider posts to the signed address without a cookie; it only unsubscribes.
    if (c.req.path.startsWith('/nieuwsbrief/afmelden/')) return next();
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.req.url).origin && c.req.header('sec-fetch-site') !== 'same-origin') throw csrfFailed();
    const contentType = c.req.header('content-type') ?? '';
    if (!contentType.includes('application/x-www-form-urlencoded') && !contentType.includes('multipart/form-data')) throw csrfFailed();
    const body = await c.req.parseBody().catch(() => {
      throw new AppError('bad_body', 400, { nl: 'Het formulier kon niet worden gelezen.', en: 'The form could not be read.' });
    });
    const sent = typeof body['_csrf'] === 'string' ? body['_csrf'] : '';
    if (!safeEqual(sent, c.get('csrfToken'))) throw csrfFailed();
    await next();
  });

  app.notFound((c) => renderError(c as AppContext, 404, { nl: 'Deze pagina bestaat niet (meer).', en: 'This page does not exist (any more).' }));

  app.onError((err, c) => {
    const ctx = c.get('ctx');
    // A database that restarts, fails over or is overloaded is not a bug: 503 with Retry-After.
    const known = err instanceof AppError ? err : databaseUnavailable(err);
    if (known) {
      ctx?.log[known instanceof UnavailableError ? 'warn' : 'info']({ code: known.code, status: known.status }, known.message);
      if (known.status === 401) return c.redirect('/inloggen', 303);
      // A resident whose self-check form expired starts again there, in their own language: never
      // the staff sign-in behind "Naar de startpagina" (the self-check's page at /zelftest/verlopen).
      if (known.code === 'csrf' && (c.req.path === '/zelftest' || c.req.path.startsWith('/zelftest/'))) return publicFormExpired(c as AppContext);
      const retryAfter = retryAfterSeconds(known);
      if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
      return renderError(c as AppContext, known.status, known.userMessage);
    }
    (ctx?.log ?? services.log).error({ err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
    return renderError(c as AppContext, 500, {
      nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw. Er is niets verloren gegaan van wat al was opgeslagen.',
      en: 'Something went wrong on our side. Please try again later. Nothing that was already saved has been lost.',
    });
  });

  return app;
}

async function publicFormExpired(c: AppContext) {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const lang = typeof body['lang'] === 'string' && /^[a-z]{2}$/.test(body['lang']) ? body['lang'] : 'nl';
  return c.redirect(`/zelftest/verlopen?lang=${lang}`, 303);
}

function csrfFailed() {
  return new AppError('csrf', 403, {
    nl: 'Dit formulier is verlopen of kwam niet van Korte Lijn. Ga terug, laad de pagina opnieuw en probeer het nog eens.',
    en: 'This form has expired or did not come from Korte Lijn. Go back, reload the page and try again.',
  });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

function isPublicPath(path: string): boolean {
  return path.startsWith('/assets/') || path === '/healthz' || path === '/readyz' || path === '/metrics';
}

/** The pattern of the route the request matched (e.g. /verwijzingen/:id), never the URL itself; 'unmatched' for a 404. */
function routePattern(c: AppContext): string {
  return matchedRoutes(c).findLast((route) => route.method !== 'ALL')?.path ?? 'unmatched';
}

/** The client's address: the peer, or behind a trusted proxy (TRUST_PROXY) the address it forwarded. */
function clientIp(c: AppContext, proxies: TrustedProxies): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
  return clientAddress(peer, c.req.header('x-forwarded-for'), proxies);
}
