import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
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
import { drainable } from './platform/http/drain.ts';
import { metricsPortFetch } from './platform/metrics/endpoint.ts';
import { findTool } from './platform/db/postgres-tools.ts';

export interface RunningServer {
  url: string;
  services: Services;
  database: DatabaseHandle;
  mailer: Mailer;
  /** The METRICS_PORT listener's address, when configured. */
  metricsUrl: string | undefined;
  /**
   * Graceful shutdown within `deadlineMs`: stop accepting connections and refuse new requests (503),
   * let the requests in flight and the running job step finish, then close the database.
   */
  close(deadlineMs?: number): Promise<void>;
}

/** SIGTERM to exit: Kubernetes and systemd wait 30 and 90 s; the promise is 10 s, with room for Node's own exit. */
export const SHUTDOWN_DEADLINE_MS = 8_000;

/** Opens and migrates the database, seeds the demo when configured, and starts listening. */
export async function startServer(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  // Before anything writes an audit entry (the demo seed does). Production refuses to start without a key (config.ts).
  useAuditKey(config.auditKey);
  if (config.auditKeySource === 'development') log.warn('AUDIT_KEY not set: the audit log is keyed with the built-in development key, not for production');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, waitSeconds: config.dbWaitSeconds, log });
  // A schema newer than this code (SchemaNewerError) stops the start; the embedded folder is released first.
  const applied = await migrateToLatest(database.db).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
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
  if (config.backupDir && database.kind === 'postgres') {
    try {
      findTool('pg_dump');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'BACKUP_DIR is set but the nightly backup cannot run');
    }
  }
  const stopJobs = config.jobsEnabled ? startJobLoop(database.db, backgroundJobs(services, mailer), log) : async () => {};
  const drain = drainable(app.fetch);
  const server = await listen(drain.fetch, config.port, config.host);
  const metricsServer = config.metricsPort === undefined ? undefined : await listen(metricsPortFetch(services), config.metricsPort, config.host);
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const urlOf = (s: ServerType) => `http://${host}:${(s.address() as AddressInfo).port}`;
  return {
    url: config.publicUrl ?? urlOf(server),
    metricsUrl: metricsServer && urlOf(metricsServer),
    services,
    database,
    mailer,
    close: async (deadlineMs = SHUTDOWN_DEADLINE_MS) => {
      const started = performance.now();
      const left = () => Math.max(0, deadlineMs - (performance.now() - started));
      // New requests are refused with 503 + Connection: close (a clean answer a client or load balancer
      // retries elsewhere) while those in flight and the running job step finish; only then does the
      // server stop listening, so no request is cut off half-way by a closing connection.
      const [finished] = await Promise.all([drain.drain(left() * 0.8), stopJobs()]);
      if (!finished) log.warn({ inFlight: drain.inFlight }, 'shutdown: requests still running at the deadline are cut off');
      await closeServer(server as Server, left);
      if (metricsServer) await closeServer(metricsServer as Server, () => 0);
      mailer.close();
      // Last: nothing uses the database any more, so the embedded one is closed with nothing half-written.
      await database.close();
      log.info({ ms: Math.round(performance.now() - started) }, 'shut down');
    },
  };
}

function listen(fetch: (request: Request, env: unknown) => Response | Promise<Response>, port: number, hostname: string): Promise<ServerType> {
  return new Promise((resolve) => {
    const s = serve({ fetch, port, hostname }, () => resolve(s));
  });
}

/** Stops accepting connections, closes idle ones as they become idle, and cuts off what is left when `left()` runs out. */
function closeServer(server: Server, left: () => number): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const cutOff = setTimeout(() => server.closeAllConnections(), left());
    server.once('close', () => {
      clearInterval(idle);
      clearTimeout(cutOff);
    });
  });
}
