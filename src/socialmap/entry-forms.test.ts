import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../platform/i18n.ts';
import { validateValues } from '../platform/http/forms.ts';
import { contactFormSchema, contactFormValues, locationFormSchema, serviceFormSchema, serviceFormValues } from './entry-forms.ts';

const t = translator('nl');
const ORG = '0b6f0c7e-4a53-4c2f-9f8e-1d2a3b4c5d6e';
const LOC = '1c6f0c7e-4a53-4c2f-9f8e-1d2a3b4c5d6e';

const serviceForm = (over: Record<string, string> = {}) => ({
  organisation_id: ORG,
  team_id: '',
  name: 'Schuldhulpverlening Almelo',
  description: '',
  phone: '0546 54 1234',
  email: '',
  url: '',
  is_free: 'yes',
  fees_description: '',
  eligibility_description: '',
  application_process: '',
  pc4s: '',
  cat_debt_counselling: 'on',
  lang_nl: 'on',
  gm_GM0141: 'on',
  ...over,
});

describe('service form', () => {
  it('turns ticked boxes into categories, languages, areas and locations', () => {
    const result = validateValues(
      serviceFormSchema(t),
      serviceForm({ cat_budget_coaching: 'on', lang_tr: 'on', wk_WK016402: 'on', pc4s: '7602, 7601 7601', [`loc_${LOC}`]: 'on', phone_1: '9-12' }),
    );
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.deepEqual(result.data.categories, ['debt_counselling', 'budget_coaching']);
    assert.deepEqual(result.data.languages, ['nl', 'tr']);
    assert.deepEqual(result.data.areas, { municipalities: ['GM0141'], districts: ['WK016402'], pc4s: ['7601', '7602'] });
    assert.deepEqual(result.data.location_ids, [LOC]);
    assert.deepEqual(result.data.phone_hours, [{ weekday: 1, opens_at: '09:00', closes_at: '12:00' }]);
    assert.equal(result.data.is_free, true);
    assert.equal(result.data.team_id, null);
  });

  it('needs at least one kind of help, one language and one area, and says so all at once', () => {
    const result = validateValues(serviceFormSchema(t), serviceForm({ cat_debt_counselling: '', lang_nl: '', gm_GM0141: '', name: '' }));
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(Object.keys(result.errors).sort(), ['areas', 'categories', 'languages', 'name']);
  });

  it('refuses a PC4 that is not 4 digits and hours that cannot be read, naming the day', () => {
    const result = validateValues(serviceFormSchema(t), serviceForm({ pc4s: '7601, 760', phone_3: 'ochtend' }));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.ok(result.errors['pc4s']);
      assert.match(result.errors['phone_3']!, /^Woensdag:/);
    }
  });

  it('an empty post gets Dutch messages, not technical ones', () => {
    const result = validateValues(serviceFormSchema(t), {});
    assert.equal(result.ok, false);
    if (!result.ok) {
      for (const message of Object.values(result.errors)) assert.doesNotMatch(message, /Invalid|expected/i, message);
      assert.ok(result.errors['name'] && result.errors['organisation_id']);
    }
  });

  it('a free service has no fee description', () => {
    const result = validateValues(serviceFormSchema(t), serviceForm({ fees_description: '€ 10' }));
    assert.ok(result.ok);
    assert.equal(result.data.fees_description, null);
  });

  it('a stored service fills the form with the same values it was saved from', () => {
    const result = validateValues(serviceFormSchema(t), serviceForm({ lang_en: 'on', pc4s: '7601', phone_2: '13:00-16:00' }));
    assert.ok(result.ok);
    const again = validateValues(serviceFormSchema(t), serviceFormValues({ ...result.data, status: 'active' }));
    assert.ok(again.ok);
    assert.deepEqual(again.data, result.data);
  });
});

describe('location form', () => {
  const locationForm = (over: Record<string, string> = {}) => ({
    organisation_id: ORG,
    name: 'Wijkwijzer Velve-Lindenhof',
    description: '',
    street: 'Lipperkerkstraat',
    house_number: '8',
    postcode: '7533ah',
    city: 'Enschede',
    accessibility: '',
    ...over,
  });

  it('writes the postcode the Dutch way and reads walk-in hours', () => {
    const result = validateValues(locationFormSchema(t), locationForm({ is_walk_in: 'on', walk_in_2: '09:00-12:00', opening_2: '08:30-17:00' }));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.equal(result.data.postcode, '7533 AH');
    assert.equal(result.data.is_walk_in, true);
    assert.deepEqual(result.data.walk_in_hours, [{ weekday: 2, opens_at: '09:00', closes_at: '12:00' }]);
    assert.deepEqual(result.data.opening_hours, [{ weekday: 2, opens_at: '08:30', closes_at: '17:00' }]);
  });

  it('needs a full address with a six-character postcode', () => {
    const result = validateValues(locationFormSchema(t), locationForm({ postcode: '7533', street: '' }));
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(Object.keys(result.errors).sort(), ['postcode', 'street']);
  });
});

describe('contact form', () => {
  it('needs a name, who may see it, and a phone number or e-mail address', () => {
    const result = validateValues(contactFormSchema(t), { name: '', job_title: '', phone: '', email: '' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(Object.keys(result.errors).sort(), ['name', 'phone', 'visibility']);
  });

  it('keeps phone hours per weekday and fills the form back', () => {
    const values = {
      name: 'Anouk Brink',
      job_title: 'Schuldhulpverlener',
      phone: '06 1234 5678',
      email: '',
      visibility: 'professional',
      phone_4: '08:30-10:00',
    };
    const result = validateValues(contactFormSchema(t), values);
    assert.ok(result.ok);
    assert.deepEqual(result.data.phone_hours, [{ weekday: 4, opens_at: '08:30', closes_at: '10:00' }]);
    assert.equal(contactFormValues(result.data)['phone_4'], '08:30-10:00');
  });

  it('refuses an e-mail address without @', () => {
    const result = validateValues(contactFormSchema(t), { name: 'Anouk Brink', phone: '', email: 'anouk.brink', visibility: 'public' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.ok(result.errors['email']);
  });
});
