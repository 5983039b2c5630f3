import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, entryHash, GENESIS_HASH } from './audit.ts';
import { auditKey } from './audit-key.ts';

const base = {
  prev_hash: 'a'.repeat(64),
  at: new Date('2026-11-22T09:30:00.123Z'),
  actor_user_id: '6f1c1f3e-8a4b-4c1e-9d43-0d2f6b1f7a10',
  actor_role: 'practice_staff',
  on_behalf_of: 'practice:0b8a3c2e-2d5e-4f7a-8c1b-3e4f5a6b7c8d',
  action: 'referral.viewed',
  subject_type: 'referral',
  subject_id: '42',
  patient_ref: '42',
  ip: '192.0.2.1',
  request_id: 'req-1',
  outcome: 'success' as 'success' | 'failure' | 'denied',
  details: { step: 'intake', fields: ['phone', 'email'] } as Record<string, unknown>,
};

describe('canonical JSON of audit details', () => {
  it('does not depend on the order in which keys were written', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), '{"a":{"c":3,"d":2},"b":1}');
  });

  it('sorts keys inside objects nested in arrays, but keeps the array order', () => {
    assert.equal(canonicalJson([{ y: 1, x: 2 }, 3]), '[{"x":2,"y":1},3]');
    assert.notEqual(canonicalJson([1, 2]), canonicalJson([2, 1]));
  });

  it('writes strings, numbers, booleans and null as JSON', () => {
    assert.equal(canonicalJson({ s: 'é"', n: 1.5, t: true, z: null }), '{"n":1.5,"s":"é\\"","t":true,"z":null}');
  });

  it('treats a missing value as null', () => {
    assert.equal(canonicalJson(undefined), 'null');
  });
});

describe('audit entry hash', () => {
  it('is a SHA-256 hex digest', () => {
    assert.match(entryHash(base), /^[0-9a-f]{64}$/);
  });

  it('is the same for the same entry, whatever the key order of its details', () => {
    assert.equal(entryHash(base), entryHash({ ...base, details: { fields: ['phone', 'email'], step: 'intake' } }));
  });

  it('is the same whether the time comes back as a Date or an ISO string', () => {
    assert.equal(entryHash(base), entryHash({ ...base, at: '2026-11-22T09:30:00.123Z' as unknown as Date }));
  });

  it('changes when any single field changes', () => {
    const changes: Partial<typeof base> = {
      prev_hash: GENESIS_HASH,
      at: new Date('2026-11-22T09:30:00.124Z'),
      actor_user_id: '00000000-0000-4000-8000-000000000000',
      actor_role: 'admin',
      on_behalf_of: 'team:x',
      action: 'referral.updated',
      subject_type: 'user',
      subject_id: '43',
      patient_ref: '43',
      ip: '192.0.2.2',
      request_id: 'req-2',
      outcome: 'denied',
      details: { step: 'intake', fields: ['email', 'phone'] },
    };
    const original = entryHash(base);
    for (const [field, value] of Object.entries(changes)) {
      assert.notEqual(entryHash({ ...base, [field]: value }), original, `changing ${field} kept the hash`);
    }
  });

  it('tells a missing value from the text "null"', () => {
    assert.notEqual(entryHash({ ...base, patient_ref: null }), entryHash({ ...base, patient_ref: 'null' }));
  });

  it('does not let a value shift into the next field', () => {
    assert.notEqual(entryHash({ ...base, subject_type: 'a', subject_id: 'b,c' }), entryHash({ ...base, subject_type: 'a,b', subject_id: 'c' }));
  });
});

describe('keyed audit entry hash', () => {
  const key = auditKey('a-test-key-of-at-least-32-characters-long');
  const keyed = { ...base, key_id: key.id, patient_refs: ['r-1', 'r-2'] };

  it('is an HMAC under the key: another key gives another hash', () => {
    assert.match(entryHash(keyed, key), /^[0-9a-f]{64}$/);
    assert.notEqual(entryHash(keyed, key), entryHash(keyed, auditKey('another-test-key-of-at-least-32-characters')));
  });

  it('differs from the plain SHA-256 of the same entry, which needs no key', () => {
    assert.notEqual(entryHash(keyed, key), entryHash({ ...keyed, key_id: null }, key));
  });

  it('covers the referrals a list showed, in their order', () => {
    assert.notEqual(entryHash(keyed, key), entryHash({ ...keyed, patient_refs: ['r-1'] }, key));
    assert.notEqual(entryHash(keyed, key), entryHash({ ...keyed, patient_refs: ['r-2', 'r-1'] }, key));
  });

  it('covers the id of the key it names', () => {
    assert.notEqual(entryHash(keyed, key), entryHash({ ...keyed, key_id: 'ffffffffffffffff' }, key));
  });

  it('names the key by a fingerprint that does not reveal it', () => {
    assert.match(key.id, /^[0-9a-f]{16}$/);
    assert.equal(auditKey('a-test-key-of-at-least-32-characters-long').id, key.id);
    assert.notEqual(auditKey('another-test-key-of-at-least-32-characters').id, key.id);
  });
});
