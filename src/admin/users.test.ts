import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../platform/i18n.ts';
import { validateValues } from '../platform/http/forms.ts';
import { userSchema } from './users.ts';

const schema = userSchema(translator('nl'));
const ids = { practice_id: randomUUID(), team_id: randomUUID(), region_id: randomUUID() };

function parse(values: Record<string, string>) {
  return validateValues(schema, { email: 'sanne@praktijk.nl', name: 'Sanne de Vries', ...values });
}

describe('user form: membership follows the role', () => {
  it('practice roles keep only the practice', () => {
    for (const role of ['practice_staff', 'practice_admin']) {
      const result = parse({ role, ...ids });
      assert.ok(result.ok, role);
      if (result.ok) assert.deepEqual([result.data.practice_id, result.data.team_id, result.data.region_id], [ids.practice_id, null, null]);
    }
  });

  it('team roles keep only the team', () => {
    for (const role of ['team_member', 'team_admin']) {
      const result = parse({ role, ...ids });
      assert.ok(result.ok, role);
      if (result.ok) assert.deepEqual([result.data.practice_id, result.data.team_id, result.data.region_id], [null, ids.team_id, null]);
    }
  });

  it('the regional coordinator keeps only the region', () => {
    const result = parse({ role: 'region_coordinator', ...ids });
    assert.ok(result.ok);
    if (result.ok) assert.deepEqual([result.data.practice_id, result.data.team_id, result.data.region_id], [null, null, ids.region_id]);
  });

  it('the administrator belongs to no practice, team or region', () => {
    const result = parse({ role: 'admin', ...ids });
    assert.ok(result.ok);
    if (result.ok) assert.deepEqual([result.data.practice_id, result.data.team_id, result.data.region_id], [null, null, null]);
  });

  it('a practice role without a practice is refused on the practice field', () => {
    const result = parse({ role: 'practice_staff', team_id: ids.team_id });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(Object.keys(result.errors), ['practice_id']);
  });

  it('a team role without a team is refused on the team field', () => {
    const result = parse({ role: 'team_member', practice_id: ids.practice_id, team_id: '' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(Object.keys(result.errors), ['team_id']);
  });

  it('a regional coordinator without a region is refused on the region field', () => {
    const result = parse({ role: 'region_coordinator', region_id: 'twente' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(Object.keys(result.errors), ['region_id']);
  });
});

describe('user form: identity', () => {
  it('stores the e-mail address trimmed and in lower case', () => {
    const result = parse({ email: '  Sanne@Praktijk.NL ', role: 'admin' });
    assert.ok(result.ok);
    if (result.ok) assert.equal(result.data.email, 'sanne@praktijk.nl');
  });

  it('refuses an invalid e-mail address, a missing name and an unknown role', () => {
    const result = validateValues(schema, { email: 'sanne', name: 'S', role: 'superuser' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(Object.keys(result.errors).sort(), ['email', 'name', 'role']);
  });
});
