import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { AuditEntry, DB } from '../db/schema.ts';
import type { RequestContext } from '../context.ts';

/**
 * The append-only audit log (NEN 7513 style): who (user, role, on whose behalf), what (action,
 * subject, patient), when, from where (IP, request id) and the outcome. Every entry carries the hash
 * of the previous entry, so removing or changing a row breaks the chain (`audit:verify`). The table
 * also refuses UPDATE and DELETE by trigger.
 */
export interface AuditEvent {
  action: string;
  subjectType?: string;
  subjectId?: string;
  /** Referral id (or other patient key) when the event concerns a patient's data. */
  patientRef?: string;
  outcome?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
/** Arbitrary constant key: serialises appends across all app instances sharing one PostgreSQL. */
const AUDIT_LOCK_KEY = 7513;

type Executor = Database | Transaction<DB>;

/** Writes one audit entry. Inside a caller's transaction the entry commits (or not) with the change. */
export async function writeAudit(executor: Executor, ctx: RequestContext, event: AuditEvent): Promise<void> {
  if (executor.isTransaction) {
    await append(executor as Transaction<DB>, ctx, event);
  } else {
    await executor.transaction().execute((trx) => append(trx, ctx, event));
  }
}

async function append(trx: Transaction<DB>, ctx: RequestContext, event: AuditEvent): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row = {
    at: new Date(),
    actor_user_id: ctx.actor?.userId ?? null,
    actor_role: ctx.actor?.role ?? null,
    on_behalf_of: ctx.actor ? onBehalfOf(ctx.actor) : null,
    action: event.action,
    subject_type: event.subjectType ?? null,
    subject_id: event.subjectId ?? null,
    patient_ref: event.patientRef ?? null,
    ip: ctx.ip,
    request_id: ctx.requestId,
    outcome: event.outcome ?? 'success',
    details: event.details ?? {},
    prev_hash: last?.hash ?? GENESIS_HASH,
  } as const;
  await trx
    .insertInto('audit_log')
    .values({ ...row, details: JSON.stringify(row.details), hash: entryHash(row) })
    .execute();
}

function onBehalfOf(actor: NonNullable<RequestContext['actor']>): string | null {
  if (actor.practiceId) return `practice:${actor.practiceId}`;
  if (actor.teamId) return `team:${actor.teamId}`;
  if (actor.regionId) return `region:${actor.regionId}`;
  return null;
}

type HashedFields = Omit<AuditEntry, 'id' | 'hash'>;

/** SHA-256 over a canonical form of the entry, chained to the previous hash. */
export function entryHash(entry: HashedFields): string {
  const canonical = JSON.stringify([
    entry.prev_hash,
    new Date(entry.at).toISOString(),
    entry.actor_user_id,
    entry.actor_role,
    entry.on_behalf_of,
    entry.action,
    entry.subject_type,
    entry.subject_id,
    entry.patient_ref,
    entry.ip,
    entry.request_id,
    entry.outcome,
    canonicalJson(entry.details),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys sorted, because jsonb does not keep the key order we wrote. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value as Record<string, unknown>).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export type ChainVerdict = { ok: true; checked: number } | { ok: false; checked: number; brokenId: string; reason: string };

/** Walks the whole log in id order, in bounded batches, and names the first entry that does not fit. */
export async function verifyAuditChain(db: Database, batchSize = 1000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let afterId = '0';
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, brokenId: row.id, reason: 'prev_hash does not match the previous entry (entry removed or reordered)' };
      }
      if (entryHash(row) !== row.hash) {
        return { ok: false, checked, brokenId: row.id, reason: 'content does not match its hash (entry changed)' };
      }
      prevHash = row.hash;
      checked++;
    }
    if (rows.length < batchSize) return { ok: true, checked };
    afterId = rows[rows.length - 1]!.id;
  }
}

export interface AuditFilters {
  actorUserId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface AuditPage {
  rows: Array<AuditEntry & { actor_name: string | null; actor_email: string | null }>;
  hasMore: boolean;
}

/** Newest first, keyset-paginated on id so deep pages stay fast on a 5-year log. */
export async function searchAudit(db: Database, filters: AuditFilters, beforeId?: string, pageSize = 50): Promise<AuditPage> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .selectAll('audit_log')
    .select(['users.name as actor_name', 'users.email as actor_email'])
    .orderBy('audit_log.id', 'desc')
    .limit(pageSize + 1);
  if (filters.actorUserId) q = q.where('audit_log.actor_user_id', '=', filters.actorUserId);
  if (filters.action) q = q.where('audit_log.action', '=', filters.action);
  if (filters.from) q = q.where('audit_log.at', '>=', filters.from);
  if (filters.to) q = q.where('audit_log.at', '<', filters.to);
  if (beforeId) q = q.where('audit_log.id', '<', beforeId);
  const rows = await q.execute();
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

export async function distinctAuditActions(db: Database): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
