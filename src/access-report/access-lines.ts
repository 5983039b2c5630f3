import { amsterdamDate } from '../platform/dates.ts';

/** What the report needs of an audit entry (platform/audit: patientAccessEntries). */
export interface AccessEntry {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  on_behalf_of: string | null;
  on_behalf_of_name: string | null;
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  ip: string | null;
  patient_ref: string | null;
  patient_refs: readonly string[];
}

/** One line of the access report: one or more of the same accesses by one person on one day. */
export interface AccessLine {
  /** Amsterdam calendar day, YYYY-MM-DD. */
  day: string;
  firstAt: Date;
  lastAt: Date;
  count: number;
  actorName: string | null;
  actorRole: string | null;
  onBehalfOf: string | null;
  action: string;
  outcome: AccessEntry['outcome'];
  /** As recorded: an IP address, or 'job' / 'cli' for Korte Lijn's own background work. */
  ip: string | null;
  /** References of the covered referrals the access concerned. */
  references: string[];
}

/**
 * The entries as lines, oldest first. The same access by the same person, for the same
 * organisation, from the same address, on the same day, is one line with its count and first and
 * last time: a team member who opens the inbox twenty times a day is one line, not twenty. Lines
 * are in the order of their first access.
 */
export function accessLines(entries: readonly AccessEntry[], referenceOf: ReadonlyMap<string, string>): AccessLine[] {
  const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.id) - Number(b.id));
  const lines = new Map<string, AccessLine>();
  for (const entry of sorted) {
    const refs = [...new Set([entry.patient_ref, ...entry.patient_refs])].flatMap((id) => (id && referenceOf.has(id) ? [referenceOf.get(id)!] : []));
    const line: AccessLine = {
      day: amsterdamDate(entry.at),
      firstAt: entry.at,
      lastAt: entry.at,
      count: 1,
      actorName: entry.actor_name,
      actorRole: entry.actor_role,
      onBehalfOf: entry.on_behalf_of_name,
      action: entry.action,
      outcome: entry.outcome,
      ip: entry.ip,
      references: refs.sort(),
    };
    const key = JSON.stringify([line.day, entry.actor_user_id, line.actorRole, entry.on_behalf_of, line.action, line.outcome, line.ip, line.references]);
    const same = lines.get(key);
    if (same) {
      same.lastAt = entry.at;
      same.count++;
    } else {
      lines.set(key, line);
    }
  }
  return [...lines.values()];
}
