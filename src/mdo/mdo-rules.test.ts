import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { actionOverdue, bothSidesTakePart, caseRefusal, maySeeCase, type CaseCandidate } from './mdo-rules.ts';

const practice = 'practice-1';
const team = 'team-1';
const open: CaseCandidate = { practiceId: practice, teamId: team, status: 'accepted', consentWithdrawnAt: null, personalDataErasedAt: null };
const mdo = { practiceId: practice, participantTeamIds: [team] };

describe('which referral may go on an MDO’s agenda', () => {
  test('an open referral of the MDO’s practice held by a team that takes part may be discussed', () => {
    assert.equal(caseRefusal(open, mdo), null);
  });
  test('a referral of another practice may not', () => {
    assert.equal(caseRefusal({ ...open, practiceId: 'practice-2' }, mdo), 'other_practice');
  });
  test('a referral held by a team that does not take part may not: both sides must see it', () => {
    assert.equal(caseRefusal({ ...open, teamId: 'team-2' }, mdo), 'team_not_taking_part');
  });
  test('a referral whose consent was withdrawn or whose data were erased may not', () => {
    assert.equal(caseRefusal({ ...open, consentWithdrawnAt: new Date() }, mdo), 'no_consent');
    assert.equal(caseRefusal({ ...open, personalDataErasedAt: new Date() }, mdo), 'no_consent');
  });
  test('a closed referral may not', () => {
    for (const status of ['completed', 'rejected', 'cancelled', 'failed']) assert.equal(caseRefusal({ ...open, status }, mdo), 'closed');
  });
});

describe('who sees the patient of a case', () => {
  const referral = { practiceId: practice, teamId: team };
  test('a participant of the referring practice sees the patient', () => {
    assert.equal(maySeeCase({ userId: 'u1', practiceId: practice, teamId: null }, ['u1'], referral), true);
  });
  test('a participant of the holding team sees the patient', () => {
    assert.equal(maySeeCase({ userId: 'u2', practiceId: null, teamId: team }, ['u2'], referral), true);
  });
  test('a participant of another team does not: the MDO never widens access to a referral', () => {
    assert.equal(maySeeCase({ userId: 'u3', practiceId: null, teamId: 'team-2' }, ['u3'], referral), false);
  });
  test('a colleague of the holding team who does not take part does not', () => {
    assert.equal(maySeeCase({ userId: 'u4', practiceId: null, teamId: team }, ['u2'], referral), false);
  });
  test('a regional coordinator never does', () => {
    assert.equal(maySeeCase({ userId: 'u5', practiceId: null, teamId: null }, ['u5'], referral), false);
  });
});

describe('an MDO’s participants and actions', () => {
  test('an MDO needs someone of the practice and someone of a team', () => {
    assert.equal(bothSidesTakePart([{ practiceId: 'p', teamId: null }]), false);
    assert.equal(bothSidesTakePart([{ practiceId: null, teamId: 't' }]), false);
    assert.equal(
      bothSidesTakePart([
        { practiceId: 'p', teamId: null },
        { practiceId: null, teamId: 't' },
      ]),
      true,
    );
  });
  test('an action is overdue after its due date until it is done', () => {
    assert.equal(actionOverdue({ dueOn: '2026-11-29', done: false }, '2026-11-30'), true);
    assert.equal(actionOverdue({ dueOn: '2026-11-30', done: false }, '2026-11-30'), false);
    assert.equal(actionOverdue({ dueOn: '2026-11-29', done: true }, '2026-11-30'), false);
  });
});
