import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../platform/i18n.ts';
import { validateValues } from '../platform/http/forms.ts';
import { normalisePostcode, organisationSchema, POSTCODE_PATTERN } from './organisations.ts';

const schema = organisationSchema(translator('nl'));
const regionId = randomUUID();

/** A form as the browser posts it: every field a string, empty when not filled in. */
function form(values: Record<string, string>): Record<string, string> {
  return {
    kind: 'social',
    name: 'Stichting Geldmaatjes',
    region_id: regionId,
    cbs_code: '',
    agb_code: '',
    street: '',
    house_number: '',
    postcode: '',
    city: '',
    phone: '',
    email: '',
    website: '',
    ...values,
  };
}
const practiceAddress = { street: 'Oude Markt', house_number: '1', postcode: '7511 GA', city: 'Enschede' };

function errorsOf(values: Record<string, string>) {
  const result = validateValues(schema, form(values));
  return result.ok ? {} : result.errors;
}
function parse(values: Record<string, string>) {
  const result = validateValues(schema, form(values));
  if (!result.ok) assert.fail(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

describe('organisation form: CBS code', () => {
  it('a municipality is accepted with GM and 4 digits', () => {
    assert.equal(parse({ kind: 'municipality', cbs_code: 'GM0153' }).cbs_code, 'GM0153');
  });

  it('a CBS code typed in lower case is stored in capitals', () => {
    assert.equal(parse({ kind: 'municipality', cbs_code: 'gm0153' }).cbs_code, 'GM0153');
  });

  it('a municipality needs a CBS code', () => {
    assert.ok(errorsOf({ kind: 'municipality' })['cbs_code']);
  });

  it('a CBS code is GM and exactly 4 digits', () => {
    for (const code of ['0153', 'GM153', 'GM01534', 'GMA153', 'XX0153', 'GM 015']) {
      assert.ok(errorsOf({ kind: 'municipality', cbs_code: code })['cbs_code'], code);
    }
  });

  it('only a municipality has a CBS code', () => {
    assert.ok(errorsOf({ kind: 'social', cbs_code: 'GM0153' })['cbs_code']);
    assert.ok(errorsOf({ kind: 'practice', cbs_code: 'GM0153', agb_code: '01990001', ...practiceAddress })['cbs_code']);
  });
});

describe('organisation form: AGB code', () => {
  it('a GP practice is accepted with an AGB code of 8 digits and its address', () => {
    const org = parse({ kind: 'practice', agb_code: '01990001', ...practiceAddress });
    assert.equal(org.agb_code, '01990001');
    assert.equal(org.cbs_code, null);
  });

  it('a GP practice needs an AGB code of exactly 8 digits', () => {
    assert.ok(errorsOf({ kind: 'practice', ...practiceAddress })['agb_code']);
    for (const code of ['1990001', '0199000A', '0199-001']) {
      assert.ok(errorsOf({ kind: 'practice', agb_code: code, ...practiceAddress })['agb_code'], code);
    }
  });

  it('only a GP practice has an AGB code', () => {
    assert.ok(errorsOf({ kind: 'social', agb_code: '01990001' })['agb_code']);
    assert.ok(errorsOf({ kind: 'municipality', cbs_code: 'GM0153', agb_code: '01990001' })['agb_code']);
  });

  it('a GP practice needs its full address', () => {
    for (const missing of ['street', 'house_number', 'postcode', 'city']) {
      assert.ok(errorsOf({ kind: 'practice', agb_code: '01990001', ...practiceAddress, [missing]: '' })['street'], missing);
    }
  });
});

describe('organisation form: postcode', () => {
  it('is normalised to 4 digits, a space and 2 capitals', () => {
    assert.equal(parse({ postcode: '7511ab' }).postcode, '7511 AB');
    assert.equal(parse({ postcode: '7511 ab' }).postcode, '7511 AB');
    assert.equal(parse({ postcode: ' 7511 AB ' }).postcode, '7511 AB');
    assert.equal(normalisePostcode('7511ab'), '7511 AB');
  });

  it('is optional outside GP practices', () => {
    assert.equal(parse({ postcode: '' }).postcode, null);
  });

  it('refuses the letter pairs SA, SD and SS, which PostNL does not use', () => {
    for (const postcode of ['7511 SA', '7511SD', '7511 ss']) {
      assert.ok(errorsOf({ postcode })['postcode'], postcode);
      assert.equal(POSTCODE_PATTERN.test(postcode), false, postcode);
    }
    assert.ok(POSTCODE_PATTERN.test('7511 SB'));
  });

  it('refuses a postcode starting with 0, with too few digits, or with digits for letters', () => {
    for (const postcode of ['0511 AB', '751 AB', '7511 A', '7511 A1', 'AB 7511']) {
      assert.ok(errorsOf({ postcode })['postcode'], postcode);
    }
  });
});

describe('organisation form: other fields', () => {
  it('turns empty optional fields into null', () => {
    const org = parse({});
    for (const field of ['cbs_code', 'agb_code', 'street', 'house_number', 'postcode', 'city', 'phone', 'email', 'website'] as const) {
      assert.equal(org[field], null, field);
    }
  });

  it('needs a name, a known kind and a region', () => {
    assert.ok(errorsOf({ name: 'X' })['name']);
    assert.ok(errorsOf({ kind: 'hospital' })['kind']);
    assert.ok(errorsOf({ region_id: 'twente' })['region_id']);
  });

  it('refuses an invalid e-mail address', () => {
    assert.ok(errorsOf({ email: 'info-at-geldmaatjes' })['email']);
    assert.equal(parse({ email: 'info@geldmaatjes.nl' }).email, 'info@geldmaatjes.nl');
  });

  it('explains errors in the language of the page', () => {
    const english = validateValues(organisationSchema(translator('en')), form({ kind: 'municipality' }));
    assert.equal(english.ok, false);
    if (!english.ok) assert.match(english.errors['cbs_code']!, /A municipality has a CBS code/);
  });
});
