import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Translate } from '../platform/i18n.ts';
import type { FigureTable, Value } from './figure-tables.ts';

/**
 * Server-rendered SVG charts (issue 12, "Pictures over text"): Observable Plot draws into a
 * server-side DOM (linkedom), so a chart is plain SVG in the page: no JavaScript in the browser,
 * printable, and the data table beside it says the same in words. Only what the table shows is
 * drawn: a hidden count ("< 5") gets no bar, only its label.
 *
 * Plot adds a <style> element to each chart; the page's CSP allows no inline style, so it is
 * removed and the few rules it held are in the app's stylesheet. Without a width or height the SVG
 * takes the width of its column (its viewBox keeps the proportions), down to a 375 px phone.
 */
const SERIES_COLOURS = ['#1a5a96', '#b44d00'];

function shownNumber(v: Value | undefined): number | null {
  if (!v || v.kind === 'suppressed') return null;
  return v.value;
}

/**
 * A bar chart shows at most this many bars: a region's 500 teams as bars would be an image some
 * 14,000 px tall that nobody reads (and half the time of the page to draw). Above it the chart
 * shows the largest and says so; the table beside it lists every row.
 */
export const MAX_BARS = 25;

/** The rows a bar chart draws, and of how many: all of them, or the MAX_BARS largest shown counts. */
export function barRows(table: FigureTable): { rows: FigureTable['rows']; of: number } {
  const rows = table.rows.filter((r) => !r.total);
  if (rows.length <= MAX_BARS) return { rows, of: rows.length };
  const largest = [...rows].sort((a, b) => (shownNumber(b.values[0]) ?? -1) - (shownNumber(a.values[0]) ?? -1)).slice(0, MAX_BARS);
  return { rows: largest, of: rows.length };
}

let documentCache: Document | undefined;
function serverDocument(): Document {
  documentCache ??= parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  return documentCache;
}

export function chartSvg(table: FigureTable, t: Translate): string | null {
  if (!table.chart) return null;
  const rows = table.chart === 'bars' ? barRows(table).rows : table.rows.filter((r) => !r.total);
  if (rows.length === 0) return null;
  const document = serverDocument();
  const label = t(table.caption);
  let svg: Element;
  if (table.chart === 'bars') {
    const data = rows.map((r) => ({ label: t(r.label), value: shownNumber(r.values[0]) }));
    const longest = Math.max(...data.map((d) => d.label.length));
    svg = Plot.plot({
      document,
      width: 640,
      height: 40 + data.length * 28,
      marginLeft: Math.min(300, 20 + longest * 6.2),
      marginRight: 40,
      x: { label: t({ nl: 'Aantal', en: 'Count' }), grid: true },
      y: { label: null, domain: data.map((d) => d.label) },
      marks: [
        Plot.barX(
          data.filter((d) => d.value !== null),
          { x: 'value', y: 'label', fill: SERIES_COLOURS[0] },
        ),
        Plot.text(
          data.map((d) => ({ ...d, text: d.value === null ? '< 5' : String(d.value) })),
          { x: (d: { value: number | null }) => d.value ?? 0, y: 'label', text: 'text', textAnchor: 'start', dx: 4 },
        ),
        Plot.ruleX([0]),
      ],
    }) as unknown as Element;
  } else {
    // Columns over time; several series (from a practice, via the self-check) stack.
    const seriesCount = table.columns.length > 1 ? table.columns.length - 1 : 1;
    const data = rows.flatMap((r) =>
      table.columns.slice(0, seriesCount).map((c, i) => ({ period: t(r.label), series: t(c.label), value: shownNumber(r.values[i]) ?? 0 })),
    );
    svg = Plot.plot({
      document,
      width: 640,
      height: 260,
      marginBottom: 50,
      x: { label: null, domain: rows.map((r) => t(r.label)), tickRotate: rows.length > 8 ? -45 : 0 },
      y: { label: t({ nl: 'Aantal', en: 'Count' }), grid: true },
      color: seriesCount > 1 ? { domain: table.columns.slice(0, seriesCount).map((c) => t(c.label)), range: SERIES_COLOURS, legend: false } : undefined,
      marks: [Plot.barY(data, { x: 'period', y: 'value', fill: seriesCount > 1 ? 'series' : SERIES_COLOURS[0] }), Plot.ruleY([0])],
    }) as unknown as Element;
  }
  svg.querySelector('style')?.remove();
  // The chart is one image with one name (role="img"): Plot's names of its parts ("bar", "x-axis
  // tick") would be ARIA on elements without a role, which axe rightly refuses.
  for (const part of Array.from(svg.querySelectorAll('[aria-label], [aria-description]'))) {
    part.removeAttribute('aria-label');
    part.removeAttribute('aria-description');
  }
  // Plot's inline style (a <style> element, a style attribute) would be refused by the CSP.
  svg.removeAttribute('style');
  svg.setAttribute('font-size', '13');
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('class', 'kl-chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return svg.outerHTML;
}

/** The legend of a chart with several series, as text beside it (colours alone never carry meaning). */
export function chartLegend(table: FigureTable): Array<{ colour: string; label: FigureTable['columns'][number]['label'] }> {
  if (table.chart !== 'columns' || table.columns.length <= 2) return [];
  return table.columns.slice(0, table.columns.length - 1).map((c, i) => ({ colour: SERIES_COLOURS[i]!, label: c.label }));
}
