/**
 * Start-up in production: the demo (accounts with a password published in the README) is seeded
 * only when asked for with SEED_DEMO=true, and then with a loud warning. Each test starts the real
 * server on a fresh PGlite data folder, as `NODE_ENV=production npm start` would.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from './platform/config.ts';
import { startServer } from './server.ts';
import { demoAccounts } from './demo/seed-demo.ts';

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Starts the server with a production environment on a fresh data folder; returns the demo users found and the warnings logged. */
async function startInProduction(extra: Record<string, string>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kl-production-start-'));
  folders.push(dataDir);
  const config = loadConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://kortelijn.example',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    AUDIT_KEY: 'a-test-audit-key-of-at-least-32-characters',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    JOBS_ENABLED: 'false',
    ...extra,
  });
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg as string) });
  const server = await startServer(config, log);
  try {
    const demoUsers = await server.services.db
      .selectFrom('users')
      .select('email')
      .where(
        'email',
        'in',
        demoAccounts.map((a) => a.email),
      )
      .execute();
    return { demoUsers: demoUsers.map((u) => u.email), warnings };
  } finally {
    await server.close();
  }
}

describe('starting in production', () => {
  it('without SEED_DEMO=true the server starts without the demo accounts', async () => {
    const { demoUsers } = await startInProduction({});
    assert.deepEqual(demoUsers, []);
  });

  it('with SEED_DEMO=true the demo is seeded, and the log warns loudly that its accounts are active', async () => {
    const { demoUsers, warnings } = await startInProduction({ SEED_DEMO: 'true' });
    assert.equal(demoUsers.length, demoAccounts.length);
    assert.ok(
      warnings.some((w) => /SEED_DEMO=true in production/.test(w)),
      `warnings: ${warnings.join(' | ')}`,
    );
  });
});
