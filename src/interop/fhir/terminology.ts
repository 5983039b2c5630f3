import { categories, categoryLabels } from '../../needs/categories.ts';
import { outcomeLabels } from '../../referrals/labels.ts';
import { outcomes } from '../../referrals/state-machine.ts';
import { urgencyLabels, urgencyTriggers } from '../../referrals/urgency.ts';
import { reasonCodes, reasonLabels } from '../../referrals/reasons.ts';
import type { Text } from '../../platform/i18n.ts';
import type { FhirResource } from './fhir-types.ts';

/**
 * The code systems the FHIR API speaks, Korte Lijn's own (published at /fhir/CodeSystem/:id) and the
 * external ones it uses. Canonical URLs are fixed names, not addresses of a deployment: a HIS stores
 * them with its data, so they must not change when the server moves. Pure.
 */
export const CANONICAL_BASE = 'https://kortelijn.nl/fhir';

export const systems = {
  needs: `${CANONICAL_BASE}/CodeSystem/needs`,
  urgency: `${CANONICAL_BASE}/CodeSystem/urgency`,
  businessStatus: `${CANONICAL_BASE}/CodeSystem/business-status`,
  outcome: `${CANONICAL_BASE}/CodeSystem/outcome`,
  reason: `${CANONICAL_BASE}/CodeSystem/reason`,
  referralReference: `${CANONICAL_BASE}/NamingSystem/referral-reference`,
  /** AGB code of a care provider (Vektis), as the Dutch FHIR profiles (nl-core) name it. */
  agb: 'http://fhir.nl/fhir/NamingSystem/agb-z',
  /** The BSN system of the Dutch profiles: Korte Lijn refuses it (UAVG art. 46). */
  bsn: 'http://fhir.nl/fhir/NamingSystem/bsn',
  /** The SDOH Clinical Care categories (HL7 SDOH Clinical Care IG, temporary codes). */
  sdohCategory: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  consentCategory: 'http://loinc.org',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
} as const;

/** Extensions on Korte Lijn's resources: what FHIR R4 has no element for. */
export const extensions = {
  consentMethod: `${CANONICAL_BASE}/StructureDefinition/consent-method`,
  feedbackAllowed: `${CANONICAL_BASE}/StructureDefinition/consent-feedback-allowed`,
  handover: `${CANONICAL_BASE}/StructureDefinition/handover`,
  contactChannel: `${CANONICAL_BASE}/StructureDefinition/contact-channel`,
  bestTimeToCall: `${CANONICAL_BASE}/StructureDefinition/best-time-to-call`,
  firstContactDue: `${CANONICAL_BASE}/StructureDefinition/first-contact-due`,
  /** The house number of an address (nl-core uses this core extension of the ISO 21090 address parts). */
  houseNumber: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-houseNumber',
} as const;

/** Task.businessStatus: the steps of the closed loop that Task.status has no value for. */
export const businessStatuses = ['received', 'first-contact', 'first-conversation'] as const;
export type BusinessStatus = (typeof businessStatuses)[number];

const businessStatusLabels: Record<BusinessStatus, Text> = {
  received: { nl: 'Ontvangen door het team', en: 'Received by the team' },
  'first-contact': { nl: 'Eerste contact gelegd', en: 'First contact made' },
  'first-conversation': { nl: 'Eerste gesprek gehouden of gepland', en: 'First conversation held or planned' },
};

export const needLabel = (code: string): Text | undefined => (categoryLabels as Record<string, Text>)[code];
export const outcomeLabel = (code: string): Text | undefined => (outcomeLabels as Record<string, Text>)[code];
export const businessStatusLabel = (code: BusinessStatus): Text => businessStatusLabels[code];

interface PublishedCodeSystem {
  id: string;
  name: string;
  title: string;
  description: string;
  concepts: ReadonlyArray<readonly [code: string, label: Text]>;
}

const published: readonly PublishedCodeSystem[] = [
  {
    id: 'needs',
    name: 'KorteLijnNeeds',
    title: 'Korte Lijn: hulpvragen rond geld',
    description: 'The needs around money matters that a referral asks help for (ServiceRequest.code and orderDetail).',
    concepts: categories.map((c) => [c, categoryLabels[c]] as const),
  },
  {
    id: 'urgency',
    name: 'KorteLijnUrgency',
    title: 'Korte Lijn: bedreigende situaties (Wgs art. 4)',
    description: 'Threatening situations that make a referral urgent (ServiceRequest.reasonCode; priority urgent).',
    concepts: urgencyTriggers.map((u) => [u, urgencyLabels[u]] as const),
  },
  {
    id: 'business-status',
    name: 'KorteLijnBusinessStatus',
    title: 'Korte Lijn: stappen van de verwijzing',
    description: 'Task.businessStatus: received, first contact made, first conversation held or planned.',
    concepts: businessStatuses.map((b) => [b, businessStatusLabels[b]] as const),
  },
  {
    id: 'outcome',
    name: 'KorteLijnOutcome',
    title: 'Korte Lijn: uitkomst van de verwijzing',
    description: 'How a referral ended (Task.output on completion).',
    concepts: outcomes.map((o) => [o, outcomeLabels[o]] as const),
  },
  {
    id: 'reason',
    name: 'KorteLijnReason',
    title: 'Korte Lijn: redenen van afwijzen en afsluiten',
    description: 'Why a team rejected or closed a referral (Task.statusReason).',
    concepts: reasonCodes.map((r) => [r, reasonLabels[r]] as const),
  },
];

export const publishedCodeSystemIds = published.map((p) => p.id);

/** A CodeSystem resource with Dutch displays and English designations; undefined for an unknown id. */
export function codeSystem(id: string): FhirResource | undefined {
  const system = published.find((p) => p.id === id);
  if (!system) return undefined;
  return {
    resourceType: 'CodeSystem',
    id: system.id,
    url: `${CANONICAL_BASE}/CodeSystem/${system.id}`,
    version: '1',
    name: system.name,
    title: system.title,
    status: 'active',
    experimental: false,
    publisher: 'Korte Lijn',
    description: system.description,
    caseSensitive: true,
    content: 'complete',
    count: system.concepts.length,
    language: 'nl',
    concept: system.concepts.map(([code, label]) => ({
      code,
      display: label.nl,
      designation: [{ language: 'en', value: label.en }],
    })),
  };
}
