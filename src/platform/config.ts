import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseTrustedProxies } from './http/client-address.ts';

/** Environment variables, validated once at boot (the only place `process.env` is read). */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  /** Two-factor sign-in is mandatory for roles that see patient data; switching it off is for demos only. */
  TOTP_REQUIRED: z.enum(['true', 'false']).default('true'),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  SESSION_HOURS: z.coerce.number().int().min(1).max(72).default(10),
  /**
   * The Twente demo (accounts with a published password). Outside production it is seeded when
   * absent unless SEED_DEMO=false; in production only with SEED_DEMO=true, and then with a warning.
   */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  /**
   * smtp://user:pass@host:port (smtps:// for TLS). Required in production. Without it (development,
   * tests) mail is not sent and not marked sent: it waits in the outbox and goes out once SMTP_URL
   * is set. For a local mail catcher, point SMTP_URL at it (e.g. smtp://localhost:1025).
   */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Korte Lijn <no-reply@kortelijn.local>'),
  /** Background jobs (mail, escalations, retention). Several instances may run them: runs are claimed in the database. */
  JOBS_ENABLED: z.enum(['true', 'false']).default('true'),
  /** Months after closing a referral before its personal data is erased. */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /**
   * Reverse proxies whose X-Forwarded-For is believed: comma-separated IP addresses and CIDR ranges
   * (e.g. `10.0.0.5, 10.1.0.0/16`). Default: none, so the connecting address is the client.
   */
  TRUST_PROXY: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seconds a request may wait for a database connection before it gets 503 + Retry-After (overload). */
  DB_WAIT_SECONDS: z.coerce.number().int().min(1).max(120).default(5),
  /**
   * The secret the audit log's hashes are keyed with (NEN 7513: tamper-evident, platform/audit), kept
   * outside the database: at least 32 characters, e.g. from `openssl rand -base64 32`. Or
   * AUDIT_KEY_FILE: a file holding it (a container or systemd secret). Required in production.
   */
  AUDIT_KEY: z.string().min(32, 'at least 32 characters').optional(),
  AUDIT_KEY_FILE: z.string().optional(),
  /**
   * Operations (docs/operations.md). BACKUP_DIR: where the nightly backup job writes (off when unset),
   * at BACKUP_TIME (Amsterdam time), keeping the newest BACKUP_KEEP files.
   */
  BACKUP_DIR: z.string().optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
  BACKUP_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, e.g. 02:30')
    .default('02:30'),
  /** /metrics (Prometheus) answers only with this bearer token, or on METRICS_PORT; otherwise not at all. */
  METRICS_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** /readyz reports "not ready" when the oldest mail waiting to be sent is older than this (0: not checked). */
  READY_OUTBOX_MINUTES: z.coerce.number().int().min(0).max(10080).default(60),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string | undefined;
  totpRequired: boolean;
  cookieSecure: boolean;
  sessionHours: number;
  seedDemo: boolean;
  logLevel: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  jobsEnabled: boolean;
  retentionMonths: number;
  /** TRUST_PROXY entries (addresses and CIDR ranges), validated. */
  trustProxy: string[];
  dbWaitSeconds: number;
  /** The audit log's key; `auditKeySource` says where it came from ('development': the built-in key, not for production). */
  auditKey: string;
  auditKeySource: 'AUDIT_KEY' | 'AUDIT_KEY_FILE' | 'development';
  backupDir: string | undefined;
  backupKeep: number;
  /** HH:MM, Amsterdam time. */
  backupTime: string;
  metricsToken: string | undefined;
  metricsPort: number | undefined;
  readyOutboxMinutes: number;
}

/** The audit key outside production when none is set. Anyone can read it here: never for real data. */
export const DEVELOPMENT_AUDIT_KEY = 'korte-lijn-development-audit-key-not-for-production';

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (PORT=) means "not set", not "zero" or "an empty URL".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PUBLIC_URL,
    totpRequired: e.TOTP_REQUIRED === 'true',
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : e.NODE_ENV === 'production',
    sessionHours: e.SESSION_HOURS,
    seedDemo: e.SEED_DEMO === undefined ? e.NODE_ENV !== 'production' : e.SEED_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jobsEnabled: e.JOBS_ENABLED === 'true',
    retentionMonths: e.RETENTION_MONTHS,
    trustProxy: e.TRUST_PROXY.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    dbWaitSeconds: e.DB_WAIT_SECONDS,
    ...auditKeyOf(e),
    backupDir: e.BACKUP_DIR,
    backupKeep: e.BACKUP_KEEP,
    backupTime: e.BACKUP_TIME,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    readyOutboxMinutes: e.READY_OUTBOX_MINUTES,
  };
  const { invalid } = parseTrustedProxies(e.TRUST_PROXY);
  if (invalid.length) throw new ConfigError(`Invalid configuration: TRUST_PROXY: not an IP address or CIDR range: ${invalid.join(', ')}`);
  if (config.env === 'production' && !config.totpRequired) {
    throw new ConfigError('TOTP_REQUIRED=false is only allowed outside production (demo use).');
  }
  if (config.env === 'production') {
    // Links in mail need the public address, and mail without SMTP would be lost: refuse to start half-working.
    // An audit log keyed with the published development key would not be tamper-evident (NEN 7513).
    const missing = [
      !config.publicUrl && 'PUBLIC_URL',
      !config.smtpUrl && 'SMTP_URL',
      config.auditKey === DEVELOPMENT_AUDIT_KEY && 'AUDIT_KEY (or AUDIT_KEY_FILE, not the development key)',
    ].filter((name): name is string => Boolean(name));
    const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0];
    if (missing.length) throw new ConfigError(`In production ${list} must be set (see README, "Start").`);
  }
  return config;
}

/** AUDIT_KEY, or the contents of AUDIT_KEY_FILE (one of them), or the development key. */
function auditKeyOf(e: z.infer<typeof envSchema>): Pick<Config, 'auditKey' | 'auditKeySource'> {
  if (e.AUDIT_KEY && e.AUDIT_KEY_FILE) throw new ConfigError('Invalid configuration: set AUDIT_KEY or AUDIT_KEY_FILE, not both.');
  if (e.AUDIT_KEY) return { auditKey: e.AUDIT_KEY, auditKeySource: 'AUDIT_KEY' };
  if (!e.AUDIT_KEY_FILE) return { auditKey: DEVELOPMENT_AUDIT_KEY, auditKeySource: 'development' };
  let key: string;
  try {
    key = readFileSync(e.AUDIT_KEY_FILE, 'utf8').trim();
  } catch {
    throw new ConfigError(`Invalid configuration: AUDIT_KEY_FILE: cannot read ${e.AUDIT_KEY_FILE}`);
  }
  if (key.length < 32) throw new ConfigError('Invalid configuration: AUDIT_KEY_FILE: the key must be at least 32 characters');
  return { auditKey: key, auditKeySource: 'AUDIT_KEY_FILE' };
}

/** The address people reach the app at, for links in mail. */
export function publicBaseUrl(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/** A config for tests: in-memory database, no demo seed unless asked. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    databaseUrl: undefined,
    publicUrl: undefined,
    totpRequired: true,
    cookieSecure: false,
    sessionHours: 10,
    seedDemo: false,
    logLevel: 'silent',
    smtpUrl: undefined,
    mailFrom: 'Korte Lijn <no-reply@kortelijn.test>',
    jobsEnabled: false,
    retentionMonths: 12,
    trustProxy: [],
    dbWaitSeconds: 5,
    auditKey: DEVELOPMENT_AUDIT_KEY,
    auditKeySource: 'development',
    backupDir: undefined,
    backupKeep: 7,
    backupTime: '02:30',
    metricsToken: undefined,
    metricsPort: undefined,
    readyOutboxMinutes: 60,
    ...overrides,
  };
}
