import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Alert, DutchText } from './components.tsx';
import { viewContext } from './view.ts';

const viewIn = (lang: 'nl' | 'en') => viewContext({ lang, actor: null, csrfToken: '', path: '/', signedIn: false, unread: 0 });

test('Dutch text someone typed is marked lang="nl" on an English page, and left alone on a Dutch one (WCAG 3.1.2)', async () => {
  const typed = 'Het regionale loket helpt iedereen in Twente verder.';
  assert.equal(String(await (<DutchText view={viewIn('en')}>{typed}</DutchText>)), `<span lang="nl">${typed}</span>`);
  assert.equal(String(await (<DutchText view={viewIn('nl')}>{typed}</DutchText>)), typed);
});

test('a confirmation of what was just done is focused on arrival, like an error, so it is read out (WCAG 4.1.3)', async () => {
  const ok = String(await (<Alert type="ok">De verwijzing is verstuurd.</Alert>));
  assert.match(ok, /role="status"/);
  assert.match(ok, /tabindex="-1"/);
  assert.match(ok, /autofocus/);
  const info = String(await (<Alert type="info">Ter informatie.</Alert>));
  assert.doesNotMatch(info, /autofocus/, 'information that is simply part of the page is not');
});
