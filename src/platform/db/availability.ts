import { UnavailableError } from '../errors.ts';

/** Seconds a client is asked to wait (Retry-After) when the database is busy or briefly gone. */
export const RETRY_AFTER_BUSY_SECONDS = 5;
export const RETRY_AFTER_DOWN_SECONDS = 10;

/** Every request waited longer than the configured limit (DB_WAIT_SECONDS) for a database connection. */
export const databaseBusy = () =>
  new UnavailableError(
    'db_busy',
    {
      nl: 'Het is nu erg druk bij Korte Lijn. Probeer het over een paar seconden opnieuw. Wat al was opgeslagen, blijft bewaard.',
      en: 'Korte Lijn is very busy right now. Please try again in a few seconds. Nothing that was already saved has been lost.',
    },
    RETRY_AFTER_BUSY_SECONDS,
    'waited too long for a database connection',
  );

/** The database does not answer: it restarts, fails over, or the network to it is down. */
export const databaseDown = (logMessage = 'database unreachable') =>
  new UnavailableError(
    'db_down',
    {
      nl: 'Korte Lijn kan nu even niet bij de gegevens. Probeer het over een minuut opnieuw. Wat al was opgeslagen, blijft bewaard.',
      en: 'Korte Lijn cannot reach its data right now. Please try again in a minute. Nothing that was already saved has been lost.',
    },
    RETRY_AFTER_DOWN_SECONDS,
    logMessage,
  );

/**
 * SQLSTATEs that mean "this connection or server is gone", not "this statement is wrong":
 * class 08 (connection exception), 57P01 admin_shutdown (pg_ctl stop/restart), 57P02
 * crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down), 57P05 idle session
 * timeout. https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const DOWN_SQLSTATES = new Set(['57P01', '57P02', '57P03', '57P05']);
/** too_many_connections: the server is up but full. */
const BUSY_SQLSTATES = new Set(['53300']);
/** Node socket errors when the server cannot be reached or drops the connection. */
const DOWN_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What node-postgres (pg, pg-pool) says when a connection ended or could not be made in time. */
const DOWN_MESSAGES = [/^Connection terminated/, /is not queryable$/];
/** pg-pool's answer when no connection became free within connectionTimeoutMillis. */
const BUSY_MESSAGE = 'timeout exceeded when trying to connect';

/**
 * The 503 an error stands for when it means the database is unavailable (down or too busy), or null
 * for any other error (a wrong statement, a constraint, a bug: those stay what they are). Pure.
 */
export function databaseUnavailable(err: unknown): UnavailableError | null {
  if (err instanceof UnavailableError) return err;
  const kind = unavailability(err, 0);
  if (kind === null) return null;
  const message = err instanceof Error ? err.message.slice(0, 200) : undefined;
  return kind === 'busy' ? databaseBusy() : databaseDown(message);
}

function unavailability(err: unknown, depth: number): 'busy' | 'down' | null {
  if (!(err instanceof Error) || depth > 3) return null;
  if (err instanceof UnavailableError) return err.code === 'db_busy' ? 'busy' : 'down';
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (BUSY_SQLSTATES.has(code)) return 'busy';
    if (code.startsWith('08') || DOWN_SQLSTATES.has(code) || DOWN_SOCKET_CODES.has(code)) return 'down';
  }
  if (err.message === BUSY_MESSAGE) return 'busy';
  if (DOWN_MESSAGES.some((pattern) => pattern.test(err.message))) return 'down';
  // Node reports a refused connection to every address of a host (IPv4 and IPv6) as one AggregateError.
  if (err instanceof AggregateError) {
    for (const inner of err.errors) {
      const kind = unavailability(inner, depth + 1);
      if (kind) return kind;
    }
  }
  return unavailability(err.cause, depth + 1);
}
