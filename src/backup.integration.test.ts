/**
 * Backup and restore (issue #16, docs/operations.md), on both databases: a backup made while the
 * app runs restores to the same database — the same rows, an intact audit log, and a session that
 * still opens a page — and restore refuses what would overwrite data or mix up the databases.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { backupDatabase, migrateToLatest, openDatabase, type Database, type DatabaseHandle } from './platform/db/database.ts';
import { BackupError, dumpPostgres, restoreBackup } from './platform/db/backup.ts';
import { DataDirInUseError } from './platform/db/data-dir-lock.ts';
import { verifyAuditChain } from './platform/audit/audit.ts';
import { createSession } from './platform/auth/sessions.ts';
import { createLogger } from './platform/log.ts';
import { runDueJobs } from './platform/jobs/runner.ts';
import { createMailer } from './platform/mail/mailer.ts';
import { backgroundJobs } from './jobs.ts';
import { freshPostgresDatabase } from '../test/support/postgres.ts';
import { testApp } from '../test/support/http.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from './referrals/test-fixture.ts';
import { sendReferral } from './referrals/send-referral.ts';
import { addReferralMessage } from './referrals/add-message.ts';

const TABLES = ['referrals', 'consents', 'referral_events', 'messages', 'notifications', 'outbox_mail', 'audit_log', 'users', 'sessions'] as const;

async function counts(db: Database): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    result[table] = Number(rows[0]!.n);
  }
  return result;
}

interface Target {
  databaseUrl?: string;
  dataDir: string;
}

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** A new, empty target of the given kind, or null without PostgreSQL. */
async function newTarget(kind: 'pglite' | 'postgres'): Promise<Target | null> {
  if (kind === 'pglite') return { dataDir: path.join(await tempDir('kl-backup-'), 'data') };
  const databaseUrl = await freshPostgresDatabase();
  return databaseUrl ? { databaseUrl, dataDir: '' } : null;
}

async function open(target: Target): Promise<DatabaseHandle> {
  const handle = await openDatabase({ ...target, waitSeconds: 5 });
  await migrateToLatest(handle.db);
  return handle;
}

/** What "wiping" is for each: the data folder deleted, or every table of the database dropped. */
async function wipe(target: Target): Promise<void> {
  if (!target.databaseUrl) return rm(target.dataDir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  await client.query('drop schema public cascade; create schema public');
  await client.end();
}

/** Practice A's assistant sends referrals, and they and the team write messages: referrals, consents, events, messages, audit entries. */
async function fillWith(db: Database, w: ReferralWorld, referrals: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < referrals; i++) {
    const sent = await sendReferral(db, contextOf(w.users.staffA), referralInput(w, { patient_name: `${label} ${i}` }), BASE_URL);
    await addReferralMessage(db, contextOf(w.users.staffA), { referralId: sent.id, body: 'Zij is bereikbaar na 15.00 uur.', baseUrl: BASE_URL });
    ids.push(sent.id);
  }
  return ids;
}

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`backup and restore [${kind}]`, () => {
    let target: Target | null;
    let handle: DatabaseHandle;
    let w: ReferralWorld;
    let referralIds: string[];
    let sessionToken: string;

    before(async () => {
      target = await newTarget(kind);
      if (!target) return;
      handle = await open(target);
      w = await insertReferralWorld(handle.db);
      referralIds = await fillWith(handle.db, w, 3, 'Herstelde Patiënt');
      sessionToken = await createSession(handle.db, { userId: w.users.staffA.id, mfaPassed: true, ip: '127.0.0.1', hours: 8 });
    });
    after(async () => {
      await handle?.close();
    });

    it('a backup made while the app runs restores to the same database: the same rows, an intact audit log, a signed-in page that works', async (t) => {
      if (!target) return t.skip('PostgreSQL is not installed');
      const page = (db: Database) => testApp(db).app.request(`/verwijzingen/${referralIds[0]}`, { headers: { cookie: `kl_session=${sessionToken}` } });
      assert.equal((await page(handle.db)).status, 200);
      const before = await counts(handle.db);
      assert.ok(before['referrals']! >= 3 && before['consents']! >= 3 && before['messages']! >= 3 && before['audit_log']! > 0, JSON.stringify(before));

      const file = path.join(await tempDir('kl-backup-file-'), `backup.${kind}`);
      const made = await backupDatabase(handle.db, file);
      assert.ok(made.bytes > 0);
      assert.deepEqual(await counts(handle.db), before, 'making the backup changes nothing');
      await handle.close();

      await wipe(target);
      await restoreBackup({ ...target, file });
      handle = await open(target);
      assert.deepEqual(await counts(handle.db), before);
      const verdict = await verifyAuditChain(handle.db);
      assert.equal(verdict.ok, true, JSON.stringify(verdict));
      const restoredPage = await page(handle.db);
      assert.equal(restoredPage.status, 200);
      assert.match(await restoredPage.text(), /Herstelde Patiënt 0/);
    });

    it('a backup made during a burst of referral sends holds each referral whole or not at all, and its audit log verifies', async (t) => {
      if (!target) return t.skip('PostgreSQL is not installed');
      const file = path.join(await tempDir('kl-backup-file-'), `burst.${kind}`);
      const before = (await counts(handle.db))['referrals']!;
      const burst = fillWith(handle.db, w, 12, 'Drukte');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await backupDatabase(handle.db, file);
      await burst;

      const copy = await newTarget(kind);
      await restoreBackup({ ...copy!, file });
      const restored = await open(copy!);
      try {
        const inBackup = (await counts(restored.db))['referrals']!;
        assert.ok(inBackup >= before && inBackup <= before + 12, `${inBackup} referrals in the backup`);
        const verdict = await verifyAuditChain(restored.db);
        assert.equal(verdict.ok, true, JSON.stringify(verdict));
        // Every referral in the backup came with its consent, its first event and its audit entry.
        const incomplete = await restored.db
          .selectFrom('referrals as r')
          .select('r.id')
          .where((eb) =>
            eb.or([
              eb.not(eb.exists(eb.selectFrom('consents').select('id').whereRef('consents.referral_id', '=', 'r.id'))),
              eb.not(eb.exists(eb.selectFrom('referral_events').select('id').whereRef('referral_events.referral_id', '=', 'r.id'))),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('audit_log')
                    .select('id')
                    .where(sql<boolean>`audit_log.patient_ref = r.id::text and action = 'referral.created'`),
                ),
              ),
            ]),
          )
          .execute();
        assert.deepEqual(incomplete, []);
      } finally {
        await restored.close();
      }
    });

    it('restore refuses a database that holds data; with --force it replaces it (the embedded folder is moved aside, not deleted)', async (t) => {
      if (!target) return t.skip('PostgreSQL is not installed');
      const file = path.join(await tempDir('kl-backup-file-'), `force.${kind}`);
      await backupDatabase(handle.db, file);
      const expected = await counts(handle.db);
      await handle.close();
      await assert.rejects(restoreBackup({ ...target, file }), (err: unknown) => err instanceof BackupError && /--force/.test(err.message));

      const result = await restoreBackup({ ...target, file, force: true });
      if (kind === 'pglite') {
        assert.ok(result.movedAside && existsSync(path.join(result.movedAside, 'PG_VERSION')), 'the old folder is kept');
        folders.push(result.movedAside);
      }
      handle = await open(target);
      assert.deepEqual(await counts(handle.db), expected);
    });

    if (kind === 'pglite') {
      it('nobody restores into, or opens, the data folder another process has open', async () => {
        const file = path.join(await tempDir('kl-backup-file-'), 'running.tgz');
        await backupDatabase(handle.db, file);
        assert.ok(readdirSync(target!.dataDir).includes('korte-lijn.lock'), 'the open folder carries its lock');
        const other = { dataDir: path.join(await tempDir('kl-backup-'), 'data') };
        await restoreBackup({ ...other, file });
        assert.equal(existsSync(path.join(other.dataDir, 'korte-lijn.lock')), false, 'the restored folder is free');
        // As if another process (here: the one that started this test) had it open.
        await writeFile(path.join(other.dataDir, 'korte-lijn.lock'), JSON.stringify({ pid: process.ppid, host: hostname(), since: new Date().toISOString() }));
        await assert.rejects(restoreBackup({ ...other, file, force: true }), DataDirInUseError);
        await assert.rejects(openDatabase(other), DataDirInUseError);
      });
    }

    it('the nightly backup job writes into BACKUP_DIR and keeps the newest BACKUP_KEEP', async (t) => {
      if (!target) return t.skip('PostgreSQL is not installed');
      const backupDir = await tempDir('kl-nightly-');
      await writeFile(path.join(backupDir, 'korte-lijn-20200101-023000.pgdump'), 'an old backup');
      await writeFile(path.join(backupDir, 'notes.txt'), 'not a backup: left alone');
      const log = createLogger('silent');
      const { services } = testApp(handle.db, { backupDir, backupKeep: 1 });
      const mailer = createMailer({ smtpUrl: undefined, from: services.config.mailFrom, log });
      await handle.db.deleteFrom('job_runs').execute();
      await handle.db
        .insertInto('job_runs')
        .values({ name: 'database.backup', next_run_at: new Date(Date.now() - 1000) })
        .execute();
      try {
        const jobs = backgroundJobs(services, mailer).filter((job) => job.name === 'database.backup');
        assert.deepEqual(await runDueJobs(handle.db, jobs, log), ['database.backup']);
      } finally {
        mailer.close();
      }
      const files = readdirSync(backupDir).sort();
      assert.equal(files.length, 2, files.join(', '));
      assert.match(files[0]!, kind === 'pglite' ? /^korte-lijn-\d{8}-\d{6}\.pglite\.tar\.gz$/ : /^korte-lijn-\d{8}-\d{6}\.pgdump$/);
      assert.equal(files[1], 'notes.txt');
      const run = await handle.db.selectFrom('job_runs').selectAll().where('name', '=', 'database.backup').executeTakeFirstOrThrow();
      assert.equal(run.last_error, null);
      assert.ok(run.last_succeeded_at);
      // The next one comes at BACKUP_TIME, a night later at most.
      assert.ok(run.next_run_at.getTime() > Date.now() && run.next_run_at.getTime() <= Date.now() + 86_400_000);
    });
  });
}

describe('backups and the wrong tools or the wrong database', () => {
  it('without pg_dump a PostgreSQL backup fails with a message that says what to install', async () => {
    const file = path.join(await tempDir('kl-backup-file-'), 'none.pgdump');
    await assert.rejects(
      dumpPostgres('postgres://korte@127.0.0.1:5432/kortelijn', file, []),
      (err: unknown) => err instanceof BackupError && /pg_dump is not installed/.test(err.message) && /postgresql-client/.test(err.message),
    );
    assert.equal(existsSync(file), false);
  });

  it('a backup of the embedded database is not restored into PostgreSQL, and the message says why', async () => {
    const file = path.join(await tempDir('kl-backup-file-'), 'embedded.tgz');
    // The first bytes of a gzip file are all restore looks at before it refuses.
    await writeFile(file, Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
    await assert.rejects(
      restoreBackup({ databaseUrl: 'postgres://korte@127.0.0.1:1/kortelijn', dataDir: '', file }),
      (err: unknown) => err instanceof BackupError && /embedded database \(PGlite\)/.test(err.message),
    );
  });

  it('a file that is no backup is refused before anything is touched', async () => {
    const dir = await tempDir('kl-backup-file-');
    const file = path.join(dir, 'notes.txt');
    await writeFile(file, 'hello');
    await assert.rejects(restoreBackup({ dataDir: path.join(dir, 'data'), file }), /not a Korte Lijn backup/);
    assert.equal(existsSync(path.join(dir, 'data')), false);
  });
});
