import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUrl } from './app-url.ts';

test('an address of the app lies under PUBLIC_URL, keeping its path prefix, whatever host the request came in on', () => {
  assert.equal(appUrl({ publicUrl: 'https://kortelijn.example' }, 'http://10.0.0.5:3000/x', '/api/hsds/'), 'https://kortelijn.example/api/hsds/');
  assert.equal(
    appUrl({ publicUrl: 'https://zorg.example/kortelijn' }, 'http://10.0.0.5:3000/x', '/inloggen/oidc'),
    'https://zorg.example/kortelijn/inloggen/oidc',
  );
  assert.equal(appUrl({ publicUrl: 'https://zorg.example/kortelijn/' }, 'http://10.0.0.5:3000/x', 'a'), 'https://zorg.example/kortelijn/a');
});

test('without PUBLIC_URL an address of the app takes the origin of the request', () => {
  assert.equal(appUrl({ publicUrl: undefined }, 'http://localhost:4321/inloggen?x=1', '/inloggen/oidc'), 'http://localhost:4321/inloggen/oidc');
});
