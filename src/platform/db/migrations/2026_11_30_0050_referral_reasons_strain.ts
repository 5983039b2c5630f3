import { sql, type Kysely } from 'kysely';

/**
 * What the figures need from a referral (issue 12, "flow" and "financial strain before and after"):
 * - why a team rejected it, or closed it without help: a fixed reason code, so the figures can count
 *   reasons without free text (src/referrals/reasons.ts lists the codes and their Dutch/English labels);
 * - the single strain question ("Hoe moeilijk is het om rond te komen aan het eind van de maand?"),
 *   optionally recorded by the practice with the referral and asked again by the team when closing.
 *   The answer scale is the signals aid's (0 = not hard at all … 4 = cannot manage), as in
 *   `signal_records.strain`.
 * All four are nullable: older referrals have none, and the strain question is never required.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const reasons = `('outside_area', 'no_capacity', 'not_eligible', 'in_trajectory_elsewhere', 'not_reached', 'declined')`;
  await sql
    .raw(
      `alter table referrals
         add column reject_reason text constraint referrals_reject_reason_code check (reject_reason in ${reasons}),
         add column close_reason text constraint referrals_close_reason_code check (close_reason in ${reasons}),
         add column strain_at_referral smallint constraint referrals_strain_at_referral_range check (strain_at_referral between 0 and 4),
         add column strain_at_close smallint constraint referrals_strain_at_close_range check (strain_at_close between 0 and 4)`,
    )
    .execute(db);
}
