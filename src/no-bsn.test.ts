/**
 * No BSN, ever (docs/product.md): one rule, tested per field. Every free-text field a person writes —
 * in a form or through the HSDS import — refuses a BSN with the one message of platform/bsn.ts.
 * Where the text is about a known person or an organisation, only a number that passes the BSN
 * eleven-test is refused, so an invoice number of 9 digits still goes through; where the text must
 * stay anonymous (consultation, signal record), any 9-digit number is refused.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { bsnMessage } from './platform/bsn.ts';
import { validateValues } from './platform/http/forms.ts';
import { translator } from './platform/i18n.ts';
import { referralDetailsSchema } from './referrals/referral-form.ts';
import { cancelSchema, closeSchema, contactAttemptSchema, forwardSchema, rejectSchema } from './referrals/action-forms.ts';
import { referralMessageSchema } from './referrals/message-schema.ts';
import { consultationReplySchema, consultationSchema } from './consultations/consultation-schemas.ts';
import { identifyingDataMessage } from './consultations/identifying-data.ts';
import { signalRecordSchema } from './signals/signal-records.ts';
import { contactSchema } from './selfcheck/pages.tsx';
import { ui } from './selfcheck/texts.ts';
import { contactFormSchema, locationFormSchema, serviceFormSchema } from './socialmap/entry-forms.ts';
import { organisationSchema } from './admin/organisations.ts';
import { teamSchema } from './admin/teams.ts';
import { userSchema } from './admin/users.ts';
import { importDocumentSchema } from './interop/hsds/import-schema.ts';
import { formatPath } from './interop/hsds/import-map.ts';

const t = translator('nl');
const TODAY = '2026-11-23';
/** Passes the eleven-test: 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 1·3 = 66 = 6·11. */
const WITH_BSN = 'nr 111222333';
/** Fails the eleven-test: an invoice number, not a BSN. */
const WITH_OTHER_NUMBER = 'nr 123456789';
const TEAM = '0b6f0c7e-4a53-4c2f-9f8e-1d2a3b4c5d6e';

type Rule = 'eleven-test' | 'any 9 digits';
interface FieldCase {
  form: string;
  field: string;
  rule: Rule;
  message: string;
  /** The field's error with `text` in it, on an otherwise valid form; and whether the whole form was valid. */
  parse: (text: string) => { ok: boolean; error: string | undefined };
}

/** One case per field of a flat form: the base values are valid, the field gets the text. */
function formCases(form: string, schema: z.ZodType, base: Record<string, unknown>, fields: string[], rule: Rule = 'eleven-test', message = bsnMessage.nl) {
  return fields.map((field): FieldCase => ({
    form,
    field,
    rule,
    message,
    parse: (text) => {
      const result = validateValues(schema, { ...base, [field]: text } as Record<string, string>);
      return { ok: result.ok, error: result.ok ? undefined : result.errors[field] };
    },
  }));
}

const referral = {
  idempotency_key: 'abcdefghijklmnopqrstuvwxyz012345',
  patient_name: 'Johanna Testpersoon',
  birth_date: '09-03-1971',
  phone: '06 1234 5678',
  postcode: '7552ab',
  house_number: '14a',
  preferred_language: 'Nederlands',
  best_time_to_call: 'na 15.00 uur',
  need_debt_counselling: 'ja',
  question: 'Ik slaap slecht door de rekeningen.',
  handover: 'phone_together',
  contact_channel: 'phone',
};

const service = {
  organisation_id: TEAM,
  name: 'Schuldhulpverlening Almelo',
  description: 'Hulp bij schulden',
  phone: '0546 54 1234',
  is_free: 'no',
  fees_description: 'Eigen bijdrage',
  eligibility_description: 'Inwoners van Almelo',
  application_process: 'Bel ons',
  cat_debt_counselling: 'on',
  lang_nl: 'on',
  gm_GM0141: 'on',
};
const location = {
  organisation_id: TEAM,
  name: 'Wijkwijzer Velve-Lindenhof',
  description: 'Buurthuis',
  street: 'Lipperkerkstraat',
  house_number: '8',
  postcode: '7533ah',
  city: 'Enschede',
  accessibility: 'Rolstoeltoegankelijk',
};

/** A valid HSDS document with every free text we keep filled in; the field is a path in it. */
function hsdsDocument() {
  const id = (n: number) => `${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8${String(n).repeat(3)}-${String(n).repeat(12)}`;
  const schedule = { id: id(5), freq: 'WEEKLY', byday: 'MO', opens_at: '09:00', closes_at: '12:00', notes: 'Op afspraak' };
  const hours = { id: id(6), taxonomy_term: { taxonomy: 'korte-lijn-contact-hours', code: 'phone' }, value: '{"byday":"MO","notes":"Alleen ochtend"}' };
  const contact = { id: id(3), name: 'Balie', title: 'Medewerker', attributes: [hours] };
  return {
    organizations: [
      {
        id: id(1),
        name: 'Voedselbank',
        description: 'Hulp met eten',
        contacts: [contact],
        locations: [
          {
            id: id(4),
            name: 'Uitgiftepunt',
            description: 'Achteringang',
            addresses: [{ address_1: 'Marktstraat 1', city: 'Hengelo', postal_code: '7551 AA' }],
            accessibility: [{ description: 'Drempelvrij' }],
            schedules: [schedule],
          },
        ],
        services: [
          {
            id: id(2),
            name: 'Voedselpakket',
            status: 'active',
            description: 'Een pakket per week',
            application_process: 'Via de wijkcoach',
            fees_description: 'Gratis',
            eligibility_description: 'Met een verwijzing',
            schedules: [{ ...schedule, id: id(7) }],
          },
        ],
      },
    ],
  };
}

function setPath(doc: unknown, path: string, value: string): void {
  const keys = path.match(/[^.[\]]+/g)!;
  let at = doc as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
}

const hsdsCases = [
  'organizations[0].name',
  'organizations[0].description',
  'organizations[0].contacts[0].name',
  'organizations[0].contacts[0].title',
  'organizations[0].contacts[0].attributes[0].value',
  'organizations[0].locations[0].name',
  'organizations[0].locations[0].description',
  'organizations[0].locations[0].addresses[0].address_1',
  'organizations[0].locations[0].addresses[0].city',
  'organizations[0].locations[0].accessibility[0].description',
  'organizations[0].locations[0].schedules[0].notes',
  'organizations[0].services[0].name',
  'organizations[0].services[0].description',
  'organizations[0].services[0].application_process',
  'organizations[0].services[0].fees_description',
  'organizations[0].services[0].eligibility_description',
  'organizations[0].services[0].schedules[0].notes',
].map((path): FieldCase => ({
  form: 'HSDS import',
  field: path,
  rule: 'eleven-test',
  message: bsnMessage.nl,
  parse: (text) => {
    const doc = hsdsDocument();
    // The contact hours keep their note inside a JSON value.
    setPath(doc, path, path.endsWith('.value') ? JSON.stringify({ byday: 'MO', notes: text }) : text);
    const result = importDocumentSchema(t).safeParse(doc);
    return { ok: result.success, error: result.error?.issues.find((i) => formatPath(i.path) === path)?.message };
  },
}));

const anonymous = identifyingDataMessage(['bsn']).nl;

const cases: FieldCase[] = [
  ...formCases('referral form', referralDetailsSchema(t, TODAY), referral, ['question', 'best_time_to_call', 'patient_name', 'preferred_language']),
  ...formCases(
    'forward',
    forwardSchema(t),
    { to_team_id: TEAM, consent_team_id: TEAM, forward_reason: 'Past beter', forward_consent: 'ja', forward_consent_method: 'verbal' },
    ['forward_reason'],
  ),
  ...formCases('reject', rejectSchema(t), { reject_code: 'outside_area', reject_reason: 'Niet ons gebied' }, ['reject_reason']),
  ...formCases('close', closeSchema(t), { outcome: 'trajectory_started', feedback: 'Goed gesprek' }, ['feedback']),
  ...formCases('contact attempt', contactAttemptSchema(t), { attempt_note: 'Geen gehoor' }, ['attempt_note']),
  ...formCases('cancel', cancelSchema(t), { cancel_reason: 'Dubbel verstuurd' }, ['cancel_reason']),
  ...formCases('referral message', referralMessageSchema(t), { body: 'Kunt u even bellen?' }, ['body']),
  ...formCases(
    'consultation',
    consultationSchema(t, TODAY),
    { team_id: TEAM, subject: 'Huurachterstand', question: 'Wie helpt bij een huurachterstand?' },
    ['subject', 'question'],
    'any 9 digits',
    anonymous,
  ),
  ...formCases('consultation reply', consultationReplySchema(t, TODAY), { body: 'Bel de wijkcoach.' }, ['body'], 'any 9 digits', anonymous),
  ...formCases('signal record', signalRecordSchema(t), { signals: ['stress'], outcome: 'later', note: 'Wil eerst nadenken' }, ['note'], 'any 9 digits'),
  ...formCases(
    'self-check contact',
    contactSchema('nl', false),
    { name: 'Ayse Yilmaz', phone: '06 1234 5678', postcode: '7551 AB', house_number: '12', best_time: 'ochtend' },
    ['name', 'house_number', 'best_time'],
    'eleven-test',
    ui.noBsn.nl,
  ),
  ...formCases('social map service', serviceFormSchema(t), service, [
    'name',
    'description',
    'fees_description',
    'eligibility_description',
    'application_process',
  ]),
  ...formCases('social map location', locationFormSchema(t), location, ['name', 'description', 'street', 'house_number', 'city', 'accessibility']),
  ...formCases(
    'social map contact',
    contactFormSchema(t),
    { name: 'Anouk Brink', job_title: 'Schuldhulpverlener', email: 'a@example.nl', visibility: 'public' },
    ['name', 'job_title'],
  ),
  ...formCases(
    'organisation',
    organisationSchema(t),
    { kind: 'social', name: 'Stichting Hulp', region_id: TEAM, street: 'Markt', house_number: '1', city: 'Almelo' },
    ['name', 'street', 'house_number', 'city'],
  ),
  ...formCases('team', teamSchema(t), { organisation_id: TEAM, name: 'Schuldhulp Noord' }, ['name']),
  ...formCases('user', userSchema(t), { email: 'a@example.nl', name: 'Anouk Brink', role: 'team_member', team_id: TEAM }, ['name']),
  ...hsdsCases,
];

describe('no BSN in any free-text field: one rule, tested per field', () => {
  for (const c of cases) {
    test(`${c.form}, ${c.field}: a BSN is refused with the one message`, () => {
      assert.deepEqual(c.parse('Gewone tekst'), { ok: true, error: undefined }, 'the form is valid without a BSN');
      assert.equal(c.parse(WITH_BSN).error, c.message);
    });
    if (c.rule === 'eleven-test') {
      test(`${c.form}, ${c.field}: a 9-digit number that fails the eleven-test is accepted`, () => {
        assert.deepEqual(c.parse(WITH_OTHER_NUMBER), { ok: true, error: undefined });
      });
    } else {
      test(`${c.form}, ${c.field}: stays anonymous, so any 9-digit number is refused`, () => {
        assert.equal(c.parse(WITH_OTHER_NUMBER).error, c.message);
      });
    }
  }

  test('the referral note with the issue’s example is refused; the message is one for every field', () => {
    const result = validateValues(referralDetailsSchema(t, TODAY), { ...referral, question: 'Betalingsachterstand, BSN 111222333, graag bellen' });
    assert.equal(result.ok, false);
    assert.equal(result.ok ? undefined : result.errors['question'], bsnMessage.nl);
    assert.match(bsnMessage.nl, /^Uw tekst bevat een nummer dat lijkt op een BSN/);
  });

  test('the self-check says it in the resident’s language', () => {
    const result = validateValues(contactSchema('tr', false), { name: 'Ayse 111222333', phone: '06 1234 5678', postcode: '7551 AB' });
    assert.equal(result.ok ? undefined : result.errors['name'], ui.noBsn.tr);
    assert.match(ui.noBsn.tr, /BSN/);
  });
});
