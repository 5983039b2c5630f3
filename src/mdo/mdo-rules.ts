import type { Text } from '../platform/i18n.ts';

/**
 * The rules of a multidisciplinary consultation (MDO), kept free of I/O so they are tested on
 * their own.
 *
 * Which referral may be discussed: only one "both sides may see" — sent by the MDO's practice and
 * held now by a team that takes part — that still has the patient's consent (AVG art. 7 and 9; a
 * withdrawn consent or erased personal data ends it) and is still being worked on. The patient's
 * separate consent for discussion in an MDO is recorded with the case (who, how, when).
 *
 * Who sees the patient on an MDO's agenda: a participant of that MDO who may also see the referral
 * itself (the practice that sent it, or the team that holds it). Everyone else sees "case 1"
 * without patient data: the MDO never widens access to a referral.
 */
export type MdoStatus = 'planned' | 'held' | 'cancelled';

export const mdoStatusLabels: Record<MdoStatus, Text> = {
  planned: { nl: 'Gepland', en: 'Planned' },
  held: { nl: 'Gehouden', en: 'Held' },
  cancelled: { nl: 'Afgezegd', en: 'Cancelled' },
};

export const consentMethods = ['verbal', 'written'] as const;
export type MdoConsentMethod = (typeof consentMethods)[number];

export const consentMethodLabels: Record<MdoConsentMethod, Text> = {
  verbal: { nl: 'Mondeling', en: 'Verbally' },
  written: { nl: 'Schriftelijk', en: 'In writing' },
};

export interface CaseCandidate {
  practiceId: string | null;
  teamId: string;
  status: string;
  consentWithdrawnAt: Date | null;
  personalDataErasedAt: Date | null;
}

export type CaseRefusal = 'other_practice' | 'team_not_taking_part' | 'no_consent' | 'closed';

const finished = new Set(['completed', 'rejected', 'cancelled', 'failed']);

/** Why a referral may not go on this MDO's agenda, or null when it may. */
export function caseRefusal(referral: CaseCandidate, mdo: { practiceId: string; participantTeamIds: readonly string[] }): CaseRefusal | null {
  if (referral.practiceId !== mdo.practiceId) return 'other_practice';
  if (referral.consentWithdrawnAt || referral.personalDataErasedAt) return 'no_consent';
  if (finished.has(referral.status)) return 'closed';
  if (!mdo.participantTeamIds.includes(referral.teamId)) return 'team_not_taking_part';
  return null;
}

export const caseRefusalMessages: Record<CaseRefusal, Text> = {
  other_practice: {
    nl: 'Dit MDO is bij een andere praktijk. Bespreek alleen verwijzingen van de praktijk van het MDO.',
    en: 'This MDO is at another practice. Only discuss referrals of the MDO’s practice.',
  },
  team_not_taking_part: {
    nl: 'Het team dat deze verwijzing nu heeft, doet niet mee aan dit MDO. Beide kanten moeten de verwijzing kunnen zien.',
    en: 'The team that holds this referral now does not take part in this MDO. Both sides must be able to see the referral.',
  },
  no_consent: {
    nl: 'De toestemming bij deze verwijzing is ingetrokken of de gegevens zijn gewist. Bespreken kan niet.',
    en: 'The consent for this referral has been withdrawn or its data erased. It cannot be discussed.',
  },
  closed: { nl: 'Deze verwijzing is afgesloten. Bespreek alleen lopende verwijzingen.', en: 'This referral is closed. Only discuss open referrals.' },
};

export interface Viewer {
  userId: string;
  practiceId: string | null;
  teamId: string | null;
}

/** May this viewer see who a case is about? A participant who may also see the referral itself. */
export function maySeeCase(viewer: Viewer, participantIds: readonly string[], referral: { practiceId: string | null; teamId: string }): boolean {
  if (!participantIds.includes(viewer.userId)) return false;
  if (viewer.practiceId) return viewer.practiceId === referral.practiceId;
  return viewer.teamId !== null && viewer.teamId === referral.teamId;
}

/** An MDO takes part from both sides: someone of the practice and someone of a team. */
export function bothSidesTakePart(participants: ReadonlyArray<{ practiceId: string | null; teamId: string | null }>): boolean {
  return participants.some((p) => p.practiceId !== null) && participants.some((p) => p.teamId !== null);
}

/** An action is overdue when its due date has passed and it is not done. */
export function actionOverdue(action: { dueOn: string; done: boolean }, today: string): boolean {
  return !action.done && action.dueOn < today;
}
