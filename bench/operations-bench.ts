import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { backupDatabase, migrateToLatest, openDatabase, type Database, type DatabaseHandle } from '../src/platform/db/database.ts';
import { restoreBackup } from '../src/platform/db/backup.ts';
import { outboxBacklog } from '../src/platform/mail/outbox.ts';
import { readiness } from '../src/platform/http/health.ts';
import { overdueReferralsPerTeam } from '../src/referrals/overdue-counts.ts';
import { insertReferralWorld } from '../src/referrals/test-fixture.ts';
import { freshPostgresDatabase } from '../test/support/postgres.ts';
import { overHttp, TestBrowser } from '../test/support/http.ts';
import { DEMO_PASSWORD } from '../src/demo/seed-demo.ts';
import { percentiles } from './measure.ts';

/**
 * Figures for the operations guide (docs/operations.md), measured, per database: how long a fresh
 * database takes to create and migrate and an existing one to open; how large the database is per
 * 100,000 referrals with what comes with them; how long a backup and a restore take and how large
 * the backup is; what the database figures behind /metrics and /readyz cost per scrape; and, on the
 * embedded database, how long the CBS postcode table takes to import.
 *
 * Each referral comes with what it gathers in real use: 1 consent, 4 history events, 2 messages and
 * 8 audit entries (sent, opened, read a few times, on lists). Most are closed, as after a few years.
 */
export const OPS_REFERRALS = Number(process.env['BENCH_OPS_REFERRALS'] ?? 100_000);
export const POSTCODE_ROWS = Number(process.env['BENCH_POSTCODE_ROWS'] ?? 1_000_000);

export interface OperationsFigures {
  kind: 'pglite' | 'postgres';
  referrals: number;
  freshStartMs: number;
  seedMs: number;
  reopenMs: number;
  databaseBytes: number;
  backupMs: number;
  backupBytes: number;
  /** Resident memory of a process with the database open, before the backup and at its peak during it (PGlite dumps in memory), MB. */
  backupMemory: Probed | null;
  restoreMs: number;
  metricsFiguresP50Ms: number;
  readinessP50Ms: number;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

/** Runs bench/probe.ts in a process of its own, so the memory it reports is that operation's alone. */
interface Probed {
  ms: number;
  rssBeforeMb: number;
  peakBeforeMb: number;
  peakRssMb: number;
}

async function probe(command: 'backup' | 'postcodes', dataDir: string, file: string): Promise<Probed> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/probe.ts', command, dataDir, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`bench/probe.ts ${command} failed (${code})`);
  return JSON.parse(out) as Probed;
}

export async function seed(db: Database, count: number): Promise<void> {
  const world = await insertReferralWorld(db);
  await sql`insert into organisations (kind, name, agb_code, region_id, updated_at)
    select 'practice', 'Praktijk ' || g, lpad((80000000 + g)::text, 8, '0'), ${world.regionId}, now() from generate_series(1, 200) g`.execute(db);
  const municipality = await db.selectFrom('organisations').select('id').where('cbs_code', '=', 'GM0164').executeTakeFirstOrThrow();
  await sql`insert into teams (organisation_id, name, updated_at) select ${municipality.id}, 'Team ' || g, now() from generate_series(1, 50) g`.execute(db);
  await sql`
    with p as (select array_agg(id) ids from organisations where kind = 'practice'),
         t as (select array_agg(id) ids from teams)
    insert into referrals (reference, source, practice_id, idempotency_key, team_id, status, patient_name, patient_birth_date, patient_phone,
                           patient_postcode, patient_house_number, preferred_language, best_time_to_call, question, needs, handover, contact_channel,
                           route_explanation, requested_on, first_contact_due, first_conversation_due, first_contact_on, closed_at, feedback, created_at, updated_at)
    select 'OPS-' || g, 'practice', p.ids[1 + (g % array_length(p.ids, 1))], 'ops-' || g, t.ids[1 + ((g * 7) % array_length(t.ids, 1))],
           case when g % 10 < 8 then 'completed' when g % 10 = 8 then 'requested' else 'in-progress' end,
           'Patiënt Voorbeeldnaam ' || g, date '1950-01-01' + (g % 20000), '06 ' || lpad((g % 100000000)::text, 8, '0'),
           '75' || lpad((g % 100)::text, 2, '0') || ' AB', (1 + g % 200)::text, 'Nederlands', 'na 15.00 uur',
           'Ik krijg steeds aanmaningen en weet niet meer waar ik moet beginnen met de rekeningen.', '{debt_counselling}', 'phone_together', 'phone',
           'Postcode 7552 ligt in Hengelo-Noord: naar het wijkteam.', d, d + 3, d + 28, case when g % 10 <> 8 then d + 1 end,
           case when g % 10 < 8 then (d + 30)::timestamptz end, case when g % 10 < 8 then 'Traject gestart, afspraak gemaakt.' end,
           d::timestamptz, d::timestamptz
    from generate_series(1, ${count}) g, p, t, lateral (select (date '2026-11-23' - (g % 1500))::date as d) dd`.execute(db);
  await sql`insert into consents (referral_id, method, data_scope, recipient_team_id, purpose, text_version, feedback_allowed, given_at)
    select id, 'verbal', '{name,contact,address,question}', team_id, 'contact about help with money matters', 'bench', true, created_at from referrals`.execute(
    db,
  );
  await sql`insert into referral_events (referral_id, at, type, from_status, to_status, note)
    select r.id, r.created_at + make_interval(hours => k), (array['created', 'received', 'accepted', 'first_contact'])[k], null, null,
           case when k = 4 then 'Gebeld, afspraak gemaakt voor volgende week.' end
    from referrals r, generate_series(1, 4) k`.execute(db);
  await sql`insert into messages (referral_id, author_side, body, created_at)
    select r.id, case when k = 1 then 'practice' else 'team' end, 'Mevrouw is het best bereikbaar na 15.00 uur, graag eerst bellen.', r.created_at
    from referrals r, generate_series(1, 2) k`.execute(db);
  // Audit entries as the app writes them (hashes are not chained here: the size is what counts).
  await sql`insert into audit_log (at, actor_user_id, actor_role, on_behalf_of, action, subject_type, subject_id, patient_ref, ip, request_id, outcome, details, prev_hash, hash, key_id)
    select r.created_at, ${world.users.staffA.id}, 'practice_staff', r.practice_id::text, (array['referral.created', 'referral.received', 'referral.read', 'referral.read', 'referral.read', 'referral.accepted', 'referral.first_contact', 'referral.list_read'])[k],
           'referral', r.id::text, r.id::text, '192.0.2.10', md5(r.id::text || k), 'success', '{"access":"practice"}', md5(r.id::text || k || 'p') || md5(r.id::text), md5(r.id::text || k || 'h') || md5(r.reference), 'bench0000000000'
    from referrals r, generate_series(1, 8) k`.execute(db);
  await sql`analyze`.execute(db);
  await sql`checkpoint`.execute(db);
}

/** The same measurements on one database kind. */
export async function benchOperations(kind: 'pglite' | 'postgres', referrals = OPS_REFERRALS): Promise<OperationsFigures | null> {
  const work = await mkdtemp(path.join(tmpdir(), 'kl-ops-'));
  let url: string | null = null;
  if (kind === 'postgres') {
    url = await freshPostgresDatabase();
    if (!url) return null;
  }
  const target = { databaseUrl: url ?? undefined, dataDir: path.join(work, 'data') };
  try {
    let started = performance.now();
    let handle: DatabaseHandle = await openDatabase(target);
    await migrateToLatest(handle.db);
    const freshStartMs = performance.now() - started;

    started = performance.now();
    await seed(handle.db, referrals);
    const seedMs = performance.now() - started;
    await handle.close();

    started = performance.now();
    handle = await openDatabase(target);
    await migrateToLatest(handle.db);
    await sql`select count(*) from referrals`.execute(handle.db);
    const reopenMs = performance.now() - started;

    const databaseBytes =
      kind === 'pglite'
        ? await folderBytes(target.dataDir)
        : Number((await sql<{ size: string }>`select pg_database_size(current_database()) as size`.execute(handle.db)).rows[0]!.size);

    const samples = async (op: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < 20; i++) {
        const at = performance.now();
        await op();
        ms.push(performance.now() - at);
      }
      return percentiles(ms).p50;
    };
    const metricsFiguresP50Ms = await samples(() => Promise.all([overdueReferralsPerTeam(handle.db), outboxBacklog(handle.db)]));
    const readinessP50Ms = await samples(() => readiness(handle.db, { smtpUrl: 'smtp://bench', readyOutboxMinutes: 60 }));

    const file = path.join(work, kind === 'pglite' ? 'backup.tar.gz' : 'backup.pgdump');
    let backupMs: number;
    let backupMemory: Probed | null = null;
    if (kind === 'pglite') {
      // In a process of its own, as the app makes it: the dump is built in that process's memory.
      await handle.close();
      backupMemory = await probe('backup', target.dataDir, file);
      backupMs = backupMemory.ms;
    } else {
      // pg_dump runs as a process of its own; the app only waits for it.
      started = performance.now();
      await backupDatabase(handle.db, file);
      backupMs = performance.now() - started;
      await handle.close();
    }
    const backupBytes = (await stat(file)).size;

    // Restore into a new, empty target, as a restore drill does.
    const restoreTarget = kind === 'pglite' ? { dataDir: path.join(work, 'restored') } : { databaseUrl: (await freshPostgresDatabase())!, dataDir: '' };
    started = performance.now();
    await restoreBackup({ ...restoreTarget, file });
    const restoreMs = performance.now() - started;

    return {
      kind,
      referrals,
      freshStartMs,
      seedMs,
      reopenMs,
      databaseBytes,
      backupMs,
      backupBytes,
      backupMemory,
      restoreMs,
      metricsFiguresP50Ms,
      readinessP50Ms,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export interface PostcodeImportFigures extends Probed {
  rows: number;
  databaseBytes: number;
}

/**
 * The CBS table "Buurt, wijk en gemeente voor postcode huisnummer" (about 8 million rows) imported
 * into the embedded database, as `npm run cli -- postcodes:import` does. The rows are synthetic but
 * shaped like the real file: PC6, house number, neighbourhood, district, municipality codes.
 */
export async function benchPostcodeImport(rows = POSTCODE_ROWS): Promise<PostcodeImportFigures> {
  const work = await mkdtemp(path.join(tmpdir(), 'kl-ops-postcodes-'));
  try {
    const file = path.join(work, 'pc6hnr.csv');
    const out = createWriteStream(file);
    out.write('PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025\n');
    const letters = 'ABCDEFGHJKLMNPRTVWXZ';
    for (let i = 0; i < rows; i++) {
      const pc4 = 1000 + (Math.floor(i / 2000) % 9000);
      const pc6 = `${pc4}${letters[Math.floor(i / 100) % 20]}${letters[Math.floor(i / 5) % 20]}`;
      const municipality = String(100 + (pc4 % 342)).padStart(4, '0');
      if (!out.write(`${pc6};${(i % 5) + 1 + Math.floor(i / 40000) * 5};${municipality}0101;${municipality}01;${municipality}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const dataDir = path.join(work, 'data');
    const measured = await probe('postcodes', dataDir, file);
    return { rows, ...measured, databaseBytes: await folderBytes(dataDir) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export interface AppMemoryFigures {
  kind: 'pglite' | 'postgres';
  /** Resident memory after start (migrated, demo seeded) and 200 signed-in page views, and its peak so far, MB. */
  rssMb: number;
  peakMb: number;
}

/**
 * The memory of the app as `npm start` runs it (its own process, Twente demo, jobs on), after it
 * served 200 signed-in pages: read from /proc (Linux).
 */
export async function benchAppMemory(kind: 'pglite' | 'postgres'): Promise<AppMemoryFigures | null> {
  const work = await mkdtemp(path.join(tmpdir(), 'kl-ops-app-'));
  const databaseUrl = kind === 'postgres' ? await freshPostgresDatabase() : null;
  if (kind === 'postgres' && !databaseUrl) return null;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: path.join(work, 'data'),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      SEED_DEMO: 'true',
      TOTP_REQUIRED: 'false',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let seen = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the app did not start within 3 minutes')), 180_000);
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /Korte Lijn draait op (http:\/\/\S+)/.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const browser = new TestBrowser(overHttp(url, 60_000));
    await browser.get('/inloggen');
    await browser.post('/inloggen', { email: 'assistent@demo.kortelijn.nl', password: DEMO_PASSWORD });
    for (let i = 0; i < 200; i++) await browser.get(['/', '/verwijzingen', '/sociale-kaart', '/signalen'][i % 4]!);
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { kind, rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    await rm(work, { recursive: true, force: true });
  }
}
