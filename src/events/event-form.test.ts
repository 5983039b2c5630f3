import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../platform/i18n.ts';
import { eventSchema } from './event-form.ts';

const t = translator('nl');
const valid = {
  kind: 'network_meeting',
  title: 'Kennismaking',
  description: '',
  date: '10-12-2026',
  starts: '14:00',
  ends: '16:00',
  place: 'Buurthuis De Pijp',
  invite_practices: 'ja',
};

test('the place of an event, which goes out in every invitation mail, takes no BSN', () => {
  assert.equal(eventSchema(t, '2026-11-30').safeParse(valid).success, true);
  const withBsn = eventSchema(t, '2026-11-30').safeParse({ ...valid, place: 'Bij 111222333 thuis' });
  assert.equal(withBsn.success, false);
  assert.deepEqual(
    withBsn.error?.issues.map((i) => i.path.join('.')),
    ['place'],
  );
});
