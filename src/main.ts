import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { createLogger } from './platform/log.ts';
import { startServer } from './server.ts';
import { DEMO_PASSWORD, demoAccounts } from './demo/seed-demo.ts';
import { roleLabels } from './platform/auth/roles.ts';
import { hasActiveUsers } from './admin/users.ts';
import { SchemaNewerError } from './platform/db/database.ts';
import { DataDirInUseError } from './platform/db/data-dir-lock.ts';

/** Composition root: config → database → app → server. */
const config = loadConfigOrExit();
const log = createLogger(config.logLevel);
const running = await startServer(config, log).catch((err: unknown) => {
  // Problems an operator fixes (a newer schema, a data folder in use): one line, no stack trace.
  if (!(err instanceof SchemaNewerError || err instanceof DataDirInUseError)) throw err;
  console.error(`Korte Lijn did not start. ${err.message}`);
  process.exit(1);
});

const lines = ['', `Korte Lijn draait op ${running.url}  (database: ${running.database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})`];
if (config.seedDemo) {
  lines.push('', `Demo-accounts (wachtwoord: ${DEMO_PASSWORD}):`);
  for (const a of demoAccounts) lines.push(`  ${a.email.padEnd(36)} ${roleLabels[a.role].nl} — ${a.where}`);
  if (config.totpRequired)
    lines.push(
      '',
      'Elke rol stelt bij de eerste keer inloggen tweestapsverificatie in (authenticator-app) en krijgt herstelcodes.',
      'Alleen voor een demo: start met TOTP_REQUIRED=false om dat over te slaan.',
    );
}
if (!config.smtpUrl) lines.push('', 'Geen SMTP_URL: e-mail wordt niet verstuurd maar blijft in de wachtrij (outbox) staan.');
if (!(await hasActiveUsers(running.database.db))) {
  lines.push(
    '',
    'Er is nog geen gebruiker. Maak de eerste beheerder aan (stop bij de ingebouwde database eerst de app):',
    '  npm run cli -- user:create --email u@example.nl --name "Uw Naam" --role admin --password \'een-lang-wachtwoord\'',
  );
}
console.log(lines.join('\n') + '\n');

/** Exit within this long after SIGTERM/SIGINT, whatever happens (server.ts closes in SHUTDOWN_DEADLINE_MS). */
const EXIT_DEADLINE_MS = 10_000;
let shuttingDown = false;
const shutdown = async (signal: string) => {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    log.error('shutdown took too long: exiting without waiting further');
    process.exit(1);
  }, EXIT_DEADLINE_MS);
  force.unref();
  try {
    await running.close();
    process.exit(0);
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'shutdown failed');
    process.exit(1);
  }
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

/** A configuration an operator must fix is said in one line, without a stack trace. */
function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`Korte Lijn did not start. ${err.message}`);
    process.exit(1);
  }
}
