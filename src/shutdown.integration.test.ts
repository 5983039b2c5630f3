/**
 * Graceful shutdown and start-up refusals of the real app (`npm start`: src/main.ts in a child
 * process), on both databases. SIGTERM during a burst of referral sends: every request is either
 * answered in full or refused cleanly (503, or a connection that was never accepted), nothing is
 * half-stored, the process exits within 10 s, and the audit log verifies afterwards.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { freshPostgresDatabase } from '../test/support/postgres.ts';
import { overHttp, signInOverHttp, TestBrowser } from '../test/support/http.ts';
import { migrateToLatest, openDatabase } from './platform/db/database.ts';
import { DEMO_PASSWORD, demoAccounts } from './demo/seed-demo.ts';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const AUDIT_KEY = 'a-shutdown-test-audit-key-of-32-characters-or-more';

const folders: string[] = [];
const children = new Set<ChildProcess>();
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Target {
  DATABASE_URL?: string;
  DATA_DIR: string;
}

async function newTarget(kind: 'pglite' | 'postgres'): Promise<Target | null> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kl-shutdown-'));
  folders.push(dir);
  if (kind === 'pglite') return { DATA_DIR: path.join(dir, 'data') };
  const url = await freshPostgresDatabase();
  return url ? { DATABASE_URL: url, DATA_DIR: dir } : null;
}

/** Runs a command of this repository (`tsx src/...`) as `npm start` / `npm run cli` would, without npm in between. */
function run(script: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', AUDIT_KEY, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

interface Exit {
  code: number | null;
  at: number;
  output: string;
}

function exited(child: ChildProcess): Promise<Exit> {
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, at: performance.now(), output })));
}

/** Starts the app and resolves with its address once it listens. */
async function startApp(target: Target, extra: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; exit: Promise<Exit> }> {
  const child = run('src/main.ts', [], {
    ...target,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    TOTP_REQUIRED: 'false',
    ...extra,
  });
  const exit = exited(child);
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the app did not start within 180 s:\n${seen}`)), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /Korte Lijn draait op (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exit.then((e) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (${e.code}) before listening:\n${e.output}`));
    });
  });
  return { child, url, exit };
}

async function cli(target: Target, ...args: string[]): Promise<Exit> {
  return exited(run('src/cli/main.ts', args, { ...target }));
}

type Outcome = { kind: 'stored'; referralId: string } | { kind: 'refused'; how: string } | { kind: 'other'; how: string };

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`shutting down the running app [${kind}]`, { timeout: 600_000 }, () => {
    it('SIGTERM during a burst of referral sends: each request completes or is refused cleanly, nothing is half-stored, the app exits within 10 s, and the audit log verifies', async (t) => {
      const target = await newTarget(kind);
      if (!target) return t.skip('PostgreSQL is not installed');
      const { child, url, exit } = await startApp(target, { JOBS_ENABLED: 'true' });

      const browser = new TestBrowser(overHttp(url));
      const staff = demoAccounts.find((a) => a.role === 'practice_staff')!;
      // TOTP_REQUIRED=false: the sign-in has no second step, which is the only one that reads the database.
      await signInOverHttp(browser, null as never, { email: staff.email, password: DEMO_PASSWORD });
      const form = await browser.get('/verwijzingen/nieuw');
      assert.equal(form.status, 200);
      const patient = (n: number) => ({
        idempotency_key: randomBytes(24).toString('base64url'),
        patient_name: `Burst Patiënt ${n}`,
        birth_date: '12-05-1968',
        phone: '06 9876 5432',
        email: '',
        postcode: '7552 AB',
        house_number: String(n + 1),
        preferred_language: 'Nederlands',
        best_time_to_call: 'na 15.00 uur',
        need_debt_counselling: 'ja',
        question: 'Ik krijg steeds aanmaningen.',
        handover: 'meeting_at_practice',
        contact_channel: 'phone',
      });
      const checked = await browser.post('/verwijzingen/nieuw', { ...patient(0), stap: 'controleren' });
      const teamId =
        /name="team_id"[^>]*value="([0-9a-f-]{36})"/.exec(checked.html)?.[1] ?? /value="([0-9a-f-]{36})"[^>]*name="team_id"/.exec(checked.html)?.[1];
      assert.ok(teamId, 'the check step names the receiving team');

      const send = async (n: number): Promise<Outcome> => {
        try {
          const res = await browser.post('/verwijzingen/nieuw', {
            ...patient(n),
            team_id: teamId,
            consent_given: 'ja',
            consent_method: 'verbal',
            feedback_allowed: 'ja',
            stap: 'versturen',
          });
          const id = /^\/verwijzingen\/([0-9a-f-]{36})\?melding=verstuurd$/.exec(res.location ?? '')?.[1];
          if (res.status === 303 && id) return { kind: 'stored', referralId: id };
          if (res.status === 503 && res.headers.get('retry-after')) return { kind: 'refused', how: '503' };
          return { kind: 'other', how: `${res.status} ${res.location ?? ''}` };
        } catch (err) {
          // The server stopped accepting connections: the request never reached the app.
          const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
          return { kind: 'refused', how: String(code) };
        }
      };

      // Eight clients send one referral after the other until the app refuses them; SIGTERM once ten are stored.
      const outcomes: Outcome[] = [];
      let next = 1;
      let signalledAt = 0;
      const client = async () => {
        for (;;) {
          const outcome = await send(next++);
          outcomes.push(outcome);
          if (!signalledAt && outcomes.filter((o) => o.kind === 'stored').length >= 10) {
            signalledAt = performance.now();
            child.kill('SIGTERM');
          }
          if (outcome.kind !== 'stored' || next > 400) return;
        }
      };
      await Promise.all(Array.from({ length: 8 }, client));
      const { code, at, output } = await exit;

      assert.ok(signalledAt > 0, 'SIGTERM was sent during the burst');
      assert.equal(code, 0, output);
      assert.ok(at - signalledAt < 10_000, `exited ${Math.round(at - signalledAt)} ms after SIGTERM`);
      assert.deepEqual(
        outcomes.filter((o) => o.kind === 'other'),
        [],
        'every request was answered in full or refused cleanly',
      );
      const stored = outcomes.flatMap((o) => (o.kind === 'stored' ? [o.referralId] : []));
      const refusals = outcomes.flatMap((o) => (o.kind === 'refused' ? [o.how] : []));
      t.diagnostic(
        `${stored.length} stored, ${refusals.length} refused (${[...new Set(refusals)].join(', ')}); exited ${Math.round(at - signalledAt)} ms after SIGTERM`,
      );
      assert.ok(
        outcomes.some((o) => o.kind === 'refused'),
        'requests after SIGTERM were refused',
      );

      // Nothing half-stored: exactly the referrals that were confirmed, each with its consent, history and audit entry.
      const handle = await openDatabase({ databaseUrl: target.DATABASE_URL, dataDir: target.DATA_DIR });
      try {
        await migrateToLatest(handle.db);
        const rows = await handle.db
          .selectFrom('referrals as r')
          .select([
            'r.id',
            (eb) => eb.exists(eb.selectFrom('consents').select('id').whereRef('consents.referral_id', '=', 'r.id')).as('has_consent'),
            (eb) => eb.exists(eb.selectFrom('referral_events').select('id').whereRef('referral_events.referral_id', '=', 'r.id')).as('has_event'),
            (eb) =>
              eb
                .exists(
                  eb
                    .selectFrom('audit_log')
                    .select('id')
                    .where(sql<boolean>`audit_log.patient_ref = r.id::text and action = 'referral.created'`),
                )
                .as('has_audit'),
          ])
          .where('r.patient_name', 'like', 'Burst Patiënt %')
          .execute();
        assert.deepEqual(rows.map((r) => r.id).sort(), [...stored].sort());
        assert.deepEqual(
          rows.filter((r) => !r.has_consent || !r.has_event || !r.has_audit),
          [],
        );
      } finally {
        await handle.close();
      }
      const verified = await cli(target, 'audit:verify');
      assert.equal(verified.code, 0, verified.output);
      assert.match(verified.output, /Audit log intact/);
    });

    it('an instance whose database was migrated by a newer version refuses to start, and says so in one line', async (t) => {
      const target = await newTarget(kind);
      if (!target) return t.skip('PostgreSQL is not installed');
      const handle = await openDatabase({ databaseUrl: target.DATABASE_URL, dataDir: target.DATA_DIR });
      await migrateToLatest(handle.db);
      await sql`insert into kysely_migration (name, timestamp) values ('2099_01_01_0001_from_the_future', ${new Date().toISOString()})`.execute(handle.db);
      await handle.close();
      const child = run('src/main.ts', [], { ...target, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false' });
      const { code, output } = await exited(child);
      assert.equal(code, 1);
      assert.match(
        output,
        /^Korte Lijn did not start\. The database was upgraded by a newer version of Korte Lijn \(migration 2099_01_01_0001_from_the_future/m,
      );
      assert.doesNotMatch(output, /\n\s+at /, 'no stack trace');
    });
  });
}
