import { createHash, createHmac } from 'node:crypto';
import { sql, Transaction } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import type { AuditEntry, DB } from '../db/schema.ts';
import type { RequestContext } from '../context.ts';
import { beforeCommit } from '../db/commit-hooks.ts';
import { currentAuditKey, type AuditKey } from './audit-key.ts';

/**
 * The append-only audit log (NEN 7513 style): who (user, role, on whose behalf), what (action,
 * subject, patient), when, from where (IP, request id) and the outcome. Every entry carries the hash
 * of the previous entry, so removing or changing a row breaks the chain (`audit:verify`). The hash
 * is an HMAC under a key the database does not hold (audit-key.ts), so whoever can write the
 * database still cannot make a changed chain verify. The table also refuses UPDATE and DELETE by
 * trigger.
 */
export interface AuditEvent {
  action: string;
  subjectType?: string;
  subjectId?: string;
  /** Referral id (or other patient key) when the event concerns one patient's data. */
  patientRef?: string;
  /** The referrals whose patient data the event showed, when there are several (a list read). */
  patientRefs?: readonly string[];
  outcome?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** An entry as written, before it is linked into the chain. */
type Draft = Omit<AuditEntry, 'id' | 'prev_hash' | 'hash' | 'key_id'>;
type Linked = Draft & Pick<AuditEntry, 'prev_hash' | 'hash' | 'key_id'>;

/**
 * Writes one audit entry. On its own (the database as executor) it is appended at once, in one
 * statement. Inside a transaction it is appended when the transaction commits, as its last statement
 * (commit-hooks.ts), and not at all when it rolls back: the chain head is then locked only while
 * the transaction commits, so a slow transaction does not hold up every other writer.
 */
export async function writeAudit(executor: Executor, ctx: RequestContext, event: AuditEvent): Promise<void> {
  const draft: Draft = {
    at: new Date(),
    actor_user_id: ctx.actor?.userId ?? null,
    actor_role: ctx.actor?.role ?? null,
    on_behalf_of: ctx.actor ? onBehalfOf(ctx.actor) : null,
    action: event.action,
    subject_type: event.subjectType ?? null,
    subject_id: event.subjectId ?? null,
    patient_ref: event.patientRef ?? null,
    patient_refs: [...(event.patientRefs ?? [])],
    ip: ctx.ip,
    request_id: ctx.requestId,
    outcome: event.outcome ?? 'success',
    // As it will be stored (jsonb of its JSON): an undefined value or a Date hashes the same as it reads back.
    details: JSON.parse(JSON.stringify(event.details ?? {})) as Record<string, unknown>,
  };
  if (executor instanceof Transaction) return appendAtCommit(executor, draft);
  return appendSoon(executor, draft);
}

interface Waiting {
  draft: Draft;
  resolve: () => void;
  reject: (err: unknown) => void;
}

const forming = new WeakMap<Database, Waiting[]>();

/**
 * Entries written on their own go out in batches: the first one waits for a connection and for
 * the turn to append, and takes along every entry written meanwhile, in one statement. Ten requests
 * at once then cost one or two appends, not ten one after another.
 */
function appendSoon(db: Database, draft: Draft): Promise<void> {
  return new Promise((resolve, reject) => {
    const batch = forming.get(db);
    if (batch) {
      batch.push({ draft, resolve, reject });
      return;
    }
    const first = [{ draft, resolve, reject }];
    forming.set(db, first);
    void appendBatch(db, first);
  });
}

async function appendBatch(db: Database, batch: Waiting[]): Promise<void> {
  try {
    // A connection first, then the turn: waiting for a connection while holding the turn could
    // wait for a transaction that is itself waiting for the turn to append at its commit.
    await db.connection().execute((conn) =>
      serially(() => {
        // From here on, entries start the next batch.
        forming.delete(db);
        return append(
          conn,
          batch.map((w) => w.draft),
        );
      }),
    );
    for (const w of batch) w.resolve();
  } catch (err) {
    if (forming.get(db) === batch) forming.delete(db);
    for (const w of batch) w.reject(err);
  }
}

const atCommit = new WeakMap<Transaction<DB>, Draft[]>();

async function appendAtCommit(trx: Transaction<DB>, draft: Draft): Promise<void> {
  const waiting = atCommit.get(trx);
  if (waiting) {
    waiting.push(draft);
    return;
  }
  const drafts = [draft];
  atCommit.set(trx, drafts);
  await beforeCommit(trx, async () => {
    atCommit.delete(trx);
    await serially(() => append(trx, drafts));
  });
}

/**
 * Appends take turns within this process, so each one links to the head the one before it left
 * (`knownHead`) and its conditional update succeeds at the first try. Another instance's append
 * moves the head without this process knowing: the update then changes nothing, and the append is
 * retried under the head row's lock.
 */
let turn: Promise<unknown> = Promise.resolve();
let knownHead: string | undefined;

function serially<T>(work: () => Promise<T>): Promise<T> {
  const mine = turn.then(work);
  turn = mine.catch(() => undefined);
  return mine;
}

async function append(executor: Executor, drafts: Draft[]): Promise<void> {
  const key = currentAuditKey();
  if (knownHead !== undefined && (await appendAfter(executor, drafts, knownHead, key))) return;
  if (executor instanceof Transaction) return appendLocked(executor, drafts, key);
  await executor.transaction().execute((trx) => appendLocked(trx, drafts, key));
}

async function appendLocked(trx: Transaction<DB>, drafts: Draft[], key: AuditKey): Promise<void> {
  const head = await trx.selectFrom('audit_chain_head').select('last_hash').forUpdate().executeTakeFirst();
  // A missing head would silently skip the entry; the migration's trigger keeps it, and this says so if not.
  if (!head) throw new Error('audit entry not written: audit_chain_head has no row');
  if (!(await appendAfter(trx, drafts, head.last_hash, key))) throw new Error('audit entry not written: the locked chain head moved');
}

/**
 * One statement: moves the chain head from `head` to the last new entry's hash — only if it is
 * still at `head` — and inserts the entries linked from it. The head row's lock orders appends from
 * all instances; under READ COMMITTED an update that waited for another append re-reads the row
 * and finds it moved, so two entries never share a predecessor (the chain never forks).
 */
async function appendAfter(executor: Executor, drafts: readonly Draft[], head: string, key: AuditKey): Promise<boolean> {
  const rows: Linked[] = [];
  let prev = head;
  for (const draft of drafts) {
    const linked = { ...draft, prev_hash: prev, key_id: key.id };
    prev = keyedHash(key, linked);
    rows.push({ ...linked, hash: prev });
  }
  const last = rows.at(-1)!;
  const result = await sql`
    with h as (
      update audit_chain_head set prev_hash = ${last.prev_hash}, last_hash = ${last.hash} where last_hash = ${head}
      returning 1
    )
    insert into audit_log (at, actor_user_id, actor_role, on_behalf_of, action, subject_type, subject_id, patient_ref, patient_refs,
                           ip, request_id, outcome, details, key_id, prev_hash, hash)
    select e.at, e.actor_user_id, e.actor_role, e.on_behalf_of, e.action, e.subject_type, e.subject_id, e.patient_ref, e.patient_refs,
           e.ip, e.request_id, e.outcome, e.details, e.key_id, e.prev_hash, e.hash
    from h, jsonb_to_recordset(${JSON.stringify(rows.map((row, n) => ({ n, ...row })))}::jsonb) as e(
      n int, at timestamptz, actor_user_id uuid, actor_role text, on_behalf_of text, action text, subject_type text, subject_id text,
      patient_ref text, patient_refs text[], ip text, request_id text, outcome text, details jsonb, key_id text, prev_hash text, hash text)
    order by e.n`.execute(executor);
  const written = result.numAffectedRows === BigInt(rows.length);
  knownHead = written ? last.hash : undefined;
  return written;
}

function onBehalfOf(actor: NonNullable<RequestContext['actor']>): string | null {
  if (actor.practiceId) return `practice:${actor.practiceId}`;
  if (actor.teamId) return `team:${actor.teamId}`;
  if (actor.regionId) return `region:${actor.regionId}`;
  return null;
}

type HashedFields = Omit<AuditEntry, 'id' | 'hash' | 'key_id' | 'patient_refs'> & { key_id?: string | null; patient_refs?: readonly string[] };

/**
 * The hash an entry must carry: an HMAC-SHA256 under `key` for a keyed entry, the plain SHA-256 of
 * before keying for an entry without key_id. Both cover the previous entry's hash.
 */
export function entryHash(entry: HashedFields, key: AuditKey = currentAuditKey()): string {
  return entry.key_id ? keyedHash(key, entry) : linkHash(entry.prev_hash, canonicalTail(entry));
}

/** Format of the keyed text; a later change of what is hashed gets a new one. */
const KEYED_FORMAT = 'korte-lijn-audit/2';

function keyedHash(key: AuditKey, entry: HashedFields): string {
  const text = JSON.stringify([KEYED_FORMAT, entry.key_id, entry.prev_hash, ...canonicalFields(entry), entry.patient_refs ?? []]);
  return createHmac('sha256', key.secret).update(text).digest('hex');
}

function canonicalFields(entry: Omit<HashedFields, 'prev_hash'>): unknown[] {
  return [
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
  ];
}

/**
 * Before keying, the canonical form of an entry was the JSON array [prev_hash, at, actor, …,
 * details]; its tail is that text after '["<prev_hash>",'. Kept to verify those entries.
 */
function canonicalTail(entry: Omit<HashedFields, 'prev_hash'>): string {
  return JSON.stringify(canonicalFields(entry)).slice(1);
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

export type ChainProblem = 'removed' | 'changed' | 'cut_off' | 'wrong_key' | 'unkeyed_after_keyed' | 'head_unkeyed';

export type ChainVerdict =
  { ok: true; checked: number; keyed: number } | { ok: false; checked: number; brokenId: string; problem: ChainProblem; reason: string };

/**
 * Walks the whole log in id order, in bounded batches, and names the first entry that does not fit.
 * The chain head read first must turn up on the way: if not, entries were cut off the end.
 *
 * Entries from before keying (key_id null) verify with their plain SHA-256, but only as the start of
 * the log: once keyed, every later entry is keyed, and the newest must be. Otherwise whoever holds
 * the database could rewrite the log as "old" entries, whose hash needs no key.
 */
export async function verifyAuditChain(db: Database, batchSize = 1000, key: AuditKey = currentAuditKey()): Promise<ChainVerdict> {
  const head = await db.selectFrom('audit_chain_head').select('last_hash').executeTakeFirst();
  let headSeen = head?.last_hash === GENESIS_HASH;
  let prevHash = GENESIS_HASH;
  let afterId = '0';
  let checked = 0;
  let keyed = 0;
  let newestKeyed = true;
  const broken = (id: string, problem: ChainProblem, reason: string): ChainVerdict => ({ ok: false, checked, brokenId: id, problem, reason });
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(batchSize).execute();
    for (const row of rows) {
      if (row.prev_hash !== prevHash) return broken(row.id, 'removed', 'prev_hash does not match the previous entry (entry removed or reordered)');
      if (row.key_id === null && keyed > 0) {
        return broken(row.id, 'unkeyed_after_keyed', 'an entry without the key after keyed entries (the log was rewritten without the key)');
      }
      if (row.key_id !== null && row.key_id !== key.id) {
        return broken(
          row.id,
          'wrong_key',
          `the entry was written with audit key ${row.key_id}, but the key given has id ${key.id}: AUDIT_KEY is missing or not the key the app writes with (or the entry was forged)`,
        );
      }
      if (entryHash(row, key) !== row.hash || (row.key_id === null && !sameRefs(row.patient_refs, legacyPatientRefs(row.details)))) {
        return broken(row.id, 'changed', 'content does not match its hash (entry changed)');
      }
      prevHash = row.hash;
      headSeen ||= row.hash === head?.last_hash;
      newestKeyed = row.key_id !== null;
      if (newestKeyed) keyed++;
      checked++;
    }
    if (rows.length === batchSize) {
      afterId = rows[rows.length - 1]!.id;
      continue;
    }
    const lastId = rows.at(-1)?.id ?? afterId;
    if (!headSeen) return broken(lastId, 'cut_off', 'the newest entries are missing (log cut off after this entry)');
    if (!newestKeyed) {
      return broken(
        lastId,
        'head_unkeyed',
        'the newest entry is not keyed: right after the upgrade to a keyed log this lasts until the app writes its next entry; otherwise the log was rewritten without the key',
      );
    }
    return { ok: true, checked, keyed };
  }
}

/** Before patient_refs existed, a list read kept the referrals it showed in details.referralIds (migration 2026_11_30_0002). */
function legacyPatientRefs(details: Record<string, unknown>): string[] {
  const ids = details['referralIds'];
  return Array.isArray(ids) ? ids.map(String) : [];
}

function sameRefs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((ref, i) => ref === b[i]);
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

export type PatientAccessEntry = AuditEntry & {
  actor_name: string | null;
  /** The practice, team (with its organisation) or region the actor acted for, by name. */
  on_behalf_of_name: string | null;
};

/**
 * Every entry about the given patients (referral ids), newest first, at most `limit`: those with
 * one of them as patient_ref (reads, changes) and those listing one in patient_refs (list reads).
 * With who acted and on whose behalf by name, for the NEN 7513 client view ("who saw my data").
 */
export async function patientAccessEntries(db: Database, refs: readonly string[], limit: number): Promise<{ entries: PatientAccessEntry[]; more: boolean }> {
  if (refs.length === 0) return { entries: [], more: false };
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('organisations as po', (join) => join.on(sql<boolean>`a.on_behalf_of = 'practice:' || po.id::text`))
    .leftJoin('teams as t', (join) => join.on(sql<boolean>`a.on_behalf_of = 'team:' || t.id::text`))
    .leftJoin('organisations as tor', 'tor.id', 't.organisation_id')
    .leftJoin('regions as rg', (join) => join.on(sql<boolean>`a.on_behalf_of = 'region:' || rg.id::text`))
    .selectAll('a')
    .select(['u.name as actor_name', sql<string | null>`coalesce(po.name, t.name || ', ' || tor.name, rg.name)`.as('on_behalf_of_name')])
    // `patient_refs <> '{}'` lets the partial index on patient_refs serve the overlap test.
    .where((eb) => eb.or([eb('a.patient_ref', 'in', refs), sql<boolean>`a.patient_refs <> '{}' and a.patient_refs && ${[...refs]}::text[]`]))
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
  return { entries: rows.slice(0, limit), more: rows.length > limit };
}

export async function distinctAuditActions(db: Database): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
