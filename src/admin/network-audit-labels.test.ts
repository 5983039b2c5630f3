import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditActionLabels } from './audit-labels.ts';

/**
 * The audit log browser (/beheer/auditlog) shows actions in words. Every action that the network
 * features write (agreements, visits, on-site hours, the network view, MDO, events, newsletter) must have a Dutch and
 * English label, or the administrator reads a code. The actions are read from the source, so a new
 * one without a label fails here.
 */
const folders = ['agreements', 'visits', 'onsite', 'network', 'mdo', 'events', 'newsletter'];
const ACTION = /'((?:agreement|calendar|event|mdo|network|newsletter|onsite|visit)\.[a-z_]+)'/g;

function writtenActions(): Set<string> {
  const found = new Set<string>();
  for (const folder of folders) {
    const dir = join(import.meta.dirname, '..', folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) {
      if (!/\.tsx?$/.test(file) || file.includes('.test.')) continue;
      for (const match of readFileSync(join(dir, file), 'utf8').matchAll(ACTION)) found.add(match[1]!);
    }
  }
  // Written through a template or the referral's shared change step (referrals/change-referral.ts).
  for (const action of [
    'agreement.team_contact_replaced',
    'agreement.team_contact_left',
    'referral.onsite_meeting_booked',
    'referral.onsite_meeting_cancelled',
  ])
    found.add(action);
  return found;
}

test('every audit action of the network features has a readable Dutch and English label', () => {
  const actions = writtenActions();
  assert.ok(actions.has('agreement.drafted') && actions.has('visit.planned'), 'the source scan finds the actions');
  const missing = [...actions].filter((a) => !auditActionLabels[a]?.nl || !auditActionLabels[a]?.en);
  assert.deepEqual(missing, []);
});
