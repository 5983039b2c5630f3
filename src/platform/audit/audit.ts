import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import type { AuditEntry } from '../db/schema.ts';
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

/**
 * Writes one audit entry, in one statement: it advances the chain head (audit_chain_head) and
 * inserts the entry linked to the head's previous hash. The head row's lock orders concurrent
 * appends across all app instances; under READ COMMITTED a waiting append re-reads the head once
 * the one before it commits, so the chain never forks. Inside a caller's transaction the entry
 * commits (or not) with the change.
 */
export async function writeAudit(executor: Executor, ctx: RequestContext, event: AuditEvent): Promise<void> {
  const entry = {
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
    // As it will be stored (jsonb of its JSON): an undefined value or a Date hashes the same as it reads back.
    details: JSON.parse(JSON.stringify(event.details ?? {})) as Record<string, unknown>,
  } as const;
  // The same text linkHash hashes: '["' + previous hash + '",' + the entry's canonical tail.
  const linked = sql<string>`encode(sha256(convert_to('["' || h.last_hash || '",' || ${canonicalTail(entry)}, 'UTF8')), 'hex')`;
  const result = await sql`
    with h as (
      update audit_chain_head h set prev_hash = h.last_hash, last_hash = ${linked}
      returning h.prev_hash, h.last_hash
    )
    insert into audit_log (at, actor_user_id, actor_role, on_behalf_of, action, subject_type, subject_id, patient_ref, ip, request_id, outcome, details, prev_hash, hash)
    select ${entry.at}, ${entry.actor_user_id}, ${entry.actor_role}, ${entry.on_behalf_of}, ${entry.action}, ${entry.subject_type}, ${entry.subject_id},
           ${entry.patient_ref}, ${entry.ip}, ${entry.request_id}, ${entry.outcome}, ${JSON.stringify(entry.details)}::jsonb, h.prev_hash, h.last_hash
    from h`.execute(executor);
  // A missing head would silently skip the entry; the migration's trigger keeps it, and this says so if not.
  if (result.numAffectedRows !== 1n) throw new Error('audit entry not written: audit_chain_head has no row');
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
  return linkHash(entry.prev_hash, canonicalTail(entry));
}

/**
 * The canonical form of an entry is the JSON array [prev_hash, at, actor, …, details]; its tail is
 * that text after '["<prev_hash>",'. The tail is computed here, the link in SQL (writeAudit) or here.
 */
function canonicalTail(entry: Omit<HashedFields, 'prev_hash'>): string {
  return JSON.stringify([
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
  ]).slice(1);
}

function linkHash(prevHash: string, tail: string): string {
  return createHash('sha256').update(`["${prevHash}",${tail}`).digest('hex');
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

/**
 * Walks the whole log in id order, in bounded batches, and names the first entry that does not fit.
 * The chain head read first must turn up on the way: if not, entries were cut off the end.
 */
export async function verifyAuditChain(db: Database, batchSize = 1000): Promise<ChainVerdict> {
  const head = await db.selectFrom('audit_chain_head').select('last_hash').executeTakeFirst();
  let headSeen = head?.last_hash === GENESIS_HASH;
  let prevHash = GENESIS_HASH;
  let afterId = '0';
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(batchSize).execute();
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, brokenId: row.id, reason: 'prev_hash does not match the previous entry (entry removed or reordered)' };
      }
      if (entryHash(row) !== row.hash) {
        return { ok: false, checked, brokenId: row.id, reason: 'content does not match its hash (entry changed)' };
      }
      prevHash = row.hash;
      headSeen ||= row.hash === head?.last_hash;
      checked++;
    }
    if (rows.length === batchSize) {
      afterId = rows[rows.length - 1]!.id;
      continue;
    }
    if (headSeen) return { ok: true, checked };
    return { ok: false, checked, brokenId: rows.at(-1)?.id ?? afterId, reason: 'the newest entries are missing (log cut off after this entry)' };
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
