/**
 * Throwaway PostgreSQL server for integration tests.
 *
 * Why a real server (and not PGlite) here: some behaviour — concurrent
 * connections, locking, the wire protocol the `pg` driver speaks — only shows
 * up against the real thing. Why not a shared/global server: tests must not
 * depend on machine state, must not trample each other's data, and must leave
 * nothing behind. So we `initdb` a brand-new cluster in a temp folder, run it
 * on a free localhost port with durability switched off (speed; the data is
 * disposable anyway), and delete the folder afterwards.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

export interface TemporaryPostgres {
  /** Connection URL of the default `postgres` database, e.g. postgres://postgres@127.0.0.1:54321/postgres */
  url: string;
  /** Stops the server and deletes its files. Safe to call more than once. */
  stop(): Promise<void>;
  /**
   * Shuts the server down as `pg_ctl stop -m fast` does in production (open connections are
   * ended with "terminating connection due to administrator command") and keeps its files.
   */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port and data folder. */
  resume(): Promise<void>;
}

/** The OS user that owns and runs the cluster when we are root (created by Debian's postgresql package). */
const POSTGRES_OS_USER = 'postgres';
/** Superuser role created by initdb; with `-A trust` it needs no password on 127.0.0.1. */
const SUPERUSER = 'postgres';

const isCi = (): boolean => Boolean(process.env.CI);

/**
 * initdb refuses to run as root (a server owned by root is a security hole),
 * and CI containers typically run as root. In that case every server command
 * is run as the unprivileged `postgres` OS user via runuser.
 */
const isRoot = (): boolean => process.getuid?.() === 0;

interface Binaries {
  initdb: string;
  pgCtl: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Debian/Ubuntu keep the server binaries out of PATH, in
 * /usr/lib/postgresql/<major>/bin (several majors can be installed side by
 * side; take the newest). Elsewhere (Homebrew, Nix, other distros) they are
 * usually in PATH.
 */
function findBinaries(): Binaries | null {
  const debianRoot = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = readdirSync(debianRoot);
  } catch {
    // Not a Debian-style install; fall through to PATH.
  }
  versions.sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
  const candidateDirs = [
    ...versions.map((version) => path.join(debianRoot, version, 'bin')),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
  ];
  for (const dir of candidateDirs) {
    const initdb = path.join(dir, 'initdb');
    const pgCtl = path.join(dir, 'pg_ctl');
    if (isExecutable(initdb) && isExecutable(pgCtl)) return { initdb, pgCtl };
  }
  return null;
}

/**
 * Asks the kernel for a free port by binding port 0. There is a small window
 * in which someone else could grab it before PostgreSQL does; startup retries
 * with a new port if that happens.
 */
async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not determine a free TCP port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/** Prefixes a command with `runuser -u postgres --` when we are root (see isRoot). */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', POSTGRES_OS_USER, '--', command, ...args]] : [command, args];
}

/**
 * Runs a server command. `cwd` is the cluster's own folder because the
 * `postgres` OS user may not be allowed to enter the caller's working
 * directory (e.g. /root/...), which makes initdb/pg_ctl complain.
 */
async function runServerCommand(command: string, args: string[], cwd: string): Promise<void> {
  const [file, fullArgs] = asServerUser(command, args);
  try {
    await execFileAsync(file, fullArgs, { cwd, timeout: 120_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[file, ...fullArgs].join(' ')} failed: ${(error as Error).message}\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

function readLogTail(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no server log)';
  }
}

/**
 * Starts a fresh cluster in a temp folder. Returns null (after a loud
 * console.warn) when the PostgreSQL binaries are missing and we are not in CI;
 * in CI a missing server is an error, so a misconfigured pipeline cannot
 * silently skip the integration tests.
 */
export async function startTemporaryPostgres(): Promise<TemporaryPostgres | null> {
  const instance = await startCluster();
  if (instance === null) return null;
  return { url: instance.url, stop: () => instance.stop(), halt: () => instance.halt(), resume: () => instance.resume() };
}

/** What we track internally: a TemporaryPostgres that can also be stopped synchronously. */
interface Cluster extends TemporaryPostgres {
  /** Synchronous twin of stop() for process 'exit' handlers, where async work never runs. */
  stopSync(): void;
}

/** Clusters not yet stopped; whatever is left here is stopped when the process ends. */
const liveClusters = new Set<Cluster>();
let exitCleanupRegistered = false;

/**
 * Makes sure no server outlives the Node process (a leftover postmaster would
 * keep running and its temp folder would never be deleted). 'exit' covers
 * normal ends, including node:test child processes finishing, but allows only
 * synchronous work, hence stopSync. Signals do not fire 'exit', so we clean up
 * on them too and, if nobody else handles the signal, re-raise it so the
 * process still dies the way it would have.
 */
function registerExitCleanup(): void {
  if (exitCleanupRegistered) return;
  exitCleanupRegistered = true;
  const stopAll = (): void => {
    for (const cluster of liveClusters) cluster.stopSync();
  };
  process.once('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      stopAll();
      process.removeListener(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

async function startCluster(): Promise<Cluster | null> {
  const binaries = findBinaries();
  if (binaries === null) {
    const message =
      'PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or PATH. ' +
      'Install them (Debian: apt-get install postgresql) to run the PostgreSQL integration tests.';
    if (isCi()) throw new Error(`${message} (CI is set, so this is fatal.)`);
    console.warn(`\n${'!'.repeat(78)}\n!! SKIPPING POSTGRESQL INTEGRATION TESTS\n!! ${message}\n${'!'.repeat(78)}\n`);
    return null;
  }

  // When root, the folder must belong to the postgres OS user, who must also be
  // able to reach it: /tmp is world-traversable, whereas a TMPDIR under /root may not be.
  const baseDir = await mkdtemp(path.join(isRoot() ? '/tmp' : tmpdir(), 'kl-pg-'));
  const dataDir = path.join(baseDir, 'data');
  const logFile = path.join(baseDir, 'server.log');
  let port: number;
  let running = false;
  let startOnPort: (port: number) => Promise<void>;

  try {
    if (isRoot()) {
      let uid: number;
      let gid: number;
      try {
        uid = Number(execFileSync('id', ['-u', POSTGRES_OS_USER], { encoding: 'utf8' }).trim());
        gid = Number(execFileSync('id', ['-g', POSTGRES_OS_USER], { encoding: 'utf8' }).trim());
      } catch (error) {
        throw new Error(
          `Running as root, so PostgreSQL must run as the '${POSTGRES_OS_USER}' OS user, but that user does not exist ` +
            `(create it with: useradd --system --user-group --home-dir /var/lib/postgresql ${POSTGRES_OS_USER}).`,
          { cause: error },
        );
      }
      await chown(baseDir, uid, gid);
    }

    // --no-locale / UTF8: identical, predictable collation on every machine.
    // -A trust: no passwords; safe because we only listen on 127.0.0.1 and a private socket dir.
    await runServerCommand(binaries.initdb, ['-D', dataDir, '-A', 'trust', '-U', SUPERUSER, '--encoding=UTF8', '--no-locale'], baseDir);

    // Durability off: a crash only loses throwaway test data, and this makes
    // CREATE DATABASE and commits dramatically faster.
    const settings = [
      "listen_addresses='127.0.0.1'",
      // Socket inside our own folder: never clashes with a system server's /var/run/postgresql.
      `unix_socket_directories='${baseDir}'`,
      'fsync=off',
      'synchronous_commit=off',
      'full_page_writes=off',
    ];
    // pg_ctl hands -o to the server through /bin/sh, which is why values are single-quoted above.
    const settingArgs = settings.map((setting) => `-c ${setting}`).join(' ');
    const stopQuietly = (): Promise<void> => runServerCommand(binaries.pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop'], baseDir).catch(() => {});
    startOnPort = (onPort) =>
      runServerCommand(binaries.pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${onPort} ${settingArgs}`, 'start'], baseDir);

    // A freshly found port can be taken by someone else before the server binds
    // it, so retry a few times with a new port.
    for (let attempt = 1; ; attempt++) {
      port = await findFreePort();
      try {
        await startOnPort(port);
        running = true;
        break;
      } catch (error) {
        // A start that timed out may still have left a postmaster behind.
        await stopQuietly();
        if (attempt >= 3) {
          throw new Error(`${(error as Error).message}\n--- server log ---\n${readLogTail(logFile)}`, {
            cause: error,
          });
        }
      }
    }
  } catch (error) {
    await rm(baseDir, { recursive: true, force: true });
    throw error;
  }

  const stopArgs = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
  let stopPromise: Promise<void> | undefined;

  const cluster: Cluster = {
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
    // Idempotent: every caller awaits the same single shutdown.
    stop() {
      stopPromise ??= (async () => {
        liveClusters.delete(cluster);
        if (running) {
          running = false;
          await runServerCommand(binaries.pgCtl, stopArgs, baseDir);
        }
        await rm(baseDir, { recursive: true, force: true });
      })();
      return stopPromise;
    },
    async halt() {
      if (!running) return;
      running = false;
      await runServerCommand(binaries.pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop'], baseDir);
    },
    async resume() {
      if (running) return;
      try {
        await startOnPort(port);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- server log ---\n${readLogTail(logFile)}`, { cause: error });
      }
      running = true;
    },
    stopSync() {
      liveClusters.delete(cluster);
      if (running) {
        running = false;
        const [file, args] = asServerUser(binaries.pgCtl, stopArgs);
        try {
          execFileSync(file, args, { cwd: baseDir, stdio: 'ignore', timeout: 30_000 });
        } catch {
          // Best effort: we are exiting anyway.
        }
      }
      rmSync(baseDir, { recursive: true, force: true });
    },
  };
  liveClusters.add(cluster);
  registerExitCleanup();
  return cluster;
}

let shared: Promise<Cluster | null> | undefined;

/**
 * Returns the URL of a NEW, empty database on a per-process shared server
 * (started on the first call, stopped at process exit), or null when
 * PostgreSQL is unavailable outside CI (see startTemporaryPostgres).
 * One database per call keeps tests isolated without paying for a new cluster each time.
 */
export async function freshPostgresDatabase(): Promise<string | null> {
  // Cache the promise, not the result, so concurrent first calls share one server.
  // The shared server is stopped by the exit cleanup every cluster registers.
  shared ??= startCluster();
  const server = await shared;
  if (server === null) return null;

  // Random hex suffix: a valid unquoted identifier that never collides.
  const name = `kl_test_${randomBytes(8).toString('hex')}`;
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}
