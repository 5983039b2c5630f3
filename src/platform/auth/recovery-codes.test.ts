import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.ts';

describe('recovery codes', () => {
  it('a set holds ten different codes in three groups of four easy-to-read characters', () => {
    const codes = newRecoveryCodes();
    assert.equal(codes.length, RECOVERY_CODE_COUNT);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('two sets share no code', () => {
    const first = new Set(newRecoveryCodes());
    assert.equal(newRecoveryCodes().filter((c) => first.has(c)).length, 0);
  });

  it('a code is accepted however it is typed: small letters, spaces, no dashes, O for 0 and I or L for 1', () => {
    assert.equal(normaliseRecoveryCode('k7qx-m2pd-9rt0'), 'K7QXM2PD9RT0');
    assert.equal(normaliseRecoveryCode(' K7QX M2PD 9RTO '), 'K7QXM2PD9RT0');
    assert.equal(normaliseRecoveryCode('k7qxm2pd9rti'), 'K7QXM2PD9RT1');
    assert.equal(normaliseRecoveryCode('K7QX-M2PD-9RTL'), 'K7QXM2PD9RT1');
  });

  it('something that cannot be a code is refused before any look-up', () => {
    for (const input of ['', '123456', 'K7QX-M2PD-9RT', 'K7QX-M2PD-9RTWX', 'K7QX-M2PD-9RT!', 'K7QX-M2PD-9RTU']) {
      assert.equal(normaliseRecoveryCode(input), null, input);
    }
  });

  it('the stored hash depends on the user, so one leaked hash says nothing about another user', () => {
    const code = normaliseRecoveryCode(newRecoveryCodes(1)[0]!)!;
    const a = hashRecoveryCode('11111111-1111-4111-8111-111111111111', code);
    const b = hashRecoveryCode('22222222-2222-4222-8222-222222222222', code);
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.notEqual(a, b);
    assert.ok(!a.includes(code));
  });
});
