import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are written as Date and read back as Date on both PGlite and node-postgres. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type Role = 'practice_staff' | 'practice_admin' | 'team_member' | 'team_admin' | 'region_coordinator' | 'policy_officer' | 'admin';

export type OrganisationKind = 'municipality' | 'practice' | 'social';

export interface RegionTable {
  id: Generated<string>;
  name: string;
  /** The desk that takes referrals for postcodes outside every configured municipality. */
  fallback_team_id: string | null;
  created_at: CreatedAt;
}

export interface OrganisationTable {
  id: Generated<string>;
  kind: OrganisationKind;
  name: string;
  region_id: string;
  /** CBS municipality code (GM + 4 digits), municipalities only. */
  cbs_code: string | null;
  /** AGB code (8 digits), GP practices only. */
  agb_code: string | null;
  street: string | null;
  house_number: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  description: string | null;
  last_verified_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TeamTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  phone: string | null;
  email: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UserTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: Role;
  /** Membership: exactly one of these is set, matching the role (see auth/roles.ts). */
  practice_id: string | null;
  team_id: string | null;
  region_id: string | null;
  /** A policy officer narrowed to one municipality of their region (CBS code); null: the whole region. */
  municipality_code: Generated<string | null>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  totp_secret: string | null;
  totp_enrolled_at: Timestamp | null;
  /** Last accepted TOTP time step, so a code cannot be replayed. */
  totp_last_step: string | null;
  disabled_at: Timestamp | null;
  /** The start page: last seen, and where the news of this visit begins (src/home). */
  home_seen_at: Generated<Date | null>;
  home_news_since: Generated<Date | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a database leak does not hand out live sessions. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  /** Second factor passed (or not required) for this session. */
  mfa_passed: boolean;
  ip: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginFailureTable {
  id: Generated<string>;
  email: string;
  ip: string;
  at: Timestamp;
  /** An attempt still being checked: it holds a place against simultaneous guesses, but is no failure (yet). */
  pending: Generated<boolean>;
}

/** One-time recovery codes for the second factor, stored only as hashes (auth/recovery-codes.ts). */
export interface RecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: CreatedAt;
  used_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_role: string | null;
  /** On whose behalf (NEN 7513), e.g. the practice or team the actor acts for. */
  on_behalf_of: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  /** Set when the event concerns a patient (referral id); lets a patient ask who saw their data. */
  patient_ref: string | null;
  /** The referrals whose patient data a list showed (one entry, several patients); empty otherwise. */
  patient_refs: ColumnType<string[], string[] | undefined, never>;
  ip: string | null;
  request_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
  /** Fingerprint of the key the hash is an HMAC with (platform/audit/audit-key.ts); null: a plain SHA-256 from before keying. */
  key_id: string | null;
}

/** The audit chain's single head row: the hashes of the newest entry and the one before it. */
export interface AuditChainHeadTable {
  only_row: Generated<boolean>;
  prev_hash: string;
  last_hash: string;
}

/** An organisation's OpenID Connect identity provider for its staff's sign-in (src/oidc). */
export interface OidcProviderTable {
  organisation_id: string;
  issuer: string;
  client_id: string;
  /** AES-256-GCM under a key derived from the audit key (src/oidc/secret-box.ts); never shown back. */
  client_secret_encrypted: string;
  /** Lower case, without "@". */
  email_domains: string[];
  enabled: Generated<boolean>;
  /** The provider's MFA claim (amr mfa/otp/hwk, or an acr below) stands in for the app's own TOTP. */
  mfa_from_idp: Generated<boolean>;
  mfa_acr_values: Generated<string[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type ScheduleKind = 'opening' | 'walk_in' | 'phone' | 'on_site';

export interface ServiceTable {
  id: Generated<string>;
  organisation_id: string;
  /** The receiving team behind this service, when it takes referrals. */
  team_id: string | null;
  name: string;
  description: Generated<string>;
  url: string | null;
  email: string | null;
  phone: string | null;
  status: Generated<'active' | 'inactive'>;
  categories: Generated<string[]>;
  is_free: Generated<boolean>;
  fees_description: string | null;
  eligibility_description: string | null;
  application_process: string | null;
  languages: Generated<string[]>;
  last_verified_at: Timestamp | null;
  /** Capacity (migration 2026_11_30_0051): null is unknown; it counts only for 30 days after confirming (socialmap/capacity.ts). */
  capacity_status: Generated<'open' | 'waiting_list' | 'closed' | null>;
  capacity_waiting_weeks: Generated<number | null>;
  capacity_confirmed_at: Generated<Date | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Dutch full-text words of name and description, kept by the database (migration 0100); never written. */
  search_vector: ColumnType<string, never, never>;
}

export interface LocationTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  description: string | null;
  street: string | null;
  house_number: string | null;
  postcode: string | null;
  city: string | null;
  is_walk_in: Generated<boolean>;
  accessibility: string | null;
  last_verified_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ServiceLocationTable {
  service_id: string;
  location_id: string;
}

export interface ContactTable {
  id: Generated<string>;
  organisation_id: string;
  service_id: string | null;
  name: string;
  job_title: string | null;
  email: string | null;
  phone: string | null;
  visibility: Generated<'public' | 'professional'>;
  ended_at: Timestamp | null;
  replaced_by_id: string | null;
  last_verified_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ScheduleTable {
  id: Generated<string>;
  service_id: string | null;
  location_id: string | null;
  contact_id: string | null;
  kind: ScheduleKind;
  weekday: number;
  opens_at: string;
  closes_at: string;
  note: string | null;
}

export interface DistrictTable {
  code: string;
  name: string;
  municipality_code: string;
}

export interface ServiceAreaTable {
  id: Generated<string>;
  service_id: string;
  municipality_code: string | null;
  district_code: string | null;
  pc4: string | null;
}

export interface PostcodeAreaTable {
  pc4: string;
  municipality_code: string;
  district_code: string | null;
  source: string;
}

export interface PostcodeAddressTable {
  pc6: string;
  house_number: number;
  neighbourhood_code: string | null;
  district_code: string | null;
  municipality_code: string;
}

export interface RoutingRuleTable {
  id: Generated<string>;
  municipality_code: string;
  district_code: string | null;
  category: string | null;
  team_id: string;
  created_at: CreatedAt;
}

export interface ApiTokenTable {
  token_hash: string;
  user_id: string;
  label: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Dates without time (YYYY-MM-DD strings; see the date type parser in database.ts). */
type DateOnly = ColumnType<string, string, string>;

export interface AgreementTable {
  id: Generated<string>;
  practice_id: string;
  team_id: string;
  first_contact_working_days: number | null;
  first_conversation_days: number | null;
  urgent_first_conversation_working_days: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** What is in force (agreements/agreement-rules.ts); a change waits in `proposal` until the practice confirms it. */
  team_contact_id: string | null;
  team_contact_hours: string | null;
  practice_contact_name: string | null;
  practice_contact_role: string | null;
  practice_contact_phone: string | null;
  practice_contact_hours: string | null;
  practice_contact_confirmed_at: Timestamp | null;
  handover_forms: Generated<string[]>;
  consent_recording: string | null;
  feedback_arrangement: string | null;
  /** Null while the agreement is a concept that was never confirmed; a row written without it is in force (default now). */
  agreed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  agreed_by: string | null;
  review_due_on: ColumnType<string | null, string | null | undefined, string | null>;
  proposal: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  proposed_by: string | null;
  proposed_at: Timestamp | null;
  team_contact_prompted_at: Timestamp | null;
  practice_contact_prompted_at: Timestamp | null;
}

export interface AgreementHistoryTable {
  id: Generated<string>;
  agreement_id: string;
  at: CreatedAt;
  actor_user_id: string | null;
  kind: 'drafted' | 'confirmed' | 'team_contact_replaced' | 'team_contact_left' | 'practice_contact_confirmed';
  content: ColumnType<Record<string, unknown>, string, never>;
  note: string | null;
}

export interface VisitTable {
  id: Generated<string>;
  practice_id: string;
  planned_on: DateOnly;
  status: Generated<'planned' | 'held' | 'cancelled'>;
  held_on: DateOnly | null;
  topics: Generated<string[]>;
  notes: string | null;
  next_visit_due: DateOnly | null;
  planned_by: string | null;
  recorded_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface VisitParticipantTable {
  id: Generated<string>;
  visit_id: string;
  team_id: string | null;
  name: string;
}

export interface VisitFollowUpTable {
  id: Generated<string>;
  visit_id: string;
  description: string;
  owner: string;
  due_on: DateOnly | null;
  done_at: Timestamp | null;
}

/** A multidisciplinary consultation (MDO) at a practice (src/mdo). */
export interface MdoTable {
  id: Generated<string>;
  practice_id: string;
  starts_at: Timestamp;
  place: string | null;
  video_link: string | null;
  status: Generated<'planned' | 'held' | 'cancelled'>;
  minutes: string | null;
  planned_by: string | null;
  held_at: Timestamp | null;
  recorded_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MdoParticipantTable {
  mdo_id: string;
  user_id: string;
}

/** A referral on an MDO's agenda, with the patient's consent for discussion in an MDO. */
export interface MdoCaseTable {
  id: Generated<string>;
  mdo_id: string;
  referral_id: string;
  consent_method: 'verbal' | 'written';
  consent_given_on: DateOnly;
  added_by: string | null;
  added_at: CreatedAt;
  conclusion: string | null;
}

export interface MdoActionTable {
  id: Generated<string>;
  mdo_id: string;
  case_id: string;
  description: string;
  owner_id: string;
  due_on: DateOnly;
  done_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface VisitReminderTable {
  practice_id: string;
  due_since: DateOnly;
  sent_at: CreatedAt;
}

export interface PracticeChecklistTable {
  practice_id: string;
  year: number;
  item: 'materials_refreshed' | 'topic_on_team_agenda' | 'staff_trained';
  done_on: DateOnly;
  done_by: string | null;
}

export interface OnsiteHoursTable {
  id: Generated<string>;
  practice_id: string;
  team_id: string;
  host_user_id: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  starts_at: string;
  ends_at: string;
  slot_minutes: number;
  room: string | null;
  starts_on: DateOnly;
  ended_on: DateOnly | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface OnsiteExceptionTable {
  id: Generated<string>;
  onsite_hours_id: string;
  on_date: DateOnly;
  reason: 'holiday' | 'cancelled';
  note: string | null;
}

export interface OnsiteBookingTable {
  id: Generated<string>;
  onsite_hours_id: string;
  referral_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  booked_by: string | null;
  created_at: CreatedAt;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
}

/** A user's secret iCalendar feed address, stored only as a SHA-256 hash; a new one revokes the old. */
export interface CalendarFeedTable {
  user_id: string;
  token_hash: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A practice's waiting-room screen address (src/materials), stored only as the SHA-256 of its secret. */
export interface WaitingRoomScreenTable {
  practice_id: string;
  token_hash: string;
  created_by: string | null;
  /** Renewed with the address. */
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReferralTable {
  id: Generated<string>;
  reference: string;
  source: 'practice' | 'selfcheck';
  practice_id: string | null;
  created_by: string | null;
  idempotency_key: string;
  team_id: string;
  assigned_to: string | null;
  status: 'requested' | 'received' | 'accepted' | 'in-progress' | 'completed' | 'rejected' | 'cancelled' | 'failed';
  patient_name: string | null;
  patient_birth_date: DateOnly | null;
  patient_phone: string | null;
  patient_email: string | null;
  patient_postcode: string | null;
  patient_house_number: string | null;
  preferred_language: string | null;
  best_time_to_call: string | null;
  question: string | null;
  needs: Generated<string[]>;
  urgency_triggers: Generated<string[]>;
  handover: 'phone_together' | 'meeting_at_practice' | 'home_visit' | 'neutral_talk' | 'team_contacts_patient';
  contact_channel: 'phone' | 'email' | 'via_practice';
  municipality_code: string | null;
  district_code: string | null;
  route_explanation: string | null;
  requested_on: DateOnly;
  first_contact_due: DateOnly;
  first_conversation_due: DateOnly;
  first_contact_on: DateOnly | null;
  first_conversation_on: DateOnly | null;
  contact_attempts: Generated<number>;
  already_known: boolean | null;
  outcome: string | null;
  feedback: string | null;
  closed_at: Timestamp | null;
  contact_escalated_at: Timestamp | null;
  conversation_escalated_at: Timestamp | null;
  consent_withdrawn_at: Timestamp | null;
  personal_data_erased_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** The planned first conversation, e.g. a slot booked in the team's on-site hours at the practice. */
  first_conversation_planned_at: Generated<Date | null>;
  first_conversation_place: Generated<string | null>;
  /** Why a team rejected the referral, or closed it without help (src/referrals/reasons.ts). */
  reject_reason: Generated<ReferralReasonCode | null>;
  close_reason: Generated<ReferralReasonCode | null>;
  /** The single strain question, 0 (not hard at all) … 4 (cannot manage), as signal_records.strain. */
  strain_at_referral: Generated<number | null>;
  strain_at_close: Generated<number | null>;
}

/** The reason codes the database accepts in `reject_reason` and `close_reason` (migration 2026_11_30_0050). */
export type ReferralReasonCode = 'outside_area' | 'no_capacity' | 'not_eligible' | 'in_trajectory_elsewhere' | 'not_reached' | 'declined';

export interface ConsentTable {
  id: Generated<string>;
  referral_id: string;
  recorded_by: string | null;
  method: 'verbal' | 'written' | 'online';
  data_scope: string[];
  recipient_team_id: string;
  purpose: string;
  text_version: string;
  feedback_allowed: boolean;
  given_at: Timestamp;
  withdrawn_at: Timestamp | null;
  withdrawal_recorded_by: string | null;
}

export interface ReferralEventTable {
  id: Generated<string>;
  referral_id: string;
  at: CreatedAt;
  actor_user_id: string | null;
  type: string;
  from_status: string | null;
  to_status: string | null;
  from_team_id: string | null;
  to_team_id: string | null;
  note: string | null;
}

export interface ConsultationTable {
  id: Generated<string>;
  practice_id: string;
  team_id: string;
  asked_by: string | null;
  subject: string;
  status: Generated<'open' | 'answered' | 'closed'>;
  /** The asking form's key (forms.ts FORM_KEY): the same form twice is one question. */
  form_key: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MessageTable {
  id: Generated<string>;
  referral_id: string | null;
  consultation_id: string | null;
  author_id: string | null;
  author_side: 'practice' | 'team';
  body: string | null;
  /** The sending form's key (forms.ts FORM_KEY): the same form twice is one message. */
  form_key: Generated<string | null>;
  created_at: CreatedAt;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  referral_id: string | null;
  consultation_id: string | null;
  /** A local path for notifications about something that is neither a referral nor a consultation. */
  link: Generated<string | null>;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

export interface OutboxMailTable {
  id: Generated<string>;
  dedupe_key: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: CreatedAt;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: Timestamp | null;
  sent_at: Timestamp | null;
  last_error: string | null;
  /** Extra headers, e.g. List-Unsubscribe (RFC 8058); null for most mail. */
  headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  /** Attachments as text, e.g. an iCalendar invitation; null for most mail. */
  attachments: ColumnType<MailAttachment[] | null, string | null | undefined, string | null>;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** A network event of the region (src/events): netwerkbijeenkomst, wijksafari, training. */
export interface NetworkEventTable {
  id: Generated<string>;
  region_id: string;
  kind: 'network_meeting' | 'district_safari' | 'training';
  title: string;
  description: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string;
  capacity: number | null;
  organised_by: string | null;
  cancelled_at: Timestamp | null;
  created_at: CreatedAt;
}

/** The region's newsletter (src/newsletter): a draft until sent, then part of the archive. */
export interface NewsletterTable {
  id: Generated<string>;
  region_id: string;
  title: string;
  body: string;
  period_from: DateOnly;
  period_to: DateOnly;
  created_by: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  sent_by: string | null;
  recipients: number | null;
}

export interface NewsletterUnsubscribeTable {
  user_id: string;
  at: CreatedAt;
}

export interface NetworkEventSignupTable {
  event_id: string;
  user_id: string;
  signed_up_at: CreatedAt;
}

export interface JobRunTable {
  name: string;
  next_run_at: Timestamp;
  locked_until: Timestamp | null;
  last_started_at: Timestamp | null;
  last_finished_at: Timestamp | null;
  last_error: string | null;
  /** When a run last finished without an error (monitoring: platform/metrics). */
  last_succeeded_at: Timestamp | null;
}

export interface SignalRecordTable {
  id: Generated<string>;
  practice_id: string;
  recorded_by: string | null;
  recorded_on: DateOnly;
  signals: Generated<string[]>;
  strain: number | null;
  outcome: 'conversation_held' | 'referred' | 'declined' | 'later';
  needs: Generated<string[]>;
  note: string | null;
  referral_id: string | null;
  created_at: CreatedAt;
}

export interface SelfcheckAnswerCountTable {
  day: DateOnly;
  question_id: string;
  answer: string;
  count: Generated<number>;
}

export interface SelfcheckResultCountTable {
  day: DateOnly;
  lang: string;
  level: string;
  municipality_code: Generated<string>;
  count: Generated<number>;
}

/** A self-check result behind a short-lived key (selfcheck/result-store.ts); nothing about the person. */
export interface SelfcheckResultTable {
  key_hash: string;
  level: string;
  help: string[];
  urgency: string[];
  postcode: string | null;
  expires_at: Timestamp;
}

/** The baseline period (nulmeting) a regional coordinator marked for the region's figures (src/figures). */
export interface FigureBaselineTable {
  region_id: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  marked_by: string | null;
  marked_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RateLimitHitTable {
  id: Generated<string>;
  bucket: string;
  key_hash: string;
  at: CreatedAt;
}

/** A referral started in the HIS (FHIR draft ServiceRequest), to finish on the prefilled form; lives a day (migration 2026_11_30_0080). */
export interface ReferralDraftTable {
  id: Generated<string>;
  practice_id: string;
  created_by: string | null;
  form_values: ColumnType<Record<string, string>, string, never>;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface DB {
  regions: RegionTable;
  organisations: OrganisationTable;
  teams: TeamTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  recovery_codes: RecoveryCodeTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  services: ServiceTable;
  locations: LocationTable;
  service_locations: ServiceLocationTable;
  contacts: ContactTable;
  schedules: ScheduleTable;
  districts: DistrictTable;
  service_areas: ServiceAreaTable;
  postcode_areas: PostcodeAreaTable;
  postcode_addresses: PostcodeAddressTable;
  routing_rules: RoutingRuleTable;
  api_tokens: ApiTokenTable;
  agreements: AgreementTable;
  agreement_history: AgreementHistoryTable;
  visits: VisitTable;
  visit_participants: VisitParticipantTable;
  visit_follow_ups: VisitFollowUpTable;
  visit_reminders: VisitReminderTable;
  mdos: MdoTable;
  mdo_participants: MdoParticipantTable;
  mdo_cases: MdoCaseTable;
  mdo_actions: MdoActionTable;
  network_events: NetworkEventTable;
  network_event_signups: NetworkEventSignupTable;
  newsletters: NewsletterTable;
  newsletter_unsubscribes: NewsletterUnsubscribeTable;
  practice_checklist: PracticeChecklistTable;
  onsite_hours: OnsiteHoursTable;
  onsite_exceptions: OnsiteExceptionTable;
  onsite_bookings: OnsiteBookingTable;
  calendar_feeds: CalendarFeedTable;
  waiting_room_screens: WaitingRoomScreenTable;
  referral_drafts: ReferralDraftTable;
  referrals: ReferralTable;
  consents: ConsentTable;
  referral_events: ReferralEventTable;
  consultations: ConsultationTable;
  messages: MessageTable;
  notifications: NotificationTable;
  outbox_mail: OutboxMailTable;
  job_runs: JobRunTable;
  signal_records: SignalRecordTable;
  selfcheck_answer_counts: SelfcheckAnswerCountTable;
  selfcheck_result_counts: SelfcheckResultCountTable;
  selfcheck_results: SelfcheckResultTable;
  rate_limit_hits: RateLimitHitTable;
  figure_baselines: FigureBaselineTable;
  referral_figure_counts: ReferralFigureCountTable;
  oidc_providers: OidcProviderTable;
}

/** Per request day and scope, the counts the figures read (migration 2026_11_30_0120; kept by triggers, never written by the app). */
export interface ReferralFigureCountTable {
  scope: 'region' | 'municipality';
  scope_key: string;
  measure: string;
  day: DateOnly;
  category: string;
  n: number;
  total: string;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type Team = Selectable<TeamTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Region = Selectable<RegionTable>;
export type Service = Selectable<ServiceTable>;
export type Location = Selectable<LocationTable>;
export type Contact = Selectable<ContactTable>;
export type Schedule = Selectable<ScheduleTable>;
export type Referral = Selectable<ReferralTable>;
export type Consent = Selectable<ConsentTable>;
export type Agreement = Selectable<AgreementTable>;
