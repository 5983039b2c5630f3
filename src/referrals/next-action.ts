import type { Text } from '../platform/i18n.ts';
import { isClosed, type ReferralStatus } from './state-machine.ts';
import { tookPlace } from './labels.ts';

/**
 * What the holding team does next with a referral, so pages can put that first: accept it, make
 * the first contact, hold (or plan) the first conversation, wait for the planned one, close it.
 * Follows the closed loop of docs/product.md (steps 5 and 6) and the Wgs art. 4 milestones. Pure.
 */
export type NextAction = 'accept' | 'contact' | 'conversation' | 'await-conversation' | 'close' | 'none';

export interface NextActionInput {
  status: ReferralStatus;
  first_contact_on: string | null;
  first_conversation_on: string | null;
}

export function nextTeamAction(referral: NextActionInput, today: string): NextAction {
  const { status } = referral;
  if (isClosed(status)) return 'none';
  if (status === 'requested' || status === 'received') return 'accept';
  if (!referral.first_contact_on) return 'contact';
  if (!referral.first_conversation_on) return 'conversation';
  if (!tookPlace(referral.first_conversation_on, today)) return 'await-conversation';
  return 'close';
}

/** The next step in words, for the start page and the top of the referral page. */
export const nextActionLabels: Record<NextAction, Text> = {
  accept: { nl: 'Aannemen en toewijzen', en: 'Accept and assign' },
  contact: { nl: 'Contact opnemen met de inwoner', en: 'Contact the resident' },
  conversation: { nl: 'Eerste gesprek plannen of vastleggen', en: 'Plan or record the first conversation' },
  'await-conversation': { nl: 'Eerste gesprek houden', en: 'Hold the first conversation' },
  close: { nl: 'Afsluiten met uitkomst en terugkoppeling', en: 'Close with an outcome and feedback' },
  none: { nl: 'Geen stap meer: afgesloten', en: 'No further step: closed' },
};
