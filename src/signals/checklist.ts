import type { Text } from '../platform/i18n.ts';
import type { Category } from '../needs/categories.ts';

/**
 * The signals aid for practice staff, after the Hogeschool Utrecht approach ("Geldzorgen in de
 * spreekkamer"): signals met in the practice, one validated financial-strain question, and
 * openers for "het andere gesprek", with Positive Health as an optional lens. Content only; pure.
 */
export interface Signal {
  code: string;
  label: Text;
  /** Kinds of help this signal points to, used to prefill a referral. */
  suggests: Category[];
}

export const signals: readonly Signal[] = [
  { code: 'missed_appointments', label: { nl: 'Komt vaak niet op afspraken', en: 'Often misses appointments' }, suggests: ['neighbourhood_team'] },
  {
    code: 'skips_medication',
    label: { nl: 'Haalt medicijnen niet op of stopt ermee vanwege de kosten', en: 'Does not collect or stops medication because of the cost' },
    suggests: ['income_support', 'debt_counselling'],
  },
  {
    code: 'deductible_questions',
    label: { nl: 'Vragen over het eigen risico, stelt onderzoek of verwijzing uit', en: 'Questions about the deductible, postpones tests or referrals' },
    suggests: ['income_support'],
  },
  {
    code: 'insurer_arrears',
    label: { nl: 'Achterstand of opzegbrief van de zorgverzekeraar', en: 'Arrears or termination letter from the health insurer' },
    suggests: ['debt_counselling'],
  },
  { code: 'stress', label: { nl: 'Stressklachten', en: 'Stress complaints' }, suggests: ['money_buddy', 'welfare_on_prescription'] },
  { code: 'sleep', label: { nl: 'Slaapproblemen', en: 'Sleep problems' }, suggests: ['welfare_on_prescription'] },
  {
    code: 'headache_unexplained',
    label: { nl: 'Hoofdpijn of vage pijn zonder medische oorzaak', en: 'Headache or vague pain without a medical cause' },
    suggests: ['welfare_on_prescription'],
  },
  { code: 'frequent_visits', label: { nl: 'Komt opvallend vaak op het spreekuur', en: 'Visits remarkably often' }, suggests: ['neighbourhood_team'] },
  { code: 'job_loss', label: { nl: 'Werk kwijtgeraakt', en: 'Lost their job' }, suggests: ['income_support', 'budget_coaching'] },
  { code: 'divorce', label: { nl: 'Scheiding', en: 'Divorce' }, suggests: ['budget_coaching', 'legal_aid'] },
  {
    code: 'bereavement',
    label: { nl: 'Overlijden van partner of naaste', en: 'Death of a partner or close relative' },
    suggests: ['admin_help', 'neighbourhood_team'],
  },
  {
    code: 'mentions_bills',
    label: { nl: 'Noemt rekeningen, incassobureau of deurwaarder', en: 'Mentions bills, debt collectors or bailiffs' },
    suggests: ['debt_counselling'],
  },
  { code: 'shame', label: { nl: 'Schaamte, ontwijkt vragen over thuis of werk', en: 'Shame, avoids questions about home or work' }, suggests: ['money_buddy'] },
];

/**
 * The single financial-strain item (5-point scale). The validated item "Do you have difficulty
 * making ends meet at the end of the month?" has sensitivity 98% and specificity 60% for poverty in
 * primary care (Brcic et al. 2011).
 */
export const strainQuestion: Text = {
  nl: 'Hoe moeilijk is het om rond te komen aan het eind van de maand?',
  en: 'How hard is it to make ends meet at the end of the month?',
};
export const strainScale: readonly Text[] = [
  { nl: 'Helemaal niet moeilijk', en: 'Not hard at all' },
  { nl: 'Een beetje moeilijk', en: 'A little hard' },
  { nl: 'Best moeilijk', en: 'Quite hard' },
  { nl: 'Erg moeilijk', en: 'Very hard' },
  { nl: 'Het lukt niet', en: 'I cannot manage' },
];

/** From "quite hard" (index 2) the answer is a strong signal worth a conversation about money. */
export function strainIsSignal(answer: number | null): boolean {
  return answer !== null && answer >= 2;
}

export const openers: readonly Text[] = [
  { nl: 'Veel mensen hebben het nu moeilijk met geld. Hoe is dat bij u?', en: 'Many people are struggling with money right now. How is that for you?' },
  {
    nl: 'Ik merk dat u de medicijnen niet heeft opgehaald. Speelt geld daarbij een rol?',
    en: 'I notice you did not collect your medication. Does money play a part?',
  },
  {
    nl: 'Soms hangen klachten samen met zorgen thuis. Heeft u zorgen over rekeningen of werk?',
    en: 'Sometimes complaints are linked to worries at home. Are you worried about bills or work?',
  },
  { nl: 'Wat zou u helpen om weer wat rust te krijgen?', en: 'What would help you to get some peace of mind again?' },
  {
    nl: 'Er is gratis en vertrouwelijke hulp. Mag ik u in contact brengen met iemand die kan helpen?',
    en: 'There is free and confidential help. May I put you in touch with someone who can help?',
  },
];

/** Positive Health (Huber): six dimensions, an optional lens for the conversation. */
export const positiveHealthDimensions: readonly { label: Text; question: Text }[] = [
  { label: { nl: 'Lichaamsfuncties', en: 'Bodily functions' }, question: { nl: 'Hoe gaat het met uw lichaam?', en: 'How is your body doing?' } },
  {
    label: { nl: 'Mentaal welbevinden', en: 'Mental well-being' },
    question: { nl: 'Hoe voelt u zich de laatste tijd?', en: 'How have you been feeling lately?' },
  },
  { label: { nl: 'Zingeving', en: 'Meaningfulness' }, question: { nl: 'Waar haalt u energie uit?', en: 'What gives you energy?' } },
  { label: { nl: 'Kwaliteit van leven', en: 'Quality of life' }, question: { nl: 'Geniet u van uw leven?', en: 'Do you enjoy your life?' } },
  { label: { nl: 'Meedoen', en: 'Participation' }, question: { nl: 'Heeft u mensen om u heen die u helpen?', en: 'Do you have people around you who help?' } },
  {
    label: { nl: 'Dagelijks functioneren', en: 'Daily functioning' },
    question: { nl: 'Lukt het om rekeningen, post en huishouden bij te houden?', en: 'Can you keep up with bills, post and the household?' },
  },
];

export const signalOutcomes = ['conversation_held', 'referred', 'declined', 'later'] as const;
export type SignalOutcome = (typeof signalOutcomes)[number];
export const signalOutcomeLabels: Record<SignalOutcome, Text> = {
  conversation_held: { nl: 'Gesprek gevoerd', en: 'Conversation held' },
  referred: { nl: 'Doorverwezen', en: 'Referred' },
  declined: { nl: 'Patiënt wil (nu) geen hulp', en: 'Patient declined (for now)' },
  later: { nl: 'Later op terugkomen', en: 'Come back to it later' },
};

/** The needs to prefill in a referral, from the signals ticked and the strain answer. Pure. */
export function suggestedNeeds(signalCodes: readonly string[], strain: number | null): Category[] {
  const needs: Category[] = [];
  for (const code of signalCodes) {
    for (const need of signals.find((s) => s.code === code)?.suggests ?? []) if (!needs.includes(need)) needs.push(need);
  }
  if (strainIsSignal(strain) && !needs.includes('debt_counselling') && !needs.includes('budget_coaching')) needs.push('budget_coaching');
  return needs;
}
