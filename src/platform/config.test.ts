import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, DEVELOPMENT_AUDIT_KEY, loadConfig, testConfig, type Config } from './config.ts';

const pick = ({ auditKey, auditKeySource }: Config) => ({ auditKey, auditKeySource });

/** The foundation's settings only, so settings added by later capabilities do not break these rules. */
function foundation(config: Config) {
  const { env, port, host, dataDir, databaseUrl, publicUrl, totpRequired, cookieSecure, sessionHours, seedDemo, logLevel } = config;
  return { env, port, host, dataDir, databaseUrl, publicUrl, totpRequired, cookieSecure, sessionHours, seedDemo, logLevel };
}

/** What production needs at the least: the public address (links in mail), an SMTP server and the audit log's key. */
const production = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://kortelijn.example',
  SMTP_URL: 'smtp://mail.example:587',
  AUDIT_KEY: 'a-test-audit-key-of-at-least-32-characters',
};

describe('configuration', () => {
  it('starts with no environment at all: port 3000, PGlite in ./data, two-step sign-in on, demo seeded', () => {
    assert.deepEqual(foundation(loadConfig({})), {
      env: 'development',
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      databaseUrl: undefined,
      publicUrl: undefined,
      totpRequired: true,
      cookieSecure: false,
      sessionHours: 10,
      seedDemo: true,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/kortelijn',
      DATABASE_URL: 'postgres://kl:secret@db.example:5432/kortelijn',
      PUBLIC_URL: 'https://kortelijn.example',
      TOTP_REQUIRED: 'false',
      COOKIE_SECURE: 'true',
      SESSION_HOURS: '8',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    });
    assert.deepEqual(foundation(config), {
      env: 'test',
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/kortelijn',
      databaseUrl: 'postgres://kl:secret@db.example:5432/kortelijn',
      publicUrl: 'https://kortelijn.example',
      totpRequired: false,
      cookieSecure: true,
      sessionHours: 8,
      seedDemo: false,
      logLevel: 'warn',
    });
  });

  it('refuses TOTP_REQUIRED=false in production', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', TOTP_REQUIRED: 'false' }),
      (err: unknown) => err instanceof ConfigError && /TOTP_REQUIRED/.test(err.message),
    );
  });

  it('allows TOTP_REQUIRED=false outside production, for a demo', () => {
    assert.equal(loadConfig({ NODE_ENV: 'development', TOTP_REQUIRED: 'false' }).totpRequired, false);
  });

  it('marks cookies Secure in production unless told otherwise', () => {
    assert.equal(loadConfig(production).cookieSecure, true);
    assert.equal(loadConfig({ ...production, COOKIE_SECURE: 'false' }).cookieSecure, false);
    assert.equal(loadConfig({ NODE_ENV: 'development', COOKIE_SECURE: 'true' }).cookieSecure, true);
  });

  it('refuses values it cannot use, naming the variable', () => {
    const invalid: Array<Record<string, string>> = [
      { PORT: 'web' },
      { PORT: '70000' },
      { NODE_ENV: 'staging' },
      { DATABASE_URL: 'not a url' },
      { TOTP_REQUIRED: 'yes' },
      { SESSION_HOURS: '0' },
      { SESSION_HOURS: '73' },
      { LOG_LEVEL: 'loud' },
    ];
    for (const env of invalid) {
      const variable = Object.keys(env)[0]!;
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && err.message.includes(variable),
        JSON.stringify(env),
      );
    }
  });

  it('a request waits at most DB_WAIT_SECONDS for the database, 5 seconds unless set, 1 to 120', () => {
    assert.equal(loadConfig({}).dbWaitSeconds, 5);
    assert.equal(loadConfig({ DB_WAIT_SECONDS: '2' }).dbWaitSeconds, 2);
    for (const value of ['0', '121', '2.5', 'soon']) {
      assert.throws(
        () => loadConfig({ DB_WAIT_SECONDS: value }),
        (err: unknown) => err instanceof ConfigError && err.message.includes('DB_WAIT_SECONDS'),
        value,
      );
    }
  });

  it('refuses to start in production without PUBLIC_URL and SMTP_URL, naming what is missing', () => {
    const refused = (env: Record<string, string>, names: string[]) =>
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && names.every((name) => err.message.includes(name)),
        JSON.stringify(env),
      );
    refused({ NODE_ENV: 'production' }, ['PUBLIC_URL', 'SMTP_URL']);
    refused({ NODE_ENV: 'production', PUBLIC_URL: production.PUBLIC_URL }, ['SMTP_URL']);
    refused({ NODE_ENV: 'production', SMTP_URL: production.SMTP_URL }, ['PUBLIC_URL']);
    assert.equal(loadConfig(production).env, 'production');
    assert.equal(loadConfig({ NODE_ENV: 'development' }).smtpUrl, undefined, 'outside production mail may wait in the outbox');
  });

  it('seeds the demo in production only when SEED_DEMO=true is set; elsewhere unless SEED_DEMO=false', () => {
    assert.equal(loadConfig(production).seedDemo, false);
    assert.equal(loadConfig({ ...production, SEED_DEMO: 'false' }).seedDemo, false);
    assert.equal(loadConfig({ ...production, SEED_DEMO: 'true' }).seedDemo, true);
    assert.equal(loadConfig({}).seedDemo, true);
    assert.equal(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' }).seedDemo, false);
  });

  it('trusts no proxy unless TRUST_PROXY names addresses or ranges; anything else is refused, naming it', () => {
    assert.deepEqual(loadConfig({}).trustProxy, []);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy, ['10.0.0.5', '10.1.0.0/16', '::1']);
    assert.throws(
      () => loadConfig({ TRUST_PROXY: '10.0.0.5, proxy.internal' }),
      (err: unknown) => err instanceof ConfigError && err.message.includes('TRUST_PROXY') && err.message.includes('proxy.internal'),
    );
  });

  it('keys the audit log with AUDIT_KEY or the contents of AUDIT_KEY_FILE; outside production with the development key', () => {
    assert.deepEqual(pick(loadConfig({ AUDIT_KEY: production.AUDIT_KEY })), { auditKey: production.AUDIT_KEY, auditKeySource: 'AUDIT_KEY' });
    const dir = mkdtempSync(path.join(tmpdir(), 'kl-audit-key-'));
    try {
      const file = path.join(dir, 'audit-key');
      writeFileSync(file, `${production.AUDIT_KEY}\n`);
      assert.deepEqual(pick(loadConfig({ AUDIT_KEY_FILE: file })), { auditKey: production.AUDIT_KEY, auditKeySource: 'AUDIT_KEY_FILE' }, 'without the newline');
      assert.equal(loadConfig({ ...production, AUDIT_KEY: undefined, AUDIT_KEY_FILE: file }).env, 'production');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(pick(loadConfig({})), { auditKey: DEVELOPMENT_AUDIT_KEY, auditKeySource: 'development' });
  });

  it('refuses to start in production without an audit key, and refuses a short key, an unreadable key file or both variables', () => {
    const refused = (env: Record<string, string | undefined>, text: string) =>
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && err.message.includes(text),
        JSON.stringify(env),
      );
    refused({ ...production, AUDIT_KEY: undefined }, 'AUDIT_KEY (or AUDIT_KEY_FILE');
    refused({ ...production, AUDIT_KEY: DEVELOPMENT_AUDIT_KEY }, 'not the development key');
    refused({ AUDIT_KEY: 'too-short' }, 'AUDIT_KEY');
    refused({ AUDIT_KEY_FILE: '/nonexistent/audit-key' }, 'AUDIT_KEY_FILE: cannot read /nonexistent/audit-key');
    refused({ AUDIT_KEY: production.AUDIT_KEY, AUDIT_KEY_FILE: '/nonexistent/audit-key' }, 'not both');
  });

  it('gives tests an in-memory database, no demo seed and silent logs', () => {
    const config = testConfig();
    assert.equal(config.dataDir, 'memory://');
    assert.equal(config.seedDemo, false);
    assert.equal(config.logLevel, 'silent');
    assert.equal(config.totpRequired, true);
    assert.equal(testConfig({ totpRequired: false }).totpRequired, false);
  });
});
