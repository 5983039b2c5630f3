import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedActions, isClosed, nextStatus, referralStatuses, statusForOutcome } from './state-machine.ts';
import { consentProblem, FORWARD_CONSENT_TEXT_VERSION, forwardedConsent, mayShareFeedback, sharedDataScope } from './consent.ts';

describe('referral state machine (FHIR Task statuses)', () => {
  test('the happy path: requested → received → accepted → in-progress → completed', () => {
    assert.equal(nextStatus('requested', 'receive'), 'received');
    assert.equal(nextStatus('received', 'accept'), 'accepted');
    assert.equal(nextStatus('accepted', 'record-contact'), 'in-progress');
    assert.equal(nextStatus('in-progress', 'record-conversation'), 'in-progress');
    assert.equal(nextStatus('in-progress', 'complete'), 'completed');
  });

  test('a closed referral allows no further transition', () => {
    for (const status of referralStatuses.filter(isClosed)) {
      assert.deepEqual(allowedActions(status), [], status);
    }
  });

  test('a referral cannot be completed before a team accepted it', () => {
    assert.equal(nextStatus('requested', 'complete'), null);
    assert.equal(nextStatus('received', 'complete'), null);
  });

  test('forwarding starts the referral again as requested at the new team', () => {
    for (const from of ['requested', 'received', 'accepted', 'in-progress'] as const) assert.equal(nextStatus(from, 'forward'), 'requested');
  });

  test('re-assigning an in-progress referral keeps it in progress', () => {
    assert.equal(nextStatus('in-progress', 'accept'), 'in-progress');
  });

  test('contact can only be recorded after accepting', () => {
    assert.equal(nextStatus('requested', 'record-contact'), null);
    assert.equal(nextStatus('received', 'record-contact'), null);
  });

  test('rejecting is only possible before accepting', () => {
    assert.equal(nextStatus('received', 'reject'), 'rejected');
    assert.equal(nextStatus('accepted', 'reject'), null);
  });

  test('"not reachable after attempts" closes as failed, other outcomes as completed', () => {
    assert.equal(statusForOutcome('not_reachable'), 'failed');
    assert.equal(statusForOutcome('trajectory_started'), 'completed');
    assert.equal(statusForOutcome('declined'), 'completed');
  });
});

describe('consent rules', () => {
  test('without consent a referral cannot be sent', () => {
    assert.equal(consentProblem({ given: false, method: 'verbal', recipientTeamId: 't', routedTeamId: 't' }), 'missing');
  });
  test('consent must say how it was given', () => {
    assert.equal(consentProblem({ given: true, method: null, recipientTeamId: 't', routedTeamId: 't' }), 'no-method');
  });
  test('consent is for one recipient: the team routing chose', () => {
    assert.equal(consentProblem({ given: true, method: 'verbal', recipientTeamId: 'a', routedTeamId: 'b' }), 'wrong-recipient');
    assert.equal(consentProblem({ given: true, method: 'written', recipientTeamId: 'b', routedTeamId: 'b' }), null);
  });
  test('feedback reaches the practice only when allowed and not withdrawn', () => {
    assert.equal(mayShareFeedback(true, false), true);
    assert.equal(mayShareFeedback(false, false), false);
    assert.equal(mayShareFeedback(true, true), false);
  });
  test('a forward records new consent for the next team, by the team, keeping the feedback choice', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    const consent = forwardedConsent({ feedback_allowed: true }, { recordedBy: 'coach', method: 'written', toTeamId: 'next', at });
    assert.deepEqual(
      [consent.recipient_team_id, consent.recorded_by, consent.method, consent.feedback_allowed, consent.given_at, consent.text_version],
      ['next', 'coach', 'written', true, at, FORWARD_CONSENT_TEXT_VERSION],
    );
    assert.deepEqual(consent.data_scope, [...sharedDataScope]);
    assert.equal(forwardedConsent({ feedback_allowed: false }, { recordedBy: 'coach', method: 'verbal', toTeamId: 'next', at }).feedback_allowed, false);
    // No earlier consent on record: no feedback is assumed.
    assert.equal(forwardedConsent(undefined, { recordedBy: 'coach', method: 'verbal', toTeamId: 'next', at }).feedback_allowed, false);
  });
});
