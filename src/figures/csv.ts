import { scopeId, type FigureScope } from './figure-scope.ts';
import type { FigureTable, Value } from './figure-tables.ts';

/**
 * One CSV per table, for a municipality's own dashboard (issue 12). The columns are stable and
 * documented (docs/product.md, "Figures"); a new measure adds rows, never columns:
 *
 *   period             a bucket (2026-W48, 2026-11, 2026-Q4), the whole period as an ISO 8601
 *                      interval (2026-09-01/2026-11-30), or "now"
 *   municipality_code  CBS code (GM + 4 digits) of the municipality the row is about, else empty
 *   scope              region | municipality | team | practice
 *   scope_id           the region, team or practice id, or the CBS code
 *   measure            what is counted (applications, referrals_overdue, first_contact_within_term_pct, …)
 *   category           the row: a need, an urgency type, a step, a CBS or district code, "total", …
 *   value              a number; "<5" for a hidden count; empty when too few to show
 *
 * Comma-separated, UTF-8, one header line. The suppression is the screen's: the CSV shows nothing
 * the page does not.
 */
export const csvColumns = ['period', 'municipality_code', 'scope', 'scope_id', 'measure', 'category', 'value'] as const;

function csvValue(v: Value): string {
  if (v.kind === 'suppressed') return '<5';
  if (v.value === null) return '';
  return String(v.value);
}

function field(s: string): string {
  // Quote when needed (RFC 4180); a leading =, +, - or @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function tableCsv(scope: FigureScope, table: FigureTable): string {
  const lines = [csvColumns.join(',')];
  for (const row of table.rows)
    table.columns.forEach((column, i) => {
      const value = row.values[i];
      if (!value) return;
      lines.push([row.period, row.municipalityCode ?? '', scope.kind, scopeId(scope), column.measure, row.key, csvValue(value)].map(field).join(','));
    });
  return lines.join('\r\n') + '\r\n';
}
