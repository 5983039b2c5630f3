import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Never log personal data: log ids, codes and counts only.
 * The redact list is a safety net for mistakes, not a licence to pass such fields.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'korte-lijn' },
    redact: {
      paths: ['password', '*.password', 'email', '*.email', 'name', '*.name', 'phone', '*.phone', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  });
}
