import type { Job } from './platform/jobs/runner.ts';
import type { Services } from './platform/http/types.ts';
import type { Mailer } from './platform/mail/mailer.ts';
import { deliverPendingMail } from './platform/mail/outbox.ts';
import { purgeExpiredSessions } from './platform/auth/sessions.ts';

/** Every background job of the app, in one list (like app.ts for routes). */
export function backgroundJobs(services: Services, mailer: Mailer): Job[] {
  return [
    { name: 'mail.deliver', everySeconds: 30, run: () => deliverPendingMail(services.db, mailer, services.log) },
    { name: 'sessions.purge', everySeconds: 3600, run: () => purgeExpiredSessions(services.db) },
  ];
}
