import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { safeReturnPath, withNotice } from './return-path.ts';

describe('return path after "klopt nog"', () => {
  it('accepts pages of the social map, with their filter', () => {
    assert.equal(
      safeReturnPath('/sociale-kaart/controleren?organisatie=0b6f0c7e-4a53-4c2f-9f8e-1d2a3b4c5d6e', '/x'),
      '/sociale-kaart/controleren?organisatie=0b6f0c7e-4a53-4c2f-9f8e-1d2a3b4c5d6e',
    );
    assert.equal(safeReturnPath('/sociale-kaart', '/x'), '/sociale-kaart');
  });

  it('refuses anything that leaves the social map', () => {
    for (const path of [
      'https://evil.example/',
      '//evil.example',
      '/sociale-kaart//evil.example',
      '/beheer/gebruikers',
      '/sociale-kaartx',
      '/sociale-kaart/<script>',
      undefined,
      42,
    ]) {
      assert.equal(safeReturnPath(path, '/fallback'), '/fallback', String(path));
    }
  });

  it('adds the confirmation to the return path, replacing an earlier one', () => {
    assert.equal(
      withNotice('/sociale-kaart/controleren?organisatie=a&melding=opgeslagen', 'geverifieerd'),
      '/sociale-kaart/controleren?organisatie=a&melding=geverifieerd',
    );
  });
});
