/**
 * Storage and integration suites are written once and run on both databases the app supports:
 * the embedded PGlite and a real PostgreSQL server (see postgres.ts). Each run gets a brand-new,
 * migrated database, so suites never see each other's rows.
 *
 *   forEachDatabase('audit log', (db) => {
 *     it('an intact log verifies', async () => { ... db() ... });
 *   });
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migrateToLatest, openDatabase, type Database, type DatabaseHandle, type OpenDatabaseOptions } from '../../src/platform/db/database.ts';
import type { Actor, RequestContext } from '../../src/platform/context.ts';
import { createLogger } from '../../src/platform/log.ts';
import { freshPostgresDatabase } from './postgres.ts';

export type DatabaseKind = DatabaseHandle['kind'];

const POSTGRES_MISSING =
  'PostgreSQL server binaries are not installed, so this suite did not run on PostgreSQL (see the warning above; Debian: apt-get install postgresql)';

/**
 * PGlite spends most of its start-up in initdb (seconds; far more on a busy machine). So the tests
 * build one migrated PGlite data folder, keep it in the temp folder for every later test process,
 * and give each test database a copy of it, opened through the app's own openDatabase (the same
 * on-disk mode `npm start` uses). The template's name carries a hash of the PGlite version and of
 * every migration file, so a changed or added migration builds a new one.
 */
function templateKey(): string {
  const hash = createHash('sha256');
  const project = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  hash.update(project.dependencies['@electric-sql/pglite'] ?? '');
  const migrations = new URL('../../src/platform/db/migrations/', import.meta.url);
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(new URL(file, migrations)));
  return hash.digest('hex').slice(0, 16);
}

let template: Promise<string> | undefined;
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = path.join(tmpdir(), `kl-pglite-template-${templateKey()}`);
    if (existsSync(path.join(dir, 'PG_VERSION'))) return dir;
    const building = await mkdtemp(`${dir}.building-`);
    const handle = await openDatabase({ dataDir: building });
    await migrateToLatest(handle.db);
    await handle.close();
    // Renaming is atomic: other processes see a complete template or none. If one of them was
    // quicker, theirs is kept and ours thrown away.
    await rename(building, dir).catch(() => rm(building, { recursive: true, force: true }));
    return dir;
  })();
  return template;
}

/** Copies of the template still in use; removed when the process ends, even after a crash of a suite. */
const liveCopies = new Set<string>();
process.once('exit', () => {
  for (const dir of liveCopies) rmSync(dir, { recursive: true, force: true });
});

/** What a test may set of how its database is opened (see OpenDatabaseOptions). */
export type TestDatabaseOptions = Pick<OpenDatabaseOptions, 'waitSeconds' | 'log'>;

async function openPglite(options: TestDatabaseOptions = {}): Promise<DatabaseHandle> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kl-pglite-'));
  liveCopies.add(dataDir);
  await cp(await pgliteTemplate(), dataDir, { recursive: true });
  const handle = await openDatabase({ ...options, dataDir });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await rm(dataDir, { recursive: true, force: true });
      liveCopies.delete(dataDir);
    },
  };
}

/**
 * A new, migrated database of the given kind, or null when PostgreSQL is unavailable outside CI
 * (in CI that throws instead: see freshPostgresDatabase). The caller closes it.
 */
export async function openTestDatabase(kind: DatabaseKind, options: TestDatabaseOptions = {}): Promise<DatabaseHandle | null> {
  let handle: DatabaseHandle;
  if (kind === 'pglite') {
    handle = await openPglite(options);
  } else {
    const databaseUrl = await freshPostgresDatabase();
    if (databaseUrl === null) return null;
    handle = await openDatabase({ ...options, databaseUrl, dataDir: '' });
  }
  await migrateToLatest(handle.db);
  return handle;
}

/**
 * Declares `${name} [pglite]` and `${name} [postgres]`, each with its own fresh database that is
 * opened before the first test and closed after the last. `body` declares the tests; call `db()`
 * inside tests and hooks only (the database does not exist yet while tests are being declared).
 * Without PostgreSQL (outside CI) the postgres suite shows up as skipped, with the reason.
 */
export function forEachDatabase(name: string, body: (db: () => Database, kind: DatabaseKind) => void): void {
  // Start the PostgreSQL server now, so it boots while the PGlite suite runs.
  const postgresUrl = freshPostgresDatabase();
  postgresUrl.catch(() => {}); // awaited (and reported) by the postgres suite below

  for (const kind of ['pglite', 'postgres'] as const) {
    describe(`${name} [${kind}]`, async () => {
      let url: string | null = null;
      if (kind === 'postgres') {
        // Await a promise made here, inside the suite: node:test finds the suite that tests belong
        // to through async hooks, and a continuation of a promise made outside would lose it.
        url = await new Promise<string | null>((resolve, reject) => {
          postgresUrl.then(resolve, reject);
        });
        if (url === null) {
          it(`${name} runs on PostgreSQL`, { skip: POSTGRES_MISSING }, () => {});
          return;
        }
      }
      let handle: DatabaseHandle | undefined;
      before(async () => {
        handle = url === null ? await openPglite() : await openDatabase({ databaseUrl: url, dataDir: '' });
        await migrateToLatest(handle.db);
      });
      after(async () => {
        await handle?.close();
      });
      body(() => {
        if (!handle) throw new Error('The test database is not open yet: call db() inside a test or hook, not while declaring tests.');
        return handle.db;
      }, kind);
    });
  }
}

const silentLog = createLogger('silent');

/** A request context as the HTTP layer builds it, with a silent logger; anonymous unless `actor` is given. */
export function testContext(overrides: Partial<RequestContext> = {}): RequestContext {
  return { requestId: `test-${randomUUID()}`, ip: '192.0.2.1', lang: 'nl', log: silentLog, actor: null, ...overrides };
}

/** The Actor of a users row, as loadSession would build it. */
export function actorOf(user: {
  id: string;
  role: Actor['role'];
  name: string;
  email: string;
  practice_id: string | null;
  team_id: string | null;
  region_id: string | null;
}): Actor {
  return {
    userId: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    practiceId: user.practice_id,
    teamId: user.team_id,
    regionId: user.region_id,
  };
}
