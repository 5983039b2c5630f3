import { z } from 'zod';
import type { Text, Translate } from '../platform/i18n.ts';

/**
 * Capacity per service (issue 12, "figures flow back into the work"): the team or organisation that
 * keeps the entry says whether it takes new people now — open, a waiting list with the expected
 * weeks, or temporarily closed — so a practice does not refer into a full team without knowing it.
 * A status is only as good as its last confirmation: after 30 days without one it counts as
 * "unknown" again, whatever was stored. Pure.
 */
export const capacityStatuses = ['open', 'waiting_list', 'closed'] as const;
export type CapacityStatus = (typeof capacityStatuses)[number];
export type ShownCapacity = CapacityStatus | 'unknown';

/** How long a confirmed status counts. */
export const CAPACITY_VALID_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StoredCapacity {
  status: CapacityStatus | null;
  waitingWeeks: number | null;
  confirmedAt: Date | null;
}

export type CurrentCapacity =
  { status: 'unknown'; lapsedAt: Date | null } | { status: CapacityStatus; waitingWeeks: number | null; confirmedAt: Date; validUntil: Date };

/**
 * The status to show at `now`: the stored one while it is younger than 30 days (counted in exact
 * time from the confirmation), else "unknown" — with the moment it lapsed, so an editor sees why.
 */
export function currentCapacity(stored: StoredCapacity, now: Date): CurrentCapacity {
  if (!stored.status || !stored.confirmedAt) return { status: 'unknown', lapsedAt: null };
  const validUntil = new Date(stored.confirmedAt.getTime() + CAPACITY_VALID_DAYS * DAY_MS);
  if (now.getTime() >= validUntil.getTime()) return { status: 'unknown', lapsedAt: validUntil };
  return {
    status: stored.status,
    waitingWeeks: stored.status === 'waiting_list' ? stored.waitingWeeks : null,
    confirmedAt: stored.confirmedAt,
    validUntil,
  };
}

export const capacityLabels: Record<ShownCapacity, Text> = {
  open: { nl: 'Open: neemt nieuwe mensen aan', en: 'Open: taking new people' },
  waiting_list: { nl: 'Wachtlijst', en: 'Waiting list' },
  closed: { nl: 'Tijdelijk gesloten voor nieuwe mensen', en: 'Temporarily closed to new people' },
  unknown: { nl: 'Onbekend', en: 'Unknown' },
};

/** "Wachtlijst: ongeveer 6 weken", or the plain label. */
export function capacityText(capacity: CurrentCapacity): Text {
  if (capacity.status === 'waiting_list' && capacity.waitingWeeks) {
    const weeks = capacity.waitingWeeks;
    return {
      nl: `Wachtlijst: ongeveer ${weeks} ${weeks === 1 ? 'week' : 'weken'}`,
      en: `Waiting list: about ${weeks} ${weeks === 1 ? 'week' : 'weeks'}`,
    };
  }
  return capacityLabels[capacity.status];
}

/** The capacity form: a status, and the expected weeks when it is a waiting list (1–52). */
export const capacityFormSchema = (t: Translate) =>
  z
    .object({
      capacity_status: z.enum(capacityStatuses, {
        error: t({ nl: 'Kies of de dienst nieuwe mensen aanneemt.', en: 'Choose whether the service takes new people.' }),
      }),
      capacity_waiting_weeks: z.string().optional(),
    })
    .transform((v, ctx) => {
      if (v.capacity_status !== 'waiting_list') return { status: v.capacity_status, waitingWeeks: null };
      const raw = (v.capacity_waiting_weeks ?? '').trim();
      const weeks = /^[0-9]{1,2}$/.test(raw) ? Number(raw) : NaN;
      if (!(weeks >= 1 && weeks <= 52)) {
        ctx.addIssue({
          code: 'custom',
          path: ['capacity_waiting_weeks'],
          message: t({
            nl: 'Vul in hoeveel weken het wachten ongeveer duurt: een getal van 1 tot en met 52.',
            en: 'Enter about how many weeks the wait is: a number from 1 to 52.',
          }),
        });
        return z.NEVER;
      }
      return { status: v.capacity_status, waitingWeeks: weeks };
    });

export type CapacityInput = z.infer<ReturnType<typeof capacityFormSchema>>;
