import type { Role } from '../db/schema.ts';
import type { Text } from '../i18n.ts';

export interface NavItem {
  href: string;
  label: Text;
  roles: readonly Role[];
  /** Other paths this item leads to (it redirects there), which mark it as the current page too. */
  alsoAt?: readonly string[];
}

/**
 * Role-aware navigation. Showing a link is a courtesy only: every route checks access on the
 * server itself (platform/http/authorize.ts).
 */
export const navigation: NavItem[] = [
  {
    href: '/',
    label: { nl: 'Start', en: 'Home' },
    roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator', 'policy_officer', 'admin'],
  },
  {
    href: '/sociale-kaart',
    label: { nl: 'Sociale kaart', en: 'Social map' },
    roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator', 'admin'],
  },
  { href: '/signalen', label: { nl: 'Signalen', en: 'Signals' }, roles: ['practice_staff', 'practice_admin'] },
  { href: '/verwijzingen/nieuw', label: { nl: 'Nieuwe verwijzing', en: 'New referral' }, roles: ['practice_staff', 'practice_admin'] },
  { href: '/verwijzingen', label: { nl: 'Mijn verwijzingen', en: 'My referrals' }, roles: ['practice_staff', 'practice_admin'] },
  { href: '/inbox', label: { nl: 'Binnengekomen', en: 'Inbox' }, roles: ['team_member', 'team_admin'] },
  { href: '/overleg', label: { nl: 'Overleg', en: 'Consultation' }, roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'] },
  { href: '/vaste-contactpersonen', label: { nl: 'Vaste contactpersonen', en: 'Fixed contacts' }, roles: ['practice_staff', 'practice_admin'] },
  { href: '/afspraken', label: { nl: 'Afspraken', en: 'Agreements' }, roles: ['practice_admin', 'team_admin', 'region_coordinator'] },
  { href: '/bezoeken', label: { nl: 'Bezoeken', en: 'Visits' }, roles: ['practice_admin', 'team_member', 'team_admin', 'region_coordinator'] },
  { href: '/netwerk', label: { nl: 'Netwerk', en: 'Network' }, roles: ['team_admin', 'region_coordinator'] },
  { href: '/cijfers', label: { nl: 'Cijfers', en: 'Figures' }, roles: ['practice_admin', 'team_admin', 'region_coordinator', 'policy_officer'] },
  { href: '/mdo', label: { nl: 'MDO', en: 'MDO' }, roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator'] },
  {
    href: '/bijeenkomsten',
    label: { nl: 'Bijeenkomsten', en: 'Events' },
    roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator'],
  },
  {
    href: '/nieuwsbrief',
    label: { nl: 'Nieuwsbrief', en: 'Newsletter' },
    roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator'],
  },
  { href: '/materialen', label: { nl: 'Materialen', en: 'Materials' }, roles: ['practice_staff', 'practice_admin', 'team_admin', 'region_coordinator'] },
  { href: '/spreekuren', label: { nl: 'Spreekuren', en: 'On-site hours' }, roles: ['practice_admin', 'team_member', 'team_admin'] },
  {
    href: '/mijn-organisatie',
    label: { nl: 'Mijn organisatie', en: 'My organisation' },
    roles: ['practice_admin', 'team_admin'],
    alsoAt: ['/praktijken', '/teams'],
  },
  { href: '/privacyverzoeken', label: { nl: 'Privacyverzoeken', en: 'Privacy requests' }, roles: ['practice_admin', 'team_admin'] },
  { href: '/beheer/organisaties', label: { nl: 'Organisaties', en: 'Organisations' }, roles: ['admin'] },
  { href: '/beheer/teams', label: { nl: 'Teams', en: 'Teams' }, roles: ['admin'] },
  { href: '/beheer/gebruikers', label: { nl: 'Gebruikers', en: 'Users' }, roles: ['admin'] },
  { href: '/beheer/routering', label: { nl: 'Routering', en: 'Routing' }, roles: ['admin', 'region_coordinator'] },
  { href: '/beheer/postcodes', label: { nl: 'Postcodetabel', en: 'Postcode table' }, roles: ['admin'] },
  { href: '/beheer/auditlog', label: { nl: 'Auditlog', en: 'Audit log' }, roles: ['admin'] },
  {
    href: '/account',
    label: { nl: 'Mijn account', en: 'My account' },
    roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator', 'policy_officer', 'admin'],
  },
];

export function navigationFor(role: Role): NavItem[] {
  return navigation.filter((item) => item.roles.includes(role));
}
