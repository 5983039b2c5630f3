import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeNewsletter, newsletterTitle } from './compose.ts';
import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.ts';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
const user = '0b6f1e2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

test('an unsubscribe link is valid for its own user only, and not with another secret', () => {
  const token = unsubscribeToken(secret, user);
  assert.equal(verifyUnsubscribeToken(secret, token), user);
  assert.equal(verifyUnsubscribeToken('another-secret-of-at-least-thirty-two-chars', token), null);
  const other = '1b6f1e2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
  assert.equal(verifyUnsubscribeToken(secret, `${other}.${token.split('.')[1]}`), null, 'a signature does not move to another user');
  assert.equal(verifyUnsubscribeToken(secret, 'nonsense'), null);
});

test('the newsletter draft lists what changed on the social map and the coming events, with a line when a part is empty', () => {
  const body = composeNewsletter({
    periodFrom: '2026-10-01',
    periodTo: '2026-11-30',
    newServices: [{ name: 'Geldcafé', organisation: 'Gemeente Hengelo' }],
    changedServices: [],
    newContacts: [{ name: 'Ricardo Wolters', organisation: 'Gemeente Hengelo' }],
    contactsLeft: [],
    events: [{ title: 'Netwerkavond', kind: 'Netwerkbijeenkomst', when: '10-12-2026 19:00', place: 'De Kern' }],
  });
  assert.match(body, /^Wat er veranderde van 01-10-2026 tot en met 30-11-2026\./);
  assert.match(body, /Nieuw op de sociale kaart\n- Geldcafé \(Gemeente Hengelo\)/);
  assert.match(body, /Gewijzigd op de sociale kaart\nGeen wijzigingen\./);
  assert.match(body, /Nieuwe contactpersonen\n- Ricardo Wolters \(Gemeente Hengelo\)/);
  assert.match(body, /Komende bijeenkomsten\n- Netwerkbijeenkomst: Netwerkavond, 10-12-2026 19:00, De Kern/);
  assert.equal(newsletterTitle('2026-11-30'), 'Nieuwsbrief Korte Lijn, november 2026');
});
