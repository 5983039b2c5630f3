import { test } from 'node:test';
import assert from 'node:assert/strict';
import { A6, newCanvas } from './pdf-canvas.ts';
import { pictogramNames, pictogramPaths, pictogramSvg } from './pictograms.ts';

test('Arabic is shaped in the PDF: a word is set with joined letter forms, not as separate letters', async () => {
  const canvas = newCanvas(A6, { title: 'test', lang: 'ar' });
  const doc = canvas.doc.font('regular').fontSize(12);
  for (const word of ['لديك', 'مخاوف', 'المساعدة']) {
    const joined = doc.widthOfString(word);
    const separate = [...word].reduce((sum, letter) => sum + doc.widthOfString(letter), 0);
    assert.ok(joined < separate, `${word}: ${joined} should be narrower than its isolated letters (${separate})`);
  }
  await canvas.finish();
});

test('the font covers Dutch, Turkish, Polish and Arabic letters: none falls back to the empty glyph', async () => {
  const canvas = newCanvas(A6, { title: 'test', lang: 'nl' });
  // pdfkit's embedded font wraps the fontkit font it subsets from.
  const font = (canvas.doc.font('regular') as unknown as { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font;
  for (const letter of 'ëïéçşğıİŞĞąćęłńóśźżĄĆĘŁŃÓŚŹŻابتثجحخدذرزسشصضطظعغفقكلمنهوي') {
    assert.ok(font.font.hasGlyphForCodePoint(letter.codePointAt(0)!), letter);
  }
  await canvas.finish();
});

test('every need has a pictogram of paths only, drawn the same in the page and in the PDF', () => {
  for (const name of pictogramNames) {
    assert.ok(pictogramPaths[name].length > 0, name);
    const svg = pictogramSvg(name);
    assert.match(svg, /^<svg [^>]*aria-hidden="true"/);
    assert.equal((svg.match(/<path /g) ?? []).length, pictogramPaths[name].length);
    assert.doesNotMatch(svg, /<(script|image|use|style)/);
  }
  assert.match(pictogramSvg('food', { title: 'Eten' }), /role="img" aria-label="Eten"/);
});
