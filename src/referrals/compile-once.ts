import type { CompiledQuery } from 'kysely';
import type { Database } from '../platform/db/database.ts';

/**
 * A list statement whose shape is the same on every request — only its values change (team, user,
 * today, page) — built and compiled by Kysely once per database handle, then run with each
 * request's values. Building and compiling the team inbox's statement cost the Node process about
 * as much time as reading its rows; at ten list reads at once that queue, not PostgreSQL, set the
 * inbox's latency (issue 11 §4, README "Referrals at scale").
 *
 * `build` gets a stand-in for every value; Kysely passes each one on as a bound parameter, never
 * into the SQL text, so the compiled statement keeps its `$n` where the stand-ins were and they are
 * swapped for the request's values. A value that would change the statement's shape (a list, an
 * optional condition) must not be a parameter: give each shape its own `compileOnce`.
 */
const STAND_IN = Symbol('compile-once stand-in');
interface StandIn {
  readonly [STAND_IN]: string;
}

function isStandIn(value: unknown): value is StandIn {
  return typeof value === 'object' && value !== null && STAND_IN in value;
}

export function compileOnce<P extends Record<string, unknown>, R>(
  build: (db: Database, values: P) => { compile(): CompiledQuery<R> },
): (db: Database, values: P) => Promise<R[]> {
  const compiled = new WeakMap<Database, CompiledQuery<R>>();
  return async (db, values) => {
    let query = compiled.get(db);
    if (!query) {
      const standIns = Object.fromEntries(Object.keys(values).map((name) => [name, { [STAND_IN]: name }]));
      query = build(db, standIns as unknown as P).compile();
      compiled.set(db, query);
    }
    const parameters = query.parameters.map((p) => {
      if (!isStandIn(p)) return p;
      const name = p[STAND_IN];
      if (!(name in values)) throw new Error(`compileOnce: no value for ${name}`);
      return values[name];
    });
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
