import { postcodeKey, samePerson, type PersonFields } from '../access-report/same-person.ts';

/**
 * Who a request for inzage (AVG art. 15) is about: the person as the practice or team checked them
 * at the desk (an identity document), by name, date of birth and postcode, and — for a
 * self-referral, which has no date of birth — the house number.
 *
 * A referral is theirs by the same rule as the access report's "all referrals of this person"
 * (access-report/same-person.ts: the same name and date of birth; without a date of birth, the
 * same name and address), and in addition at the postcode they gave: the answer contains someone's
 * data, so the match is strict. Someone who moved asks once per postcode they lived at.
 */
export interface PersonRequest {
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** As typed; compared without spaces and case. */
  postcode: string;
  houseNumber: string | null;
}

export function asPerson(request: PersonRequest): PersonFields {
  return {
    patient_name: request.name,
    patient_birth_date: request.birthDate,
    patient_postcode: request.postcode,
    patient_house_number: request.houseNumber,
  };
}

/** Whether this referral is about the person who asks. Pure. */
export function isAboutRequester(request: PersonRequest, referral: PersonFields): boolean {
  if (!referral.patient_postcode || postcodeKey(referral.patient_postcode) !== postcodeKey(request.postcode)) return false;
  return samePerson(asPerson(request), referral);
}
