import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../platform/i18n.ts';
import { newsletterSchema } from './newsletter-form.ts';

const schema = newsletterSchema(translator('nl'));

test('the newsletter title, which is the subject of every mail, takes no BSN', () => {
  assert.equal(schema.safeParse({ title: 'Nieuws uit de regio', body: 'Tekst' }).success, true);
  const withBsn = schema.safeParse({ title: 'Over 111222333', body: 'Tekst' });
  assert.equal(withBsn.success, false);
  assert.deepEqual(
    withBsn.error?.issues.map((i) => i.path.join('.')),
    ['title'],
  );
});
