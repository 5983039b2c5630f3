import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visualRuns, wrapWords } from './bidi-lines.ts';

test('an Arabic line with a phone number keeps the number in its own order, to the left of the words before it', () => {
  assert.deepEqual(visualRuns('اتصل بنا 053 480 0000'), [
    { text: '053 480 0000', rtl: false },
    { text: 'اتصل بنا', rtl: true },
  ]);
});

test('Arabic words around a Dutch name stand right to left, the name reads left to right', () => {
  assert.deepEqual(visualRuns('أحالتك إلى Schuldhulp Enschede اليوم'), [
    { text: 'اليوم', rtl: true },
    { text: 'Schuldhulp Enschede', rtl: false },
    { text: 'أحالتك إلى', rtl: true },
  ]);
});

test('lines break between words, never wider than the width unless one word is', () => {
  const measure = (s: string) => s.length;
  assert.deepEqual(wrapWords('een twee drie vier', 9, measure), ['een twee', 'drie vier']);
  assert.deepEqual(wrapWords('schuldhulpverlening bij', 5, measure), ['schuldhulpverlening', 'bij']);
});
