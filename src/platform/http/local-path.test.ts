import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localPath } from './local-path.ts';

test('a path on this site is kept, with its query', () => {
  assert.equal(localPath('/sociale-kaart?postcode=7552AB'), '/sociale-kaart?postcode=7552AB');
  assert.equal(localPath('/verwijzingen/abc#berichten'), '/verwijzingen/abc#berichten');
});

test('anything a browser reads as another site becomes the fallback', () => {
  for (const target of [
    '//evil.example/',
    '/\\evil.example/',
    '\\\\evil.example',
    'https://evil.example/',
    'evil.example',
    '/\t/evil.example',
    ' //evil.example',
    '',
    undefined,
    42,
  ]) {
    assert.equal(localPath(target, '/start'), '/start', String(target));
  }
});

test('a backslash or control character anywhere in the path is refused', () => {
  assert.equal(localPath('/a\\b'), '/');
  assert.equal(localPath('/a\nLocation: x'), '/');
});
