import { z } from 'zod';

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
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** smtp://user:pass@host:port (smtps:// for TLS). Without it, mail is logged (subject only) instead of sent. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Korte Lijn <no-reply@kortelijn.local>'),
  /** Background jobs (mail, escalations, retention). Several instances may run them: runs are claimed in the database. */
  JOBS_ENABLED: z.enum(['true', 'false']).default('true'),
  /** Months after closing a referral before its personal data is erased. */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
}

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
    seedDemo: e.SEED_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jobsEnabled: e.JOBS_ENABLED === 'true',
    retentionMonths: e.RETENTION_MONTHS,
  };
  if (config.env === 'production' && !config.totpRequired) {
    throw new ConfigError('TOTP_REQUIRED=false is only allowed outside production (demo use).');
  }
  return config;
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
    ...overrides,
  };
}
