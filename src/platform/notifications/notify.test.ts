import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { createTenant, createTestUser, type Tenant } from '../../../test/support/fixtures.ts';
import type { User } from '../db/schema.ts';
import { practiceRecipients } from './notify.ts';

forEachDatabase('who at the practice is told', (db) => {
  let tenant: Tenant;
  let sender: User;
  let colleague: User;
  let otherPracticeUser: User;

  before(async () => {
    tenant = await createTenant(db());
    sender = await createTestUser(db(), tenant, 'practice_staff');
    colleague = await createTestUser(db(), tenant, 'practice_admin');
    otherPracticeUser = await createTestUser(db(), await createTenant(db()), 'practice_staff');
  });

  test('the colleague who sent it, while still at the practice', async () => {
    assert.deepEqual(await practiceRecipients(db(), tenant.practiceId, sender.id), [sender.id]);
  });

  test('everyone at the practice when nobody is named, or the sender belongs elsewhere', async () => {
    const everyone = [sender.id, colleague.id].sort();
    assert.deepEqual((await practiceRecipients(db(), tenant.practiceId, null)).sort(), everyone);
    assert.deepEqual((await practiceRecipients(db(), tenant.practiceId, otherPracticeUser.id)).sort(), everyone);
  });

  test('everyone still active when the sender has left', async () => {
    await db().updateTable('users').set({ disabled_at: new Date() }).where('id', '=', sender.id).execute();
    assert.deepEqual(await practiceRecipients(db(), tenant.practiceId, sender.id), [colleague.id]);
  });
});
