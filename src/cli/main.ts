import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/log.ts';
import { backupDatabase, migrateToLatest, openDatabase, SchemaNewerError } from '../platform/db/database.ts';
import { BackupError, restoreBackup } from '../platform/db/backup.ts';
import { DataDirInUseError } from '../platform/db/data-dir-lock.ts';
import { systemContext } from '../platform/context.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import { currentAuditKey, useAuditKey } from '../platform/audit/audit-key.ts';
import { chainReport } from '../platform/audit/chain-report.ts';
import { AppError } from '../platform/errors.ts';
import { isRole, membershipKindOf, roles } from '../platform/auth/roles.ts';
import { createReadStream } from 'node:fs';
import { seedDemo } from '../demo/seed-demo.ts';
import { loadShippedPostcodeAreas } from '../routing/reference-data.ts';
import { importCbsPostcodes } from '../routing/import-cbs-postcodes.ts';
import { createUser, userSchema } from '../admin/users.ts';
import { translator } from '../platform/i18n.ts';
import { purgeExpiredPersonalData } from '../referrals/purge-retention.ts';
import { rebuildFigureCounts } from '../figures/rebuild-figure-counts.ts';
import { hsdsExportCommand, hsdsImportCommand, hsdsUsage, tokenCreateCommand, tokenRevokeCommand } from '../interop/hsds/cli.ts';

/**
 * Admin commands: `npm run cli -- <command> [options]`. Works on the same database as the app
 * (DATABASE_URL, or PGlite in DATA_DIR). Stop the app first when using the embedded database:
 * PGlite allows one process at a time.
 */
const usage = `Gebruik / usage: npm run cli -- <command>

  db:migrate                         apply database migrations
  seed:demo                          add the Twente demo data (skipped when present)
  audit:verify                       check the audit log's keyed hash chain (AUDIT_KEY); names the first broken entry
  retention:purge                    erase personal data of referrals closed longer than RETENTION_MONTHS ago
  figures:rebuild                    count the figures' summary table again from the referrals (after a team moved
                                     to another region, or a write with its triggers off); writes to referrals wait
  backup FILE                        write a consistent backup of the database to FILE (PGlite: its own dump;
                                     PostgreSQL: pg_dump). The embedded database: stop the app first, or let
                                     the app's nightly job make it (BACKUP_DIR)
  restore FILE [--force]             restore a backup into the configured database; refuses one that holds
                                     data unless --force (PGlite: the old folder is moved aside, not deleted)
  postcodes:import FILE              load the CBS table 'Buurt, wijk en gemeente voor postcode huisnummer'
                                     (PC6;Huisnummer;Buurt;Wijk;Gemeente; ';' or ','); replaces the current one
  user:create --email E --name N --role R [--practice AGB | --team ID | --region ID] --password P
                                     roles: practice_staff, practice_admin, team_member, team_admin,
                                     region_coordinator, policy_officer (with --region), admin
${hsdsUsage}`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  // Every command that writes audit entries, and audit:verify, needs the key the app runs with.
  useAuditKey(config.auditKey);
  const log = createLogger(process.env['LOG_LEVEL'] ?? 'warn');
  // Restore works on a database nobody has open; backup takes the database as it is, migrated or not.
  if (command === 'restore') return await restoreCommand(config, rest);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const ctx = systemContext(log, 'cli');
  try {
    if (command === 'backup') return await backupCommand(database.db, rest);
    await migrateToLatest(database.db);
    switch (command) {
      case 'db:migrate':
        console.log('Database is up to date.');
        return 0;
      case 'seed:demo': {
        await loadShippedPostcodeAreas(database.db);
        const outcome = await seedDemo(database.db, ctx);
        console.log(outcome === 'seeded' ? 'Demo data added.' : 'Demo data was already present.');
        return 0;
      }
      case 'audit:verify': {
        const report = chainReport(await verifyAuditChain(database.db), currentAuditKey(), config.auditKeySource);
        (report.exitCode === 0 ? console.log : console.error)(report.lines.join('\n'));
        return report.exitCode;
      }
      case 'postcodes:import': {
        const file = rest[0];
        if (!file) {
          console.error('usage: npm run cli -- postcodes:import FILE');
          return 2;
        }
        const report = await importCbsPostcodes(database.db, ctx, createReadStream(file));
        console.log(
          `Imported ${report.rows} addresses (${report.skipped} lines skipped${report.firstSkippedLines.length ? `, first at lines ${report.firstSkippedLines.join(', ')}` : ''}); ${report.pc4Areas} PC4 areas derived.`,
        );
        return 0;
      }
      case 'retention:purge': {
        const report = await purgeExpiredPersonalData(database.db, ctx, { retentionMonths: config.retentionMonths, maxBatches: Number.MAX_SAFE_INTEGER });
        console.log(`Personal data erased of ${report.erased} referral(s) closed more than ${config.retentionMonths} months ago.`);
        return 0;
      }
      case 'figures:rebuild': {
        const report = await rebuildFigureCounts(database.db);
        console.log(
          `Cijfers opnieuw geteld uit ${report.referrals} verwijzingen: ${report.rows} rijen (${(report.ms / 1000).toFixed(1)} s).\n` +
            `Figures counted again from ${report.referrals} referrals: ${report.rows} rows (${(report.ms / 1000).toFixed(1)} s).`,
        );
        return 0;
      }
      case 'user:create':
        return await userCreate(database.db, ctx, rest);
      case 'hsds:export':
        return await hsdsExportCommand(database.db, ctx, rest);
      case 'hsds:import':
        return await hsdsImportCommand(database.db, ctx, rest);
      case 'token:create':
        return await tokenCreateCommand(database.db, ctx, rest);
      case 'token:revoke':
        return await tokenRevokeCommand(database.db, ctx, rest);
      default:
        console.error(`Unknown command: ${command}\n\n${usage}`);
        return 2;
    }
  } finally {
    await database.close();
  }
}

async function backupCommand(db: Parameters<typeof backupDatabase>[0], args: string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('usage: npm run cli -- backup FILE');
    return 2;
  }
  const result = await backupDatabase(db, file);
  console.log(
    `Backup written: ${result.file} (${formatBytes(result.bytes)}, ${(result.ms / 1000).toFixed(1)} s). It holds patient data: keep it where only operators can read it.`,
  );
  return 0;
}

async function restoreCommand(config: ReturnType<typeof loadConfig>, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error('usage: npm run cli -- restore FILE [--force]');
    return 2;
  }
  const result = await restoreBackup({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, file, force: values.force ?? false });
  if (result.movedAside) console.log(`The database that was there is kept in ${result.movedAside}; delete it once the restored one works.`);
  // The restored database: migrated to this version, and its audit log checked with the configured key.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(database.db);
    const report = chainReport(await verifyAuditChain(database.db), currentAuditKey(), config.auditKeySource);
    console.log(`Restored ${file} (${(result.ms / 1000).toFixed(1)} s)${applied.length ? `; ${applied.length} migration(s) applied` : ''}.`);
    (report.exitCode === 0 ? console.log : console.error)(report.lines.join('\n'));
    return report.exitCode;
  } finally {
    await database.close();
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

async function userCreate(db: Parameters<typeof createUser>[0], ctx: Parameters<typeof createUser>[1], args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      practice: { type: 'string' },
      team: { type: 'string' },
      region: { type: 'string' },
      password: { type: 'string' },
    },
    strict: true,
  });
  if (!values.role || !isRole(values.role)) {
    console.error(`--role must be one of: ${roles.join(', ')}`);
    return 2;
  }
  if (!values.password) {
    console.error('--password is required');
    return 2;
  }
  const kind = membershipKindOf(values.role);
  let practiceId: string | undefined;
  if (kind === 'practice') {
    const practice = values.practice
      ? await db.selectFrom('organisations').select('id').where('kind', '=', 'practice').where('agb_code', '=', values.practice).executeTakeFirst()
      : undefined;
    if (!practice) {
      console.error('--practice must be the AGB code of an existing GP practice');
      return 2;
    }
    practiceId = practice.id;
  }
  let regionId = values.region;
  if (kind === 'region' && regionId && !/^[0-9a-f-]{36}$/i.test(regionId)) {
    // Accept a region name as well as its id, for convenience.
    regionId = (await db.selectFrom('regions').select('id').where('name', '=', regionId).executeTakeFirst())?.id;
  }
  const parsed = userSchema(translator('en')).safeParse({
    email: values.email ?? '',
    name: values.name ?? '',
    role: values.role,
    practice_id: practiceId,
    team_id: values.team,
    region_id: regionId,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${String(issue.path[0] ?? '')}: ${issue.message}`);
    return 2;
  }
  const { id } = await createUser(db, ctx, parsed.data, values.password);
  console.log(`User created: ${id}`);
  return 0;
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof AppError) {
    console.error(err.userMessage.en);
    process.exitCode = 1;
  } else if (err instanceof BackupError || err instanceof SchemaNewerError || err instanceof DataDirInUseError) {
    console.error(err.message);
    process.exitCode = 1;
  } else if (err instanceof ConfigError) {
    // E.g. no AUDIT_KEY in production: say what to set, without a stack trace.
    console.error(err.message);
    process.exitCode = 2;
  } else if (err instanceof Error && 'code' in err && String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${err.message}\n\n${usage}`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
