import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decideRoute, explainRoute, type AddressFacts, type FallbackDesks, type RuleRow } from './decide-route.ts';

const TWENTE = 'region-twente';
const IJSSELLAND = 'region-ijsselland';
const ACHTERHOEK = 'region-achterhoek';

const hengelo = (district: string | null, districtName: string | null = null): AddressFacts => ({
  pc4: '7552',
  municipalityCode: 'GM0164',
  municipalityName: 'Hengelo',
  districtCode: district,
  districtName,
  regionId: TWENTE,
});
const almelo: AddressFacts = { pc4: '7601', municipalityCode: 'GM0141', municipalityName: 'Almelo', districtCode: null, districtName: null, regionId: TWENTE };
const zwolle: AddressFacts = {
  pc4: '8011',
  municipalityCode: 'GM0193',
  municipalityName: 'Zwolle',
  districtCode: null,
  districtName: null,
  regionId: IJSSELLAND,
};
/** 1011 AB, Amsterdam: a postcode that no configured region serves. */
const amsterdam: AddressFacts = { pc4: '1011', municipalityCode: null, municipalityName: null, districtCode: null, districtName: null, regionId: null };

const rules: RuleRow[] = [
  { municipalityCode: 'GM0164', districtCode: null, category: null, teamId: 'desk', teamName: 'Schuldhulp Hengelo' },
  { municipalityCode: 'GM0164', districtCode: 'WK016402', category: null, teamId: 'noord', teamName: 'Wijkteam Hengelo-Noord' },
  { municipalityCode: 'GM0164', districtCode: 'WK016402', category: 'money_buddy', teamId: 'buddy-noord', teamName: 'Geldmaatjes Noord' },
  { municipalityCode: 'GM0164', districtCode: null, category: 'food_bank', teamId: 'food', teamName: 'Voedselbank Hengelo' },
  { municipalityCode: 'GM0153', districtCode: null, category: null, teamId: 'enschede', teamName: 'Schuldhulpverlening Enschede' },
];
const byRegion = new Map([
  [ACHTERHOEK, { teamId: 'achterhoek', teamName: 'Meldpunt Achterhoek' }],
  [TWENTE, { teamId: 'region', teamName: 'Regionaal Meldpunt' }],
  [IJSSELLAND, { teamId: 'ijsselland', teamName: 'Meldpunt IJsselland' }],
]);
/** Asked by a Twente practice. */
const fromTwente: FallbackDesks = { byRegion, askingRegionId: TWENTE };
/** Asked by a resident through the self-check: no asking region. */
const selfReferral: FallbackDesks = { byRegion, askingRegionId: null };

describe('decideRoute', () => {
  test('a district team takes every need in its district', () => {
    const d = decideRoute(hengelo('WK016402', 'Noord'), 'debt_counselling', rules, fromTwente);
    assert.equal(d.teamId, 'noord');
    assert.equal(d.reason, 'district');
  });

  test('a district rule for the exact need beats the general district team', () => {
    assert.equal(decideRoute(hengelo('WK016402'), 'money_buddy', rules, fromTwente).teamId, 'buddy-noord');
  });

  test('the district team comes before a municipality-wide rule for the need', () => {
    assert.equal(decideRoute(hengelo('WK016402'), 'food_bank', rules, fromTwente).teamId, 'noord');
  });

  test('outside the district, a municipality rule for the need applies', () => {
    const d = decideRoute(hengelo('WK016403'), 'food_bank', rules, fromTwente);
    assert.equal(d.teamId, 'food');
    assert.equal(d.reason, 'municipality_need');
  });

  test("otherwise the municipality's fallback desk takes it", () => {
    const d = decideRoute(hengelo(null), 'debt_counselling', rules, fromTwente);
    assert.equal(d.teamId, 'desk');
    assert.equal(d.reason, 'municipality_fallback');
  });

  test('without a need, the district team or fallback desk is chosen', () => {
    assert.equal(decideRoute(hengelo('WK016402'), null, rules, fromTwente).teamId, 'noord');
    assert.equal(decideRoute(hengelo(null), null, rules, fromTwente).teamId, 'desk');
  });

  test('rules of a neighbouring municipality never apply across the border', () => {
    const d = decideRoute(almelo, 'debt_counselling', rules, fromTwente);
    assert.equal(d.teamId, 'region');
    assert.equal(d.reason, 'no_municipality_rule');
  });

  test("a resident of another region goes to their own region's desk, not to the desk of the practice's region", () => {
    const d = decideRoute(zwolle, 'debt_counselling', rules, fromTwente);
    assert.equal(d.teamId, 'ijsselland');
    assert.equal(d.reason, 'no_municipality_rule');
    assert.equal(
      explainRoute(d, '8011 AB').nl,
      '8011 AB ligt in Zwolle, maar daar is nog geen team ingesteld. De verwijzing gaat naar Meldpunt IJsselland. Dit is het regionale loket. Dat zoekt de juiste hulp in de woonplaats.',
    );
  });

  test("a self-referral goes to the resident's own region's desk, even when another region sorts first", () => {
    assert.equal(decideRoute(zwolle, null, rules, selfReferral).teamId, 'ijsselland');
    assert.equal(decideRoute(almelo, null, rules, selfReferral).teamId, 'region');
  });

  test("a resident whose region has no desk gets no team, rather than the desk of the practice's region", () => {
    const d = decideRoute(zwolle, null, rules, { byRegion: new Map([[TWENTE, byRegion.get(TWENTE)!]]), askingRegionId: TWENTE });
    assert.equal(d.teamId, null);
    assert.equal(explainRoute(d, '8011').nl, '8011 ligt in Zwolle, maar daar is nog geen team ingesteld en ook geen regionaal loket.');
  });

  test("an address in no region goes to the practice's regional desk, which the explanation says plainly", () => {
    const d = decideRoute(amsterdam, 'debt_counselling', rules, fromTwente);
    assert.equal(d.teamId, 'region');
    assert.equal(d.reason, 'outside_region');
    const text = explainRoute(d, '1011 AB');
    assert.equal(
      text.nl,
      '1011 AB ligt buiten de regio. De inwoner woont in een gemeente waar Korte Lijn geen team heeft. Daarom gaat de verwijzing naar het regionale loket van de praktijk: Regionaal Meldpunt. Dit loket zoekt hulp in de gemeente van de inwoner.',
    );
    assert.equal(
      text.en,
      "1011 AB is outside the region. The resident lives in a municipality where Korte Lijn has no team. So the referral goes to the practice's regional desk: Regionaal Meldpunt. This desk finds help in the resident's municipality.",
    );
  });

  test('a known municipality that belongs to no configured region also counts as outside the region', () => {
    const unconfigured: AddressFacts = { ...amsterdam, municipalityCode: 'GM0363' };
    const d = decideRoute(unconfigured, null, rules, fromTwente);
    assert.equal(d.reason, 'outside_region');
    assert.equal(d.teamId, 'region');
  });

  test('a self-referral from an address in no region gets no team, whichever region sorts first, and the explanation says it is not stored', () => {
    const d = decideRoute(amsterdam, 'debt_counselling', rules, selfReferral);
    assert.equal(d.teamId, null);
    assert.equal(d.reason, 'outside_region');
    assert.match(explainRoute(d, '1011 AB').nl, /^1011 AB ligt buiten de regio\. .* Een aanmelding via de zelftest wordt niet bewaard/);
  });

  test('the explanation names postcode, municipality, district and team in one line', () => {
    const d = decideRoute(hengelo('WK016402', 'Noord'), null, rules, fromTwente);
    assert.equal(explainRoute(d, '7552 AB').nl, '7552 AB ligt in Hengelo, wijk Noord. De verwijzing gaat naar Wijkteam Hengelo-Noord.');
    assert.equal(explainRoute(d, '7552 AB').en, '7552 AB is in Hengelo, district Noord. The referral goes to Wijkteam Hengelo-Noord.');
  });
});
