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
  toString(): string;
}

/** Text use of a stand-in (`sql.raw`, a template string) leaves this mark in the SQL, so the check can name it. */
const asText = (name: string) => `[compileOnce value ${name}]`;

function standIn(name: string): StandIn {
  return { [STAND_IN]: name, toString: () => asText(name) };
}

function isStandIn(value: unknown): value is StandIn {
  return typeof value === 'object' && value !== null && STAND_IN in value;
}

/**
 * Every value must reach the statement as a bound parameter. One used as raw SQL (`sql.raw`) or
 * turned into text in `build` would be compiled into the SQL text once, as its stand-in ("[object
 * Object]" without the mark), and sent that way on every request, whatever the request's value;
 * one not used at all is a value the statement silently ignores. Either is a bug in the statement:
 * the first call fails loudly, naming the value.
 */
function assertEveryValueBound(query: CompiledQuery<unknown>, names: readonly string[]): void {
  const bound = new Set(query.parameters.filter(isStandIn).map((p) => p[STAND_IN]));
  const wrong = names.filter((name) => !bound.has(name) || query.sql.includes(asText(name)));
  if (wrong.length > 0) {
    throw new Error(
      `compileOnce: ${wrong.join(', ')} must be bound parameters of the statement: use each value given, ` +
        'and only as a value (not through sql.raw, as a name or in a string).',
    );
  }
}

export function compileOnce<P extends Record<string, unknown>, R>(
  build: (db: Database, values: P) => { compile(): CompiledQuery<R> },
): (db: Database, values: P) => Promise<R[]> {
  const compiled = new WeakMap<Database, CompiledQuery<R>>();
  return async (db, values) => {
    let query = compiled.get(db);
    if (!query) {
      const standIns = Object.fromEntries(Object.keys(values).map((name) => [name, standIn(name)]));
      query = build(db, standIns as unknown as P).compile();
      assertEveryValueBound(query, Object.keys(standIns));
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
