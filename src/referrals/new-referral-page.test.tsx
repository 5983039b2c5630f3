import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewContext } from '../platform/ui/view.ts';
import type { CheckedRoute } from './check-referral-route.ts';
import { NewReferralPage, type NewReferralProps } from './new-referral-page.tsx';

const TEAM_ID = '00000000-0000-4000-8000-000000000001';

const route: CheckedRoute = {
  teamId: TEAM_ID,
  explanation: { nl: 'Dit adres hoort bij Team Noord.', en: 'This address belongs to Team Noord.' },
  reason: 'municipality_fallback',
  municipalityCode: 'GM0153',
  districtCode: null,
  contact: { teamId: TEAM_ID, teamName: 'Team Noord', organisationName: 'Gemeente Enschede', phone: '053 000 0000', email: null, persons: [] },
  agreement: null,
};

function render(props: Partial<Omit<NewReferralProps, 'view'>>): string {
  const view = viewContext({ lang: 'nl', actor: null, csrfToken: 'csrf', path: '/verwijzingen/nieuw', signedIn: true, unread: 0 });
  return (<NewReferralPage view={view} values={{}} route={route} retentionMonths={12} {...props} />).toString();
}

const consentError = 'Zet een vinkje als de patiënt toestemming geeft.';

test('a referral refused for missing consent marks the consent box, also when there is no team card to offer', () => {
  const withoutCard = render({ problem: 'Er is geen toestemming.', consentMissing: true });
  assert.ok(withoutCard.includes(consentError), 'the consent box says what is missing');
  assert.ok(withoutCard.includes('href="#field-consent_given"'), 'the alert links to the consent box');
  assert.ok(!withoutCard.includes('/verwijzingen/contactkaart/'), 'no card without a team');

  const withCard = render({ problem: 'Er is geen toestemming.', consentMissing: true, cardTeamId: TEAM_ID });
  assert.ok(withCard.includes(consentError));
  assert.ok(withCard.includes(`/verwijzingen/contactkaart/${TEAM_ID}`), 'the printable contact card of the routed team');
});

test('a referral refused for another reason does not blame the consent box', () => {
  const html = render({ problem: 'Het adres hoort nu bij een ander team.' });
  assert.ok(!html.includes(consentError));
  assert.ok(!html.includes('href="#field-consent_given"'));
});
