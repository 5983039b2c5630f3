import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './2026_11_22_0001_foundation.ts';
import * as socialmapRouting from './2026_11_22_0002_socialmap_routing.ts';
import * as referrals from './2026_11_23_0001_referrals.ts';
import * as signalsSelfcheck from './2026_11_23_0004_signals_selfcheck.ts';
import * as openReferralsIndex from './2026_11_23_0005_open_referrals_index.ts';
import * as auditChainHead from './2026_11_23_0006_audit_chain_head.ts';
import * as inboxIndexes from './2026_11_23_0007_inbox_indexes.ts';
import * as formKeys from './2026_11_23_0008_form_keys.ts';
import * as recoveryCodesSignInAttempts from './2026_11_30_0001_recovery_codes_sign_in_attempts.ts';
import * as selfcheckResults from './2026_11_30_0002_selfcheck_results.ts';
import * as tamperEvidentAudit from './2026_11_30_0002_tamper_evident_audit.ts';
import * as agreementFirstContactRange from './2026_11_30_0003_agreement_first_contact_range.ts';
import * as dailyWork from './2026_11_30_0011_daily_work.ts';
import * as jobSuccess from './2026_11_30_0020_job_success.ts';
import * as personLookupIndexes from './2026_11_30_0021_person_lookup_indexes.ts';
import * as agreementContent from './2026_11_30_0030_agreement_content.ts';
import * as visits from './2026_11_30_0031_visits.ts';
import * as practiceChecklist from './2026_11_30_0032_practice_checklist.ts';
import * as onsiteHours from './2026_11_30_0033_onsite_hours.ts';
import * as policyOfficerFigures from './2026_11_30_0040_policy_officer_figures.ts';
import * as figuresIndex from './2026_11_30_0041_figures_index.ts';
import * as referralReasonsStrain from './2026_11_30_0050_referral_reasons_strain.ts';
import * as capacityResponseTimes from './2026_11_30_0051_capacity_response_times.ts';
import * as mdo from './2026_11_30_0060_mdo.ts';
import * as networkEvents from './2026_11_30_0061_network_events.ts';
import * as newsletter from './2026_11_30_0062_newsletter.ts';
import * as waitingRoomScreens from './2026_11_30_0070_waiting_room_screens.ts';
import * as referralDrafts from './2026_11_30_0080_referral_drafts.ts';
import * as oidcProviders from './2026_11_30_0090_oidc_providers.ts';
import * as serviceSearch from './2026_11_30_0100_service_search.ts';
import * as referralFigureCounts from './2026_11_30_0120_referral_figure_counts.ts';
import * as figuresBaseIndexes from './2026_11_30_0121_figures_base_indexes.ts';

/**
 * The one migration set, for PGlite and PostgreSQL alike. Listed explicitly (not read from disk)
 * so the order is reviewed and nothing is picked up by accident. Forward-only: never edit a
 * migration that has landed; add a new one.
 */
const migrations: Record<string, Migration> = {
  '2026_11_22_0001_foundation': foundation,
  '2026_11_22_0002_socialmap_routing': socialmapRouting,
  '2026_11_23_0001_referrals': referrals,
  '2026_11_23_0004_signals_selfcheck': signalsSelfcheck,
  '2026_11_23_0005_open_referrals_index': openReferralsIndex,
  '2026_11_23_0006_audit_chain_head': auditChainHead,
  '2026_11_23_0007_inbox_indexes': inboxIndexes,
  '2026_11_23_0008_form_keys': formKeys,
  '2026_11_30_0001_recovery_codes_sign_in_attempts': recoveryCodesSignInAttempts,
  '2026_11_30_0002_selfcheck_results': selfcheckResults,
  '2026_11_30_0002_tamper_evident_audit': tamperEvidentAudit,
  '2026_11_30_0003_agreement_first_contact_range': agreementFirstContactRange,
  '2026_11_30_0011_daily_work': dailyWork,
  '2026_11_30_0020_job_success': jobSuccess,
  '2026_11_30_0021_person_lookup_indexes': personLookupIndexes,
  '2026_11_30_0030_agreement_content': agreementContent,
  '2026_11_30_0031_visits': visits,
  '2026_11_30_0032_practice_checklist': practiceChecklist,
  '2026_11_30_0033_onsite_hours': onsiteHours,
  '2026_11_30_0040_policy_officer_figures': policyOfficerFigures,
  '2026_11_30_0041_figures_index': figuresIndex,
  '2026_11_30_0050_referral_reasons_strain': referralReasonsStrain,
  '2026_11_30_0051_capacity_response_times': capacityResponseTimes,
  '2026_11_30_0060_mdo': mdo,
  '2026_11_30_0061_network_events': networkEvents,
  '2026_11_30_0062_newsletter': newsletter,
  '2026_11_30_0070_waiting_room_screens': waitingRoomScreens,
  '2026_11_30_0080_referral_drafts': referralDrafts,
  '2026_11_30_0090_oidc_providers': oidcProviders,
  '2026_11_30_0100_service_search': serviceSearch,
  '2026_11_30_0120_referral_figure_counts': referralFigureCounts,
  '2026_11_30_0121_figures_base_indexes': figuresBaseIndexes,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
