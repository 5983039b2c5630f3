import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nextTeamAction } from './next-action.ts';
import { dueState } from './labels.ts';
import { inboxSearch } from './list-team-inbox.ts';

const TODAY = '2026-11-25';
const open = { first_contact_on: null, first_conversation_on: null } as const;

describe('what the team does next', () => {
  test('a referral not yet accepted is accepted first, whatever else is known', () => {
    assert.equal(nextTeamAction({ ...open, status: 'requested' }, TODAY), 'accept');
    assert.equal(nextTeamAction({ ...open, status: 'received' }, TODAY), 'accept');
  });

  test('an accepted referral needs contact, then the first conversation, then closing', () => {
    assert.equal(nextTeamAction({ ...open, status: 'accepted' }, TODAY), 'contact');
    assert.equal(nextTeamAction({ status: 'in-progress', first_contact_on: '2026-11-24', first_conversation_on: null }, TODAY), 'conversation');
    assert.equal(nextTeamAction({ status: 'in-progress', first_contact_on: '2026-11-24', first_conversation_on: TODAY }, TODAY), 'close');
  });

  test('a first conversation planned for a day still to come is held first; on its day the next step is closing', () => {
    const planned = { status: 'in-progress', first_contact_on: TODAY, first_conversation_on: '2026-11-30' } as const;
    assert.equal(nextTeamAction(planned, TODAY), 'await-conversation');
    assert.equal(nextTeamAction(planned, '2026-11-30'), 'close');
  });

  test('a closed referral has no next step', () => {
    for (const status of ['completed', 'rejected', 'cancelled', 'failed'] as const) assert.equal(nextTeamAction({ ...open, status }, TODAY), 'none');
  });
});

describe('a planned first conversation and its term', () => {
  test('planned before the due day it shows as planned, and counts as done on the day it takes place', () => {
    assert.equal(dueState('2026-11-27', TODAY, '2026-11-26', 'in-progress'), 'planned');
    assert.equal(dueState('2026-11-27', '2026-11-26', '2026-11-26', 'in-progress'), 'done');
  });

  test('planned after the due day it is overdue once the due day has passed, until it takes place', () => {
    assert.equal(dueState('2026-11-27', TODAY, '2026-12-02', 'in-progress'), 'planned');
    assert.equal(dueState('2026-11-27', '2026-11-28', '2026-12-02', 'in-progress'), 'overdue');
    assert.equal(dueState('2026-11-27', '2026-12-02', '2026-12-02', 'in-progress'), 'done');
  });

  test('a closed referral with a conversation that never took place shows no clock', () => {
    assert.equal(dueState('2026-11-27', TODAY, '2026-12-02', 'cancelled'), 'none');
  });
});

describe('searching the inbox', () => {
  test('a KL number is found with or without “KL-”, in any case; the same words also search the names', () => {
    assert.deepEqual(inboxSearch('  kl-k7m2qp '), { text: 'kl-k7m2qp', reference: 'KL-K7M2QP', namePattern: '%kl-k7m2qp%' });
    assert.equal(inboxSearch('K7M2QP')?.reference, 'KL-K7M2QP');
    assert.equal(inboxSearch('Jansen')?.namePattern, '%Jansen%');
  });

  test('wildcards typed in a name are searched for literally', () => {
    assert.equal(inboxSearch('50%_a')?.namePattern, '%50\\%\\_a%');
  });

  test('fewer than 2 characters, or more than 100, is no search', () => {
    assert.equal(inboxSearch('J'), null);
    assert.equal(inboxSearch('   '), null);
    assert.equal(inboxSearch(undefined), null);
    assert.equal(inboxSearch('x'.repeat(101)), null);
  });
});
