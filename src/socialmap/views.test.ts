import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resultCountText, verifiedText } from './views.tsx';

describe('counts and dates on the search pages', () => {
  it('one result is "1 resultaat", more are "resultaten"', () => {
    assert.equal(resultCountText(1).nl, '1 resultaat.');
    assert.equal(resultCountText(1).en, '1 result.');
    assert.equal(resultCountText(2).nl, '2 resultaten, best passend eerst.');
    assert.equal(resultCountText(20).en, '20 results, best fit first.');
  });

  it('a verification date reads as 18-11-2026, the Amsterdam day, with one day in the singular', () => {
    const now = new Date('2026-11-30T10:00:00Z');
    assert.equal(verifiedText(new Date('2026-11-18T09:00:00Z'), now).nl, 'Gecontroleerd 12 dagen geleden (18-11-2026)');
    assert.equal(verifiedText(new Date('2026-11-28T23:30:00Z'), now).nl, 'Gecontroleerd 1 dag geleden (29-11-2026)');
    assert.equal(verifiedText(new Date('2026-11-30T07:00:00Z'), now).nl, 'Vandaag gecontroleerd');
    assert.equal(verifiedText(null, now).en, 'Never verified');
  });
});
