import type { Lang, Text } from '../platform/i18n.ts';
import { fill } from '../platform/i18n.ts';

/**
 * A team's typical time to first contact (issue 12, "figures flow back into the work"): measured
 * from the referrals, never self-declared — the median number of working days (Atw, platform/
 * working-days.ts) from the day a referral was sent to the day of first contact, over the contacts
 * made in the last 90 days. Fewer than 10 such referrals say too little (and could point at single
 * residents), so then nothing is shown. Pure.
 */
export const RESPONSE_WINDOW_DAYS = 90;
export const MIN_RESPONSE_REFERRALS = 10;

export interface ResponseSample {
  /** Referrals with a first contact in the window. */
  referrals: number;
  /** Median working days from sent to first contact (may be a half: the mean of the middle two). */
  medianWorkingDays: number;
}

export interface TypicalResponse {
  medianWorkingDays: number;
  referrals: number;
}

/** What may be shown of a team's sample: nothing below 10 referrals. */
export function typicalResponse(sample: ResponseSample | undefined): TypicalResponse | null {
  if (!sample || sample.referrals < MIN_RESPONSE_REFERRALS || !Number.isFinite(sample.medianWorkingDays)) return null;
  return { medianWorkingDays: sample.medianWorkingDays, referrals: sample.referrals };
}

/** "2" or "2,5" (Dutch) / "2.5" (English): a half stays a half, anything else is rounded to one decimal. */
export function workingDaysNumber(value: number, lang: Lang): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : String(rounded).replace('.', lang === 'nl' ? ',' : '.');
}

/** "Eerste contact: meestal na 2 werkdagen (mediaan van 34 verwijzingen, laatste 90 dagen)". */
export function typicalResponseText(response: TypicalResponse, lang: Lang): string {
  const text: Text = {
    nl: 'Eerste contact: meestal na {days} {unit} (gemeten: mediaan van {n} verwijzingen, laatste {window} dagen)',
    en: 'First contact: usually after {days} {unit} (measured: median of {n} referrals, last {window} days)',
  };
  const one = response.medianWorkingDays === 1;
  const unit = lang === 'nl' ? (one ? 'werkdag' : 'werkdagen') : one ? 'working day' : 'working days';
  return fill(text[lang], { days: workingDaysNumber(response.medianWorkingDays, lang), unit, n: response.referrals, window: RESPONSE_WINDOW_DAYS });
}
