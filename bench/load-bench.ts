import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_PASSWORD } from '../src/demo/seed-demo.ts';
import { overHttp, TestBrowser } from '../test/support/http.ts';
import { percentiles, type Percentiles } from './measure.ts';

/**
 * Signed-in users against the app as `npm start` runs it: its own process, the embedded PGlite in
 * a data folder, the Twente demo seeded, background jobs on. Each client asks for the pages of its
 * role one after another, the next as soon as the previous one is answered; after a 503 it waits
 * the Retry-After the app sent, as a well-behaved client (or a person told to try again) does.
 */
export interface LoadLevel {
  clients: number;
  seconds: number;
  /** Every answer, 200 and 503 alike. */
  latency: Percentiles;
  /** Only the pages served (200). */
  served: Percentiles;
  servedPerSecond: number;
  /** Share of answers that were 503 (busy), 0–1. */
  busyShare: number;
  /** Answers other than 200 and 503 (should be none), and requests that got no answer within 120 s. */
  other: number;
}

/** Pages per demo role; a client takes the role of its session. */
const ROLES = [
  { email: 'assistent@demo.kortelijn.nl', pages: ['/', '/verwijzingen', '/sociale-kaart', '/signalen'] },
  { email: 'schuldhulp@demo.kortelijn.nl', pages: ['/', '/inbox', '/overleg'] },
];
const SESSIONS = 20;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `src/main.ts` in a child process on a fresh data folder; resolves once /healthz answers 200. */
async function startApp(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kl-load-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      TOTP_REQUIRED: 'false',
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(250)) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return { url, stop };
  }
  await stop();
  throw new Error('the app did not start within 3 minutes');
}

/** Signs in over HTTP like a person (the demo accounts' own password); returns the cookie header. */
async function signIn(url: string, email: string): Promise<string> {
  const browser = new TestBrowser(overHttp(url, 60_000));
  await browser.get('/inloggen');
  const res = await browser.post('/inloggen', { email, password: DEMO_PASSWORD });
  if (res.status !== 303 || res.location !== '/') throw new Error(`signing in ${email} ended on ${res.status} ${res.location ?? ''}`);
  return browser.cookieHeader;
}

export async function benchLoad(options: { clients: number[]; seconds: number; waitSeconds: number }): Promise<LoadLevel[]> {
  const app = await startApp({ DB_WAIT_SECONDS: String(options.waitSeconds) });
  try {
    const sessions: Array<{ cookie: string; pages: string[] }> = [];
    for (let i = 0; i < SESSIONS; i++) {
      const role = ROLES[i % ROLES.length]!;
      sessions.push({ cookie: await signIn(app.url, role.email), pages: role.pages });
    }
    const levels: LoadLevel[] = [];
    for (const clients of options.clients) levels.push(await runLevel(app.url, sessions, clients, options.seconds));
    return levels;
  } finally {
    await app.stop();
  }
}

async function runLevel(url: string, sessions: Array<{ cookie: string; pages: string[] }>, clients: number, seconds: number): Promise<LoadLevel> {
  const all: number[] = [];
  const served: number[] = [];
  let busy = 0;
  let other = 0;
  const end = performance.now() + seconds * 1000;
  const client = async (index: number) => {
    const session = sessions[index % sessions.length]!;
    for (let i = index; performance.now() < end; i++) {
      const page = session.pages[i % session.pages.length]!;
      const started = performance.now();
      let retryAfter = 0;
      try {
        const res = await fetch(`${url}${page}`, { headers: { cookie: session.cookie }, redirect: 'manual', signal: AbortSignal.timeout(120_000) });
        await res.arrayBuffer();
        const ms = performance.now() - started;
        all.push(ms);
        if (res.status === 200) served.push(ms);
        else if (res.status === 503) {
          busy++;
          retryAfter = Number(res.headers.get('retry-after') ?? 1);
        } else other++;
      } catch {
        other++;
      }
      if (retryAfter > 0) await sleep(Math.min(retryAfter * 1000, Math.max(0, end - performance.now())));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  const elapsed = (performance.now() - started) / 1000;
  // Let the app finish what is still queued before the next level starts.
  await sleep(2_000);
  return {
    clients,
    seconds: elapsed,
    latency: percentiles(all),
    served: percentiles(served),
    servedPerSecond: served.length / elapsed,
    busyShare: all.length ? busy / all.length : 0,
    other,
  };
}
