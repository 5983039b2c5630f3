import type { Transaction } from 'kysely';
import type { DB, ScheduleKind } from '../platform/db/schema.ts';
import type { TimeSlot } from './opening-hours.ts';

export type ScheduleOwner = { service_id: string } | { location_id: string } | { contact_id: string };

/** Replaces one kind of weekly hours of one owner (service, location or contact) inside the caller's transaction. */
export async function replaceSchedules(trx: Transaction<DB>, owner: ScheduleOwner, kind: ScheduleKind, slots: readonly TimeSlot[]): Promise<void> {
  let del = trx.deleteFrom('schedules').where('kind', '=', kind);
  if ('service_id' in owner) del = del.where('service_id', '=', owner.service_id);
  else if ('location_id' in owner) del = del.where('location_id', '=', owner.location_id);
  else del = del.where('contact_id', '=', owner.contact_id);
  await del.execute();
  if (slots.length === 0) return;
  await trx
    .insertInto('schedules')
    .values(
      slots.map((s) => ({
        service_id: 'service_id' in owner ? owner.service_id : null,
        location_id: 'location_id' in owner ? owner.location_id : null,
        contact_id: 'contact_id' in owner ? owner.contact_id : null,
        kind,
        weekday: s.weekday,
        opens_at: s.opens_at,
        closes_at: s.closes_at,
        note: null,
      })),
    )
    .execute();
}

/** Did the hours change? Compared as sets, so the order of typing does not count as a change. */
export function sameSlots(a: readonly TimeSlot[], b: readonly TimeSlot[]): boolean {
  const key = (s: TimeSlot) => `${s.weekday} ${s.opens_at} ${s.closes_at}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
