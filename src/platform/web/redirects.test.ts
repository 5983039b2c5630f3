import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpApp } from './app.tsx';
import { testConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import type { Database } from '../db/database.ts';

// The language switch needs no database: it answers before the session is read.
const app = createHttpApp({ db: {} as Database, config: testConfig(), log: createLogger('silent') });

test('the language switch sends the browser back to the same page on this site', async () => {
  const res = await app.request('http://localhost/sociale-kaart?postcode=7552AB&lang=en');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/sociale-kaart?postcode=7552AB');
});

test('the language switch never redirects to another site, however the path is written', async () => {
  for (const path of ['//evil.example/?lang=en', '/\\evil.example/?lang=en', '//evil.example/%2e%2e?lang=en', '/%5Cevil.example/?lang=en']) {
    const res = await app.request(`http://localhost${path}`);
    assert.equal(res.status, 303, path);
    const location = res.headers.get('location') ?? '';
    assert.match(location, /^\/(?![/\\])/, `${path} → ${location}`);
    assert.equal(new URL(location, 'http://localhost').host, 'localhost', `${path} → ${location}`);
  }
});
