import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../platform/i18n.ts';
import { barRows, chartSvg, MAX_BARS } from './chart.ts';
import type { FigureTable, Row } from './figure-tables.ts';

function teamsTable(count: number): FigureTable {
  const rows: Row[] = Array.from({ length: count }, (_, i) => ({
    key: `team-${i}`,
    label: { nl: `Team ${i}`, en: `Team ${i}` },
    period: '2026-09-01/2026-11-30',
    municipalityCode: null,
    // Team i has 10 + i referrals, except team 3 whose count is hidden ("< 5").
    values: [i === 3 ? { kind: 'suppressed' as const } : { kind: 'count' as const, value: 10 + i }],
  }));
  return {
    id: 'demand-team',
    figure: 'demand',
    caption: { nl: 'Aanmeldingen per team', en: 'Referrals per team' },
    category: { nl: 'Team', en: 'Team' },
    columns: [{ measure: 'referrals', label: { nl: 'Aanmeldingen', en: 'Referrals' } }],
    rows: [
      ...rows,
      { key: 'total', label: { nl: 'Totaal', en: 'Total' }, period: '', municipalityCode: null, values: [{ kind: 'count', value: 1 }], total: true },
    ],
    chart: 'bars',
  };
}

const barsIn = (svg: string) => (svg.match(/<rect/g) ?? []).length;

describe('bar charts', () => {
  it('a chart of a few categories draws every one of them, in the order of the table', () => {
    const { rows, of } = barRows(teamsTable(5));
    assert.equal(of, 5);
    assert.deepEqual(
      rows.map((r) => r.key),
      ['team-0', 'team-1', 'team-2', 'team-3', 'team-4'],
    );
  });

  it(`a chart of 500 teams draws the ${MAX_BARS} largest, never a hidden count among them, and says of how many`, () => {
    const table = teamsTable(500);
    const { rows, of } = barRows(table);
    assert.equal(of, 500, 'the total row is not a category');
    assert.equal(rows.length, MAX_BARS);
    assert.deepEqual(
      rows.map((r) => r.key),
      Array.from({ length: MAX_BARS }, (_, i) => `team-${499 - i}`),
    );
    const svg = chartSvg(table, translator('nl'))!;
    assert.equal(barsIn(svg), MAX_BARS, 'one bar per team drawn');
    assert.ok(svg.includes('Team 499') && !svg.includes('>Team 3<'), 'the largest are labelled, the rest are left to the table');
  });
});
