import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, UnavailableError } from '../errors.ts';
import { databaseBusy, databaseDown, databaseUnavailable } from './availability.ts';

/** An error as node-postgres builds it from a server message or a socket failure. */
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('which errors mean the database is unavailable', () => {
  it('a server restart, shutdown or start-up is "down": SQLSTATE 57P01, 57P02, 57P03 and class 08', () => {
    for (const err of [
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('terminating connection because of crash of another server process', '57P02'),
      withCode('the database system is shutting down', '57P03'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
    ]) {
      assert.equal(databaseUnavailable(err)?.code, 'db_down', err.message);
    }
  });

  it('a refused, reset or vanished connection is "down", also when Node reports every address at once', () => {
    const refusedEverywhere = Object.assign(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), {});
    for (const err of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      refusedEverywhere,
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') }),
      new Error('Client has encountered a connection error and is not queryable'),
    ]) {
      assert.equal(databaseUnavailable(err)?.code, 'db_down', err.message || 'AggregateError');
    }
  });

  it('no free connection in time, or a full server, is "busy"', () => {
    assert.equal(databaseUnavailable(new Error('timeout exceeded when trying to connect'))?.code, 'db_busy');
    assert.equal(databaseUnavailable(withCode('sorry, too many clients already', '53300'))?.code, 'db_busy');
    assert.equal(databaseUnavailable(databaseBusy())?.code, 'db_busy');
  });

  it('both answer 503 with a Retry-After and a Dutch message that nothing saved was lost', () => {
    for (const err of [databaseBusy(), databaseDown()]) {
      assert.ok(err instanceof UnavailableError);
      assert.equal(err.status, 503);
      assert.ok(err.retryAfterSeconds > 0 && err.retryAfterSeconds <= 60);
      assert.match(err.userMessage.nl, /Probeer het .* opnieuw\. Wat al was opgeslagen, blijft bewaard\./);
    }
  });

  it('a wrong statement, a broken constraint or an ordinary application error is not unavailability', () => {
    for (const err of [
      withCode('duplicate key value violates unique constraint "users_email_key"', '23505'),
      withCode('syntax error at or near "selct"', '42601'),
      withCode('canceling statement due to statement timeout', '57014'),
      new AppError('not_found', 404, { nl: 'Weg', en: 'Gone' }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'a string',
      undefined,
    ]) {
      assert.equal(databaseUnavailable(err), null, String(err));
    }
  });
});
