import { test } from 'node:test';
import assert from 'node:assert/strict';
import { navigation } from '../platform/ui/navigation.ts';
import { viewContext } from '../platform/ui/view.ts';
import { TeamStart } from './start-pages.tsx';

const emptyWork = { counts: { nieuw: 0, urgent: 0, today: 0, overdue: 0 }, next: [], today: '2026-11-30' };

function teamStart(lang: 'nl' | 'en'): string {
  const view = viewContext({ lang, actor: null, csrfToken: 'csrf', path: '/', signedIn: true, unread: 0 });
  return (<TeamStart view={view} work={emptyWork} />).toString();
}

test('the team start page calls the list of new referrals by its menu name, "Binnengekomen", never "de inbox"', () => {
  const menuName = navigation.find((item) => item.href === '/inbox')!.label;
  assert.equal(menuName.nl, 'Binnengekomen');
  const html = teamStart('nl');
  assert.match(html, /Nieuwe verwijzingen staan bij Binnengekomen\./);
  assert.match(html, /Naar Binnengekomen/);
  assert.doesNotMatch(html, /de inbox/i);
  // English keeps "Inbox", the menu's English name.
  assert.equal(menuName.en, 'Inbox');
  assert.match(teamStart('en'), /New referrals are in the inbox\..*Go to the inbox/s);
});
