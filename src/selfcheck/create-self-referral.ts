import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { fill } from '../platform/i18n.ts';
import { routeAddress } from '../routing/route-referral.ts';
import { consentPurpose } from '../referrals/consent.ts';
import { teamQuery } from '../referrals/get-team-contact.ts';
import { SELFCHECK_CONSENT_TEXT_VERSION, selfcheckDataScope } from './consent-text.ts';
import { dueDates } from '../referrals/due-dates.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { storeNewReferral } from '../referrals/store-referral.ts';
import type { UrgencyTrigger } from '../referrals/urgency.ts';
import { categoryLabels, type Category } from '../needs/categories.ts';
import type { SelfcheckLang } from './languages.ts';
import type { Level } from './scoring.ts';
import { ui, whereToTurnNumbers } from './texts.ts';

/**
 * "Neem contact met mij op": a resident's own request after the self-check becomes a referral
 * (source: selfcheck), routed by their postcode like any referral and with the same terms. Consent
 * is given online by the resident; there is no practice, so no feedback goes anywhere.
 *
 * The postcode alone decides: district → municipality → the fallback desk of the resident's own
 * region. There is no asking practice, so a postcode that no region serves (or whose region has no
 * desk) reaches no team. Then nothing is stored — no referral, no consent, no audit entry about a
 * person (AVG art. 5(1)(c): data we cannot use are not kept) — and the resident is told where to
 * turn instead (`notStoredNoTeam`; the pages show it in the resident's own language).
 */
export interface SelfReferralInput {
  idempotencyKey: string;
  name: string;
  phone: string | null;
  email: string | null;
  postcode: string;
  houseNumber: string | null;
  bestTime: string | null;
  lang: SelfcheckLang;
  level: Level;
  needs: Category[];
  urgency: UrgencyTrigger[];
  /** The team the consent shown to the resident named; sending to another team is refused. */
  consentTeamId?: string | null;
}

/** The self-check's language and result in the team's words, not code values (`tr`, `urgent`). */
const languageInDutch: Record<SelfcheckLang, string> = { nl: 'het Nederlands', en: 'het Engels', tr: 'het Turks', ar: 'het Arabisch', pl: 'het Pools' };
const levelInDutch: Record<Level, string> = {
  urgent: 'spoed, er dreigt iets',
  serious: 'veel geldzorgen',
  some: 'wat geldzorgen',
  none: 'geen grote geldzorgen',
};

/** What the team reads under "Uit de zelftest": how the resident came, the result, the help that fits. */
export function selfReferralSummary(lang: SelfcheckLang, level: Level, needs: readonly Category[]): string {
  const fits = needs.map((n) => categoryLabels[n].nl).join(', ') || '—';
  return `Aangemeld via de zelftest, in ${languageInDutch[lang]}. Uitslag: ${levelInDutch[level]}. Past bij: ${fits}.`;
}

/** The error code of `notStoredNoTeam`, for the pages that show the message in the resident's own language. */
export const NO_TEAM = 'no_team';

/** No team for this postcode: nothing was stored; where to turn instead (the national helpline, the municipality). */
export const notStoredNoTeam = () => {
  const numbers = { geldfit: whereToTurnNumbers.geldfit, example: whereToTurnNumbers.municipalityExample };
  return new AppError(NO_TEAM, 422, {
    nl: `${ui.notStored.nl} ${fill(ui.whereToTurn.nl, numbers)}`,
    en: `${ui.notStored.en} ${fill(ui.whereToTurn.en, numbers)}`,
  });
};

export async function createSelfReferral(
  db: Database,
  ctx: RequestContext,
  input: SelfReferralInput,
  baseUrl: string,
): Promise<{ id: string; teamName: string; created: boolean }> {
  const findExisting = async () => {
    const existing = await db
      .selectFrom('referrals')
      .innerJoin('teams', 'teams.id', 'referrals.team_id')
      .select(['referrals.id', 'teams.name'])
      .where('idempotency_key', '=', input.idempotencyKey)
      .where('source', '=', 'selfcheck')
      .executeTakeFirst();
    return existing ? { id: existing.id, teamName: existing.name, created: false } : null;
  };
  const existing = await findExisting();
  if (existing) return existing;

  const route = await routeAddress(db, { postcode: input.postcode, houseNumber: input.houseNumber, need: input.needs[0] ?? null, regionId: null });
  const teamId = route.decision.teamId;
  if (!teamId) throw notStoredNoTeam();
  // Consent is per recipient (AVG art. 7): only the team the resident agreed to may receive it.
  if (input.consentTeamId && input.consentTeamId !== teamId) throw consentForOtherTeam();
  const today = amsterdamToday();
  const due = dueDates(today, input.urgency.length > 0);
  // What the team needs to know, written by us (not free text from the resident).
  const question = selfReferralSummary(input.lang, input.level, input.needs);

  const stored = await storeNewReferral(
    db,
    ctx,
    {
      referral: {
        source: 'selfcheck',
        practice_id: null,
        created_by: null,
        idempotency_key: input.idempotencyKey,
        team_id: teamId,
        patient_name: input.name,
        patient_phone: input.phone,
        patient_email: input.email,
        patient_postcode: route.postcode.display,
        patient_house_number: input.houseNumber,
        preferred_language: input.lang,
        best_time_to_call: input.bestTime,
        question,
        needs: input.needs,
        urgency_triggers: input.urgency,
        handover: 'team_contacts_patient',
        contact_channel: input.phone ? 'phone' : 'email',
        municipality_code: route.decision.address.municipalityCode,
        district_code: route.decision.address.districtCode,
        route_explanation: route.explanation.nl,
        requested_on: today,
        first_contact_due: due.firstContactDue,
        first_conversation_due: due.firstConversationDue,
      },
      consent: {
        recorded_by: null,
        method: 'online',
        data_scope: [...selfcheckDataScope],
        purpose: consentPurpose,
        text_version: SELFCHECK_CONSENT_TEXT_VERSION,
        feedback_allowed: false,
      },
      createdBy: null,
      eventNote: 'zelftest',
      auditDetails: { source: 'selfcheck', teamId, urgent: input.urgency.length > 0 },
    },
    baseUrl,
  );
  const id = stored?.id ?? null;
  if (id === null) {
    const first = await findExisting();
    if (!first) throw new Error('idempotency key taken by a referral that is not a self-referral');
    return first;
  }
  return { id, teamName: route.decision.teamName ?? '', created: true };
}

const consentForOtherTeam = () =>
  new AppError('consent_other_team', 409, {
    nl: 'Bij dit adres hoort een ander team dan in de toestemming stond. Geef opnieuw toestemming.',
    en: 'This address belongs to another team than the consent named. Give consent again.',
  });

/**
 * The team a request for this address would go to, and its organisation: the consent names them
 * before anything is sent. Routed exactly as createSelfReferral routes (by postcode, house number
 * and first kind of help); no team is the same 422 as there.
 */
export async function selfReferralRecipient(
  db: Database,
  input: { postcode: string; houseNumber: string | null; needs: Category[] },
): Promise<{ teamId: string; team: string; organisation: string }> {
  const route = await routeAddress(db, { postcode: input.postcode, houseNumber: input.houseNumber, need: input.needs[0] ?? null, regionId: null });
  const teamId = route.decision.teamId;
  if (!teamId) throw notStoredNoTeam();
  const team = await teamQuery(db, teamId).executeTakeFirstOrThrow();
  return { teamId, team: team.name, organisation: team.organisation_name };
}
