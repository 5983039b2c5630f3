import type { Job } from './platform/jobs/runner.ts';
import type { Services } from './platform/http/types.ts';
import type { Mailer } from './platform/mail/mailer.ts';
import { deliverPendingMail } from './platform/mail/outbox.ts';
import { purgeExpiredSessions } from './platform/auth/sessions.ts';
import { purgeOldHits } from './platform/http/rate-limit.ts';
import { publicBaseUrl } from './platform/config.ts';
import { systemContext } from './platform/context.ts';
import { purgeOldLoginFailures } from './account/sign-in.ts';
import { escalateOverdueReferrals } from './referrals/escalate-overdue.ts';
import { purgeExpiredPersonalData } from './referrals/purge-retention.ts';
import { purgeExpiredResults } from './selfcheck/result-store.ts';
import { purgeExpiredDrafts } from './referrals/referral-drafts.ts';
import { nightlyBackupJob } from './platform/jobs/nightly-backup.ts';
import { followContactChanges } from './agreements/contact-changes.ts';
import { remindOverdueVisits } from './visits/remind-overdue-visits.ts';

/** Every background job of the app, in one list (like app.ts for routes). */
export function backgroundJobs(services: Services, mailer: Mailer): Job[] {
  return [
    { name: 'mail.deliver', everySeconds: 30, run: (stopping) => deliverPendingMail(services.db, mailer, services.log, undefined, stopping) },
    { name: 'sessions.purge', everySeconds: 3600, run: () => purgeExpiredSessions(services.db) },
    { name: 'rate-limits.purge', everySeconds: 3600, run: () => purgeOldHits(services.db) },
    { name: 'selfcheck-results.purge', everySeconds: 600, run: () => purgeExpiredResults(services.db) },
    { name: 'referral-drafts.purge', everySeconds: 3600, run: () => purgeExpiredDrafts(services.db) },
    { name: 'login-failures.purge', everySeconds: 3600, run: () => purgeOldLoginFailures(services.db) },
    {
      name: 'referrals.escalate-overdue',
      everySeconds: 300,
      run: () => escalateOverdueReferrals(services.db, systemContext(services.log, 'job'), { baseUrl: publicBaseUrl(services.config) }),
    },
    {
      name: 'agreements.contact-changes',
      everySeconds: 300,
      run: () => followContactChanges(services.db, systemContext(services.log, 'job'), { baseUrl: publicBaseUrl(services.config) }),
    },
    {
      name: 'visits.remind-overdue',
      everySeconds: 3600,
      run: () => remindOverdueVisits(services.db, systemContext(services.log, 'job'), { baseUrl: publicBaseUrl(services.config) }),
    },
    {
      name: 'referrals.purge-retention',
      everySeconds: 86400,
      run: () => purgeExpiredPersonalData(services.db, systemContext(services.log, 'job'), { retentionMonths: services.config.retentionMonths }),
    },
    ...(services.config.backupDir
      ? [nightlyBackupJob(services.db, { dir: services.config.backupDir, keep: services.config.backupKeep, time: services.config.backupTime }, services.log)]
      : []),
  ];
}
