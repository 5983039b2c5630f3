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

export interface RunningServer {
  url: string;
  services: Services;
  database: DatabaseHandle;
  mailer: Mailer;
  close(): Promise<void>;
}

/** Opens and migrates the database, seeds the demo when configured, and starts listening. */
export async function startServer(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database.db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const postcodeAreas = await loadShippedPostcodeAreas(database.db);
  if (postcodeAreas) log.info({ postcodeAreas }, 'shipped postcode areas loaded');
  if (config.seedDemo) {
    const outcome = await seedDemo(database.db, systemContext(log, 'job'));
    if (outcome === 'seeded') log.info('demo data seeded');
  }
  const services: Services = { db: database.db, config, log };
  const app = createApp(services);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
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
