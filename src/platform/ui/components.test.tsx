import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Alert, DutchText } from './components.tsx';
import { CheckboxGroup, RadioGroup } from './form-fields.tsx';
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

test('the first option of a group with an error names that error, where the error summary link lands (WCAG 3.3.1)', async () => {
  const view = viewIn('nl');
  const errors = { handover: 'Kies de vorm van de overdracht.', needs: 'Kies minstens één soort hulp.' };
  const radios = String(
    await (
      <RadioGroup
        view={view}
        name="handover"
        legend={{ nl: 'Hoe draagt u over?', en: 'How do you hand over?' }}
        value={null}
        errors={errors}
        options={[
          { value: 'a', label: { nl: 'Samen bellen', en: 'Call together' } },
          { value: 'b', label: { nl: 'Zelf bellen', en: 'Call yourself' } },
        ]}
      />
    ),
  );
  assert.match(radios, /<input[^>]*id="field-handover"[^>]*aria-describedby="field-handover-error"/);
  assert.doesNotMatch(radios, /<input[^>]*id="field-handover-b"[^>]*aria-describedby/, 'the other options do not repeat it');
  const boxes = String(
    await (
      <CheckboxGroup
        view={view}
        legend={{ nl: 'Waar is hulp bij nodig?', en: 'What is help needed with?' }}
        errorKey="needs"
        values={{}}
        errors={errors}
        options={[
          { name: 'need_a', label: 'Schulden' },
          { name: 'need_b', label: 'Brieven' },
        ]}
      />
    ),
  );
  assert.match(boxes, /<input[^>]*id="field-needs"[^>]*aria-describedby="field-needs-error"/);
  assert.doesNotMatch(boxes, /<input[^>]*id="field-need_b"[^>]*aria-describedby/);
  const clean = String(
    await (<CheckboxGroup view={view} legend={{ nl: 'x', en: 'x' }} errorKey="needs" values={{}} options={[{ name: 'need_a', label: 'Schulden' }]} />),
  );
  assert.doesNotMatch(clean, /aria-describedby/, 'without an error nothing is added');
});
