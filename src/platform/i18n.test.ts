import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plural } from './i18n.ts';

test('a count of exactly one takes the singular in both languages; zero and more take the plural', () => {
  const address = (n: number) => plural(n, { nl: '{n} adres', en: '{n} address' }, { nl: '{n} adressen', en: '{n} addresses' });
  assert.deepEqual(address(1), { nl: '1 adres', en: '1 address' });
  assert.deepEqual(address(0), { nl: '0 adressen', en: '0 addresses' });
  assert.deepEqual(address(12), { nl: '12 adressen', en: '12 addresses' });
});
