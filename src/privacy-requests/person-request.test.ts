import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAboutRequester, type PersonRequest } from './person-request.ts';

const request: PersonRequest = { name: 'Johanna  de Vries', birthDate: '1971-03-09', postcode: '7552ab', houseNumber: null };
const referral = (
  fields: Partial<{ patient_name: string | null; patient_birth_date: string | null; patient_postcode: string | null; patient_house_number: string | null }>,
) => ({
  patient_name: 'Johanna de Vries',
  patient_birth_date: '1971-03-09',
  patient_postcode: '7552 AB',
  patient_house_number: '14',
  ...fields,
});

test('a referral with the same name, date of birth and postcode is about the person who asks (case and spaces aside)', () => {
  assert.equal(isAboutRequester(request, referral({})), true);
  assert.equal(isAboutRequester(request, referral({ patient_name: 'JOHANNA DE VRIES' })), true);
});

test('another date of birth, another name or another postcode is someone else', () => {
  assert.equal(isAboutRequester(request, referral({ patient_birth_date: '1971-03-10' })), false);
  assert.equal(isAboutRequester(request, referral({ patient_name: 'Johanna de Vriës' })), false);
  assert.equal(isAboutRequester(request, referral({ patient_postcode: '7552 AC' })), false);
});

test('a referral whose personal data were erased is about nobody', () => {
  assert.equal(
    isAboutRequester(request, referral({ patient_name: null, patient_birth_date: null, patient_postcode: null, patient_house_number: null })),
    false,
  );
});

test('a self-referral without a date of birth matches on name, postcode and house number, and only when the house number is given', () => {
  const selfReferral = referral({ patient_birth_date: null, patient_house_number: '14 a' });
  assert.equal(isAboutRequester(request, selfReferral), false, 'no house number in the request');
  assert.equal(isAboutRequester({ ...request, houseNumber: '14A' }, selfReferral), true);
  assert.equal(isAboutRequester({ ...request, houseNumber: '16' }, selfReferral), false);
});
