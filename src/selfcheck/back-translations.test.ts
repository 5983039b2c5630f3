import { test } from 'node:test';
import assert from 'node:assert/strict';
import { questions } from './questions.ts';
import { backTranslations, type TranslatedLang } from './back-translations.ts';

const translated: TranslatedLang[] = ['tr', 'ar', 'pl'];

test('every translated self-check question has a recorded back-translation of exactly the text the app shows', () => {
  for (const q of questions) {
    for (const lang of translated) {
      const entry = backTranslations[q.id]?.[lang];
      assert.ok(entry, `question ${q.id} (${lang}) has no back-translation`);
      assert.equal(entry.text, q.text[lang], `question ${q.id} (${lang}) changed since its back-translation: record it again`);
      assert.ok(entry.back.trim().length > 10, `question ${q.id} (${lang}): the back-translation is empty`);
    }
  }
  assert.deepEqual(Object.keys(backTranslations).sort(), questions.map((q) => q.id).sort(), 'back-translations of questions that no longer exist');
});

test('every translated question keeps the meaning of the Dutch question, by its reviewed back-translation', () => {
  const changed = questions.flatMap((q) =>
    translated.filter((lang) => backTranslations[q.id]?.[lang]?.meaningKept !== true).map((lang) => `${q.id} (${lang})`),
  );
  assert.deepEqual(changed, []);
});

test('the Turkish question 7 asks whether the person skips the doctor or medicine, not whether they took it', () => {
  const skip = questions.find((q) => q.id === 'skip_care')!;
  // "almadığınız" (that you did not take) and "oluyor mu" (does it happen), not "aldığınız olmadı mı" (has it never happened that you took).
  assert.match(skip.text.tr, /almadığınız/);
  assert.match(skip.text.tr, /oluyor mu\?$/);
  assert.doesNotMatch(skip.text.tr, /aldığınız olmadı/);
});
