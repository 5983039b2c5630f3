import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../db/schema.ts';
import { isRole, membershipKindOf, roleLabels, roles, seesPatientData } from './roles.ts';
import { normaliseEmail, requiresTotp } from './sign-in.ts';

describe('roles', () => {
  it('has exactly the six roles of the design', () => {
    assert.deepEqual([...roles].sort(), ['admin', 'practice_admin', 'practice_staff', 'region_coordinator', 'team_admin', 'team_member']);
  });

  it('ties practice roles to a practice, team roles to a team, the coordinator to a region and the admin to nothing', () => {
    const expected: Record<Role, string> = {
      practice_staff: 'practice',
      practice_admin: 'practice',
      team_member: 'team',
      team_admin: 'team',
      region_coordinator: 'region',
      admin: 'none',
    };
    for (const role of roles) assert.equal(membershipKindOf(role), expected[role], role);
  });

  it('lets only practice and team roles see patient data', () => {
    assert.deepEqual(
      roles.filter((role) => seesPatientData(role)),
      ['practice_staff', 'practice_admin', 'team_member', 'team_admin'],
    );
  });

  it('requires a second factor exactly for roles that see patient data', () => {
    for (const role of roles) assert.equal(requiresTotp(role, { totpRequired: true }), seesPatientData(role), role);
  });

  it('requires no second factor from anyone when TOTP is switched off for a demo', () => {
    for (const role of roles) assert.equal(requiresTotp(role, { totpRequired: false }), false, role);
  });

  it('recognises role names and nothing else', () => {
    assert.equal(isRole('team_admin'), true);
    assert.equal(isRole('superuser'), false);
    assert.equal(isRole('ADMIN'), false);
    assert.equal(isRole(undefined), false);
  });

  it('names every role in Dutch and English', () => {
    for (const role of roles) {
      assert.ok(roleLabels[role].nl.length > 0, role);
      assert.ok(roleLabels[role].en.length > 0, role);
    }
  });
});

describe('e-mail addresses for sign-in', () => {
  it('are compared trimmed and in lower case', () => {
    assert.equal(normaliseEmail('  Sanne.de.Vries@Praktijk.NL '), 'sanne.de.vries@praktijk.nl');
  });
});
