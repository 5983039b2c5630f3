/**
 * The pictogram set of the materials ("Plaatjes, niet teveel tekst", issue #14): one per need a
 * patient brings and one for the self-check. Drawn for Korte Lijn in the style of the self-check's
 * pictograms (64 × 64, round strokes of 3 in the app's blue), released with the app (licence in
 * src/materials/PICTOGRAMS.md). Each is SVG path data only, so the HTML pages (inline SVG) and the
 * PDFs (pdfkit draws the same paths) show the very same picture.
 */
export const pictogramNames = ['debt', 'rent', 'energy', 'insurance', 'benefits', 'forms', 'food', 'walk_in', 'selfcheck'] as const;
export type PictogramName = (typeof pictogramNames)[number];

export const PICTOGRAM_COLOUR = '#004b87';
export const PICTOGRAM_BOX = 64;
export const PICTOGRAM_STROKE = 3;

/** A circle as path data (two arcs), so every shape is one kind of thing: a path. */
function circle(cx: number, cy: number, r: number): string {
  return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;
}

export const pictogramPaths: Record<PictogramName, readonly string[]> = {
  // A bill with an arrow going down: money owed.
  debt: ['M14 6h36v52H14z', 'M22 16h20', 'M22 24h20', 'M32 32v16', 'M25 41l7 7 7-7'],
  // A house with a door: rent and housing costs.
  rent: ['M8 32L32 10l24 22', 'M16 26v30h32V26', 'M27 56V40h10v16'],
  // A lightning bolt: gas and electricity.
  energy: ['M36 6L16 36h14l-4 22 22-32H34z'],
  // A shield with a cross: health insurance.
  insurance: ['M32 6l22 8v16c0 14-10 24-22 28C20 54 10 44 10 30V14z', 'M32 20v20', 'M22 30h20'],
  // Two coins and a plus: allowances and benefits.
  benefits: [circle(22, 42, 12), circle(22, 42, 5), 'M46 10v20', 'M36 20h20'],
  // A clipboard with ticks: forms and paperwork.
  forms: ['M16 10h32v48H16z', 'M24 6h16v8H24z', 'M22 28l4 4 8-8', 'M38 30h6', 'M22 44l4 4 8-8', 'M38 46h6'],
  // A shopping basket: food.
  food: ['M8 24h48l-6 32H14z', 'M22 24l8-16', 'M42 24l-8-16', 'M24 34v12', 'M32 34v12', 'M40 34v12'],
  // An open door and a person walking in: walk-in without an appointment.
  walk_in: ['M10 58V6h26v52', 'M4 58h56', 'M10 6l12 6v42l-12 4', circle(48, 16, 4), 'M48 22l-2 16 6 14', 'M46 38l-6 14', 'M47 27l-7 6', 'M48 27l7 5'],
  // A phone with a tick: the self-check.
  selfcheck: ['M20 4h24a4 4 0 0 1 4 4v48a4 4 0 0 1-4 4H20a4 4 0 0 1-4-4V8a4 4 0 0 1 4-4z', 'M24 30l6 6 12-12', 'M28 52h8'],
};

/**
 * The pictogram as an SVG element (string) for a page. Decorative by default: the word next to it
 * says the same (WCAG 1.1.1), so screen readers skip it; `title` makes it an image with a name.
 */
export function pictogramSvg(name: PictogramName, options: { size?: number; title?: string } = {}): string {
  const size = options.size ?? 48;
  const label = options.title ? `role="img" aria-label="${escapeAttribute(options.title)}"` : 'aria-hidden="true" focusable="false"';
  const paths = pictogramPaths[name].map((d) => `<path d="${d}"/>`).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${PICTOGRAM_BOX} ${PICTOGRAM_BOX}" width="${size}" height="${size}" ${label} ` +
    `class="kl-pictogram-${name}" fill="none" stroke="${PICTOGRAM_COLOUR}" stroke-width="${PICTOGRAM_STROKE}" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`
  );
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
