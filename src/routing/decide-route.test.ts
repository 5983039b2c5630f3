import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decideRoute, explainRoute, type AddressFacts, type RuleRow } from './decide-route.ts';

const hengelo = (district: string | null, districtName: string | null = null): AddressFacts => ({
  pc4: '7552',
  municipalityCode: 'GM0164',
  municipalityName: 'Hengelo',
  districtCode: district,
  districtName,
  inRegion: true,
});

const rules: RuleRow[] = [
  { municipalityCode: 'GM0164', districtCode: null, category: null, teamId: 'desk', teamName: 'Schuldhulp Hengelo' },
  { municipalityCode: 'GM0164', districtCode: 'WK016402', category: null, teamId: 'noord', teamName: 'Wijkteam Hengelo-Noord' },
  { municipalityCode: 'GM0164', districtCode: 'WK016402', category: 'money_buddy', teamId: 'buddy-noord', teamName: 'Geldmaatjes Noord' },
  { municipalityCode: 'GM0164', districtCode: null, category: 'food_bank', teamId: 'food', teamName: 'Voedselbank Hengelo' },
  { municipalityCode: 'GM0153', districtCode: null, category: null, teamId: 'enschede', teamName: 'Schuldhulpverlening Enschede' },
];
const regional = { teamId: 'region', teamName: 'Regionaal Meldpunt' };

describe('decideRoute', () => {
  test('a district team takes every need in its district', () => {
    const d = decideRoute(hengelo('WK016402', 'Noord'), 'debt_counselling', rules, regional);
    assert.equal(d.teamId, 'noord');
    assert.equal(d.reason, 'district');
  });

  test('a district rule for the exact need beats the general district team', () => {
    assert.equal(decideRoute(hengelo('WK016402'), 'money_buddy', rules, regional).teamId, 'buddy-noord');
  });

  test('the district team comes before a municipality-wide rule for the need', () => {
    assert.equal(decideRoute(hengelo('WK016402'), 'food_bank', rules, regional).teamId, 'noord');
  });

  test('outside the district, a municipality rule for the need applies', () => {
    const d = decideRoute(hengelo('WK016403'), 'food_bank', rules, regional);
    assert.equal(d.teamId, 'food');
    assert.equal(d.reason, 'municipality_need');
  });

  test("otherwise the municipality's fallback desk takes it", () => {
    const d = decideRoute(hengelo(null), 'debt_counselling', rules, regional);
    assert.equal(d.teamId, 'desk');
    assert.equal(d.reason, 'municipality_fallback');
  });

  test('without a need, the district team or fallback desk is chosen', () => {
    assert.equal(decideRoute(hengelo('WK016402'), null, rules, regional).teamId, 'noord');
    assert.equal(decideRoute(hengelo(null), null, rules, regional).teamId, 'desk');
  });

  test('rules of a neighbouring municipality never apply across the border', () => {
    const almelo: AddressFacts = {
      pc4: '7601',
      municipalityCode: 'GM0141',
      municipalityName: 'Almelo',
      districtCode: null,
      districtName: null,
      inRegion: true,
    };
    const d = decideRoute(almelo, 'debt_counselling', rules, regional);
    assert.equal(d.teamId, 'region');
    assert.equal(d.reason, 'no_municipality_rule');
  });

  test('an unknown postcode area goes to the regional desk, saying it lies outside the region', () => {
    const unknown: AddressFacts = { pc4: '1011', municipalityCode: null, municipalityName: null, districtCode: null, districtName: null, inRegion: false };
    const d = decideRoute(unknown, 'debt_counselling', rules, regional);
    assert.equal(d.teamId, 'region');
    assert.equal(d.reason, 'outside_region');
    assert.match(explainRoute(d, '1011 AB').nl, /buiten de regio → Regionaal Meldpunt/);
  });

  test('a known municipality of another region also counts as outside the region', () => {
    const amsterdam: AddressFacts = {
      pc4: '1011',
      municipalityCode: 'GM0363',
      municipalityName: null,
      districtCode: null,
      districtName: null,
      inRegion: false,
    };
    assert.equal(decideRoute(amsterdam, null, rules, regional).reason, 'outside_region');
  });

  test('with no regional desk configured, the decision says so with no team rather than guessing', () => {
    const unknown: AddressFacts = { pc4: '1011', municipalityCode: null, municipalityName: null, districtCode: null, districtName: null, inRegion: false };
    const d = decideRoute(unknown, null, rules, null);
    assert.equal(d.teamId, null);
  });

  test('the explanation names postcode, municipality, district and team in one line', () => {
    const d = decideRoute(hengelo('WK016402', 'Noord'), null, rules, regional);
    assert.equal(explainRoute(d, '7552 AB').nl, '7552 AB ligt in Hengelo, wijk Noord → Wijkteam Hengelo-Noord');
    assert.equal(explainRoute(d, '7552 AB').en, '7552 AB is in Hengelo, district Noord → Wijkteam Hengelo-Noord');
  });
});
