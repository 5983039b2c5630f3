import type { Consent, Referral } from '../../platform/db/schema.ts';
import { amsterdamToday } from '../../platform/dates.ts';
import { tookPlace } from '../../referrals/labels.ts';
import type { CodeableConcept, Coding, FhirResource, Reference } from './fhir-types.ts';
import { instant } from './fhir-types.ts';
import { reasonLabel } from '../../referrals/reasons.ts';
import { businessStatusLabel, extensions, needLabel, outcomeLabel, systems, type BusinessStatus } from './terminology.ts';

/**
 * The referral as FHIR R4 resources, following the closed-loop referral of the HL7 SDOH Clinical
 * Care guide: the ServiceRequest is what the practice asks, the Task is how the team handles it,
 * with the Patient (the minimal set: never a BSN) and the Consent it rests on. They are views of the
 * one referral row — no second data model — so ServiceRequest, Task and Patient share its id. Pure.
 */
export interface ReferralView {
  referral: Referral;
  /** Whether the reader may see the outcome and feedback (for a practice: within the patient's consent). */
  feedbackVisible: boolean;
  practice: { id: string; name: string; agbCode: string | null } | null;
  team: { id: string; name: string };
  creatorName: string | null;
  consent: Consent | null;
  /** The note of the rejection or closure, when the reader may read it. */
  statusNote: string | null;
}

const coding = (system: string, code: string, display?: string): Coding => ({ system, code, ...(display ? { display } : {}) });

export const teamReference = (team: { id: string; name: string }): Reference => ({ reference: `Organization/${team.id}`, display: team.name });

export function practiceReference(practice: NonNullable<ReferralView['practice']>): Reference {
  return {
    reference: `Organization/${practice.id}`,
    display: practice.name,
    ...(practice.agbCode ? { identifier: { system: systems.agb, value: practice.agbCode } } : {}),
  };
}

function needConcept(code: string): CodeableConcept {
  const label = needLabel(code);
  return { coding: [coding(systems.needs, code, label?.nl)], ...(label ? { text: label.nl } : {}) };
}

const compact = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

/** ServiceRequest.status: open referrals are active; a rejected or withdrawn one is revoked. */
function serviceRequestStatus(status: Referral['status']): string {
  if (status === 'completed' || status === 'failed') return 'completed';
  if (status === 'rejected' || status === 'cancelled') return 'revoked';
  return 'active';
}

export function toServiceRequest(view: ReferralView): FhirResource {
  const r = view.referral;
  const urgent = r.urgency_triggers.length > 0;
  const requester = view.practice
    ? view.creatorName
      ? { reference: '#requester', display: `${view.creatorName}, ${view.practice.name}` }
      : practiceReference(view.practice)
    : undefined;
  return compact({
    resourceType: 'ServiceRequest',
    id: r.id,
    meta: { lastUpdated: instant(r.updated_at) },
    // The sending colleague and the practice (with its AGB code) as one PractitionerRole.
    contained:
      view.practice && view.creatorName
        ? [{ resourceType: 'PractitionerRole', id: 'requester', practitioner: { display: view.creatorName }, organization: practiceReference(view.practice) }]
        : undefined,
    identifier: [{ system: systems.referralReference, value: r.reference }],
    status: serviceRequestStatus(r.status),
    intent: 'order',
    category: [{ coding: [coding(systems.sdohCategory, 'financial-insecurity', 'Financial Insecurity')], text: 'Geldzorgen' }],
    code: r.needs[0] ? needConcept(r.needs[0]) : undefined,
    orderDetail: r.needs.length > 1 ? r.needs.map(needConcept) : undefined,
    priority: urgent ? 'urgent' : 'routine',
    subject: { reference: `Patient/${r.id}` },
    authoredOn: instant(r.created_at),
    requester,
    performer: [teamReference(view.team)],
    reasonCode: urgent ? r.urgency_triggers.map((u) => ({ coding: [coding(systems.urgency, u)] })) : undefined,
    note: r.question ? [{ text: r.question }] : undefined,
    extension: [
      { url: extensions.handover, valueCode: r.handover },
      { url: extensions.contactChannel, valueCode: r.contact_channel },
      ...(r.best_time_to_call ? [{ url: extensions.bestTimeToCall, valueString: r.best_time_to_call }] : []),
    ],
  });
}

/**
 * Task.status from the SDOH referral task status set; it has no `received`, so a referral the team
 * opened is still `requested`, with businessStatus `received`.
 */
export function taskStatus(status: Referral['status']): string {
  return status === 'received' ? 'requested' : status;
}

export function businessStatusOf(r: Pick<Referral, 'status' | 'first_contact_on' | 'first_conversation_on'>): BusinessStatus | null {
  if (r.first_conversation_on) return 'first-conversation';
  if (r.first_contact_on) return 'first-contact';
  if (r.status === 'received') return 'received';
  return null;
}

export function toTask(view: ReferralView, today = amsterdamToday()): FhirResource {
  const r = view.referral;
  const business = businessStatusOf(r);
  const closed = r.status === 'rejected' || r.status === 'completed' || r.status === 'failed' || r.status === 'cancelled';
  const reasonCode = r.status === 'rejected' ? r.reject_reason : closed ? r.close_reason : null;
  const statusReason =
    closed && (reasonCode || view.statusNote)
      ? compact({
          coding: reasonCode ? [coding(systems.reason, reasonCode, reasonLabel(reasonCode).nl)] : undefined,
          text: view.statusNote ?? (reasonCode ? reasonLabel(reasonCode).nl : undefined),
        })
      : undefined;
  const outcome = view.feedbackVisible && r.outcome ? r.outcome : null;
  return compact({
    resourceType: 'Task',
    id: r.id,
    meta: { lastUpdated: instant(r.updated_at) },
    identifier: [{ system: systems.referralReference, value: r.reference }],
    basedOn: [{ reference: `ServiceRequest/${r.id}` }],
    status: taskStatus(r.status),
    statusReason,
    businessStatus: business
      ? {
          coding: [coding(systems.businessStatus, business, businessStatusLabel(business).nl)],
          text:
            business === 'first-conversation' && r.first_conversation_on && !tookPlace(r.first_conversation_on, today)
              ? `Eerste gesprek gepland op ${r.first_conversation_on}`
              : businessStatusLabel(business).nl,
        }
      : undefined,
    intent: 'order',
    priority: r.urgency_triggers.length > 0 ? 'urgent' : 'routine',
    code: { coding: [coding(systems.taskCode, 'fulfill', 'Fulfill the focal request')] },
    focus: { reference: `ServiceRequest/${r.id}` },
    for: { reference: `Patient/${r.id}` },
    authoredOn: instant(r.created_at),
    lastModified: instant(r.updated_at),
    requester: view.practice ? practiceReference(view.practice) : undefined,
    owner: teamReference(view.team),
    restriction: { period: { end: r.first_conversation_due } },
    extension: [{ url: extensions.firstContactDue, valueDate: r.first_contact_due }],
    executionPeriod: r.first_contact_on ? compact({ start: r.first_contact_on, end: r.closed_at ? instant(r.closed_at) : undefined }) : undefined,
    output: outcome
      ? [
          {
            type: { coding: [coding(systems.outcome, 'outcome', 'Uitkomst')] },
            valueCodeableConcept: compact({
              coding: [coding(systems.outcome, outcome, outcomeLabel(outcome)?.nl)],
              text: r.feedback ?? outcomeLabel(outcome)?.nl,
            }),
          },
        ]
      : undefined,
  });
}

/** The minimal set of the person (docs/product.md "consent and minimisation"); never an identifier. */
export function toPatient(r: Referral): FhirResource {
  const telecom = [
    ...(r.patient_phone ? [{ system: 'phone', value: r.patient_phone }] : []),
    ...(r.patient_email ? [{ system: 'email', value: r.patient_email }] : []),
  ];
  return compact({
    resourceType: 'Patient',
    id: r.id,
    meta: { lastUpdated: instant(r.updated_at) },
    name: r.patient_name ? [{ text: r.patient_name }] : undefined,
    birthDate: r.patient_birth_date ?? undefined,
    telecom: telecom.length > 0 ? telecom : undefined,
    address:
      r.patient_postcode || r.patient_house_number
        ? [
            compact({
              use: 'home',
              postalCode: r.patient_postcode ?? undefined,
              line: r.patient_house_number ? [r.patient_house_number] : undefined,
              _line: r.patient_house_number ? [{ extension: [{ url: extensions.houseNumber, valueString: r.patient_house_number }] }] : undefined,
              country: 'NL',
            }),
          ]
        : undefined,
    communication: r.preferred_language ? [{ language: { text: r.preferred_language } }] : undefined,
  });
}

export function toConsent(consent: Consent, view: Pick<ReferralView, 'team' | 'practice'> & { referralId: string }): FhirResource {
  const withdrawn = consent.withdrawn_at !== null;
  return compact({
    resourceType: 'Consent',
    id: consent.id,
    status: withdrawn ? 'inactive' : 'active',
    scope: { coding: [coding(systems.consentScope, 'patient-privacy', 'Privacy Consent')] },
    category: [{ coding: [coding(systems.consentCategory, '59284-0', 'Patient Consent')] }],
    patient: { reference: `Patient/${view.referralId}` },
    dateTime: instant(consent.given_at),
    organization: view.practice ? [practiceReference(view.practice)] : undefined,
    policyRule: { text: `Toestemmingstekst versie ${consent.text_version}` },
    extension: [
      { url: extensions.consentMethod, valueCode: consent.method },
      { url: extensions.feedbackAllowed, valueBoolean: consent.feedback_allowed },
    ],
    provision: compact({
      type: 'permit',
      period: withdrawn ? { start: instant(consent.given_at), end: instant(consent.withdrawn_at!) } : { start: instant(consent.given_at) },
      actor: [{ role: { coding: [coding(systems.participationType, 'IRCP', 'information recipient')] }, reference: teamReference(view.team) }],
      purpose: [coding(systems.actReason, 'CAREMGT', 'care management')],
      data: [{ meaning: 'related', reference: { reference: `ServiceRequest/${view.referralId}` } }],
    }),
  });
}
