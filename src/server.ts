import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Config } from './platform/config.ts';
import { createLogger, type Logger } from './platform/log.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { systemContext } from './platform/context.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { loadShippedPostcodeAreas } from './routing/reference-data.ts';
import { createApp } from './app.ts';
import type { Services } from './platform/http/types.ts';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';
import { startJobLoop } from './platform/jobs/runner.ts';
import { backgroundJobs } from './jobs.ts';
import { useAuditKey } from './platform/audit/audit-key.ts';

export interface RunningServer {
  url: string;
  services: Services;
  database: DatabaseHandle;
  mailer: Mailer;
  close(): Promise<void>;
}

/** Opens and migrates the database, seeds the demo when configured, and starts listening. */
export async function startServer(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  // Before anything writes an audit entry (the demo seed does). Production refuses to start without a key (config.ts).
  useAuditKey(config.auditKey);
  if (config.auditKeySource === 'development') log.warn('AUDIT_KEY not set: the audit log is keyed with the built-in development key, not for production');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, waitSeconds: config.dbWaitSeconds, log });
  const applied = await migrateToLatest(database.db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const postcodeAreas = await loadShippedPostcodeAreas(database.db);
  if (postcodeAreas) log.info({ postcodeAreas }, 'shipped postcode areas loaded');
  if (config.seedDemo) {
    if (config.env === 'production') {
      // Asked for explicitly (SEED_DEMO=true), but the demo's passwords are public: say so, loudly.
      log.warn('SEED_DEMO=true in production: the demo accounts and their published password are active');
      console.warn(
        '\n*** WAARSCHUWING / WARNING ***\nSEED_DEMO=true in productie: de demo-accounts met het openbare wachtwoord zijn actief.\nSEED_DEMO=true in production: the demo accounts with the published password are active.\n',
      );
    }
    const outcome = await seedDemo(database.db, systemContext(log, 'job'));
    if (outcome === 'seeded') log.info('demo data seeded');
  }
  const services: Services = { db: database.db, config, log };
  const app = createApp(services);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  if (!mailer.delivers) log.warn('no SMTP_URL configured: mail is kept unsent in the outbox');
  const stopJobs = config.jobsEnabled ? startJobLoop(database.db, backgroundJobs(services, mailer), log) : async () => {};
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: config.publicUrl ?? `http://${host}:${port}`,
    services,
    database,
    mailer,
    close: async () => {
      await stopJobs();
      mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
