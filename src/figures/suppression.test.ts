import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { protectCount, protectSteps, protectTable, safeShare, safeStatistic, type ProtectedTable, type Shown } from './suppression.ts';

/** A small deterministic generator, so a failing case can be reproduced from its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tables as they come from small teams: many zeros and small counts, now and then a large one. */
function randomTable(random: () => number): number[][] {
  const rows = 1 + Math.floor(random() * 6);
  const columns = 1 + Math.floor(random() * 5);
  return Array.from({ length: rows }, () =>
    Array.from({ length: columns }, () => {
      const x = random();
      return x < 0.3 ? 0 : x < 0.75 ? 1 + Math.floor(random() * 4) : x < 0.9 ? 5 + Math.floor(random() * 10) : Math.floor(random() * 200);
    }),
  );
}

const hiddenOf = (s: Shown) => s.kind === 'suppressed';

/** Every line of the published table as [cells, total], rows first, then columns, then the totals' own lines. */
function lines(t: ProtectedTable): Array<{ cells: Shown[]; total: Shown }> {
  const out = t.cells.map((row, r) => ({ cells: row, total: t.rowTotals[r]! }));
  out.push({ cells: t.columnTotals, total: t.total });
  for (let c = 0; c < t.columnTotals.length; c++) out.push({ cells: t.cells.map((row) => row[c]!), total: t.columnTotals[c]! });
  out.push({ cells: t.rowTotals, total: t.total });
  return out;
}

describe('small-cell suppression', () => {
  test('a count from 1 to 4 is shown as "< 5"; 0 and 5 are shown', () => {
    assert.deepEqual(protectCount(0), { kind: 'count', value: 0 });
    for (const n of [1, 2, 3, 4]) assert.deepEqual(protectCount(n), { kind: 'suppressed' });
    assert.deepEqual(protectCount(5), { kind: 'count', value: 5 });
  });

  test('one hidden count in a row is not given away by the row total: a second count is hidden', () => {
    const t = protectTable([[3, 10, 20]]);
    assert.deepEqual(t.cells[0], [{ kind: 'suppressed' }, { kind: 'suppressed' }, { kind: 'count', value: 20 }]);
    assert.deepEqual(t.rowTotals[0], { kind: 'count', value: 33 });
  });

  test('two hidden ones are hidden with a third count, since 1 + 1 = 2 leaves only one answer', () => {
    const t = protectTable([[1, 1, 7, 30]]);
    assert.equal(t.cells[0]!.filter(hiddenOf).length, 3);
  });

  test('a total from 1 to 4 is hidden and so is a cell, since the cells would add up to it', () => {
    const t = protectTable([[0, 3]]);
    assert.equal(t.rowTotals[0]!.kind, 'suppressed');
    assert.equal(t.cells[0]![1]!.kind, 'suppressed');
  });

  test('property: no hidden count can be worked out from any row or column and its total (5,000 random tables)', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const random = rng(seed);
      const cells = randomTable(random);
      const t = protectTable(cells);
      // Shown values are the true values; every count from 1 to 4, totals included, is hidden.
      t.cells.forEach((row, r) =>
        row.forEach((s, c) => {
          if (s.kind === 'count') assert.equal(s.value, cells[r]![c], `seed ${seed}`);
          if (cells[r]![c]! >= 1 && cells[r]![c]! <= 4) assert.equal(s.kind, 'suppressed', `seed ${seed}: small cell shown`);
        }),
      );
      const rowSums = cells.map((row) => row.reduce((a, b) => a + b, 0));
      for (const [i, s] of t.rowTotals.entries())
        if (rowSums[i]! >= 1 && rowSums[i]! <= 4) assert.equal(s.kind, 'suppressed', `seed ${seed}: small total shown`);
      // Each line: with the total shown, its hidden cells are none, or several whose sum is more than their number.
      for (const line of lines(t)) {
        const hiddenCells = line.cells.filter(hiddenOf).length;
        if (line.total.kind === 'suppressed') {
          assert.ok(hiddenCells >= 1, `seed ${seed}: a hidden total is the sum of its shown cells`);
          continue;
        }
        assert.notEqual(hiddenCells, 1, `seed ${seed}: one hidden cell is its total minus the others (${JSON.stringify(cells)})`);
        if (hiddenCells > 1) {
          const shownSum = line.cells.reduce((s, c) => s + (c.kind === 'count' ? c.value : 0), 0);
          assert.ok(line.total.value - shownSum > hiddenCells, `seed ${seed}: hidden cells all worked out as ones (${JSON.stringify(cells)})`);
        }
      }
    }
  });

  test('property: in a 2 × 2 table no hidden cell has only one value that fits every row and column total shown', () => {
    const values = [0, 1, 2, 4, 6];
    for (const a of values)
      for (const b of values)
        for (const c of values)
          for (const d of values) {
            const cells = [
              [a, b],
              [c, d],
            ];
            const t = protectTable(cells);
            const hidden = t.cells.flatMap((row, r) => row.map((s, col) => [r, col, s] as const)).filter(([, , s]) => s.kind === 'suppressed');
            if (hidden.length === 0) continue;
            const known = (s: Shown) => (s.kind === 'count' ? s.value : null);
            const possible = hidden.map(() => new Set<number>());
            // Every completion of the hidden cells (0–12 each) that agrees with what is shown.
            const guess = [0, 0, 0, 0];
            const visit = (i: number) => {
              if (i === hidden.length) {
                const g = [
                  [0, 0],
                  [0, 0],
                ];
                for (let r = 0; r < 2; r++) for (let col = 0; col < 2; col++) g[r]![col] = known(t.cells[r]![col]!) ?? 0;
                hidden.forEach(([r, col], k) => (g[r]![col] = guess[k]!));
                const rowsOk = [0, 1].every((r) => known(t.rowTotals[r]!) === null || known(t.rowTotals[r]!) === g[r]![0]! + g[r]![1]!);
                const colsOk = [0, 1].every((col) => known(t.columnTotals[col]!) === null || known(t.columnTotals[col]!) === g[0]![col]! + g[1]![col]!);
                const totalOk = known(t.total) === null || known(t.total) === g[0]![0]! + g[0]![1]! + g[1]![0]! + g[1]![1]!;
                if (rowsOk && colsOk && totalOk) hidden.forEach((_, k) => possible[k]!.add(guess[k]!));
                return;
              }
              for (let v = 0; v <= 12; v++) {
                guess[i] = v;
                visit(i + 1);
              }
            };
            visit(0);
            for (const [k, [r, col]] of hidden.entries())
              assert.ok(possible[k]!.size >= 2, `${JSON.stringify(cells)}: cell ${r},${col} is worked out as ${[...possible[k]!].join()}`);
          }
  });

  test('no percentage on fewer than 10, nor one that gives a count from 1 to 4 away', () => {
    assert.equal(safeShare(5, 9), null);
    assert.equal(safeShare(3, 12), null, '25% of 12 is 3');
    assert.equal(safeShare(9, 12), null, '75% of 12 leaves 3');
    assert.equal(safeShare(6, 12), 50);
    assert.equal(safeShare(0, 12), 0);
    assert.equal(safeShare(12, 12), 100);
  });

  test('a median or percentile over fewer than 10 referrals is not shown', () => {
    assert.equal(safeStatistic(3, 9), null);
    assert.equal(safeStatistic(3, 10), 3);
    assert.equal(safeStatistic(null, 50), null);
  });
});

describe('funnel steps', () => {
  test('a step 1 to 4 below the step before it is hidden, so "3 never opened" cannot be read off', () => {
    assert.deepEqual(protectSteps([20, 17, 10, 9, 0]), [
      { kind: 'count', value: 20 },
      { kind: 'suppressed' },
      { kind: 'count', value: 10 },
      { kind: 'suppressed' },
      { kind: 'count', value: 0 },
    ]);
  });

  test('property: every shown step and every difference between neighbouring shown steps is 0 or at least 5', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const random = rng(seed);
      let n = Math.floor(random() * 60);
      const steps = [n];
      for (let i = 0; i < 6; i++) steps.push((n = Math.max(0, n - Math.floor(random() * 8))));
      const shown = protectSteps(steps).flatMap((s) => (s.kind === 'count' ? [s.value] : []));
      for (const v of shown) assert.ok(v === 0 || v >= 5, `seed ${seed}: ${JSON.stringify(steps)}`);
      for (let i = 1; i < shown.length; i++) {
        const d = Math.abs(shown[i - 1]! - shown[i]!);
        assert.ok(d === 0 || d >= 5, `seed ${seed}: ${JSON.stringify(steps)}`);
      }
    }
  });
});
