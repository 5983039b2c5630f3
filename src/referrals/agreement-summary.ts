import { jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database, Executor } from '../platform/db/database.ts';

/**
 * The agreement in force between a practice and a team, as the referral side shows it: on the
 * new-referral preview and on the referral page (docs/product.md loop step 8). Only a confirmed
 * agreement counts (agreed_at set), the same rule send-referral.ts applies to the terms: a concept
 * shows and changes nothing. The team's fixed contact is the person the agreement names, or the one
 * who replaced them on the social map (the agreements job moves the agreement on a little later).
 * The agreements capability writes these rows; this is the referral side's read of them.
 */
export interface AgreementSummary {
  firstContactWorkingDays: number | null;
  firstConversationDays: number | null;
  urgentFirstConversationWorkingDays: number | null;
  teamContact: { name: string; jobTitle: string | null; phone: string | null; email: string | null } | null;
  teamContactHours: string | null;
  practiceContact: { name: string; role: string | null; phone: string | null; hours: string | null } | null;
  handoverForms: string[];
  consentRecording: string | null;
  feedbackArrangement: string | null;
}

/** The query, to embed in a larger statement (open-referral.ts reads a referral page in one). */
export function agreementSummaryQuery(db: Executor, practiceId: string, teamId: string) {
  return db
    .selectFrom('agreements')
    .leftJoin('contacts as named', 'named.id', 'agreements.team_contact_id')
    .leftJoin('contacts as successor', 'successor.id', 'named.replaced_by_id')
    .select([
      'agreements.first_contact_working_days',
      'agreements.first_conversation_days',
      'agreements.urgent_first_conversation_working_days',
      'agreements.team_contact_hours',
      'agreements.practice_contact_name',
      'agreements.practice_contact_role',
      'agreements.practice_contact_phone',
      'agreements.practice_contact_hours',
      'agreements.handover_forms',
      'agreements.consent_recording',
      'agreements.feedback_arrangement',
      'named.name as named_name',
      'named.job_title as named_job_title',
      'named.phone as named_phone',
      'named.email as named_email',
      'named.ended_at as named_ended_at',
      'successor.name as successor_name',
      'successor.job_title as successor_job_title',
      'successor.phone as successor_phone',
      'successor.email as successor_email',
      'successor.ended_at as successor_ended_at',
    ])
    .where('agreements.practice_id', '=', practiceId)
    .where('agreements.team_id', '=', teamId)
    .where('agreements.agreed_at', 'is not', null);
}

/** A row as read directly, or from inside JSON (where timestamps arrive as text). */
type Row = Omit<Awaited<ReturnType<ReturnType<typeof agreementSummaryQuery>['executeTakeFirstOrThrow']>>, 'named_ended_at' | 'successor_ended_at'> & {
  named_ended_at: Date | string | null;
  successor_ended_at: Date | string | null;
};

export function agreementSummaryOf(row: Row | null | undefined): AgreementSummary | null {
  if (!row) return null;
  const person = (prefix: 'named' | 'successor') =>
    row[`${prefix}_name`] && !row[`${prefix}_ended_at`]
      ? { name: row[`${prefix}_name`]!, jobTitle: row[`${prefix}_job_title`], phone: row[`${prefix}_phone`], email: row[`${prefix}_email`] }
      : null;
  return {
    firstContactWorkingDays: row.first_contact_working_days,
    firstConversationDays: row.first_conversation_days,
    urgentFirstConversationWorkingDays: row.urgent_first_conversation_working_days,
    teamContact: person('named') ?? person('successor'),
    teamContactHours: row.team_contact_hours,
    practiceContact: row.practice_contact_name
      ? { name: row.practice_contact_name, role: row.practice_contact_role, phone: row.practice_contact_phone, hours: row.practice_contact_hours }
      : null,
    handoverForms: row.handover_forms,
    consentRecording: row.consent_recording,
    feedbackArrangement: row.feedback_arrangement,
  };
}

/** The agreement in force for (practice, team), or null: for the new-referral preview. */
export async function getAgreementSummary(db: Database, practiceId: string, teamId: string): Promise<AgreementSummary | null> {
  return agreementSummaryOf(await agreementSummaryQuery(db, practiceId, teamId).executeTakeFirst());
}

/** The same, as a JSON sub-select of a larger statement. */
export function agreementSummaryJson(db: Executor, practiceId: string, teamId: string) {
  return jsonObjectFrom(agreementSummaryQuery(db, practiceId, teamId));
}
