import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isThrottled } from './rate-limit.ts';

describe('sign-in throttling', () => {
  it('lets a sign-in through with no failures', () => {
    assert.equal(isThrottled({ account: 0, ip: 0 }), false);
  });

  it('lets a fifth attempt through after four wrong passwords', () => {
    assert.equal(isThrottled({ account: 4, ip: 4 }), false);
  });

  it('blocks the account after five wrong passwords', () => {
    assert.equal(isThrottled({ account: 5, ip: 5 }), true);
    assert.equal(isThrottled({ account: 6, ip: 0 }), true);
  });

  it('lets an IP with nineteen failures through', () => {
    assert.equal(isThrottled({ account: 0, ip: 19 }), false);
  });

  it('blocks an IP after twenty failures, whatever the account', () => {
    assert.equal(isThrottled({ account: 0, ip: 20 }), true);
  });
});
