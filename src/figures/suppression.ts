/**
 * Small-cell suppression: the one rule that the figures screen, charts, CSV and any export apply
 * (issue 12, "Privacy by construction"; the CBS and the municipal debt-help monitor publish no
 * count under 5 either).
 *
 * - Primary: a count from 1 to 4 is shown as "< 5". Zero is shown: "nobody" identifies no one.
 * - Secondary: in a table with row and column totals, a line (a row or a column with its total)
 *   with exactly one hidden number would give that number away by subtraction. So every such line
 *   gets a second hidden number: the smallest other non-zero count, or the total when there is
 *   none. Two hidden counts whose sum is as small as their number (1 + 1 = 2) also give themselves
 *   away, so such a line hides one more. This repeats until no line reveals a hidden count.
 * - Percentages and statistics: not on a denominator under 10, and not when the numerator or what
 *   is left of the denominator is a count from 1 to 4 (25% of 12 is 3 people).
 */
export const MIN_SHOWN_COUNT = 5;
export const MIN_DENOMINATOR = 10;

export type Shown = { kind: 'count'; value: number } | { kind: 'suppressed' };

export interface ProtectedTable {
  cells: Shown[][];
  rowTotals: Shown[];
  columnTotals: Shown[];
  total: Shown;
}

export function isSmall(n: number): boolean {
  return n >= 1 && n < MIN_SHOWN_COUNT;
}

/** One count on its own (no totals beside it). */
export function protectCount(n: number): Shown {
  return isSmall(n) ? { kind: 'suppressed' } : { kind: 'count', value: n };
}

/**
 * A table of counts (rows × columns, every row as long as the first) with its row totals, column
 * totals and grand total, suppressed so that no hidden count can be worked out from any row or
 * column and its total. The totals are the sums of the cells: a count that may fall in several
 * columns (a referral with two needs) belongs in a table without totals (`protectList`).
 */
export function protectTable(cells: readonly (readonly number[])[]): ProtectedTable {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  // The grid with totals: row `rows` holds the column totals, column `columns` the row totals.
  const grid: number[][] = cells.map((row) => [...row, row.reduce((s, v) => s + v, 0)]);
  grid.push(Array.from({ length: columns + 1 }, (_, c) => grid.reduce((s, row) => s + row[c]!, 0)));
  const hidden: boolean[][] = grid.map((row) => row.map(isSmall));

  const lines: Array<Array<[number, number]>> = [];
  for (let r = 0; r <= rows; r++) lines.push(Array.from({ length: columns + 1 }, (_, c) => [r, c] as [number, number]));
  for (let c = 0; c <= columns; c++) lines.push(Array.from({ length: rows + 1 }, (_, r) => [r, c] as [number, number]));

  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (!revealing(line, grid, hidden)) continue;
      const next = pickNext(line, grid, hidden);
      if (!next) continue;
      hidden[next[0]]![next[1]] = true;
      changed = true;
    }
  }
  const shown = (r: number, c: number): Shown => (hidden[r]![c] ? { kind: 'suppressed' } : { kind: 'count', value: grid[r]![c]! });
  return {
    cells: cells.map((row, r) => row.map((_, c) => shown(r, c))),
    rowTotals: cells.map((_, r) => shown(r, columns)),
    columnTotals: Array.from({ length: columns }, (_, c) => shown(rows, c)),
    total: shown(rows, columns),
  };
}

/**
 * Would the hidden entries of a line give a count away? A line is its cells and, last, its total.
 * With the total shown, the hidden cells sum to a known number (the total minus the shown cells):
 * one hidden cell is then known exactly, and so are hidden cells whose sum is no larger than
 * their number (only ones, or zeros). A line whose total is hidden as well has no known sum,
 * unless the total is its only hidden entry (then it is the sum of the shown cells).
 */
export function revealing(
  line: ReadonlyArray<readonly [number, number]>,
  grid: readonly (readonly number[])[],
  hidden: readonly (readonly boolean[])[],
): boolean {
  const isHidden = ([r, c]: readonly [number, number]) => hidden[r]![c]!;
  const total = line[line.length - 1]!;
  const hiddenCells = line.slice(0, -1).filter(isHidden);
  if (isHidden(total)) return hiddenCells.length === 0;
  if (hiddenCells.length === 0) return false;
  const sum = hiddenCells.reduce((s, [r, c]) => s + grid[r]![c]!, 0);
  return hiddenCells.length === 1 || sum <= hiddenCells.length;
}

/** The entry to hide next in a revealing line: its smallest non-zero shown cell, else its total, else any shown cell. */
function pickNext(line: ReadonlyArray<readonly [number, number]>, grid: number[][], hidden: boolean[][]): readonly [number, number] | undefined {
  const total = line[line.length - 1]!;
  const open = line.slice(0, -1).filter(([r, c]) => !hidden[r]![c]);
  const nonZero = open.filter(([r, c]) => grid[r]![c]! > 0).sort((a, b) => grid[a[0]]![a[1]]! - grid[b[0]]![b[1]]!);
  if (nonZero[0]) return nonZero[0];
  if (!hidden[total[0]]![total[1]]) return total;
  return open[0];
}

/** Counts beside each other without totals (e.g. referrals by need, where one referral may have two needs). */
export function protectList(values: readonly number[]): Shown[] {
  return values.map(protectCount);
}

/** A share in whole percents, or null when it would show too little or give a small count away. */
export function safeShare(numerator: number, denominator: number): number | null {
  if (denominator < MIN_DENOMINATOR) return null;
  if (isSmall(numerator) || isSmall(denominator - numerator)) return null;
  return Math.round((numerator / denominator) * 100);
}

/** A statistic (median, 90th percentile, average) over `n` referrals: only from 10 on. */
export function safeStatistic(value: number | null, n: number): number | null {
  return value === null || n < MIN_DENOMINATOR ? null : value;
}

/**
 * Steps of a funnel (sent → opened → … → closed): each step is a count of the one before it that
 * got that far, so the difference between two steps shown beside each other is a count too (3
 * referrals never opened). A step is hidden when it is a count from 1 to 4, or when its difference
 * with the nearest shown step before it is; this repeats until every shown step and every
 * difference between neighbouring shown steps is 0 or at least 5.
 */
export function protectSteps(values: readonly number[]): Shown[] {
  const hidden = values.map(isSmall);
  for (let changed = true; changed;) {
    changed = false;
    let previous: number | null = null;
    for (let i = 0; i < values.length; i++) {
      if (hidden[i]) continue;
      if (previous !== null && isSmall(Math.abs(values[previous]! - values[i]!))) {
        hidden[i] = true;
        changed = true;
        continue;
      }
      previous = i;
    }
  }
  return values.map((value, i) => (hidden[i] ? { kind: 'suppressed' } : { kind: 'count', value }));
}
