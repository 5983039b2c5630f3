/** Test support for the self-check suites: a complete self-referral as the contact form delivers it. */
import { randomUUID } from 'node:crypto';
import type { SelfReferralInput } from './create-self-referral.ts';

/** Fatima El Amrani of Almelo (PC4 7601) asks to be called; a fresh form key each time. */
export function selfReferralInput(overrides: Partial<SelfReferralInput> = {}): SelfReferralInput {
  return {
    idempotencyKey: `selfcheck:${randomUUID()}`,
    name: 'Fatima El Amrani',
    phone: '06 1122 3344',
    email: null,
    postcode: '7601',
    houseNumber: '12',
    bestTime: 'na 15.00 uur',
    lang: 'nl',
    level: 'serious',
    needs: ['debt_counselling', 'money_buddy'],
    urgency: [],
    ...overrides,
  };
}
