import type { Database } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import { saveReferralDraft, DRAFT_HOURS } from '../../referrals/referral-drafts.ts';
import type { FhirResource } from './fhir-types.ts';
import { readDraft } from './from-fhir.ts';

/**
 * Launch from the HIS in one click: a draft ServiceRequest (with the patient contained) is kept as
 * a draft of the web form, and the answer carries the link that opens /verwijzingen/nieuw
 * prefilled. The assistant signs in as usual, checks, asks consent for the team and sends: consent is
 * never assumed from the HIS. The answer is an OperationOutcome (information) with the link.
 */
export async function createDraftLink(db: Database, ctx: RequestContext, body: unknown, baseUrl: string): Promise<{ url: string; outcome: FhirResource }> {
  const id = await saveReferralDraft(db, ctx, readDraft(body));
  const url = `${baseUrl}/verwijzingen/nieuw?concept=${id}`;
  return {
    url,
    outcome: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'information',
          code: 'informational',
          details: {
            text: `Open deze link om de verwijzing af te maken en te versturen (${DRAFT_HOURS} uur geldig): ${url}`,
          },
          diagnostics: `Open this link to complete and send the referral (valid for ${DRAFT_HOURS} hours): ${url}`,
          expression: ['ServiceRequest'],
        },
      ],
    },
  };
}
