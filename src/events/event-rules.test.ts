import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signUpRefusal } from './event-rules.ts';

const now = new Date('2026-11-30T12:00:00Z');
const later = new Date('2026-12-10T14:00:00Z');

test('signing up is possible before the start while places are free', () => {
  assert.equal(signUpRefusal({ startsAt: later, cancelledAt: null, capacity: 2, signedUp: 1 }, now), null);
  assert.equal(signUpRefusal({ startsAt: later, cancelledAt: null, capacity: null, signedUp: 500 }, now), null, 'no limit without a capacity');
});

test('a full event takes no more sign-ups', () => {
  assert.equal(signUpRefusal({ startsAt: later, cancelledAt: null, capacity: 2, signedUp: 2 }, now), 'full');
});

test('an event that has begun or was cancelled takes no sign-ups', () => {
  assert.equal(signUpRefusal({ startsAt: now, cancelledAt: null, capacity: null, signedUp: 0 }, now), 'past');
  assert.equal(signUpRefusal({ startsAt: later, cancelledAt: now, capacity: null, signedUp: 0 }, now), 'cancelled');
});
