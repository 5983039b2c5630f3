import type { ReferralReasonCode } from '../platform/db/schema.ts';
import type { Text } from '../platform/i18n.ts';
import { strainScale } from '../signals/checklist.ts';
import type { Outcome } from './state-machine.ts';

/**
 * Why a team rejects a referral, or closes it without help (issue 12, "flow": the figures count
 * rejections and closures by reason). A fixed list, so the figures never need free text; the same
 * codes as the database check (migration 2026_11_30_0050). The practice always sees the reason: it
 * is the team's decision, not data about the patient, so it needs no feedback consent. Pure.
 */
export const reasonCodes = [
  'outside_area',
  'no_capacity',
  'not_eligible',
  'in_trajectory_elsewhere',
  'not_reached',
  'declined',
] as const satisfies readonly ReferralReasonCode[];
export type ReasonCode = (typeof reasonCodes)[number];

export const reasonLabels: Record<ReasonCode, Text> = {
  outside_area: { nl: 'Woont buiten ons werkgebied', en: 'Lives outside our area' },
  no_capacity: { nl: 'Geen plek: wachtlijst of vol', en: 'No capacity: waiting list or full' },
  not_eligible: { nl: 'Past niet bij onze hulp', en: 'Not eligible for our help' },
  in_trajectory_elsewhere: { nl: 'Krijgt al hulp bij een andere organisatie', en: 'Already in a trajectory elsewhere' },
  not_reached: { nl: 'Niet bereikt, ook niet na meerdere pogingen', en: 'Not reached after several attempts' },
  declined: { nl: 'Wil (nu) geen hulp', en: 'Declined help (for now)' },
};

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && (reasonCodes as readonly string[]).includes(value);
}

/** The label of a stored code; an unknown code (never, the database checks it) shows as itself. */
export function reasonLabel(code: string): Text {
  return isReasonCode(code) ? reasonLabels[code] : { nl: code, en: code };
}

/**
 * Closing "without help": the team did not start help of its own although help may be needed —
 * sent elsewhere, declined, or not reached. Then a reason is always stored. A trajectory started or
 * "no help needed" is itself the answer, and carries no reason.
 */
export const outcomesWithoutHelp = ['referred_elsewhere', 'declined', 'not_reachable'] as const satisfies readonly Outcome[];

export function closesWithoutHelp(outcome: Outcome): boolean {
  return (outcomesWithoutHelp as readonly Outcome[]).includes(outcome);
}

export type CloseReasonCheck = { ok: true; reason: ReasonCode | null } | { ok: false };

/** Outcomes that name their own reason: "not reached" is not reached, "declined" is declined. */
const impliedReasons: Partial<Record<Outcome, ReasonCode>> = { not_reachable: 'not_reached', declined: 'declined' };

/** The reason the close form offers first for an outcome, if the outcome implies one. */
export function impliedCloseReason(outcome: Outcome): ReasonCode | null {
  return impliedReasons[outcome] ?? null;
}

/**
 * The reason stored with a closure: without help there always is one — the one chosen, else the one
 * the outcome implies; "referred elsewhere" implies none, so the team must choose (outside the area,
 * no capacity, …). With help ("trajectory started", "no help needed") a chosen reason is dropped.
 */
export function closeReason(outcome: Outcome, reason: ReasonCode | null): CloseReasonCheck {
  if (!closesWithoutHelp(outcome)) return { ok: true, reason: null };
  const stored = reason ?? impliedCloseReason(outcome);
  return stored ? { ok: true, reason: stored } : { ok: false };
}

/**
 * The single financial-strain question, in the validated wording ("… at the end of the month",
 * Brcic et al. 2011: sensitivity 98%, specificity 60% for poverty in primary care), with the signals
 * aid's answer scale (src/signals/checklist.ts), so both measure the same thing. The practice may
 * ask it with the referral and the team asks it again when closing: the figures show the change.
 */
export const strainQuestion: Text = {
  nl: 'Hoe moeilijk is het om rond te komen aan het eind van de maand?',
  en: 'How hard is it to make ends meet at the end of the month?',
};

/** The answers, 0 (not hard at all) … 4 (cannot manage): the values the database accepts. */
export const strainAnswers: readonly { value: number; label: Text }[] = strainScale.map((label, value) => ({ value, label }));

export const STRAIN_MAX = strainAnswers.length - 1;

/** A posted answer: '' or absent is "not asked" (null); anything else must be one of the scale's values. */
export function parseStrain(raw: unknown): { ok: true; value: number | null } | { ok: false } {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: null };
  if (typeof raw !== 'string' || !/^[0-9]$/.test(raw)) return { ok: false };
  const value = Number(raw);
  return value <= STRAIN_MAX ? { ok: true, value } : { ok: false };
}

/** How a stored answer reads, e.g. "Erg moeilijk"; null when it was not asked. */
export function strainLabel(value: number | null): Text | null {
  const answer = value === null ? undefined : strainAnswers[value];
  return answer ? answer.label : null;
}
