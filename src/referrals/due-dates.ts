import { addDaysIso } from '../platform/dates.ts';
import { addWorkingDays, runOnToWorkingDay } from '../platform/working-days.ts';

// The Atw calendar lives in the platform: the social map counts working days too (typical time to first contact).
export { addWorkingDays, isWorkingDay, runOnToWorkingDay } from '../platform/working-days.ts';

/**
 * Response terms (termijnen) and the working days they are counted in. Dates are Amsterdam
 * calendar days (YYYY-MM-DD). Pure.
 *
 * Which terms are law and which are agreements:
 * - Legal, Wet gemeentelijke schuldhulpverlening (Wgs) art. 4: the first conversation within
 *   4 weeks of the request for help; within 3 working days when a threatening situation exists.
 *   These are maximums: a practice–team agreement may shorten them, never lengthen them.
 * - Agreement only: first contact within N working days. Not in any law; default 3, and the
 *   practice and team may agree anything from 1 to 10 (docs/product.md), also more than 3.
 *
 * Working days follow the Algemene termijnenwet (Atw): not a Saturday, not a Sunday and not a day
 * art. 3 names — lid 1: Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag, both
 * Christmas days, the day the King's birthday is celebrated and 5 May (every year, not only every
 * fifth); lid 2: Good Friday is equated with them; lid 3: days equated by royal decree (below).
 * We compute the list ourselves: it is short and exact, and the `date-holidays` package we used
 * before counted 5 May and Good Friday as working days ("school" holidays there).
 *
 * Atw art. 1 lid 1: a legal term that ends on a Saturday, Sunday or such a day runs on to the
 * next day that is none of these. This matters for the 4-week term, which is counted in calendar
 * days; a term counted in working days ends on a working day anyway. Art. 1 lid 2 (terms counted
 * backwards from an event) does not apply: every term here counts forward from the request.
 * Art. 2 (a term of 3 days or more holds at least two working days) cannot change a 4-week term.
 * The Atw binds only terms set by law; we apply art. 1 to an agreed shorter conversation term too,
 * so no due day falls on a closed day, and it still never ends after the legal one.
 */
export interface Terms {
  firstContactWorkingDays: number;
  firstConversationDays: number;
  urgentFirstConversationWorkingDays: number;
}

export const defaultTerms: Terms = { firstContactWorkingDays: 3, firstConversationDays: 28, urgentFirstConversationWorkingDays: 3 };

/**
 * What an agreement may set. For the legal terms the maximum is the law itself. The same ranges
 * are CHECK constraints on the `agreements` table; a future agreements form should refuse values
 * outside them with a message, using these numbers.
 */
export const agreementLimits: Record<keyof Terms, { min: number; max: number }> = {
  firstContactWorkingDays: { min: 1, max: 10 },
  firstConversationDays: { min: 1, max: defaultTerms.firstConversationDays },
  urgentFirstConversationWorkingDays: { min: 1, max: defaultTerms.urgentFirstConversationWorkingDays },
};

/**
 * The terms for one practice–team pair. An agreed value outside its range (or not a whole number)
 * is ignored and the default applies: this runs when a referral is sent, and a doctor cannot fix
 * a broken agreement, so the referral goes out with the safe default rather than being refused.
 */
export function effectiveTerms(agreement: Partial<Terms> | null | undefined): Terms {
  const pick = (key: keyof Terms): number => {
    const agreed = agreement?.[key];
    const { min, max } = agreementLimits[key];
    return agreed !== undefined && Number.isInteger(agreed) && agreed >= min && agreed <= max ? agreed : defaultTerms[key];
  };
  return {
    firstContactWorkingDays: pick('firstContactWorkingDays'),
    firstConversationDays: pick('firstConversationDays'),
    urgentFirstConversationWorkingDays: pick('urgentFirstConversationWorkingDays'),
  };
}

export interface DueDates {
  firstContactDue: string;
  firstConversationDue: string;
}

export function dueDates(requestDate: string, urgent: boolean, terms: Terms = defaultTerms): DueDates {
  const firstConversationDue = urgent
    ? addWorkingDays(requestDate, terms.urgentFirstConversationWorkingDays)
    : runOnToWorkingDay(addDaysIso(requestDate, terms.firstConversationDays));
  const firstContactDue = addWorkingDays(requestDate, terms.firstContactWorkingDays);
  // The first conversation is also contact: an agreed first-contact term longer than the
  // conversation term (e.g. 5 working days when urgent) never puts contact after the conversation.
  return { firstContactDue: firstContactDue < firstConversationDue ? firstContactDue : firstConversationDue, firstConversationDue };
}
