import { z } from 'zod';
import type { Text } from '../platform/i18n.ts';
import { agreementLimits, defaultTerms } from '../referrals/due-dates.ts';
import { handovers, type Handover } from '../referrals/labels.ts';
import { monthsBefore } from '../socialmap/freshness.ts';

/**
 * A collaboration agreement (samenwerkingsafspraak) between a GP practice and a team that serves
 * its patients. Pure: no I/O; the caller passes today and now.
 *
 * States (docs/product.md loop step 8; the action study behind it recommends concrete agreements on
 * routes and terms, and contact every year):
 *   concept     — drafted by the team coordinator or the regional coordinator, never confirmed yet:
 *                 nothing of it applies to referrals.
 *   agreed      — confirmed by the practice manager; its terms shorten the referrals' due dates.
 *   review_due  — agreed more than a year ago: time to look at it together again. It stays in force.
 * A change to an agreed agreement is a proposal that waits for the practice; until then the old
 * content stays in force (`pendingChange`).
 */
export type AgreementState = 'concept' | 'agreed' | 'review_due';

export const agreementStateLabels: Record<AgreementState, Text> = {
  concept: { nl: 'Concept: wacht op bevestiging van de praktijk', en: 'Draft: waiting for the practice to confirm' },
  agreed: { nl: 'Afgesproken', en: 'Agreed' },
  review_due: { nl: 'Afgesproken, jaarlijkse bespreking nodig', en: 'Agreed, yearly review due' },
};

export function agreementState(agreement: { agreedAt: Date | null; reviewDueOn: string | null }, today: string): AgreementState {
  if (!agreement.agreedAt) return 'concept';
  if (agreement.reviewDueOn !== null && agreement.reviewDueOn <= today) return 'review_due';
  return 'agreed';
}

/** One year after the day it was agreed; an agreement made on 29 February is due on 28 February. */
export function reviewDueOn(agreedOn: string): string {
  const [y, m, d] = agreedOn.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** A fixed contact is due for confirmation six months after it was last confirmed (as on the social map). */
export const CONTACT_CONFIRM_MONTHS = 6;

export function contactUnconfirmed(lastConfirmedAt: Date | null, now: Date): boolean {
  return lastConfirmedAt === null || lastConfirmedAt.getTime() <= monthsBefore(now, CONTACT_CONFIRM_MONTHS).getTime();
}

/** What the two sides agree on. Stored as the in-force columns of `agreements` and as a proposal (jsonb). */
export interface AgreementContent {
  firstContactWorkingDays: number;
  /** The legal terms (Wgs art. 4) may only be shortened; null: the law applies. */
  firstConversationDays: number | null;
  urgentFirstConversationWorkingDays: number | null;
  teamContactId: string | null;
  /** When to call the team's fixed contact, e.g. "di en do 8.30–9.30 uur". */
  teamContactHours: string | null;
  practiceContactName: string | null;
  practiceContactRole: string | null;
  practiceContactPhone: string | null;
  practiceContactHours: string | null;
  handoverForms: Handover[];
  consentRecording: string | null;
  feedbackArrangement: string | null;
}

const text = z.string().nullable();
const term = (key: keyof typeof agreementLimits) => z.number().int().min(agreementLimits[key].min).max(agreementLimits[key].max);

/** A stored proposal read back: checked, so a damaged row cannot reach a page or the terms. */
export const agreementContentSchema = z.object({
  firstContactWorkingDays: term('firstContactWorkingDays'),
  firstConversationDays: term('firstConversationDays').nullable(),
  urgentFirstConversationWorkingDays: term('urgentFirstConversationWorkingDays').nullable(),
  teamContactId: z.uuid().nullable(),
  teamContactHours: text,
  practiceContactName: text,
  practiceContactRole: text,
  practiceContactPhone: text,
  practiceContactHours: text,
  handoverForms: z.array(z.enum(handovers)),
  consentRecording: text,
  feedbackArrangement: text,
}) satisfies z.ZodType<AgreementContent>;

/** The in-force columns of an `agreements` row, as content. */
export interface AgreementColumns {
  first_contact_working_days: number | null;
  first_conversation_days: number | null;
  urgent_first_conversation_working_days: number | null;
  team_contact_id: string | null;
  team_contact_hours: string | null;
  practice_contact_name: string | null;
  practice_contact_role: string | null;
  practice_contact_phone: string | null;
  practice_contact_hours: string | null;
  handover_forms: string[];
  consent_recording: string | null;
  feedback_arrangement: string | null;
}

export function contentOfColumns(row: AgreementColumns): AgreementContent {
  return {
    firstContactWorkingDays: row.first_contact_working_days ?? defaultTerms.firstContactWorkingDays,
    firstConversationDays: row.first_conversation_days,
    urgentFirstConversationWorkingDays: row.urgent_first_conversation_working_days,
    teamContactId: row.team_contact_id,
    teamContactHours: row.team_contact_hours,
    practiceContactName: row.practice_contact_name,
    practiceContactRole: row.practice_contact_role,
    practiceContactPhone: row.practice_contact_phone,
    practiceContactHours: row.practice_contact_hours,
    handoverForms: row.handover_forms.filter((h): h is Handover => (handovers as readonly string[]).includes(h)),
    consentRecording: row.consent_recording,
    feedbackArrangement: row.feedback_arrangement,
  };
}

export function columnsOfContent(content: AgreementContent): AgreementColumns {
  return {
    first_contact_working_days: content.firstContactWorkingDays,
    first_conversation_days: content.firstConversationDays,
    urgent_first_conversation_working_days: content.urgentFirstConversationWorkingDays,
    team_contact_id: content.teamContactId,
    team_contact_hours: content.teamContactHours,
    practice_contact_name: content.practiceContactName,
    practice_contact_role: content.practiceContactRole,
    practice_contact_phone: content.practiceContactPhone,
    practice_contact_hours: content.practiceContactHours,
    handover_forms: [...content.handoverForms],
    consent_recording: content.consentRecording,
    feedback_arrangement: content.feedbackArrangement,
  };
}

/** Which parts differ between what is in force and what is proposed (for "what changes" on the confirmation page). */
export function changedParts(before: AgreementContent | null, after: AgreementContent): Array<keyof AgreementContent> {
  const keys = Object.keys(after) as Array<keyof AgreementContent>;
  if (!before) return keys;
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
