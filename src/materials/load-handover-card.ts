import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import type { FoundReferral } from '../referrals/access.ts';
import { getTeamContact } from '../referrals/get-team-contact.ts';
import type { SelfcheckLang } from '../selfcheck/languages.ts';
import { cardLanguageOf } from './material-texts.ts';

/**
 * The warm hand-over card (warme overdracht) for one referral: who will contact the patient, by
 * when (the first-contact due date), from which number, and what to have at hand. It is printed at
 * the desk and handed over; it is never sent by e-mail (docs/product.md: mail carries no patient
 * data). Making it reads the referral, so it is audited as a print of patient data (NEN 7513).
 */
export interface HandoverCard {
  referralId: string;
  reference: string;
  lang: SelfcheckLang;
  teamName: string;
  organisationName: string;
  phone: string | null;
  firstContactDue: string;
}

export const noHandoverCard = () =>
  new AppError('materials_handover_closed', 409, {
    nl: 'Voor deze verwijzing maken we geen overdrachtskaart meer: ze is gesloten, ingetrokken of de gegevens zijn gewist.',
    en: 'No hand-over card for this referral any more: it is closed, withdrawn or its data has been erased.',
  });

export async function loadHandoverCard(
  db: Database,
  ctx: RequestContext,
  found: FoundReferral,
  options: { lang: SelfcheckLang | null; format: 'html' | 'pdf' },
): Promise<HandoverCard> {
  const r = found.referral;
  if (r.personal_data_erased_at || r.consent_withdrawn_at || ['completed', 'rejected', 'cancelled', 'failed'].includes(r.status)) throw noHandoverCard();
  // Only what the social map shows residents: the team's own number, or a contact person marked public.
  const team = await getTeamContact(db, r.team_id, 'public');
  const lang = options.lang ?? cardLanguageOf(r.preferred_language);
  await writeAudit(db, ctx, {
    action: 'referral.handover_card',
    subjectType: 'referral',
    subjectId: r.id,
    patientRef: r.id,
    details: { format: options.format, lang, access: found.access },
  });
  return {
    referralId: r.id,
    reference: r.reference,
    lang,
    teamName: team.teamName,
    organisationName: team.organisationName,
    phone: team.phone ?? team.persons.find((p) => p.phone)?.phone ?? null,
    firstContactDue: r.first_contact_due,
  };
}
