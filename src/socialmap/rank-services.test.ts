import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bestAreaMatch, matchesText, needFit, rankServices, type Candidate } from './rank-services.ts';

const address = { pc4: '7552', districtCode: 'WK016402', municipalityCode: 'GM0164' };
const area = (a: { pc4?: string; district?: string; municipality?: string }) => ({
  pc4: a.pc4 ?? null,
  district_code: a.district ?? null,
  municipality_code: a.municipality ?? null,
});

function candidate(name: string, over: Partial<Candidate> = {}): Candidate {
  return { id: name, name, categories: ['debt_counselling'], areaMatch: 'municipality', lastVerifiedAt: new Date('2026-10-01T00:00:00Z'), ...over };
}
const names = (list: Candidate[]) => list.map((c) => c.name);

describe('area match of a service for an address', () => {
  it('a PC4 area is the most specific match, then the district, then the municipality', () => {
    assert.equal(bestAreaMatch([area({ municipality: 'GM0164' }), area({ pc4: '7552' }), area({ district: 'WK016402' })], address), 'pc4');
    assert.equal(bestAreaMatch([area({ municipality: 'GM0164' }), area({ district: 'WK016402' })], address), 'district');
    assert.equal(bestAreaMatch([area({ municipality: 'GM0164' })], address), 'municipality');
  });

  it('areas elsewhere do not match', () => {
    assert.equal(bestAreaMatch([area({ pc4: '7601' }), area({ district: 'WK016401' }), area({ municipality: 'GM0153' })], address), null);
    assert.equal(bestAreaMatch([], address), null);
  });

  it('an address without a known district only matches on PC4 or municipality', () => {
    assert.equal(bestAreaMatch([area({ district: 'WK016402' })], { ...address, districtCode: null }), null);
  });
});

describe('need fit', () => {
  it('a service for exactly the asked need fits exactly', () => {
    assert.equal(needFit(['debt_counselling', 'budget_coaching'], 'budget_coaching'), 'exact');
  });

  it('a general entry point (wijkteam, inloop) fits every need, as second choice', () => {
    assert.equal(needFit(['neighbourhood_team'], 'debt_counselling'), 'general');
    assert.equal(needFit(['walk_in', 'admin_help'], 'food_bank'), 'general');
  });

  it('a service for another need does not fit', () => {
    assert.equal(needFit(['food_bank'], 'debt_counselling'), null);
  });

  it('without a need, every service fits', () => {
    assert.equal(needFit(['food_bank'], null), 'exact');
  });
});

describe('ranking of search results', () => {
  it('ranks a PC4 area above a district above the whole municipality, whatever the freshness', () => {
    const ranked = rankServices(
      [
        candidate('Gemeente', { areaMatch: 'municipality', lastVerifiedAt: new Date('2026-11-20T00:00:00Z') }),
        candidate('Postcode', { areaMatch: 'pc4', lastVerifiedAt: new Date('2024-01-01T00:00:00Z') }),
        candidate('Wijk', { areaMatch: 'district' }),
      ],
      'debt_counselling',
    );
    assert.deepEqual(names(ranked), ['Postcode', 'Wijk', 'Gemeente']);
  });

  it('within one area, a service for the need comes before a general entry point', () => {
    const ranked = rankServices([candidate('Wijkteam', { categories: ['neighbourhood_team'] }), candidate('Schuldhulp')], 'debt_counselling');
    assert.deepEqual(names(ranked), ['Schuldhulp', 'Wijkteam']);
    assert.deepEqual(
      ranked.map((r) => r.needFit),
      ['exact', 'general'],
    );
  });

  it('a general entry point for the postcode still comes before a specialist for the whole municipality', () => {
    const ranked = rankServices(
      [candidate('Schuldhulp gemeente'), candidate('Wijkteam Noord', { categories: ['neighbourhood_team'], areaMatch: 'district' })],
      'debt_counselling',
    );
    assert.deepEqual(names(ranked), ['Wijkteam Noord', 'Schuldhulp gemeente']);
  });

  it('with equal area and need, the most recently verified comes first and never-verified last', () => {
    const ranked = rankServices(
      [
        candidate('Nooit', { lastVerifiedAt: null }),
        candidate('Oud', { lastVerifiedAt: new Date('2025-01-01T00:00:00Z') }),
        candidate('Vers', { lastVerifiedAt: new Date('2026-11-01T00:00:00Z') }),
      ],
      'debt_counselling',
    );
    assert.deepEqual(names(ranked), ['Vers', 'Oud', 'Nooit']);
  });

  it('services for another need are left out', () => {
    const ranked = rankServices([candidate('Voedselbank', { categories: ['food_bank'] }), candidate('Schuldhulp')], 'debt_counselling');
    assert.deepEqual(names(ranked), ['Schuldhulp']);
  });

  it('equal services are ordered by name, so the order is stable', () => {
    const ranked = rankServices([candidate('Zeta'), candidate('Alfa'), candidate('Èta')], null);
    assert.deepEqual(names(ranked), ['Alfa', 'Èta', 'Zeta']);
  });
});

describe('free text', () => {
  it('every word must appear, ignoring capitals and accents', () => {
    assert.ok(matchesText(['Schuldhulp Almelo', 'Hulp bij schulden en betalingsachterstanden'], 'almelo SCHULDEN'));
    assert.ok(matchesText(['Café Inloop'], 'cafe'));
    assert.equal(matchesText(['Schuldhulp Almelo'], 'almelo voedsel'), false);
  });

  it('no text matches everything', () => {
    assert.ok(matchesText(['x'], null));
    assert.ok(matchesText(['x'], '   '));
  });
});
