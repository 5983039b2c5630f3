import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strainQuestion as signalsStrainQuestion } from './signals/checklist.ts';
import { strainQuestion as referralStrainQuestion } from './referrals/reasons.ts';
import { statusLabels } from './referrals/labels.ts';
import { categories } from './needs/categories.ts';
import { publicCategoryLabels } from './needs/public-labels.ts';
import { helpLabels } from './selfcheck/texts.ts';

/** One word per thing (docs/glossary.md): the rules of the glossary that a machine can check. */

const SRC = import.meta.dirname;
const glossary = readFileSync(join(SRC, '..', 'docs', 'glossary.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The phrases of the "Niet gebruiken" section: "- `phrase` → instead". */
function avoidedPhrases(): string[] {
  const section = glossary.split('## Niet gebruiken')[1] ?? '';
  return [...section.matchAll(/^- `([^`]+)` →/gm)].map((m) => m[1]!);
}

test('no text in the app uses a phrase the glossary says not to use', () => {
  const phrases = avoidedPhrases();
  assert.ok(phrases.length >= 5, 'the glossary lists the phrases to avoid');
  const found: string[] = [];
  // The demo seed holds names of (fictional) teams, such as "Sociaal Loket Hengelo": names are their owners' words.
  for (const file of sourceFiles(SRC).filter((f) => !relative(SRC, f).startsWith('demo'))) {
    const text = readFileSync(file, 'utf8').toLowerCase();
    for (const phrase of phrases) if (text.includes(phrase.toLowerCase())) found.push(`${relative(SRC, file)}: "${phrase}"`);
  }
  assert.deepEqual(found, []);
});

test('the money-strain question has one wording, the validated one, wherever it is asked', () => {
  assert.equal(signalsStrainQuestion.nl, 'Hoe moeilijk is het om rond te komen aan het eind van de maand?');
  assert.deepEqual(referralStrainQuestion, signalsStrainQuestion);
  assert.ok(glossary.includes(`**${signalsStrainQuestion.nl}**`), 'the glossary gives the same wording');
});

test('a referral a team has finished is "Afgesloten", the word of the action, never "Afgerond"', () => {
  assert.equal(statusLabels.completed.nl, 'Afgesloten');
  for (const label of Object.values(statusLabels)) assert.doesNotMatch(label.nl, /afgerond/i);
});

test('residents see the same names for the kinds of help on /hulp and in the self-check, as the glossary lists them', () => {
  assert.equal(helpLabels, publicCategoryLabels);
  for (const category of categories) {
    assert.ok(glossary.includes(`| \`${category}\` |`), `${category} is in the glossary`);
    assert.match(
      glossary,
      new RegExp(`\\| \`${category}\` \\| [^|]+ \\| ${publicCategoryLabels[category].nl} \\|`),
      `${category}: the glossary's resident word`,
    );
  }
});

test('Dutch texts quote a name or button with straight double quotes, not with curly ones', () => {
  // The self-referral consent text keeps its marks: consent wording changes only with a new text version.
  const versioned = new Set(['selfcheck/consent-text.ts']);
  const curly: string[] = [];
  for (const file of sourceFiles(SRC).filter((f) => !versioned.has(relative(SRC, f)))) {
    for (const [, nl] of readFileSync(file, 'utf8').matchAll(/\bnl: (?:'([^']*)'|`([^`]*)`)/g)) {
      if (nl && /[‘“]/.test(nl)) curly.push(`${relative(SRC, file)}: ${nl.slice(0, 60)}`);
    }
  }
  assert.deepEqual(curly, []);
});
