import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { distinctAuditActions, searchAudit, writeAudit, type AuditPage } from '../platform/audit/audit.ts';
import { addDaysIso, startOfAmsterdamDay } from '../platform/dates.ts';
import { normaliseEmail } from '../platform/auth/passwords.ts';

export interface AuditLogFilters {
  /** The e-mail address of the user who acted. */
  email?: string | undefined;
  action?: string | undefined;
  /** Amsterdam calendar days (YYYY-MM-DD), both included. */
  fromDate?: string | undefined;
  toDate?: string | undefined;
  /** Entries older than this id: the next page. */
  before?: string | undefined;
}

/**
 * One page of the audit log for an administrator (NEN 7513: who did what, when, from where), with
 * the actions to filter on. Reading the log is itself logged.
 */
export async function browseAuditLog(db: Database, ctx: RequestContext, filters: AuditLogFilters): Promise<{ page: AuditPage; actions: string[] }> {
  let actorUserId: string | undefined;
  let unknownActor = false;
  if (filters.email) {
    const actor = await db.selectFrom('users').select('id').where('email', '=', normaliseEmail(filters.email)).executeTakeFirst();
    actorUserId = actor?.id;
    unknownActor = !actor;
  }
  const page = unknownActor
    ? { rows: [], hasMore: false }
    : await searchAudit(
        db,
        {
          actorUserId,
          action: filters.action || undefined,
          from: filters.fromDate ? startOfAmsterdamDay(filters.fromDate) : undefined,
          to: filters.toDate ? startOfAmsterdamDay(addDaysIso(filters.toDate, 1)) : undefined,
        },
        filters.before,
      );
  await writeAudit(db, ctx, {
    action: 'audit.viewed',
    subjectType: 'audit_log',
    details: { filtered: Boolean(filters.email || filters.action || filters.fromDate || filters.toDate) },
  });
  return { page, actions: await distinctAuditActions(db) };
}
