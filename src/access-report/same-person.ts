/**
 * When two referrals are about the same person, for the access report over all of a person's
 * referrals (NEN 7513 client view). A referral carries no citizen number (never a BSN), so the
 * person is recognised by what it does carry:
 *
 * - the same name and the same date of birth, when both referrals have one (a practice always
 *   records it);
 * - otherwise — a self-referral through the self-check has no date of birth — the same name and the
 *   same address: postcode and house number.
 *
 * Names and addresses compare after only trivial normalisation (case, spaces): a looser match could
 * put another person's accesses in the report, which is worse than a report that misses a referral.
 * Two people with the same name and date of birth (or at the same address) in one practice or team
 * cannot be told apart; the report lists the referrals it covers, so the reader can check.
 */
export interface PersonFields {
  patient_name: string | null;
  patient_birth_date: string | null;
  patient_postcode: string | null;
  patient_house_number: string | null;
}

export function samePerson(a: PersonFields, b: PersonFields): boolean {
  const name = nameKey(a.patient_name);
  if (name === null || name !== nameKey(b.patient_name)) return false;
  if (a.patient_birth_date && b.patient_birth_date) return a.patient_birth_date === b.patient_birth_date;
  const address = addressKey(a);
  return address !== null && address === addressKey(b);
}

export function nameKey(name: string | null): string | null {
  const key = name?.trim().replace(/\s+/g, ' ').toLowerCase();
  return key ? key : null;
}

/** "7552 ab" and "7552AB" are one postcode; "12 a" and "12A" one house number. */
export function postcodeKey(postcode: string): string {
  return postcode.replace(/\s+/g, '').toUpperCase();
}

export function houseNumberKey(houseNumber: string): string {
  return houseNumber.replace(/\s+/g, '').toLowerCase();
}

function addressKey(p: PersonFields): string | null {
  if (!p.patient_postcode || !p.patient_house_number) return null;
  return `${postcodeKey(p.patient_postcode)} ${houseNumberKey(p.patient_house_number)}`;
}
