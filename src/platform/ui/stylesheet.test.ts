import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildStylesheet, dynamicClassPrefixes, purgeStylesheet } from './stylesheet.ts';

/** The selectors of every rule left, in order. */
function selectors(css: string): string[] {
  return [...css.matchAll(/([^{}]+)\{/g)].map((m) =>
    (m[1] ?? '')
      .replace(/\/\*.*?\*\//gs, '')
      .trim()
      .replace(/\s+/g, ' '),
  );
}

describe('keeping only the styles the pages use', () => {
  it('a rule for a class the source never names is left out, one it names stays', () => {
    const css = '.utrecht-button { color: blue }\n.utrecht-accordion { color: red }';
    assert.deepEqual(selectors(purgeStylesheet(css, '<button class="utrecht-button">')), ['.utrecht-button']);
  });

  it('a selector list keeps the selectors that can match and drops the others', () => {
    const css = '.utrecht-button, .utrecht-accordion, .utrecht-button:hover { color: blue }';
    assert.deepEqual(selectors(purgeStylesheet(css, 'utrecht-button')), ['.utrecht-button, .utrecht-button:hover']);
  });

  it('a class completed while rendering keeps every class that starts with the written part', () => {
    const source = 'class={`utrecht-alert utrecht-alert--${props.type}`}';
    assert.deepEqual(dynamicClassPrefixes(source), ['utrecht-alert--']);
    const css = '.utrecht-alert--ok { a: b }\n.utrecht-alert--error { a: b }\n.utrecht-button--ok { a: b }';
    assert.deepEqual(selectors(purgeStylesheet(css, source)), ['.utrecht-alert--ok', '.utrecht-alert--error']);
  });

  it('selectors without classes stay (elements, attributes, :focus-visible): the focus ring is never lost', () => {
    const css = ':where(.utrecht-root) :where(:focus-visible) { outline: 2px }\nhtml { a: b }\n[dir=rtl] .kl-main { a: b }\n.x :where(:hover) { a: b }';
    assert.deepEqual(selectors(purgeStylesheet(css, 'utrecht-root kl-main')), [':where(.utrecht-root) :where(:focus-visible)', 'html', '[dir=rtl] .kl-main']);
  });

  it(':is() and :where() need one of their classes named; :not() needs none of them', () => {
    const css = ':is(.a, .zz) .b { n: 1 }\n:is(.yy, .zz) .b { n: 2 }\n.b:not(.zz) { n: 3 }\n.b:has(.zz) { n: 4 }';
    assert.deepEqual(selectors(purgeStylesheet(css, 'a b')), [':is(.a, .zz) .b', '.b:not(.zz)', '.b:has(.zz)']);
  });

  it('a design token stays when a kept rule reads it, directly or through another token; the others go', () => {
    const css = [
      '.utrecht-theme { --utrecht-button-color: var(--utrecht-color-blue); --utrecht-color-blue: #00f; --utrecht-accordion-color: red; }',
      '.utrecht-button { color: var(--utrecht-button-color, black) }',
      '.utrecht-accordion { color: var(--utrecht-accordion-color) }',
    ].join('\n');
    const out = purgeStylesheet(css, 'utrecht-theme utrecht-button');
    assert.match(out, /--utrecht-button-color: var\(--utrecht-color-blue\)/);
    assert.match(out, /--utrecht-color-blue: #00f/);
    assert.doesNotMatch(out, /accordion/);
  });

  it('an @media block left without rules goes; keyframes stay only while a kept rule animates with them', () => {
    const css = [
      '@media print { .utrecht-accordion { a: b } }',
      '@keyframes spin { from { a: b } }',
      '@keyframes fade { from { a: b } }',
      '.utrecht-spinner { animation: spin 1s }',
      '.utrecht-accordion { animation-name: fade }',
    ].join('\n');
    const out = purgeStylesheet(css, 'utrecht-spinner');
    assert.doesNotMatch(out, /@media/);
    assert.match(out, /@keyframes spin/);
    assert.doesNotMatch(out, /fade/);
  });

  it('licence notices stay, other comments go', () => {
    const out = purgeStylesheet('/**\n * @license EUPL-1.2\n */\n/* Do not edit directly */\n.a { b: c /* 20px */ }', 'a');
    assert.match(out, /@license EUPL-1.2/);
    assert.doesNotMatch(out, /Do not edit|20px/);
  });

  it("the app's stylesheet keeps what its pages use (focus ring, buttons, tables, menu) and is a fraction of the Utrecht library", () => {
    const css = buildStylesheet(new URL('../../', import.meta.url));
    for (const needed of [
      ':where(.utrecht-root) :where(:focus-visible)',
      '.utrecht-button--primary-action',
      '.utrecht-table__cell',
      '.kl-table',
      '.kl-menu__toggle',
    ]) {
      assert.ok(css.includes(needed), `keeps ${needed}`);
    }
    assert.ok(!css.includes('.utrecht-accordion'), 'leaves out components no page uses');
    assert.match(css, /EUPL-1\.2/, 'names the licence of what it keeps');
    assert.ok(css.length < 200_000, `${css.length} bytes, where the Utrecht library and tokens are 495 KB`);
  });
});
