/**
 * Right-to-left lines for the PDFs. pdfkit shapes Arabic (joined letter forms, through fontkit) but
 * lays a line out left to right and breaks it by itself, which puts Arabic words in the wrong
 * order. So for Arabic the materials break lines here and place each line's runs themselves, in
 * the simplified Unicode Bidirectional Algorithm (UAX #9) that short card texts need: a run of
 * Arabic words reads right to left, and a run of anything else (a phone number, a time, a Dutch
 * name) keeps its own left-to-right order inside the line. Pure: the caller measures widths.
 */
const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

export interface Run {
  text: string;
  rtl: boolean;
}

export function isRtlText(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

/** A line (words in reading order) → its runs in the order they stand on paper, left to right. */
export function visualRuns(line: string): Run[] {
  const runs: Run[] = [];
  for (const word of line.split(/\s+/).filter(Boolean)) {
    const rtl = isRtlText(word);
    const last = runs.at(-1);
    if (last && last.rtl === rtl) last.text = `${last.text} ${word}`;
    else runs.push({ text: word, rtl });
  }
  return runs.reverse();
}

/** Words into lines no wider than `width` (a word longer than the width gets a line of its own). */
export function wrapWords(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && measure(candidate) > width) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines;
}
