import type { Text } from './i18n.ts';

/**
 * The one error type of the application. `code` is stable (tests and logs use it), `status` is the
 * HTTP answer, `userMessage` is what the person sees (never a stack trace), `logMessage` is for
 * operators and never holds personal data.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    readonly userMessage: Text,
    logMessage?: string,
  ) {
    super(logMessage ?? code);
    this.name = 'AppError';
  }
}

/**
 * An answer that says when to try again, in a Retry-After header as well as in words: 503 when the
 * service cannot answer now but will again soon (RFC 9110 §15.6.4 and §10.2.3, e.g. while the
 * database restarts or is overloaded), 429 after too many attempts (RFC 6585 §4).
 */
export class RetryLaterError extends AppError {
  constructor(
    code: string,
    status: 429 | 503,
    userMessage: Text,
    readonly retryAfterSeconds: number,
    logMessage?: string,
  ) {
    super(code, status, userMessage, logMessage);
    this.name = status === 503 ? 'UnavailableError' : 'ThrottledError';
  }
}

/** The service cannot answer now but will again soon: 503 with a Retry-After header. */
export class UnavailableError extends RetryLaterError {
  constructor(code: string, userMessage: Text, retryAfterSeconds: number, logMessage?: string) {
    super(code, 503, userMessage, retryAfterSeconds, logMessage);
  }
}

/** The Retry-After an error answers with, in seconds, if it has one. */
export function retryAfterSeconds(err: AppError): number | undefined {
  return err instanceof RetryLaterError ? err.retryAfterSeconds : undefined;
}

export const notFound = (what = 'resource') =>
  new AppError('not_found', 404, { nl: 'Deze pagina bestaat niet (meer).', en: 'This page does not exist (any more).' }, `${what} not found`);

export const forbidden = () =>
  new AppError('forbidden', 403, {
    nl: 'U heeft geen toegang tot deze pagina.',
    en: 'You do not have access to this page.',
  });

export const badRequest = (userMessage: Text, logMessage?: string) => new AppError('bad_request', 400, userMessage, logMessage);
