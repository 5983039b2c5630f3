import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postcss, { type Root } from 'postcss';
import selectorParser from 'postcss-selector-parser';

const require = createRequire(import.meta.url);

/**
 * The one stylesheet every page links: the NL Design System Utrecht design tokens and components,
 * then our own layer (assets/app.css), with only the rules and tokens the app's pages can use. The
 * Utrecht library and tokens are 495 KB; a first visit on a phone should not download 90 % of it unused.
 *
 * Built when the server starts, so `npm install && npm start` needs no extra step and the styles
 * always match the code that runs. A copy is kept under node_modules/.cache for the next start
 * with the same source (this file included) and styles.
 */
export function buildStylesheet(sourceDir: URL): string {
  const css = [
    readFileSync(require.resolve('@utrecht/design-tokens/dist/theme.css'), 'utf8'),
    readFileSync(require.resolve('@utrecht/component-library-css/dist/index.css'), 'utf8'),
    readFileSync(new URL('./assets/app.css', import.meta.url), 'utf8'),
  ].join('\n');
  const sources = readSources(sourceDir);
  const key = createHash('sha256').update(css).update('\0').update(sources).digest('hex').slice(0, 16);
  const cacheFile = new URL(`../../../node_modules/.cache/korte-lijn/stylesheet-${key}.css`, import.meta.url);
  try {
    return readFileSync(cacheFile, 'utf8');
  } catch {
    // Not built yet for this source: build it below.
  }
  const purged = `${LICENCE}\n${purgeStylesheet(css, sources)}`;
  try {
    // Written under a temporary name and renamed, so a server starting at the same time never reads half a file.
    const temporary = new URL(`${cacheFile.href}.${process.pid}.tmp`);
    mkdirSync(new URL('./', cacheFile), { recursive: true });
    writeFileSync(temporary, purged);
    renameSync(temporary, cacheFile);
    // One copy is enough: earlier ones were for source that has changed since.
    const folder = new URL('./', cacheFile);
    for (const file of readdirSync(folder)) {
      if (/^stylesheet-[0-9a-f]+\.css$/.test(file) && !cacheFile.pathname.endsWith(`/${file}`)) rmSync(new URL(file, folder), { force: true });
    }
  } catch {
    // A read-only install builds it at every start: a little slower, the same result.
  }
  return purged;
}

const LICENCE =
  '/* NL Design System Utrecht design tokens and components, EUPL-1.2, (c) Gemeente Utrecht and Frameless B.V.: ' +
  'only the rules Korte Lijn uses (src/platform/ui/stylesheet.ts). */';

/** Files that can name a CSS class: pages, components, scripts and inline SVG; not tests. */
const SOURCE_FILE = /\.(tsx?|m?js|svg)$/;
const TEST_FILE = /\.test\.tsx?$/;

/** The text of every source file under `dir`, in a stable order (so the cache key is stable). */
export function readSources(dir: URL): string {
  const root = fileURLToPath(dir);
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => SOURCE_FILE.test(file) && !TEST_FILE.test(file))
    .sort();
  return files.map((file) => readFileSync(join(root, file), 'utf8')).join('\n');
}

/**
 * The part of `css` that can apply to markup written in `sources`:
 * - a selector stays unless it needs a class that the source never names (a class counts as named
 *   when it occurs as a word, or when its start is written before a `${…}` that completes it, as
 *   in `utrecht-alert--${type}`); a class under `:not()` is not needed, and `:is()`/`:where()` need
 *   one of their selectors. Selectors without classes (elements, `:focus-visible`, attributes) stay;
 * - a custom property (design token) stays when a kept declaration reads it, directly or through
 *   other tokens; keyframes stay when a kept declaration names them;
 * - comments go, except licence notices.
 * When in doubt a rule is kept: a few bytes too many cost less than a missing focus ring.
 */
export function purgeStylesheet(css: string, sources: string): string {
  const named = new Set(sources.match(/[A-Za-z0-9_-]+/g));
  const prefixes = dynamicClassPrefixes(sources);
  const isNamed = (name: string) => named.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
  const root = postcss.parse(css);

  root.walkComments((comment) => {
    if (!/@license|@preserve|^!/.test(comment.text)) comment.remove();
  });
  root.walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test((rule.parent as postcss.AtRule).name)) return;
    const kept = rule.selectors.filter((selector) => selectorCanMatch(selector, isNamed));
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  dropUnusedTokens(root);
  dropUnusedKeyframes(root);
  removeEmpty(root);
  return root.toString();
}

/** `kl-due--${state}` → 'kl-due--': the written start of each class name completed at run time. */
export function dynamicClassPrefixes(sources: string): string[] {
  return [...new Set([...sources.matchAll(/([A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]*)*-)\$\{/g)].map((m) => m[1] ?? ''))].filter(Boolean);
}

const ANY_OF = new Set([':is', ':where', ':matches', ':-webkit-any', ':-moz-any']);

function selectorCanMatch(selector: string, isNamed: (name: string) => boolean): boolean {
  let result = true;
  try {
    selectorParser((selectors) => {
      result = selectors.nodes.every((complex) => compoundsCanMatch(complex, isNamed));
    }).processSync(selector);
  } catch {
    // A selector the parser does not know is kept.
  }
  return result;
}

/** Every class the selector needs is named; an `:is()`/`:where()` needs one of its selectors; `:not()`, `:has()` and the rest need nothing. */
function compoundsCanMatch(selector: selectorParser.Selector, isNamed: (name: string) => boolean): boolean {
  return selector.nodes.every((node) => {
    if (node.type === 'class') return isNamed(node.value);
    if (node.type === 'pseudo' && ANY_OF.has(node.value.toLowerCase()) && node.nodes.length > 0) {
      return node.nodes.some((inner) => compoundsCanMatch(inner, isNamed));
    }
    return true;
  });
}

const VAR_REFERENCE = /var\(\s*(--[A-Za-z0-9_-]+)/g;

/** Custom properties no kept declaration reads, directly or through other custom properties. */
function dropUnusedTokens(root: Root): void {
  const definitions = new Map<string, string[]>();
  const read = new Set<string>();
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--')) definitions.set(decl.prop, [...(definitions.get(decl.prop) ?? []), decl.value]);
    else for (const m of decl.value.matchAll(VAR_REFERENCE)) read.add(m[1] ?? '');
  });
  const pending = [...read];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const value of definitions.get(name) ?? []) {
      for (const m of value.matchAll(VAR_REFERENCE)) {
        const next = m[1] ?? '';
        if (!read.has(next)) {
          read.add(next);
          pending.push(next);
        }
      }
    }
  }
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--') && !read.has(decl.prop)) decl.remove();
  });
}

function dropUnusedKeyframes(root: Root): void {
  const animated = new Set<string>();
  root.walkDecls(/^(-webkit-)?animation(-name)?$/i, (decl) => {
    for (const word of decl.value.split(/[\s,]+/)) animated.add(word);
  });
  root.walkAtRules(/keyframes$/i, (atRule) => {
    if (!animated.has(atRule.params.trim())) atRule.remove();
  });
}

/** Rules left without declarations and at-rules (`@media`, `@supports`) left without rules. */
function removeEmpty(root: Root): void {
  let removed = true;
  while (removed) {
    removed = false;
    root.walk((node) => {
      if ((node.type === 'rule' || node.type === 'atrule') && node.nodes?.length === 0) {
        node.remove();
        removed = true;
      }
    });
  }
}
