import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acceptTotp, currentTotp, newTotpSecret, totpUri } from './totp.ts';

// A fixed secret and clock make every code deterministic (no flaky step boundaries).
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const STEP_MS = 30_000;
const NOW = 1_795_000_015_000; // 15 s into a 30-second step
const STEP = Math.floor(NOW / STEP_MS);
const codeAt = (stepOffset: number) => currentTotp(SECRET, NOW + stepOffset * STEP_MS);

describe('TOTP second factor', () => {
  it('accepts the code of the current 30-second step and returns that step', () => {
    assert.equal(acceptTotp(SECRET, codeAt(0), null, NOW), STEP);
  });

  it('accepts a code typed with a space in the middle', () => {
    const code = codeAt(0);
    assert.equal(acceptTotp(SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, null, NOW), STEP);
  });

  it('allows one step of clock drift either way', () => {
    assert.equal(acceptTotp(SECRET, codeAt(-1), null, NOW), STEP - 1);
    assert.equal(acceptTotp(SECRET, codeAt(1), null, NOW), STEP + 1);
  });

  it('refuses a code two steps old or two steps ahead', () => {
    assert.equal(acceptTotp(SECRET, codeAt(-2), null, NOW), null);
    assert.equal(acceptTotp(SECRET, codeAt(2), null, NOW), null);
  });

  it('refuses a code of the step that was already used, so it cannot be replayed', () => {
    assert.equal(acceptTotp(SECRET, codeAt(0), STEP, NOW), null);
  });

  it('refuses a code of a step before the last used one', () => {
    assert.equal(acceptTotp(SECRET, codeAt(-1), STEP, NOW), null);
    assert.equal(acceptTotp(SECRET, codeAt(0), STEP + 1, NOW), null);
  });

  it('accepts a newer step than the last used one', () => {
    assert.equal(acceptTotp(SECRET, codeAt(0), STEP - 1, NOW), STEP);
    assert.equal(acceptTotp(SECRET, codeAt(1), STEP, NOW), STEP + 1);
  });

  it('refuses anything that is not six digits', () => {
    for (const garbage of ['', '12345', '1234567', 'abcdef', '12a456', '１２３４５６', `${codeAt(0)}0`, '------']) {
      assert.equal(acceptTotp(SECRET, garbage, null, NOW), null, `accepted ${JSON.stringify(garbage)}`);
    }
  });

  it('refuses a six-digit code that belongs to no step in the window', () => {
    const valid = new Set([codeAt(-1), codeAt(0), codeAt(1)]);
    const wrong = ['000000', '123456', '999999'].find((code) => !valid.has(code))!;
    assert.equal(acceptTotp(SECRET, wrong, null, NOW), null);
  });

  it('refuses the code of another secret', () => {
    const other = newTotpSecret();
    const code = currentTotp(other, NOW);
    const valid = new Set([codeAt(-1), codeAt(0), codeAt(1)]);
    if (!valid.has(code)) assert.equal(acceptTotp(SECRET, code, null, NOW), null);
  });

  it('makes a new random base32 secret of 160 bits each time', () => {
    const a = newTotpSecret();
    const b = newTotpSecret();
    assert.match(a, /^[A-Z2-7]{32}$/);
    assert.notEqual(a, b);
  });

  it('gives authenticator apps an otpauth URI with issuer, SHA-1, 6 digits and 30 s', () => {
    const uri = new URL(totpUri(SECRET, 'sanne@praktijk.nl'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(uri.searchParams.get('issuer'), 'Korte Lijn');
    assert.equal(uri.searchParams.get('secret'), SECRET);
    assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
    assert.match(decodeURIComponent(uri.pathname), /sanne@praktijk\.nl/);
  });
});
