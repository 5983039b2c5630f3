import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, testConfig, type Config } from './config.ts';

/** The foundation's settings only, so settings added by later capabilities do not break these rules. */
function foundation(config: Config) {
  const { env, port, host, dataDir, databaseUrl, publicUrl, totpRequired, cookieSecure, sessionHours, seedDemo, logLevel } = config;
  return { env, port, host, dataDir, databaseUrl, publicUrl, totpRequired, cookieSecure, sessionHours, seedDemo, logLevel };
}

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
    assert.equal(loadConfig({ NODE_ENV: 'production' }).cookieSecure, true);
    assert.equal(loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' }).cookieSecure, false);
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

  it('gives tests an in-memory database, no demo seed and silent logs', () => {
    const config = testConfig();
    assert.equal(config.dataDir, 'memory://');
    assert.equal(config.seedDemo, false);
    assert.equal(config.logLevel, 'silent');
    assert.equal(config.totpRequired, true);
    assert.equal(testConfig({ totpRequired: false }).totpRequired, false);
  });
});
