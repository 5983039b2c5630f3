import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Schedule } from '../../platform/db/schema.ts';
import { translator } from '../../platform/i18n.ts';
import { uuidV5 } from './ids.ts';
import { amsterdamDate } from '../../platform/dates.ts';
import { addressLine, groupSchedules, splitAddressLine, toUri } from './to-hsds.ts';
import { importDocumentSchema, parseAreaExtent, parseByday } from './import-schema.ts';
import { planImport } from './from-hsds.ts';
import { attribute, recogniseAttribute, taxonomies, termId } from './taxonomies.ts';
import { parsePageRequest, toPage } from './pagination.ts';
import { AppError } from '../../platform/errors.ts';

const row = (
  weekday: number,
  kind: Schedule['kind'],
  opens_at: string,
  closes_at: string,
  note: string | null = null,
  id = `00000000-0000-4000-8000-00000000000${weekday}`,
): Schedule => ({
  id,
  service_id: 'svc',
  location_id: null,
  contact_id: null,
  kind,
  weekday,
  opens_at,
  closes_at,
  note,
});

describe('HSDS mapping rules', () => {
  it('derived ids are RFC 9562 version-5 UUIDs (the standard test vector) and stable', () => {
    assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
    assert.equal(uuidV5('a'), uuidV5('a'));
    assert.notEqual(uuidV5('a'), uuidV5('b'));
  });

  it('per-weekday rows with the same kind, hours and note become one weekly schedule, keyed by the earliest day', () => {
    const groups = groupSchedules([
      row(3, 'phone', '09:00', '12:00'),
      row(1, 'phone', '09:00', '12:00'),
      row(5, 'walk_in', '13:00', '16:00', 'Zonder afspraak'),
      row(2, 'phone', '13:00', '14:00'),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.kind, g.weekdays, g.opens_at, g.id.slice(-1)]),
      [
        ['walk_in', [5], '13:00', '5'],
        ['phone', [1, 3], '09:00', '1'],
        ['phone', [2], '13:00', '2'],
      ],
    );
  });

  it('byday lists MO to SU and is read back to ISO weekdays; monthly ordinals are refused', () => {
    assert.deepEqual(parseByday('MO,WE,SU'), [1, 3, 7]);
    assert.deepEqual(parseByday('fr, mo'), [1, 5]);
    assert.equal(parseByday('2MO'), null);
    assert.equal(parseByday(''), null);
  });

  it('a Dutch address line splits at the last part that starts with a digit', () => {
    assert.deepEqual(splitAddressLine('Hengelosestraat 51'), { street: 'Hengelosestraat', houseNumber: '51' });
    assert.deepEqual(splitAddressLine('Plein 1945 12 A'), { street: 'Plein 1945', houseNumber: '12 A' });
    assert.deepEqual(splitAddressLine('Markt'), { street: 'Markt', houseNumber: null });
    assert.equal(addressLine('Pathmossingel', '200 A'), 'Pathmossingel 200 A');
    const { street, houseNumber } = splitAddressLine(addressLine('Pathmossingel', '200 A'));
    assert.equal(addressLine(street, houseNumber), 'Pathmossingel 200 A');
  });

  it('service area extents are CBS municipality or district codes or a PC4; anything else is not recognised', () => {
    assert.deepEqual(parseAreaExtent('GM0153'), { municipality_code: 'GM0153' });
    assert.deepEqual(parseAreaExtent('wk0363ad'), { district_code: 'WK0363AD' });
    assert.deepEqual(parseAreaExtent('7511'), { pc4: '7511' });
    assert.equal(parseAreaExtent('0511'), null);
    assert.equal(parseAreaExtent('{"type":"Polygon"}'), null);
  });

  it('web addresses without a scheme get https:// so they validate as uri; other schemes are left out', () => {
    assert.equal(toUri('www.example.nl'), 'https://www.example.nl/');
    assert.equal(toUri('https://example.nl/a b'), 'https://example.nl/a%20b');
    assert.equal(toUri('javascript:alert(1)'), undefined);
    assert.equal(toUri(null), undefined);
  });

  it('the last-verified date is the Amsterdam calendar day, also just before midnight UTC in summer', () => {
    assert.equal(amsterdamDate(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
    assert.equal(amsterdamDate(new Date('2026-01-31T22:30:00Z')), '2026-01-31');
  });

  it('our attributes are recognised by taxonomy key and code, or by term id alone; other taxonomies are ignored', () => {
    const a = attribute(taxonomies.need, 'food_bank', { entity: 'service', id: 'x' });
    assert.deepEqual(recogniseAttribute(a), { taxonomy: 'need', code: 'food_bank' });
    assert.deepEqual(recogniseAttribute({ taxonomy_term_id: termId(taxonomies.scheduleKind, 'walk_in') }), { taxonomy: 'scheduleKind', code: 'walk_in' });
    assert.equal(recogniseAttribute({ taxonomy_term: { taxonomy: 'openeligibility', code: 'debt' } }), null);
  });

  it('pages follow the HSDS Page envelope; page and per_page are checked', () => {
    assert.deepEqual(toPage({ page: 2, perPage: 2 }, 5, ['c', 'd']), {
      total_items: 5,
      total_pages: 3,
      page_number: 2,
      per_page: 2,
      size: 2,
      first_page: false,
      last_page: false,
      empty: false,
      contents: ['c', 'd'],
    });
    assert.equal(toPage({ page: 1, perPage: 10 }, 0, []).empty, true);
    assert.deepEqual(parsePageRequest({}), { page: 1, perPage: 50 });
    for (const bad of [{ page: '0' }, { page: 'x' }, { per_page: '500' }, { per_page: '-1' }]) {
      assert.throws(
        () => parsePageRequest(bad),
        (err) => err instanceof AppError && err.status === 400 && /per_page|page/.test(err.userMessage.nl),
      );
    }
  });
});

describe('HSDS import planning', () => {
  const organisationId = '11111111-1111-4111-8111-111111111111';
  const serviceId = '22222222-2222-4222-8222-222222222222';
  const parse = (doc: unknown) => importDocumentSchema(translator('nl')).parse(doc);

  it('a foreign HSDS service without our attributes imports with safe defaults: social organisation, professional contacts, not free', () => {
    const result = planImport(
      parse([
        {
          id: organisationId,
          name: 'Voedselbank',
          description: 'Hulp met eten',
          contacts: [{ id: '33333333-3333-4333-8333-333333333333', name: 'Balie' }],
          services: [
            {
              id: serviceId,
              name: 'Voedselpakket',
              status: 'temporarily closed',
              schedules: [{ id: '44444444-4444-4444-8444-444444444444', freq: 'WEEKLY', byday: 'TU,TH', opens_at: '10:00:00', closes_at: '12:00' }],
            },
          ],
        },
      ]),
    );
    assert.ok(result.ok);
    assert.equal(result.plan.organisations[0]!.kind, 'social');
    assert.equal(result.plan.contacts[0]!.visibility, 'professional');
    assert.equal(result.plan.services[0]!.is_free, false);
    assert.equal(result.plan.services[0]!.status, 'inactive');
    assert.deepEqual(
      result.plan.schedules.map((s) => [s.kind, s.weekday, s.opens_at, s.id === '44444444-4444-4444-8444-444444444444']),
      [
        ['opening', 2, '10:00', true],
        ['opening', 4, '10:00', false],
      ],
    );
  });

  it('an unknown need, a municipality without CBS code and a repeated id are each reported with their place in the document', () => {
    const result = planImport(
      parse({
        organizations: [
          {
            id: organisationId,
            name: 'Gemeente X',
            attributes: [{ taxonomy_term: { taxonomy: 'korte-lijn-organisation-kind', code: 'municipality' } }],
            services: [
              { id: serviceId, name: 'A', status: 'active', attributes: [{ taxonomy_term: { taxonomy: 'korte-lijn-need', code: 'lottery' } }] },
              { id: serviceId, name: 'B', status: 'active' },
            ],
          },
        ],
      }),
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.issues.map((i) => i.path),
      ['organizations[0].organization_identifiers', 'organizations[0].services[0].attributes[0]', 'organizations[0].services[1]'],
    );
    assert.match(result.issues[1]!.message.nl, /onbekende soort hulp 'lottery'/);
  });

  it('the document schema refuses schedules that are not weekly, times with a time zone and hours that end before they start', () => {
    const parsed = importDocumentSchema(translator('nl')).safeParse({
      organizations: [
        {
          id: organisationId,
          name: 'X',
          services: [
            {
              id: serviceId,
              name: 'Y',
              status: 'active',
              schedules: [
                { id: '44444444-4444-4444-8444-444444444444', freq: 'MONTHLY', byday: 'MO', opens_at: '09:00', closes_at: '10:00' },
                { id: '55555555-5555-4555-8555-555555555555', byday: 'MO', opens_at: '09:00Z', closes_at: '10:00' },
                { id: '66666666-6666-4666-8666-666666666666', byday: 'MO', opens_at: '11:00', closes_at: '10:00' },
              ],
            },
          ],
        },
      ],
    });
    assert.ok(!parsed.success);
    const paths = parsed.error.issues.map((i) => i.path.join('.'));
    assert.deepEqual(paths, [
      'organizations.0.services.0.schedules.0.freq',
      'organizations.0.services.0.schedules.1.opens_at',
      'organizations.0.services.0.schedules.2.closes_at',
    ]);
  });
});
