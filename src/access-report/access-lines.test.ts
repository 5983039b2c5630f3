import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accessLines, type AccessEntry } from './access-lines.ts';

let nextId = 1;
function entry(at: string, overrides: Partial<AccessEntry> = {}): AccessEntry {
  return {
    id: String(nextId++),
    at: new Date(at),
    actor_user_id: 'u-anna',
    actor_name: 'Anna',
    actor_role: 'team_member',
    on_behalf_of: 'team:t-1',
    on_behalf_of_name: 'Wijkteam Noord, Gemeente Enschede',
    action: 'referral.list_read',
    outcome: 'success',
    ip: '192.0.2.1',
    patient_ref: null,
    patient_refs: ['r-1'],
    ...overrides,
  };
}
const references = new Map([
  ['r-1', 'KL-AAAA'],
  ['r-2', 'KL-BBBB'],
]);

describe('access report lines', () => {
  it('the same access by the same person on one day is one line, with its count and first and last time', () => {
    const lines = accessLines([entry('2026-11-30T08:30:00Z'), entry('2026-11-30T15:50:00Z'), entry('2026-11-30T12:00:00Z')], references);
    assert.equal(lines.length, 1);
    assert.deepEqual(
      [lines[0]!.count, lines[0]!.firstAt.toISOString(), lines[0]!.lastAt.toISOString()],
      [3, '2026-11-30T08:30:00.000Z', '2026-11-30T15:50:00.000Z'],
    );
  });

  it('another person, action, address, outcome or day is another line, and lines are in the order of their first access', () => {
    const lines = accessLines(
      [
        entry('2026-11-30T10:00:00Z', { action: 'referral.read', patient_ref: 'r-1', patient_refs: [] }),
        entry('2026-11-30T09:00:00Z'),
        entry('2026-11-30T09:30:00Z', { actor_user_id: 'u-ben', actor_name: 'Ben' }),
        entry('2026-11-30T11:00:00Z', { ip: '198.51.100.4' }),
        entry('2026-11-30T11:30:00Z', { outcome: 'denied' }),
        // 23:30 UTC on 30 November is 1 December in Amsterdam.
        entry('2026-11-30T23:30:00Z'),
      ],
      references,
    );
    assert.deepEqual(
      lines.map((l) => [l.day, l.actorName, l.action, l.ip, l.outcome]),
      [
        ['2026-11-30', 'Anna', 'referral.list_read', '192.0.2.1', 'success'],
        ['2026-11-30', 'Ben', 'referral.list_read', '192.0.2.1', 'success'],
        ['2026-11-30', 'Anna', 'referral.read', '192.0.2.1', 'success'],
        ['2026-11-30', 'Anna', 'referral.list_read', '198.51.100.4', 'success'],
        ['2026-11-30', 'Anna', 'referral.list_read', '192.0.2.1', 'denied'],
        ['2026-12-01', 'Anna', 'referral.list_read', '192.0.2.1', 'success'],
      ],
    );
  });

  it('names only the covered referrals an access concerned, by reference', () => {
    const [line] = accessLines([entry('2026-11-30T09:00:00Z', { patient_refs: ['r-2', 'r-other', 'r-1'] })], references);
    assert.deepEqual(line!.references, ['KL-AAAA', 'KL-BBBB']);
  });

  it('two lists that showed different referrals of the person are two lines', () => {
    const lines = accessLines([entry('2026-11-30T09:00:00Z'), entry('2026-11-30T09:05:00Z', { patient_refs: ['r-1', 'r-2'] })], references);
    assert.equal(lines.length, 2);
  });
});
