import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { Text } from '../platform/i18n.ts';
import { routeAddress } from '../routing/route-referral.ts';
import type { RouteReason } from '../routing/decide-route.ts';
import { getTeamContact, type TeamContact } from './get-team-contact.ts';
import { getAgreementSummary, type AgreementSummary } from './agreement-summary.ts';
import { requirePracticeActor } from './referral-actor.ts';

/**
 * Which team will receive this referral, decided by the patient's address and first need — never
 * by the practice's location (docs/product.md loop step 4) — with the team's fixed contact and the
 * explanation shown before sending. The fallback desk is the one of the patient's own region; only
 * for a patient who lives outside every region does the practice's own regional desk take it.
 */
export interface CheckedRoute {
  teamId: string;
  explanation: Text;
  /** Why this team: 'outside_region' means the practice's own regional desk, for a patient outside every region. */
  reason: RouteReason;
  municipalityCode: string | null;
  districtCode: string | null;
  contact: TeamContact;
  /** The collaboration agreement in force between the practice and that team, if any: its terms and contacts. */
  agreement: AgreementSummary | null;
}

export const noTeamForAddress = () =>
  new AppError('no_team_for_address', 422, {
    nl: 'Voor dit adres is nog geen team ingesteld, ook geen regionaal loket. Geef de patiënt het telefoonnummer van de gemeente. Meld het probleem bij de functioneel beheerder.',
    en: 'No team has been set up for this address, not even a regional desk. Give the patient the phone number of the municipality. Report the problem to the functional administrator.',
  });

export async function checkReferralRoute(
  db: Database,
  ctx: RequestContext,
  input: { postcode: string; houseNumber: string | null; need: string | null },
): Promise<CheckedRoute> {
  const actor = requirePracticeActor(ctx);
  const practice = await db.selectFrom('organisations').select('region_id').where('id', '=', actor.practiceId).executeTakeFirst();
  const route = await routeAddress(db, { postcode: input.postcode, houseNumber: input.houseNumber, need: input.need, regionId: practice?.region_id ?? null });
  if (!route.decision.teamId) throw noTeamForAddress();
  return {
    teamId: route.decision.teamId,
    explanation: route.explanation,
    reason: route.decision.reason,
    municipalityCode: route.decision.address.municipalityCode,
    districtCode: route.decision.address.districtCode,
    contact: await getTeamContact(db, route.decision.teamId),
    agreement: await getAgreementSummary(db, actor.practiceId, route.decision.teamId),
  };
}
