import type { Referral } from '../../platform/db/schema.ts';
import { fhirError } from './operation-outcome.ts';

/**
 * The search parameters the closed-loop pattern needs (FHIR R4 search.html): _id, status, owner,
 * requester, identifier, _lastUpdated with a prefix, _include of focus and patient, and paging by
 * _count and _offset; postcode and service-category for the social map. Unknown parameters are
 * ignored, as FHIR's lenient handling allows. Pure.
 */
export interface SearchRequest {
  ids?: string[];
  statuses?: Referral['status'][];
  owner?: string;
  requester?: string;
  identifier?: string;
  lastUpdated?: { op: '>' | '>=' | '<' | '<='; at: Date };
  include: Set<'focus' | 'patient'>;
  postcode?: string;
  category?: string;
  count: number;
  offset: number;
}

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 200;

const badSearch = (nl: string, en: string) => fhirError('bad_search', 400, { nl, en });

/** Task.status of the SDOH set → the referral statuses it stands for (a referral the team opened is still `requested`). */
const statusMap: Record<string, Referral['status'][]> = {
  requested: ['requested', 'received'],
  accepted: ['accepted'],
  'in-progress': ['in-progress'],
  completed: ['completed'],
  rejected: ['rejected'],
  cancelled: ['cancelled'],
  failed: ['failed'],
  draft: [],
  'on-hold': [],
  'entered-in-error': [],
};

const prefixes = { gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function lastUpdated(value: string): SearchRequest['lastUpdated'] {
  const match = /^(gt|ge|lt|le)?(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)$/.exec(value);
  const at = match ? new Date(match[2]!) : null;
  if (!match || !at || Number.isNaN(at.getTime()))
    throw badSearch(
      '_lastUpdated moet een datum of tijdstip zijn, zoals gt2026-11-30T08:00:00Z.',
      '_lastUpdated must be a date or instant, such as gt2026-11-30T08:00:00Z.',
    );
  return { op: prefixes[(match[1] ?? 'ge') as keyof typeof prefixes], at };
}

function integer(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw badSearch(`${name} moet een heel getal zijn van ${min} tot en met ${max}.`, `${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

export function parseSearch(query: Record<string, string[]>, resource: string): SearchRequest {
  const one = (name: string) => query[name]?.at(-1);
  const list = (name: string) =>
    query[name]
      ?.flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  const request: SearchRequest = {
    include: new Set(),
    count: integer(one('_count'), '_count', 1, MAX_COUNT, DEFAULT_COUNT),
    offset: integer(one('_offset'), '_offset', 0, 1_000_000, 0),
  };
  const ids = list('_id');
  if (ids) request.ids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).map((id) => id.toLowerCase());
  const statuses = list('status');
  if (statuses) {
    const unknown = statuses.find((s) => !(s in statusMap));
    if (unknown) throw badSearch(`status ${unknown} is geen status van een Task.`, `status ${unknown} is not a Task status.`);
    request.statuses = statuses.flatMap((s) => statusMap[s]!);
  }
  for (const name of ['owner', 'requester', 'identifier', 'postcode'] as const) {
    const value = one(name);
    if (value !== undefined) request[name] = value;
  }
  const category = one('service-category') ?? one('type');
  if (category !== undefined) request.category = category.includes('|') ? category.slice(category.indexOf('|') + 1) : category;
  const updated = one('_lastUpdated');
  if (updated !== undefined) request.lastUpdated = lastUpdated(updated);
  for (const include of list('_include') ?? []) {
    if (include === `${resource}:focus` && resource === 'Task') request.include.add('focus');
    else if (include === `${resource}:patient` || include === `${resource}:for` || include === `${resource}:subject`) request.include.add('patient');
    else throw badSearch(`_include=${include} wordt niet ondersteund.`, `_include=${include} is not supported.`);
  }
  return request;
}

/** "Organization/<id>" or "<id>" → the id; anything else matches nothing. */
export function referenceId(reference: string): string {
  const id = reference.startsWith('Organization/') ? reference.slice('Organization/'.length) : reference;
  return /^[0-9a-f-]{36}$/i.test(id) ? id.toLowerCase() : '00000000-0000-0000-0000-000000000000';
}
