import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, migrateToLatest, type DatabaseHandle } from './platform/db/database.ts';
import { testConfig } from './platform/config.ts';
import { createLogger } from './platform/log.ts';
import { createApp } from './app.ts';
import { stylesheet } from './platform/ui/assets.ts';
import { createSession } from './platform/auth/sessions.ts';
import { roles } from './platform/auth/roles.ts';
import type { Role } from './platform/db/schema.ts';
import { unsubscribeToken } from './newsletter/unsubscribe-token.ts';
import { createTenant, createTestUser, type Tenant } from '../test/support/fixtures.ts';

/**
 * Every route × every role × a user of another tenant. The expectations are written out here, by
 * hand, independent of the code under test; a route added to the app without a line here fails the
 * "every route is in the matrix" rule.
 */

type Expectation =
  | { kind: 'public' }
  /** Sign-in steps: only for a session that is still signing in; a completed session is sent on. */
  | { kind: 'sign-in-step' }
  | {
      kind: 'roles';
      roles: readonly Role[];
      scoped?:
        'practice' | 'team' | 'referral' | 'consultation' | 'organisation' | 'region' | 'agreement' | 'visit' | 'onsite' | 'mdo' | 'event' | 'newsletter';
    }
  /** API routes that accept only a bearer token (never a session): every session, of any role, gets 401. Token × role: interop/hsds/api.integration.test.ts. */
  | { kind: 'bearer-token'; roles: readonly Role[] }
  /** Monitoring (/metrics): only with METRICS_TOKEN, never with a session; unconfigured it is not found. Token cases: metrics.integration.test.ts. */
  | { kind: 'metrics-token' }
  /** A secret in the address is the authorisation (an iCalendar feed that agenda apps fetch): unknown secrets are 404, for everyone. */
  | { kind: 'secret-link' }
  /** Signing in through an organisation's identity provider: open to anonymous visitors, but without a configured provider or a flow in progress a clear 4xx, never 401/403 or 5xx. Flow cases: test/e2e/oidc.test.ts, src/oidc/oidc.integration.test.ts. */
  | { kind: 'sign-in-flow' };

const ALL = roles;
/** Everyone who works with the social map: every role but the policy officer, who sees figures only (issue 12). */
const SOCIAL_MAP_READERS: readonly Role[] = ALL.filter((r) => r !== 'policy_officer');
/** Who keeps the social map up to date: team coordinators (own organisation), regional coordinators (own region), administrators. */
const SOCIAL_MAP_EDITORS: readonly Role[] = ['team_admin', 'region_coordinator', 'admin'];
const VISIT_PLANNERS: readonly Role[] = ['team_member', 'team_admin', 'region_coordinator'];
const VISIT_VIEWERS: readonly Role[] = ['practice_staff', 'practice_admin', ...VISIT_PLANNERS];
/** Tenant A's waiting-room screen address (src/materials): a secret of 43 URL-safe characters. */
const SCREEN_SECRET_A = 'screen-secret-of-practice-a-000000000000000';
const MATERIAL_MAKERS: readonly Role[] = ['practice_staff', 'practice_admin', 'team_admin', 'region_coordinator'];
/** Who plans and takes part in an MDO: the practice and the teams (the matrix's MDO has them all as participants). */
const MDO_PLANNERS: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin'];
const matrix: Record<string, Expectation> = {
  'GET /healthz': { kind: 'public' },
  'GET /readyz': { kind: 'public' },
  'GET /metrics': { kind: 'metrics-token' },
  'GET /assets/:file': { kind: 'public' },
  'GET /inloggen': { kind: 'public' },
  'POST /inloggen': { kind: 'public' },
  'POST /uitloggen': { kind: 'public' },
  'GET /inloggen/organisatie/:id': { kind: 'sign-in-flow' },
  'POST /inloggen/organisatie': { kind: 'sign-in-flow' },
  'GET /inloggen/terug': { kind: 'sign-in-flow' },
  'GET /beheer/organisaties/:id/inloggen': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/organisaties/:id/inloggen': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/organisaties/:id/inloggen/verwijderen': { kind: 'roles', roles: ['admin'] },
  'GET /tweestaps': { kind: 'sign-in-step' },
  'POST /tweestaps': { kind: 'sign-in-step' },
  'GET /tweestaps/instellen': { kind: 'sign-in-step' },
  'POST /tweestaps/instellen': { kind: 'sign-in-step' },
  'GET /tweestaps/herstelcode': { kind: 'sign-in-step' },
  'POST /tweestaps/herstelcode': { kind: 'sign-in-step' },
  'GET /wachtwoord-wijzigen': { kind: 'roles', roles: ALL },
  'POST /wachtwoord-wijzigen': { kind: 'roles', roles: ALL },
  'GET /account': { kind: 'roles', roles: ALL },
  'POST /account/herstelcodes': { kind: 'roles', roles: ALL },
  'GET /': { kind: 'roles', roles: ALL },
  'GET /beheer/organisaties': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/organisaties/nieuw': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/organisaties': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/organisaties/:id': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/organisaties/:id': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/teams': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/teams/nieuw': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/teams': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/teams/:id': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/teams/:id': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/gebruikers': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/gebruikers/nieuw': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/gebruikers': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/gebruikers/:id': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/gebruikers/:id': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/gebruikers/:id/wachtwoord': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/gebruikers/:id/blokkeren': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/gebruikers/:id/deblokkeren': { kind: 'roles', roles: ['admin'] },
  'GET /beheer/auditlog': { kind: 'roles', roles: ['admin'] },
  'GET /zelftest': { kind: 'public' },
  'GET /zelftest/verlopen': { kind: 'public' },
  'POST /zelftest': { kind: 'public' },
  'GET /zelftest/uitslag': { kind: 'public' },
  'POST /zelftest/uitslag': { kind: 'public' },
  'POST /zelftest/wissen': { kind: 'public' },
  'POST /zelftest/contact': { kind: 'public' },
  'GET /signalen': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'POST /signalen': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'GET /signalen/afdrukken': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'GET /signalen/:id': { kind: 'roles', roles: ['practice_staff', 'practice_admin'], scoped: 'practice' },
  'GET /meldingen': { kind: 'roles', roles: ALL },
  'POST /meldingen/gelezen': { kind: 'roles', roles: ALL },
  'GET /beheer/routering': { kind: 'roles', roles: ['admin', 'region_coordinator'] },
  'POST /beheer/routering': { kind: 'roles', roles: ['admin', 'region_coordinator'], scoped: 'region' },
  'GET /beheer/routering/:id/verwijderen': { kind: 'roles', roles: ['admin', 'region_coordinator'], scoped: 'region' },
  'POST /beheer/routering/:id/verwijderen': { kind: 'roles', roles: ['admin', 'region_coordinator'], scoped: 'region' },
  'POST /beheer/routering/regio': { kind: 'roles', roles: ['admin', 'region_coordinator'], scoped: 'region' },
  'GET /beheer/postcodes': { kind: 'roles', roles: ['admin'] },
  'POST /beheer/postcodes': { kind: 'roles', roles: ['admin'] },
  'GET /mijn-organisatie': { kind: 'roles', roles: ['practice_admin', 'team_admin'] },
  'GET /praktijken/:id/medewerkers': { kind: 'roles', roles: ['practice_admin', 'admin'], scoped: 'practice' },
  'GET /teams/:id/medewerkers': { kind: 'roles', roles: ['team_admin', 'admin'], scoped: 'team' },
  'GET /praktijken/:id/medewerkers/nieuw': { kind: 'roles', roles: ['practice_admin', 'admin'], scoped: 'practice' },
  'POST /praktijken/:id/medewerkers': { kind: 'roles', roles: ['practice_admin', 'admin'], scoped: 'practice' },
  'POST /praktijken/:id/medewerkers/blokkeren': { kind: 'roles', roles: ['practice_admin', 'admin'], scoped: 'practice' },
  'POST /praktijken/:id/medewerkers/deblokkeren': { kind: 'roles', roles: ['practice_admin', 'admin'], scoped: 'practice' },
  'POST /praktijken/:id/medewerkers/opnieuw-uitnodigen': { kind: 'roles', roles: ['practice_admin', 'admin'], scoped: 'practice' },
  'GET /teams/:id/medewerkers/nieuw': { kind: 'roles', roles: ['team_admin', 'admin'], scoped: 'team' },
  'POST /teams/:id/medewerkers': { kind: 'roles', roles: ['team_admin', 'admin'], scoped: 'team' },
  'POST /teams/:id/medewerkers/blokkeren': { kind: 'roles', roles: ['team_admin', 'admin'], scoped: 'team' },
  'POST /teams/:id/medewerkers/deblokkeren': { kind: 'roles', roles: ['team_admin', 'admin'], scoped: 'team' },
  'POST /teams/:id/medewerkers/opnieuw-uitnodigen': { kind: 'roles', roles: ['team_admin', 'admin'], scoped: 'team' },
  'POST /verwijzingen/:id/berichten': { kind: 'roles', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/toestemming-intrekken': {
    kind: 'roles',
    roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'],
    scoped: 'referral',
  },
  // The closed-loop referral: practice side, team side. Region coordinators and administrators never reach one.
  'GET /verwijzingen/nieuw': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'POST /verwijzingen/nieuw': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'POST /verwijzingen/nieuw/route': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'GET /verwijzingen/contactkaart/:id': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'GET /verwijzingen': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'GET /inbox': { kind: 'roles', roles: ['team_member', 'team_admin'] },
  'GET /verwijzingen/:id': { kind: 'roles', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/accepteren': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/contactpoging': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/eerste-contact': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/eerste-gesprek': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/al-bekend': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/doorsturen': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/afwijzen': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/afsluiten': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/annuleren': { kind: 'roles', roles: ['practice_staff', 'practice_admin'], scoped: 'referral' },
  // The access report (NEN 7513 client view): the practice manager and the team coordinator, for their own referrals.
  'GET /verwijzingen/:id/toegangsverslag': { kind: 'roles', roles: ['practice_admin', 'team_admin'], scoped: 'referral' },
  'GET /verwijzingen/:id/toegangsverslag/persoon': { kind: 'roles', roles: ['practice_admin', 'team_admin'], scoped: 'referral' },
  // Privacy requests (AVG art. 15–17): the practice manager and the team coordinator, for their own organisation and referrals.
  'GET /privacyverzoeken': { kind: 'roles', roles: ['practice_admin', 'team_admin'] },
  'POST /privacyverzoeken/inzage': { kind: 'roles', roles: ['practice_admin', 'team_admin'] },
  'GET /verwijzingen/:id/contactgegevens': { kind: 'roles', roles: ['practice_admin', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/contactgegevens': { kind: 'roles', roles: ['practice_admin', 'team_admin'], scoped: 'referral' },
  'GET /verwijzingen/:id/wissen': { kind: 'roles', roles: ['practice_admin', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/wissen': { kind: 'roles', roles: ['practice_admin', 'team_admin'], scoped: 'referral' },
  'GET /overleg': { kind: 'roles', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'] },
  'GET /overleg/nieuw': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'POST /overleg': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  'GET /overleg/:id': { kind: 'roles', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'], scoped: 'consultation' },
  'POST /overleg/:id/berichten': { kind: 'roles', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'], scoped: 'consultation' },
  'POST /overleg/:id/sluiten': { kind: 'roles', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'], scoped: 'consultation' },
  'GET /sociale-kaart': { kind: 'roles', roles: SOCIAL_MAP_READERS },
  'GET /sociale-kaart/beheer': { kind: 'roles', roles: SOCIAL_MAP_EDITORS },
  'GET /sociale-kaart/controleren': { kind: 'roles', roles: SOCIAL_MAP_EDITORS },
  'GET /sociale-kaart/diensten/nieuw': { kind: 'roles', roles: SOCIAL_MAP_EDITORS },
  'POST /sociale-kaart/diensten': { kind: 'roles', roles: SOCIAL_MAP_EDITORS },
  'GET /sociale-kaart/diensten/:id': { kind: 'roles', roles: SOCIAL_MAP_READERS },
  'GET /sociale-kaart/diensten/:id/bewerken': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'POST /sociale-kaart/diensten/:id': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'POST /sociale-kaart/diensten/:id/klopt-nog': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'POST /sociale-kaart/diensten/:id/capaciteit': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'GET /sociale-kaart/diensten/:id/contactpersonen/nieuw': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'POST /sociale-kaart/diensten/:id/contactpersonen': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'GET /sociale-kaart/locaties/nieuw': { kind: 'roles', roles: SOCIAL_MAP_EDITORS },
  'POST /sociale-kaart/locaties': { kind: 'roles', roles: SOCIAL_MAP_EDITORS },
  'GET /sociale-kaart/locaties/:id/bewerken': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'POST /sociale-kaart/locaties/:id': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'POST /sociale-kaart/locaties/:id/klopt-nog': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'GET /sociale-kaart/contactpersonen/:id/bewerken': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'POST /sociale-kaart/contactpersonen/:id': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'GET /sociale-kaart/contactpersonen/:id/vervangen': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'POST /sociale-kaart/contactpersonen/:id/vervangen': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'POST /sociale-kaart/contactpersonen/:id/klopt-nog': { kind: 'roles', roles: SOCIAL_MAP_EDITORS, scoped: 'organisation' },
  'GET /hulp': { kind: 'public' },
  'GET /api/hsds': { kind: 'public' },
  'GET /api/hsds/': { kind: 'public' },
  'GET /api/hsds/openapi.json': { kind: 'public' },
  'GET /api/hsds/service_at_locations': { kind: 'public' },
  'GET /api/hsds/services': { kind: 'public' },
  'GET /api/hsds/services/:id': { kind: 'public' },
  'GET /api/hsds/organizations': { kind: 'public' },
  'GET /api/hsds/organizations/:id': { kind: 'public' },
  'GET /api/hsds/export': { kind: 'bearer-token', roles: ['admin', 'region_coordinator'] },
  'POST /api/hsds/import': { kind: 'bearer-token', roles: ['admin'] },
  // FHIR R4 (src/interop/fhir): the CapabilityStatement and code systems are public; the rest needs a bearer token.
  // Referrals: practices and teams, scoped like the web app (token × role × tenant: interop/fhir/fhir.integration.test.ts).
  'GET /fhir/metadata': { kind: 'public' },
  'GET /fhir/CodeSystem/:id': { kind: 'public' },
  'GET /fhir/Task': { kind: 'bearer-token', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'] },
  'GET /fhir/Task/:id': { kind: 'bearer-token', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'] },
  'PUT /fhir/Task/:id': { kind: 'bearer-token', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'] },
  'GET /fhir/ServiceRequest': { kind: 'bearer-token', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'] },
  'GET /fhir/ServiceRequest/:id': { kind: 'bearer-token', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'] },
  'POST /fhir/ServiceRequest': { kind: 'bearer-token', roles: ['practice_staff', 'practice_admin'] },
  'GET /fhir/Patient/:id': { kind: 'bearer-token', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'] },
  'GET /fhir/Consent/:id': { kind: 'bearer-token', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'] },
  'POST /fhir': { kind: 'bearer-token', roles: ['practice_staff', 'practice_admin'] },
  'GET /fhir/Organization': { kind: 'bearer-token', roles: ALL },
  'GET /fhir/Organization/:id': { kind: 'bearer-token', roles: ALL },
  'GET /fhir/HealthcareService': { kind: 'bearer-token', roles: ALL },
  'GET /fhir/HealthcareService/:id': { kind: 'bearer-token', roles: ALL },
  'GET /fhir/Location/:id': { kind: 'bearer-token', roles: ALL },
  // Collaboration agreements: the team or regional coordinator drafts, the practice manager confirms; each sees their own.
  'GET /afspraken': { kind: 'roles', roles: ['practice_admin', 'team_admin', 'region_coordinator'] },
  'GET /afspraken/nieuw': { kind: 'roles', roles: ['team_admin', 'region_coordinator'] },
  'POST /afspraken': { kind: 'roles', roles: ['team_admin', 'region_coordinator'], scoped: 'region' },
  'GET /afspraken/:id': { kind: 'roles', roles: ['practice_admin', 'team_admin', 'region_coordinator'], scoped: 'agreement' },
  'GET /afspraken/:id/wijzigen': { kind: 'roles', roles: ['team_admin', 'region_coordinator'], scoped: 'agreement' },
  'POST /afspraken/:id': { kind: 'roles', roles: ['team_admin', 'region_coordinator'], scoped: 'agreement' },
  'POST /afspraken/:id/bevestigen': { kind: 'roles', roles: ['practice_admin'], scoped: 'agreement' },
  'POST /afspraken/:id/contact-klopt': { kind: 'roles', roles: ['practice_admin'], scoped: 'agreement' },
  'GET /vaste-contactpersonen': { kind: 'roles', roles: ['practice_staff', 'practice_admin'] },
  // Visits: one calendar per practice, read by the practice, planned by every team of the region and the regional coordinator.
  'GET /bezoeken': { kind: 'roles', roles: VISIT_VIEWERS },
  'GET /bezoeken/praktijk/:id': { kind: 'roles', roles: VISIT_VIEWERS, scoped: 'practice' },
  'POST /bezoeken/praktijk/:id': { kind: 'roles', roles: VISIT_PLANNERS, scoped: 'practice' },
  'GET /bezoeken/:id': { kind: 'roles', roles: VISIT_VIEWERS, scoped: 'visit' },
  'POST /bezoeken/:id/vastleggen': { kind: 'roles', roles: VISIT_PLANNERS, scoped: 'visit' },
  'POST /bezoeken/:id/afzeggen': { kind: 'roles', roles: VISIT_PLANNERS, scoped: 'visit' },
  'POST /bezoeken/:id/vervolg': { kind: 'roles', roles: VISIT_PLANNERS, scoped: 'visit' },
  // The region's network view: the regional coordinator and team coordinators; a practice manager opens their own practice.
  'GET /netwerk': { kind: 'roles', roles: ['team_admin', 'region_coordinator'] },
  'GET /netwerk/praktijken/:id': { kind: 'roles', roles: ['practice_admin', 'team_admin', 'region_coordinator'], scoped: 'practice' },
  'POST /netwerk/praktijken/:id/jaarlijst': { kind: 'roles', roles: ['practice_admin', 'team_admin', 'region_coordinator'], scoped: 'practice' },
  // On-site hours: the team sets them, the practice reads them and books a slot from its own referral; the holding team may cancel.
  'GET /spreekuren': { kind: 'roles', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'] },
  'POST /spreekuren': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'region' },
  'POST /spreekuren/:id/uitzondering': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'onsite' },
  'POST /spreekuren/:id/stoppen': { kind: 'roles', roles: ['team_member', 'team_admin'], scoped: 'onsite' },
  'GET /verwijzingen/:id/kennismaking': { kind: 'roles', roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/kennismaking': { kind: 'roles', roles: ['practice_staff', 'practice_admin'], scoped: 'referral' },
  'POST /verwijzingen/:id/kennismaking/afzeggen': {
    kind: 'roles',
    roles: ['practice_staff', 'practice_admin', 'team_member', 'team_admin'],
    scoped: 'referral',
  },
  // Figures (issue 12): counts only. The regional coordinator sees the region and all within it; a policy officer
  // their region or municipality; a team or practice manager their own. None of them reaches a referral through them.
  'GET /cijfers': { kind: 'roles', roles: ['practice_admin', 'team_admin', 'region_coordinator', 'policy_officer'] },
  'GET /cijfers/regio/:id': { kind: 'roles', roles: ['region_coordinator', 'policy_officer'], scoped: 'region' },
  'GET /cijfers/gemeente/:code': { kind: 'roles', roles: ['region_coordinator', 'policy_officer'], scoped: 'region' },
  'GET /cijfers/team/:id': { kind: 'roles', roles: ['team_admin', 'region_coordinator'], scoped: 'team' },
  'GET /cijfers/praktijk/:id': { kind: 'roles', roles: ['practice_admin', 'region_coordinator'], scoped: 'practice' },
  'POST /cijfers/regio/:id/nulmeting': { kind: 'roles', roles: ['region_coordinator'], scoped: 'region' },
  'GET /agenda': { kind: 'roles', roles: ALL },
  'POST /agenda/adres': { kind: 'roles', roles: ALL },
  'POST /agenda/intrekken': { kind: 'roles', roles: ALL },
  'GET /agenda/:file': { kind: 'secret-link' },
  // Materials (src/materials): practice staff for their own practice, coordinators for a practice of their region.
  'GET /materialen': { kind: 'roles', roles: MATERIAL_MAKERS },
  'GET /materialen/praktijk/:id/placemat': { kind: 'roles', roles: MATERIAL_MAKERS, scoped: 'practice' },
  'GET /materialen/praktijk/:id/placemat/pdf': { kind: 'roles', roles: MATERIAL_MAKERS, scoped: 'practice' },
  'GET /materialen/praktijk/:id/kaarten': { kind: 'roles', roles: MATERIAL_MAKERS, scoped: 'practice' },
  'GET /materialen/praktijk/:id/kaarten/pdf': { kind: 'roles', roles: MATERIAL_MAKERS, scoped: 'practice' },
  'POST /materialen/praktijk/:id/wachtkamer': { kind: 'roles', roles: ['practice_staff', 'practice_admin'], scoped: 'practice' },
  'POST /materialen/praktijk/:id/wachtkamer/intrekken': { kind: 'roles', roles: ['practice_staff', 'practice_admin'], scoped: 'practice' },
  'GET /materialen/overdrachtskaart/:id': { kind: 'roles', roles: ['practice_staff', 'practice_admin'], scoped: 'referral' },
  'GET /materialen/overdrachtskaart/:id/pdf': { kind: 'roles', roles: ['practice_staff', 'practice_admin'], scoped: 'referral' },
  /** The waiting-room screen: its secret address is the key; unknown secrets are 404 (materials.integration.test.ts). */
  'GET /wachtkamer/:token': { kind: 'public' },
  // MDO: the practice and the region's teams plan; the coordinator reads (never a patient); participants record; the referral's own sides put it on the agenda.
  'GET /mdo': { kind: 'roles', roles: [...MDO_PLANNERS, 'region_coordinator'] },
  'GET /mdo/praktijk/:id': { kind: 'roles', roles: MDO_PLANNERS, scoped: 'practice' },
  'POST /mdo/praktijk/:id': { kind: 'roles', roles: MDO_PLANNERS, scoped: 'practice' },
  'GET /mdo/:id': { kind: 'roles', roles: [...MDO_PLANNERS, 'region_coordinator'], scoped: 'mdo' },
  'POST /mdo/:id/vastleggen': { kind: 'roles', roles: MDO_PLANNERS, scoped: 'mdo' },
  'POST /mdo/:id/afzeggen': { kind: 'roles', roles: MDO_PLANNERS, scoped: 'mdo' },
  'POST /mdo/:id/actie': { kind: 'roles', roles: MDO_PLANNERS, scoped: 'mdo' },
  'GET /verwijzingen/:id/mdo': { kind: 'roles', roles: MDO_PLANNERS, scoped: 'referral' },
  'POST /verwijzingen/:id/mdo': { kind: 'roles', roles: MDO_PLANNERS, scoped: 'referral' },
  // Network events: the region's practices and teams see them and sign up; the coordinators organise them.
  'GET /bijeenkomsten': { kind: 'roles', roles: [...MDO_PLANNERS, 'region_coordinator'] },
  'GET /bijeenkomsten/nieuw': { kind: 'roles', roles: ['team_admin', 'region_coordinator'] },
  'POST /bijeenkomsten': { kind: 'roles', roles: ['team_admin', 'region_coordinator'] },
  'GET /bijeenkomsten/:id': { kind: 'roles', roles: [...MDO_PLANNERS, 'region_coordinator'], scoped: 'event' },
  'POST /bijeenkomsten/:id/aanmelden': { kind: 'roles', roles: [...MDO_PLANNERS, 'region_coordinator'], scoped: 'event' },
  'POST /bijeenkomsten/:id/afmelden': { kind: 'roles', roles: [...MDO_PLANNERS, 'region_coordinator'], scoped: 'event' },
  // Newsletter: everyone in the region reads the archive and chooses to receive it; the coordinator composes and sends.
  'GET /nieuwsbrief': { kind: 'roles', roles: [...MDO_PLANNERS, 'region_coordinator'] },
  'POST /nieuwsbrief': { kind: 'roles', roles: ['region_coordinator'] },
  'POST /nieuwsbrief/abonnement': { kind: 'roles', roles: [...MDO_PLANNERS, 'region_coordinator'] },
  'GET /nieuwsbrief/afmelden/:token': { kind: 'public' },
  'POST /nieuwsbrief/afmelden/:token': { kind: 'public' },
  'GET /nieuwsbrief/:id': { kind: 'roles', roles: [...MDO_PLANNERS, 'region_coordinator'], scoped: 'newsletter' },
  'POST /nieuwsbrief/:id': { kind: 'roles', roles: ['region_coordinator'], scoped: 'newsletter' },
  'POST /nieuwsbrief/:id/versturen': { kind: 'roles', roles: ['region_coordinator'], scoped: 'newsletter' },
};

/** A tenant (test/support/fixtures.ts) with a signed-in user of every role, a signal record and a routing rule. */
interface MatrixTenant extends Tenant {
  signalRecordId: string;
  routingRuleId: string;
  users: Record<Role, { id: string; token: string; csrf: string }>;
}

let database: DatabaseHandle;
let app: ReturnType<typeof createApp>;
let tenantA: MatrixTenant;
let tenantB: MatrixTenant;
let targetUserId: string;
/** A team member of tenant A whom tenant A's team coordinator looks after. */
let teamTargetUserId: string;
let serviceIdA: string;
/** A location and a contact (of serviceIdA) of tenant A's organisation, for the social map editing routes. */
let socialMapLocationIdA: string;
let socialMapContactIdA: string;
/** A referral and a consultation of tenant A (practice A → team A), for the short-lines routes. */
let shortLinesReferralIdA: string;
let consultationIdA: string;
/** Referrals of practice A held by team A: one for the referral pages, one team B held before forwarding it to team A. */
let referralIdA: string;
let forwardedReferralIdA: string;
/** An agreement in force between practice A and team A. */
let agreementIdA: string;
/** A visit planned at practice A. */
let visitIdA: string;
/** An MDO planned at practice A, with tenant A's practice and team users as participants. */
let mdoIdA: string;
/** A network event of tenant A's region. */
let eventIdA: string;
/** A draft newsletter of tenant A's region (the coordinator's only) and a sent one (everyone's in the region). */
let newsletterDraftIdA: string;
let newsletterSentIdA: string;
/** On-site hours of tenant A's team member at practice A, and the secret of that member's iCalendar feed. */
let onsiteIdA: string;
const FEED_SECRET_A = 'matrix-feed-secret-of-tenant-a-0123456789';
const REFERRAL_PATIENT = 'Matrixpatiënt Zonderbsn';

async function makeTenant(db: DatabaseHandle['db'], label: string, agbCode: string, cbsCode: string): Promise<MatrixTenant> {
  const tenant = await createTenant(db, { label, practice: { agbCode }, municipality: { cbsCode } });
  const users = {} as MatrixTenant['users'];
  for (const role of roles) {
    const user = await createTestUser(db, tenant, role);
    const token = await createSession(db, { userId: user.id, mfaPassed: true, ip: '127.0.0.1', hours: 1 });
    const session = await db.selectFrom('sessions').select('csrf_token').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    users[role] = { id: user.id, token, csrf: session.csrf_token };
  }
  const signalRecord = await db
    .insertInto('signal_records')
    .values({ practice_id: tenant.practiceId, recorded_on: '2026-11-23', signals: ['stress'], outcome: 'later' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const routingRule = await db
    .insertInto('routing_rules')
    .values({ municipality_code: cbsCode, team_id: tenant.teamId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...tenant, signalRecordId: signalRecord.id, routingRuleId: routingRule.id, users };
}

let freshRules = 0;

/** Routes that remove their target get a new target for every call, so call order does not matter. */
async function freshPath(path: string): Promise<string> {
  if (path === '/beheer/routering/:id/verwijderen') {
    const rule = await database.db
      .insertInto('routing_rules')
      .values({ municipality_code: 'GM9001', district_code: `WK9001${String(10 + freshRules++)}`, team_id: tenantA.teamId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return path.replace(':id', rule.id);
  }
  return concretePath(path);
}

function concretePath(path: string): string {
  if (path === '/cijfers/gemeente/:code') return '/cijfers/gemeente/GM9001';
  if (path === '/wachtkamer/:token') return `/wachtkamer/${SCREEN_SECRET_A}`;
  const idFor: Record<string, string> = {
    '/beheer/organisaties/:id': tenantA.municipalityId,
    '/beheer/organisaties/:id/inloggen': tenantA.municipalityId,
    '/beheer/organisaties/:id/inloggen/verwijderen': tenantA.municipalityId,
    '/inloggen/organisatie/:id': tenantA.practiceId,
    '/beheer/teams/:id': tenantA.teamId,
    '/praktijken/:id/medewerkers': tenantA.practiceId,
    '/teams/:id/medewerkers': tenantA.teamId,
    '/praktijken/:id/medewerkers/nieuw': tenantA.practiceId,
    '/praktijken/:id/medewerkers/blokkeren': tenantA.practiceId,
    '/praktijken/:id/medewerkers/deblokkeren': tenantA.practiceId,
    '/praktijken/:id/medewerkers/opnieuw-uitnodigen': tenantA.practiceId,
    '/teams/:id/medewerkers/nieuw': tenantA.teamId,
    '/teams/:id/medewerkers/blokkeren': tenantA.teamId,
    '/teams/:id/medewerkers/deblokkeren': tenantA.teamId,
    '/teams/:id/medewerkers/opnieuw-uitnodigen': tenantA.teamId,
    '/signalen/:id': tenantA.signalRecordId,
    '/beheer/routering/:id/verwijderen': tenantA.routingRuleId,
    '/api/hsds/organizations/:id': tenantA.municipalityId,
    '/api/hsds/services/:id': serviceIdA,
    '/fhir/CodeSystem/:id': 'needs',
    '/sociale-kaart/diensten/:id': serviceIdA,
    '/sociale-kaart/diensten/:id/bewerken': serviceIdA,
    '/sociale-kaart/diensten/:id/klopt-nog': serviceIdA,
    '/sociale-kaart/diensten/:id/capaciteit': serviceIdA,
    '/sociale-kaart/diensten/:id/contactpersonen/nieuw': serviceIdA,
    '/sociale-kaart/diensten/:id/contactpersonen': serviceIdA,
    '/sociale-kaart/locaties/:id/bewerken': socialMapLocationIdA,
    '/sociale-kaart/locaties/:id': socialMapLocationIdA,
    '/sociale-kaart/locaties/:id/klopt-nog': socialMapLocationIdA,
    '/sociale-kaart/contactpersonen/:id/bewerken': socialMapContactIdA,
    '/sociale-kaart/contactpersonen/:id': socialMapContactIdA,
    '/sociale-kaart/contactpersonen/:id/vervangen': socialMapContactIdA,
    '/sociale-kaart/contactpersonen/:id/klopt-nog': socialMapContactIdA,
    '/verwijzingen/:id/berichten': shortLinesReferralIdA,
    '/verwijzingen/:id/toestemming-intrekken': shortLinesReferralIdA,
    '/verwijzingen/:id': referralIdA,
    '/verwijzingen/:id/accepteren': referralIdA,
    '/verwijzingen/:id/contactpoging': referralIdA,
    '/verwijzingen/:id/eerste-contact': referralIdA,
    '/verwijzingen/:id/eerste-gesprek': referralIdA,
    '/verwijzingen/:id/al-bekend': referralIdA,
    '/verwijzingen/:id/doorsturen': referralIdA,
    '/verwijzingen/:id/afwijzen': referralIdA,
    '/verwijzingen/:id/afsluiten': referralIdA,
    '/verwijzingen/:id/annuleren': referralIdA,
    '/verwijzingen/:id/toegangsverslag': referralIdA,
    '/verwijzingen/:id/toegangsverslag/persoon': referralIdA,
    '/verwijzingen/:id/contactgegevens': referralIdA,
    '/verwijzingen/:id/wissen': referralIdA,
    '/verwijzingen/contactkaart/:id': tenantA.teamId,
    '/materialen/praktijk/:id/placemat': tenantA.practiceId,
    '/materialen/praktijk/:id/placemat/pdf': tenantA.practiceId,
    '/materialen/praktijk/:id/kaarten': tenantA.practiceId,
    '/materialen/praktijk/:id/kaarten/pdf': tenantA.practiceId,
    '/materialen/praktijk/:id/wachtkamer': tenantA.practiceId,
    '/materialen/praktijk/:id/wachtkamer/intrekken': tenantA.practiceId,
    '/materialen/overdrachtskaart/:id': referralIdA,
    '/materialen/overdrachtskaart/:id/pdf': referralIdA,
    '/overleg/:id': consultationIdA,
    '/overleg/:id/berichten': consultationIdA,
    '/overleg/:id/sluiten': consultationIdA,
    '/afspraken/:id': agreementIdA,
    '/afspraken/:id/wijzigen': agreementIdA,
    '/afspraken/:id/bevestigen': agreementIdA,
    '/afspraken/:id/contact-klopt': agreementIdA,
    '/bezoeken/praktijk/:id': tenantA.practiceId,
    '/netwerk/praktijken/:id': tenantA.practiceId,
    '/netwerk/praktijken/:id/jaarlijst': tenantA.practiceId,
    '/spreekuren/:id/uitzondering': onsiteIdA,
    '/spreekuren/:id/stoppen': onsiteIdA,
    '/verwijzingen/:id/kennismaking': referralIdA,
    '/verwijzingen/:id/kennismaking/afzeggen': referralIdA,
    '/bezoeken/:id': visitIdA,
    '/cijfers/regio/:id': tenantA.regionId,
    '/cijfers/regio/:id/nulmeting': tenantA.regionId,
    '/cijfers/team/:id': tenantA.teamId,
    '/cijfers/praktijk/:id': tenantA.practiceId,
    '/bezoeken/:id/vastleggen': visitIdA,
    '/bezoeken/:id/afzeggen': visitIdA,
    '/bezoeken/:id/vervolg': visitIdA,
    '/mdo/praktijk/:id': tenantA.practiceId,
    '/mdo/:id': mdoIdA,
    '/mdo/:id/vastleggen': mdoIdA,
    '/mdo/:id/afzeggen': mdoIdA,
    '/mdo/:id/actie': mdoIdA,
    '/verwijzingen/:id/mdo': referralIdA,
    '/bijeenkomsten/:id': eventIdA,
    '/bijeenkomsten/:id/aanmelden': eventIdA,
    '/bijeenkomsten/:id/afmelden': eventIdA,
    '/nieuwsbrief/:id': newsletterSentIdA,
    '/nieuwsbrief/:id/versturen': newsletterDraftIdA,
  };
  if (path === '/assets/:file') return stylesheet.href;
  // The newsletter's one-click unsubscribe address: signed for a user of tenant A.
  if (path.startsWith('/nieuwsbrief/afmelden/')) return path.replace(':token', unsubscribeToken(testConfig().auditKey, tenantA.users.practice_staff.id));
  const id = idFor[path] ?? (path.startsWith('/beheer/gebruikers/:id') ? targetUserId : undefined);
  return id ? path.replace(':id', id) : path;
}

/** Routes whose resource is named in the form rather than the path: tenant A's, posted. */
function fieldsFor(route: string): Record<string, string> {
  if (route === 'POST /beheer/routering') return { municipality_code: 'GM9001' };
  if (route === 'POST /beheer/routering/regio') return { region_id: tenantA.regionId };
  if (route === 'POST /afspraken') return { practice_id: tenantA.practiceId, team_id: tenantA.teamId };
  if (route === 'POST /spreekuren') return { practice_id: tenantA.practiceId };
  if (route === 'POST /cijfers/regio/:id/nulmeting') return { nulmeting_van: '2026-01-01', nulmeting_tot: '2026-03-31' };
  // Colleagues are named in the form: a colleague of tenant A's practice or team.
  if (route.startsWith('POST /praktijken/:id/medewerkers/')) return { user_id: targetUserId };
  if (route.startsWith('POST /teams/:id/medewerkers/')) return { user_id: teamTargetUserId };
  return {};
}

async function call(method: string, path: string, as?: { token: string; csrf: string }, fields: Record<string, string> = {}) {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (as) headers['cookie'] = `kl_session=${as.token}`;
  if (method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['origin'] = 'http://localhost';
    body = new URLSearchParams({ ...fields, _csrf: as?.csrf ?? 'x'.repeat(43) }).toString();
    if (!as) headers['cookie'] = `kl_csrf=${'x'.repeat(43)}`;
  }
  return app.request(`http://localhost${path}`, { method, headers, body });
}

function isDenied(status: number): boolean {
  return status === 403 || status === 404;
}

describe('authorization matrix', () => {
  before(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(database.db);
    tenantA = await makeTenant(database.db, 'a', '00000001', 'GM9001');
    tenantB = await makeTenant(database.db, 'b', '00000002', 'GM9002');
    targetUserId = (await createTestUser(database.db, tenantA, 'practice_staff', { email: 'target@a.test', name: 'Target' })).id;
    teamTargetUserId = (await createTestUser(database.db, tenantA, 'team_member', { email: 'team-target@a.test', name: 'Team Target' })).id;
    serviceIdA = (
      await database.db
        .insertInto('services')
        .values({ organisation_id: tenantA.municipalityId, name: 'Schuldhulp A', updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    socialMapLocationIdA = (
      await database.db
        .insertInto('locations')
        .values({ organisation_id: tenantA.municipalityId, name: 'Inloop A', updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    socialMapContactIdA = (
      await database.db
        .insertInto('contacts')
        .values({ organisation_id: tenantA.municipalityId, service_id: serviceIdA, name: 'Contact A', phone: '053 000 0000', updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    shortLinesReferralIdA = (
      await database.db
        .insertInto('referrals')
        .values({
          reference: 'KL-MATRIX-A',
          source: 'practice',
          practice_id: tenantA.practiceId,
          idempotency_key: 'matrix-short-lines-a',
          team_id: tenantA.teamId,
          status: 'received',
          handover: 'team_contacts_patient',
          contact_channel: 'phone',
          requested_on: '2026-11-23',
          first_contact_due: '2026-11-26',
          first_conversation_due: '2026-12-21',
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    consultationIdA = (
      await database.db
        .insertInto('consultations')
        .values({ practice_id: tenantA.practiceId, team_id: tenantA.teamId, subject: 'Vraag A', updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const referralA = (key: string) => ({
      source: 'practice' as const,
      practice_id: tenantA.practiceId,
      idempotency_key: key,
      team_id: tenantA.teamId,
      status: 'received' as const,
      patient_name: REFERRAL_PATIENT,
      patient_postcode: '7552 AB',
      handover: 'phone_together' as const,
      contact_channel: 'phone' as const,
      requested_on: '2026-11-23',
      first_contact_due: '2026-11-26',
      first_conversation_due: '2026-12-21',
      updated_at: new Date(),
    });
    referralIdA = (
      await database.db
        .insertInto('referrals')
        .values({ ...referralA('matrix-referral-a'), reference: 'KL-MATRIXA' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    forwardedReferralIdA = (
      await database.db
        .insertInto('referrals')
        .values({ ...referralA('matrix-forwarded-a'), reference: 'KL-MATRIXF', status: 'requested' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await database.db
      .insertInto('referral_events')
      .values({
        referral_id: forwardedReferralIdA,
        type: 'forwarded',
        from_status: 'received',
        to_status: 'requested',
        from_team_id: tenantB.teamId,
        to_team_id: tenantA.teamId,
        note: 'hoort bij team A',
      })
      .execute();
    agreementIdA = (
      await database.db
        .insertInto('agreements')
        .values({ practice_id: tenantA.practiceId, team_id: tenantA.teamId, first_contact_working_days: 2, agreed_at: new Date(), updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    onsiteIdA = (
      await database.db
        .insertInto('onsite_hours')
        .values({
          practice_id: tenantA.practiceId,
          team_id: tenantA.teamId,
          host_user_id: tenantA.users.team_member.id,
          weekday: 2,
          starts_at: '09:00',
          ends_at: '12:00',
          slot_minutes: 30,
          starts_on: '2026-11-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    visitIdA = (
      await database.db
        .insertInto('visits')
        .values({ practice_id: tenantA.practiceId, planned_on: '2026-12-08', updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    mdoIdA = (
      await database.db
        .insertInto('mdos')
        .values({ practice_id: tenantA.practiceId, starts_at: new Date(Date.now() + 86_400_000), place: 'Spreekkamer A', updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await database.db
      .insertInto('mdo_participants')
      .values(MDO_PLANNERS.map((role) => ({ mdo_id: mdoIdA, user_id: tenantA.users[role].id })))
      .execute();
    eventIdA = (
      await database.db
        .insertInto('network_events')
        .values({
          region_id: tenantA.regionId,
          kind: 'network_meeting',
          title: 'Netwerkbijeenkomst A',
          starts_at: new Date(Date.now() + 7 * 86_400_000),
          ends_at: new Date(Date.now() + 7 * 86_400_000 + 7_200_000),
          place: 'Stadhuis A',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const newsletterA = { region_id: tenantA.regionId, title: 'Nieuwsbrief A', body: 'Nieuws', period_from: '2026-10-01', period_to: '2026-11-30' };
    newsletterSentIdA = (
      await database.db
        .insertInto('newsletters')
        .values({ ...newsletterA, sent_at: new Date(), recipients: 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    newsletterDraftIdA = (await database.db.insertInto('newsletters').values(newsletterA).returning('id').executeTakeFirstOrThrow()).id;
    app = createApp({ db: database.db, config: testConfig(), log: createLogger('silent') });
  });
  after(async () => database.close());

  test('every route of the app has a line in the matrix', () => {
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const missing = [...routes].filter((r) => !(r in matrix));
    assert.deepEqual(missing, [], `routes without an authorisation expectation: ${missing.join(', ')}`);
    const stale = Object.keys(matrix).filter((k) => !routes.has(k));
    assert.deepEqual(stale, [], `matrix lines for routes that no longer exist: ${stale.join(', ')}`);
  });

  for (const [route, expectation] of Object.entries(matrix)) {
    const [method, path] = route.split(' ') as [string, string];
    if (expectation.kind !== 'roles') continue;

    test(`${route}: anonymous visitors are sent to sign in`, async () => {
      const res = await call(method, concretePath(path));
      assert.equal(res.status, 303, `${route} anonymous → ${res.status}`);
      assert.match(res.headers.get('location') ?? '', /^\/inloggen/);
    });

    for (const role of roles) {
      const allowed = expectation.roles.includes(role);
      test(`${route}: ${role} is ${allowed ? 'allowed' : 'denied'}`, async () => {
        const res = await call(method, await freshPath(path), tenantA.users[role], fieldsFor(route));
        if (allowed) assert.ok(!isDenied(res.status) && res.status !== 401 && res.status < 500, `${route} as ${role} → ${res.status}`);
        else assert.equal(res.status, 403, `${route} as ${role} → ${res.status}`);
      });
    }

    if (expectation.scoped) {
      for (const role of expectation.roles.filter((r) => r !== 'admin')) {
        test(`${route}: a ${role} of another ${expectation.scoped} is denied`, async () => {
          const res = await call(method, await freshPath(path), tenantB.users[role], fieldsFor(route));
          assert.equal(res.status, 404, `${route} as ${role} of tenant B → ${res.status}`);
        });
      }
    }
  }

  for (const [route, expectation] of Object.entries(matrix)) {
    if (expectation.kind !== 'bearer-token') continue;
    const [method, path] = route.split(' ') as [string, string];
    test(`${route}: without a bearer token every caller gets 401, whatever session they have`, async () => {
      for (const as of [undefined, ...roles.map((r) => tenantA.users[r])]) {
        const res = await call(method, concretePath(path), as);
        assert.equal(res.status, 401, `${route} ${as ? 'with a session' : 'anonymous'} → ${res.status}`);
      }
    });
  }

  for (const [route, expectation] of Object.entries(matrix)) {
    if (expectation.kind !== 'metrics-token') continue;
    test(`${route}: no session of any role opens it`, async () => {
      for (const as of [undefined, ...roles.map((r) => tenantA.users[r])]) {
        const res = await call('GET', route.slice(4), as);
        assert.equal(res.status, 404, `${route} ${as ? 'with a session' : 'anonymous'} → ${res.status}`);
        assert.doesNotMatch(await res.text(), /korte_lijn_/);
      }
    });
  }

  test('a secret link answers only to its secret: 200 with it, 404 for an unknown one, with or without a session', async () => {
    // Set here: the matrix above also revokes and renews tenant A's feed (POST /agenda/…).
    const tokenHash = createHash('sha256').update(FEED_SECRET_A).digest('hex');
    await database.db
      .insertInto('calendar_feeds')
      .values({ user_id: tenantA.users.team_member.id, token_hash: tokenHash })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash }))
      .execute();
    for (const [route, expectation] of Object.entries(matrix)) {
      if (expectation.kind !== 'secret-link') continue;
      const path = route.split(' ')[1]!;
      assert.equal((await call('GET', path.replace(':file', `${FEED_SECRET_A}.ics`))).status, 200, `${route} with its secret`);
      for (const as of [undefined, tenantA.users.team_member, tenantB.users.team_member]) {
        const res = await call('GET', path.replace(':file', 'not-the-secret-0000000000000000000000.ics'), as);
        assert.equal(res.status, 404, `${route} with another secret → ${res.status}`);
      }
    }
  });

  test('a session that has not passed the second factor reaches no page beyond the sign-in steps', async () => {
    const db = database.db;
    const token = await createSession(db, { userId: tenantA.users.practice_staff.id, mfaPassed: false, ip: '127.0.0.1', hours: 1 });
    for (const [route, expectation] of Object.entries(matrix)) {
      const [method, path] = route.split(' ') as [string, string];
      if (method !== 'GET' || expectation.kind !== 'roles') continue;
      const res = await app.request(`http://localhost${concretePath(path)}`, { headers: { cookie: `kl_session=${token}` } });
      assert.equal(res.status, 303, `${route} with a half-finished sign-in → ${res.status}`);
      assert.match(res.headers.get('location') ?? '', /^\/tweestaps/);
    }
  });

  test('the sign-in steps are not open to anonymous visitors', async () => {
    for (const [route, expectation] of Object.entries(matrix)) {
      if (expectation.kind !== 'sign-in-step') continue;
      const [method, path] = route.split(' ') as [string, string];
      const res = await call(method, path);
      assert.ok(res.status === 303 || res.status === 401, `${route} anonymous → ${res.status}`);
    }
  });

  test('a team that forwarded a referral reads along but cannot act on it; the practice of another tenant never sees it', async () => {
    const path = `/verwijzingen/${forwardedReferralIdA}`;
    for (const role of ['team_member', 'team_admin'] as const) {
      const read = await call('GET', path, tenantB.users[role]);
      assert.equal(read.status, 200, `team B (${role}) reads the referral it held`);
      const page = await read.text();
      assert.match(page, /alleen meelezen/);
      assert.doesNotMatch(page, new RegExp(REFERRAL_PATIENT), `team B (${role}) no longer sees who it is about`);
      for (const action of ['accepteren', 'contactpoging', 'eerste-contact', 'eerste-gesprek', 'al-bekend', 'doorsturen', 'afwijzen', 'afsluiten']) {
        assert.equal((await call('POST', `${path}/${action}`, tenantB.users[role])).status, 404, `team B (${role}) cannot ${action}`);
      }
    }
    for (const role of ['practice_staff', 'practice_admin'] as const) {
      assert.equal((await call('GET', path, tenantB.users[role])).status, 404);
      assert.doesNotMatch(await (await call('GET', '/verwijzingen', tenantB.users[role])).text(), new RegExp(REFERRAL_PATIENT));
    }
    assert.doesNotMatch(await (await call('GET', '/inbox?tab=open', tenantB.users.team_member)).text(), /KL-MATRIXA/);
  });

  test('region coordinators, policy officers and administrators see no patient data on any page they may open', async () => {
    for (const role of ['region_coordinator', 'policy_officer', 'admin'] as const) {
      for (const [route, expectation] of Object.entries(matrix)) {
        const [method, path] = route.split(' ') as [string, string];
        if (method !== 'GET' || expectation.kind !== 'roles' || !expectation.roles.includes(role)) continue;
        const res = await call('GET', concretePath(path), tenantA.users[role]);
        assert.ok(!(await res.text()).includes(REFERRAL_PATIENT), `${route} as ${role} shows a patient's name`);
      }
    }
  });

  test('a policy officer sees figures only: every referral, signal, inbox and social map page is closed to them', async () => {
    const officer = tenantA.users.policy_officer;
    for (const path of [
      `/verwijzingen/${referralIdA}`,
      `/verwijzingen/${referralIdA}/toegangsverslag`,
      `/verwijzingen/${referralIdA}/contactgegevens`,
      '/verwijzingen',
      '/inbox',
      `/signalen/${tenantA.signalRecordId}`,
      '/signalen',
      '/sociale-kaart',
      '/overleg',
    ]) {
      const res = await call('GET', path, officer);
      assert.ok(res.status === 403 || res.status === 404, `${path} as policy officer → ${res.status}`);
    }
    const figures = await call('GET', `/cijfers/regio/${tenantA.regionId}`, officer);
    assert.equal(figures.status, 200);
    const html = await figures.text();
    assert.doesNotMatch(html, new RegExp(REFERRAL_PATIENT));
    assert.doesNotMatch(html, /KL-MATRIX/, 'no referral reference either');
  });

  test('the steps of signing in through an organisation answer anonymous visitors with a clear 4xx when no provider or flow is there', async () => {
    for (const [route, expectation] of Object.entries(matrix)) {
      if (expectation.kind !== 'sign-in-flow') continue;
      const [method, path] = route.split(' ') as [string, string];
      const res = await call(method, concretePath(path), undefined, { email: 'iemand@praktijk.example' });
      assert.ok(res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 403, `${route} anonymous → ${res.status}`);
      assert.match(await res.text(), /Inloggen/);
    }
  });

  test('public routes answer without a session', async () => {
    // Set here: the matrix above also renews and revokes tenant A's screen address (POST /materialen/…/wachtkamer).
    const screenHash = createHash('sha256').update(SCREEN_SECRET_A).digest('hex');
    await database.db
      .insertInto('waiting_room_screens')
      .values({ practice_id: tenantA.practiceId, token_hash: screenHash })
      .onConflict((oc) => oc.column('practice_id').doUpdateSet({ token_hash: screenHash }))
      .execute();
    for (const [route, expectation] of Object.entries(matrix)) {
      if (expectation.kind !== 'public' || !route.startsWith('GET')) continue;
      const res = await call('GET', concretePath(route.slice(4)));
      assert.equal(res.status, 200, `${route} → ${res.status}`);
    }
  });
});
