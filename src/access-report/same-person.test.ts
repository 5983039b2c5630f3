import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { samePerson, type PersonFields } from './same-person.ts';

const fromPractice: PersonFields = { patient_name: 'Fatma Yılmaz', patient_birth_date: '1980-04-27', patient_postcode: '7552 AB', patient_house_number: '12' };
const selfReferral: PersonFields = { patient_name: 'Fatma Yılmaz', patient_birth_date: null, patient_postcode: '7552 AB', patient_house_number: '12' };

describe('same person across referrals', () => {
  it('two referrals with the same name and date of birth are the same person, wherever they lived', () => {
    assert.equal(samePerson(fromPractice, { ...fromPractice, patient_postcode: '7511 CD', patient_house_number: '3' }), true);
  });

  it('the same name with another date of birth is another person, even at the same address', () => {
    assert.equal(samePerson(fromPractice, { ...fromPractice, patient_birth_date: '2008-01-02' }), false);
  });

  it('without a date of birth (a self-referral) the same name, postcode and house number decide', () => {
    assert.equal(samePerson(fromPractice, selfReferral), true);
    assert.equal(samePerson(selfReferral, fromPractice), true);
    assert.equal(samePerson(selfReferral, { ...selfReferral, patient_house_number: '14' }), false);
    assert.equal(samePerson(selfReferral, { ...selfReferral, patient_postcode: '7552 AC' }), false);
  });

  it('case and spaces in name, postcode and house number do not matter', () => {
    assert.equal(
      samePerson(selfReferral, { patient_name: '  fatma   yılmaz ', patient_birth_date: null, patient_postcode: '7552ab', patient_house_number: '12 ' }),
      true,
    );
    assert.equal(samePerson({ ...selfReferral, patient_house_number: '12 a' }, { ...selfReferral, patient_house_number: '12A' }), true);
  });

  it('another name is another person', () => {
    assert.equal(samePerson(fromPractice, { ...fromPractice, patient_name: 'Fatma Yilmaz' }), false, 'no looser spelling match');
  });

  it('a referral whose personal data were erased matches nobody', () => {
    const erased: PersonFields = { patient_name: null, patient_birth_date: null, patient_postcode: null, patient_house_number: null };
    assert.equal(samePerson(erased, erased), false);
    assert.equal(samePerson(fromPractice, erased), false);
  });

  it('without a date of birth and without an address there is no match on the name alone', () => {
    const nameOnly: PersonFields = { patient_name: 'Fatma Yılmaz', patient_birth_date: null, patient_postcode: null, patient_house_number: null };
    assert.equal(samePerson(nameOnly, nameOnly), false);
  });
});
