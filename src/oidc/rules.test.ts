import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainAllowed, idpMfaAccepted, parseEmailDomains, vouchedEmail } from './rules.ts';
import { openSecret, sealSecret, secretKey } from './secret-box.ts';

test('e-mail domains are typed separated by commas or spaces, with or without @, and stored lower case once', () => {
  assert.deepEqual(parseEmailDomains('Huisartsen-Esch.nl, @wijkteam.enschede.nl;huisartsen-esch.nl'), ['huisartsen-esch.nl', 'wijkteam.enschede.nl']);
  assert.equal(parseEmailDomains(''), null);
  assert.equal(parseEmailDomains('esch.nl, niet een domein'), null);
  assert.equal(parseEmailDomains('https://esch.nl'), null);
});

test('only an exact allowed domain counts: no subdomains, look-alikes or missing domains', () => {
  const allowed = ['esch.nl'];
  assert.equal(domainAllowed('Anna@ESCH.nl', allowed), true);
  assert.equal(domainAllowed('anna@mail.esch.nl', allowed), false);
  assert.equal(domainAllowed('anna@evil-esch.nl', allowed), false);
  assert.equal(domainAllowed('anna@esch.nl.evil.com', allowed), false);
  assert.equal(domainAllowed('esch.nl', allowed), false);
});

test('the provider vouches for an e-mail address only when email_verified is exactly true and its domain is allowed', () => {
  assert.deepEqual(vouchedEmail({ email: ' Anna@Esch.nl ', email_verified: true }, ['esch.nl']), { email: 'anna@esch.nl', refusal: null });
  assert.deepEqual(vouchedEmail({ email: 'anna@esch.nl', email_verified: false }, ['esch.nl']), { email: null, refusal: 'email_not_verified' });
  assert.deepEqual(vouchedEmail({ email: 'anna@esch.nl', email_verified: 'true' }, ['esch.nl']), { email: null, refusal: 'email_not_verified' });
  assert.deepEqual(vouchedEmail({ email: 'anna@esch.nl' }, ['esch.nl']), { email: null, refusal: 'email_not_verified' });
  assert.deepEqual(vouchedEmail({ email_verified: true }, ['esch.nl']), { email: null, refusal: 'no_email' });
  assert.deepEqual(vouchedEmail({ email: 'anna@elders.nl', email_verified: true }, ['esch.nl']), { email: null, refusal: 'domain_not_allowed' });
});

test('the provider’s MFA stands in for the app’s second factor only when the organisation allows it and amr or acr shows it', () => {
  const trusting = { mfaFromIdp: true, mfaAcrValues: ['urn:esch:loa:mfa'] };
  assert.equal(idpMfaAccepted({ amr: ['pwd', 'mfa'] }, trusting), true);
  assert.equal(idpMfaAccepted({ amr: ['otp'] }, trusting), true);
  assert.equal(idpMfaAccepted({ amr: ['hwk'] }, trusting), true);
  assert.equal(idpMfaAccepted({ amr: ['pwd'] }, trusting), false, 'a password alone is one factor');
  assert.equal(idpMfaAccepted({ amr: 'mfa' }, trusting), false, 'amr is an array (OIDC Core §2)');
  assert.equal(idpMfaAccepted({ acr: 'urn:esch:loa:mfa' }, trusting), true);
  assert.equal(idpMfaAccepted({ acr: 'urn:esch:loa:pwd' }, trusting), false);
  assert.equal(idpMfaAccepted({ amr: ['mfa'], acr: 'urn:esch:loa:mfa' }, { mfaFromIdp: false, mfaAcrValues: ['urn:esch:loa:mfa'] }), false);
});

test('a client secret is sealed so that only the key derived from the audit key opens it, and any change is detected', () => {
  const key = secretKey('a-test-audit-key-of-at-least-32-characters');
  const sealed = sealSecret(key, 'geheim-123');
  assert.doesNotMatch(sealed, /geheim/);
  assert.notEqual(sealSecret(key, 'geheim-123'), sealed, 'a fresh nonce every time');
  assert.equal(openSecret(key, sealed), 'geheim-123');
  assert.equal(openSecret(secretKey('another-audit-key-of-at-least-32-characters'), sealed), null);
  const [v, iv, tag, body] = sealed.split('.');
  const flipped = `${body![0] === 'A' ? 'B' : 'A'}${body!.slice(1)}`;
  assert.equal(openSecret(key, [v, iv, tag, flipped].join('.')), null);
  assert.equal(openSecret(key, 'not sealed'), null);
});
