import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateTemporaryPassword, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('temporary passwords are four groups of four characters, easy to read out', () => {
    for (let i = 0; i < 200; i++) {
      assert.match(generateTemporaryPassword(), /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    }
  });

  it('temporary passwords avoid look-alike characters (0/o, 1/l/i)', () => {
    const all = Array.from({ length: 200 }, generateTemporaryPassword).join('');
    assert.doesNotMatch(all, /[01ilo]/);
  });

  it('temporary passwords meet the minimum length of the password rules', () => {
    assert.ok(generateTemporaryPassword().length >= MIN_PASSWORD_LENGTH);
  });

  it('temporary passwords are random', () => {
    const seen = new Set(Array.from({ length: 500 }, generateTemporaryPassword));
    assert.equal(seen.size, 500);
  });

  it('a hash is argon2id with at least the OWASP minimum cost (19 MiB memory, 2 passes)', async () => {
    const hash = await hashPassword('een-lang-wachtwoord');
    const [, type, , params = ''] = hash.split('$');
    assert.equal(type, 'argon2id');
    const cost = Object.fromEntries(params.split(',').map((pair) => pair.split('=')));
    assert.ok(Number(cost['m']) >= 19 * 1024, `memory ${cost['m']} KiB`);
    assert.ok(Number(cost['t']) >= 2, `passes ${cost['t']}`);
    assert.equal(await verifyPassword(hash, 'een-lang-wachtwoord'), true);
  });

  it('a hash verifies the right password only', async () => {
    const hash = await hashPassword('een-lang-wachtwoord');
    assert.equal(await verifyPassword(hash, 'een-lang-wachtwoord'), true);
    assert.equal(await verifyPassword(hash, 'een-lang-wachtwoorD'), false);
  });

  it('a damaged hash verifies nothing instead of throwing', async () => {
    assert.equal(await verifyPassword('not-a-hash', 'anything'), false);
  });
});
