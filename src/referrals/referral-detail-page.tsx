import type { Child } from 'hono/jsx';
import type { Text } from '../platform/i18n.ts';
import { fill } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
  DutchText,
  ErrorSummary,
  Heading1,
  Paragraph,
  PostForm,
  SelectField,
  Table,
  TextField,
  formatDateTime,
  type FieldErrors,
} from '../platform/ui/components.tsx';
import { Checkbox, RadioGroup, TextAreaField } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { categoryLabels, isCategory } from '../needs/categories.ts';
import {
  consentMethodLabels,
  dutchDate,
  dueState,
  eventLabels,
  handoverLabels,
  contactChannelLabels,
  outcomeLabels,
  statusLabels,
  tookPlace,
} from './labels.ts';
import { nextActionLabels, nextTeamAction, type NextAction } from './next-action.ts';
import { consentMethods, forwardConsentInstruction, forwardConsentWording } from './consent.ts';
import { ConsentWordingView } from './consent-wording-view.tsx';
import type { ReferralDetail } from './open-referral.ts';
import { TeamContactDetails } from './new-referral-page.tsx';
import { AgreementSummaryView } from './agreement-summary-view.tsx';
import { isClosed, nextStatus, outcomes, type Outcome, type ReferralStatus } from './state-machine.ts';
import { DataList, DueBadge } from './ui-parts.tsx';
import { ReasonChoice, StrainQuestion } from './reason-fields.tsx';
import { reasonLabel, strainLabel } from './reasons.ts';
import { urgencyLabels, type UrgencyTrigger } from './urgency.ts';

/**
 * One referral, one URL for practice and team; what shows depends on the reader's access
 * (access.ts): the holding team gets everything needed to call the patient plus the action forms,
 * a team that forwarded it reads along, the practice sees status, due dates, the team's contact
 * and — within consent — the feedback.
 */
export interface DetailPageProps {
  view: ViewContext;
  detail: ReferralDetail;
  today: string;
  notice?: string | undefined;
  problem?: string | undefined;
  /** Which action form failed validation, its errors and what was typed. */
  failed?: { errors: FieldErrors; values: Record<string, string> } | undefined;
  /** The message thread of the referral (ReferralThread from messages/thread.tsx; a section of its own). */
  thread?: Child;
  /** "The patient withdrew consent" (WithdrawConsentForm), for the practice and the holding team. */
  withdrawConsent?: Child;
  /** RETENTION_MONTHS: the forward consent says how long the next team keeps the data after closing. */
  retentionMonths: number;
}

/** Confirmations after a redirect (`?melding=…`): only known keys, nothing from the URL itself. */
export const detailNotices: Record<string, Text> = {
  verstuurd: { nl: 'De verwijzing is verstuurd. Het team krijgt een melding.', en: 'The referral has been sent. The team has been notified.' },
  aangenomen: { nl: 'De verwijzing is aangenomen en toegewezen.', en: 'The referral has been accepted and assigned.' },
  poging: { nl: 'De contactpoging is vastgelegd.', en: 'The contact attempt has been recorded.' },
  contact: { nl: 'Het eerste contact is vastgelegd.', en: 'The first contact has been recorded.' },
  gesprek: { nl: 'Het eerste gesprek is vastgelegd.', en: 'The first conversation has been recorded.' },
  bekend: { nl: 'Opgeslagen.', en: 'Saved.' },
  doorgestuurd: {
    nl: 'De verwijzing is doorgestuurd. Het andere team en de praktijk krijgen een melding.',
    en: 'The referral has been forwarded. The other team and the practice have been notified.',
  },
  afgewezen: { nl: 'De verwijzing is afgewezen. De praktijk krijgt een melding.', en: 'The referral has been declined. The practice has been notified.' },
  afgesloten: { nl: 'De verwijzing is afgesloten. De praktijk krijgt een melding.', en: 'The referral has been closed. The practice has been notified.' },
  ingetrokken: { nl: 'De verwijzing is ingetrokken.', en: 'The referral has been withdrawn.' },
  bericht: { nl: 'Uw bericht is verstuurd. De ander krijgt een melding.', en: 'Your message has been sent. The other side has been notified.' },
};

/** Confirmations shown beside what they confirm rather than at the top of the page. */
const threadNotice = 'bericht';

function Section(props: { title: string; id: string; children: Child }) {
  return (
    <section class="kl-section" aria-labelledby={props.id}>
      <h2 class="utrecht-heading-2" id={props.id}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

export function ReferralDetailPage(props: DetailPageProps) {
  const { view, detail, today } = props;
  const { referral: r, access } = detail;
  const t = view.t;
  const status = r.status as ReferralStatus;
  const title = fill(t({ nl: 'Verwijzing {reference}', en: 'Referral {reference}' }), { reference: r.reference });
  const notice = props.notice && props.notice !== threadNotice ? detailNotices[props.notice] : undefined;
  const erased = r.personal_data_erased_at !== null;
  const practiceCannotSeeFeedback = access === 'practice' && !detail.feedbackVisible && isClosed(status);
  const holds = access === 'team-holder' && !isClosed(status);
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      {notice ? <Alert type="ok">{t(notice)}</Alert> : null}
      {access === 'practice' && !erased && !isClosed(status) && r.consent_withdrawn_at === null ? (
        // The warm hand-over card (src/materials), offered after every referral: printed at the desk, never mailed.
        <p class="utrecht-paragraph" data-testid="handover-card-offer">
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`/materialen/overdrachtskaart/${r.id}`}>
            {t({ nl: 'Overdrachtskaart afdrukken voor de patiënt', en: 'Print the hand-over card for the patient' })}
          </a>
        </p>
      ) : null}
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <ErrorSummary view={view} errors={props.failed?.errors ?? {}} />
      {holds ? <NextStep {...props} /> : null}
      {access === 'team-former' ? (
        <Alert type="info">
          {fill(
            t({
              nl: 'Uw team heeft deze verwijzing doorgestuurd. {team} heeft hem nu; u kunt alleen meelezen. De gegevens van de inwoner ziet u niet meer: de toestemming geldt nu voor {team}.',
              en: 'Your team forwarded this referral. {team} holds it now; you can only read along. You no longer see the resident’s data: the consent now covers {team}.',
            }),
            { team: detail.teamName },
          )}
        </Alert>
      ) : null}
      {erased ? (
        <Alert type="info">
          {fill(t({ nl: 'De persoonsgegevens van deze verwijzing zijn gewist op {date}.', en: 'The personal data of this referral were erased on {date}.' }), {
            date: formatDateTime(r.personal_data_erased_at!, view.lang),
          })}
        </Alert>
      ) : null}

      <Section title={t({ nl: 'Stand van zaken', en: 'Status' })} id="section-status">
        <DataList
          rows={[
            [t({ nl: 'Status', en: 'Status' }), <strong data-testid="referral-status">{t(statusLabels[status])}</strong>],
            [t({ nl: 'Team', en: 'Team' }), detail.teamName],
            [t({ nl: 'Opgepakt door', en: 'Handled by' }), detail.assigneeName],
            [t({ nl: 'Verstuurd op', en: 'Sent on' }), dutchDate(r.requested_on)],
            [
              t({ nl: 'Eerste contact uiterlijk', en: 'First contact due' }),
              <DueBadge
                view={view}
                due={r.first_contact_due}
                reachedOn={r.first_contact_on}
                state={dueState(r.first_contact_due, today, r.first_contact_on, status)}
              />,
            ],
            [
              t({ nl: 'Eerste gesprek uiterlijk', en: 'First conversation due' }),
              <DueBadge
                view={view}
                due={r.first_conversation_due}
                reachedOn={r.first_conversation_on}
                state={dueState(r.first_conversation_due, today, r.first_conversation_on, status)}
              />,
            ],
            [
              t({ nl: 'Eerste gesprek gepland', en: 'First conversation planned' }),
              r.first_conversation_planned_at ? (
                <span data-testid="planned-conversation">
                  {formatDateTime(r.first_conversation_planned_at, view.lang)}
                  {r.first_conversation_place ? `, ${r.first_conversation_place}` : ''}
                </span>
              ) : null,
            ],
            [
              // Multidisciplinary consultation (src/mdo): the practice or the holding team puts the referral on an MDO's agenda.
              t({ nl: 'Multidisciplinair overleg', en: 'Multidisciplinary meeting' }),
              (access === 'practice' || access === 'team-holder') && !erased && !isClosed(status) ? (
                <a class="utrecht-link" href={`/verwijzingen/${r.id}/mdo`}>
                  {t({ nl: 'Bespreken in een MDO', en: 'Discuss in an MDO' })}
                </a>
              ) : null,
            ],
            [
              t({ nl: 'Kennismaking in de praktijk', en: 'Meeting at the practice' }),
              r.handover === 'meeting_at_practice' && access !== 'team-former' && !isClosed(status) ? (
                <a class="utrecht-link" href={`/verwijzingen/${r.id}/kennismaking`}>
                  {r.first_conversation_planned_at
                    ? t({ nl: 'Bekijken of afzeggen', en: 'View or cancel' })
                    : access === 'practice'
                      ? t({ nl: 'Tijdstip kiezen in het spreekuur van het team', en: 'Choose a time in the team’s on-site hours' })
                      : t({ nl: 'Nog geen tijdstip gekozen', en: 'No time chosen yet' })}
                </a>
              ) : null,
            ],
            [t({ nl: 'Contactpogingen', en: 'Contact attempts' }), access === 'practice' ? null : String(r.contact_attempts)],
            [
              t({ nl: 'Al bekend bij het team', en: 'Already known to the team' }),
              access === 'practice' || r.already_known === null ? null : r.already_known ? t({ nl: 'ja', en: 'yes' }) : t({ nl: 'nee', en: 'no' }),
            ],
            [t({ nl: 'Uitkomst', en: 'Outcome' }), r.outcome ? t(outcomeLabels[r.outcome as Outcome] ?? { nl: r.outcome, en: r.outcome }) : null],
            [
              status === 'rejected' ? t({ nl: 'Reden van afwijzen', en: 'Reason for declining' }) : t({ nl: 'Reden', en: 'Reason' }),
              status === 'rejected' && r.reject_reason ? (
                <span data-testid="referral-reason">{t(reasonLabel(r.reject_reason))}</span>
              ) : r.close_reason ? (
                <span data-testid="referral-reason">{t(reasonLabel(r.close_reason))}</span>
              ) : null,
            ],
            [t({ nl: 'Rondkomen bij verwijzing', en: 'Making ends meet at referral' }), strainText(view, r.strain_at_referral)],
            [t({ nl: 'Rondkomen bij afsluiten', en: 'Making ends meet at closing' }), strainText(view, r.strain_at_close)],
            [
              t({ nl: 'Terugkoppeling van het team', en: 'Feedback from the team' }),
              r.feedback ? <span data-testid="referral-feedback">{r.feedback}</span> : null,
            ],
            [
              t({ nl: 'Terugkoppeling', en: 'Feedback' }),
              practiceCannotSeeFeedback
                ? t({
                    nl: 'De patiënt gaf geen toestemming voor terugkoppeling aan de praktijk (of trok die in).',
                    en: 'The patient did not allow feedback to the practice (or withdrew it).',
                  })
                : null,
            ],
          ]}
        />
      </Section>

      {access === 'practice' && detail.teamContact ? (
        <Section title={t({ nl: 'Contact met het team', en: 'Contact with the team' })} id="section-team">
          <TeamContactDetails view={view} contact={detail.teamContact} />
        </Section>
      ) : null}

      {detail.agreement && access !== 'team-former' ? (
        <Section title={t({ nl: 'Samenwerkingsafspraak', en: 'Collaboration agreement' })} id="section-agreement">
          <AgreementSummaryView view={view} agreement={detail.agreement} side={access === 'practice' ? 'practice' : 'team'} heading={false} />
        </Section>
      ) : null}

      {erased || access === 'team-former' ? null : <PatientSection view={view} detail={detail} />}

      {holds ? <OtherActions {...props} /> : null}
      {access === 'practice' && (status === 'requested' || status === 'received') ? <CancelForm {...props} /> : null}

      {props.notice === threadNotice ? (
        // The message form posts from below; the confirmation lands there too (message-routes.tsx redirects to this anchor).
        <div id="bericht-verstuurd" tabindex={-1}>
          <Alert type="ok">{t(detailNotices[threadNotice]!)}</Alert>
        </div>
      ) : null}
      {props.thread ?? null}
      {props.withdrawConsent ?? null}

      <Section title={t({ nl: 'Geschiedenis', en: 'History' })} id="section-history">
        <Table
          caption={t({ nl: 'Wat er met deze verwijzing gebeurde, oudste eerst', en: 'What happened to this referral, oldest first' })}
          headers={[t({ nl: 'Wanneer', en: 'When' }), t({ nl: 'Wat', en: 'What' }), t({ nl: 'Door', en: 'By' }), t({ nl: 'Toelichting', en: 'Details' })]}
          rows={detail.events.map((e) => [
            formatDateTime(e.at, view.lang),
            t(eventLabels[e.type] ?? { nl: e.type, en: e.type }),
            e.actorName ?? '—',
            [
              e.type === 'forwarded'
                ? fill(t({ nl: 'van {from} naar {to}', en: 'from {from} to {to}' }), { from: e.fromTeamName ?? '—', to: e.toTeamName ?? '—' })
                : null,
              e.note,
            ]
              .filter(Boolean)
              .join(': ') || '—',
          ])}
        />
      </Section>

      {view.actor?.role === 'practice_admin' || view.actor?.role === 'team_admin' ? (
        // The access report (src/access-report, NEN 7513): for the patient who asks who saw their data.
        <Section title={t({ nl: 'Wie heeft de gegevens bekeken?', en: 'Who looked at the data?' })} id="section-access-report">
          <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`/verwijzingen/${r.id}/toegangsverslag`}>
                {t({ nl: 'Toegangsverslag van deze verwijzing', en: 'Access report for this referral' })}
              </a>
            </li>
            {access === 'team-former' ? null : (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`/verwijzingen/${r.id}/toegangsverslag/persoon`}>
                  {t({ nl: 'Toegangsverslag van alle verwijzingen van deze persoon', en: 'Access report for all referrals of this person' })}
                </a>
              </li>
            )}
            {/* A privacy request of the person (src/privacy-requests, AVG art. 16 and 17). */}
            {access === 'team-former' || r.personal_data_erased_at ? null : (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`/verwijzingen/${r.id}/contactgegevens`}>
                  {t({ nl: 'Contactgegevens verbeteren op verzoek', en: 'Correct the contact details on request' })}
                </a>
              </li>
            )}
            {access === 'team-former' || r.personal_data_erased_at || !isClosed(r.status) ? null : (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`/verwijzingen/${r.id}/wissen`}>
                  {t({ nl: 'Persoonsgegevens nu wissen op verzoek', en: 'Erase the personal data now on request' })}
                </a>
              </li>
            )}
          </ul>
        </Section>
      ) : null}
    </Page>
  );
}

function PatientSection({ view, detail }: { view: ViewContext; detail: ReferralDetail }) {
  const t = view.t;
  const r = detail.referral;
  const consent = detail.consent;
  const triggers = r.urgency_triggers as UrgencyTrigger[];
  // One word per reader (docs/glossary.md): the practice sees its patiënt, a team an inwoner.
  const forPractice = detail.access === 'practice';
  return (
    <>
      <Section title={t(forPractice ? { nl: 'Patiënt', en: 'Patient' } : { nl: 'Inwoner', en: 'Resident' })} id="section-patient">
        <DataList
          rows={[
            [t({ nl: 'Naam', en: 'Name' }), <span data-testid="patient-name">{r.patient_name}</span>],
            [t({ nl: 'Geboortedatum', en: 'Date of birth' }), r.patient_birth_date ? dutchDate(r.patient_birth_date) : null],
            [t({ nl: 'Telefoon', en: 'Phone' }), r.patient_phone],
            [t({ nl: 'E-mail', en: 'E-mail' }), r.patient_email],
            [t({ nl: 'Postcode en huisnummer', en: 'Postcode and house number' }), [r.patient_postcode, r.patient_house_number].filter(Boolean).join(' ')],
            [t({ nl: 'Voorkeurstaal', en: 'Preferred language' }), r.preferred_language],
            [t({ nl: 'Beste moment om te bellen', en: 'Best time to call' }), r.best_time_to_call],
            [t({ nl: 'Wil benaderd worden via', en: 'Wants to be contacted by' }), t(contactChannelLabels[r.contact_channel])],
            [t({ nl: 'Warme overdracht', en: 'Warm hand-over' }), t(handoverLabels[r.handover])],
          ]}
        />
      </Section>
      <Section title={t({ nl: 'Soort hulp', en: 'Kind of help' })} id="section-need">
        <DataList
          rows={[
            [t({ nl: 'Waarbij', en: 'With' }), r.needs.map((n) => (isCategory(n) ? t(categoryLabels[n]) : n)).join(', ')],
            [
              t(
                r.source === 'selfcheck'
                  ? { nl: 'Uit de zelftest', en: 'From the self-check' }
                  : forPractice
                    ? { nl: 'In de woorden van de patiënt', en: "In the patient's own words" }
                    : { nl: 'In de woorden van de inwoner', en: "In the resident's own words" },
              ),
              r.question ? <DutchText view={view}>{r.question}</DutchText> : null,
            ],
            [
              t({ nl: 'Spoed', en: 'Urgency' }),
              triggers.length ? (
                <span class="kl-urgent">
                  {triggers.map((u) => t(urgencyLabels[u] ?? { nl: u, en: u })).join(', ')} —{' '}
                  {t({ nl: 'eerste gesprek binnen 3 werkdagen', en: 'first conversation within 3 working days' })}
                </span>
              ) : (
                t({ nl: 'Geen dreigende situatie aangegeven', en: 'No threatening situation indicated' })
              ),
            ],
            [t({ nl: 'Route', en: 'Route' }), r.route_explanation],
            [
              t({ nl: 'Van', en: 'From' }),
              r.source === 'selfcheck'
                ? t({ nl: 'De inwoner zelf, via de zelftest', en: 'The resident, through the self-check' })
                : [detail.practiceName, detail.practicePhone, detail.createdByName].filter(Boolean).join(' · '),
            ],
          ]}
        />
      </Section>
      {consent ? (
        <Section title={t({ nl: 'Toestemming', en: 'Consent' })} id="section-consent">
          <DataList
            rows={[
              [
                t({ nl: 'Gegeven', en: 'Given' }),
                `${consent.method === 'written' ? t({ nl: 'schriftelijk', en: 'in writing' }) : consent.method === 'verbal' ? t({ nl: 'mondeling', en: 'verbally' }) : t({ nl: 'online', en: 'online' })}, ${formatDateTime(consent.given_at, view.lang)}`,
              ],
              [t({ nl: 'Vastgelegd door', en: 'Recorded by' }), consent.recorded_by_name],
              [t({ nl: 'Aan', en: 'To' }), consent.recipient_team_name],
              [t({ nl: 'Versie van de tekst', en: 'Version of the text' }), consent.text_version],
              [
                t({ nl: 'Terugkoppeling aan de praktijk', en: 'Feedback to the practice' }),
                consent.feedback_allowed ? t({ nl: 'mag', en: 'allowed' }) : t({ nl: 'mag niet', en: 'not allowed' }),
              ],
              [t({ nl: 'Ingetrokken', en: 'Withdrawn' }), consent.withdrawn_at ? formatDateTime(consent.withdrawn_at, view.lang) : null],
            ]}
          />
        </Section>
      ) : null}
    </>
  );
}

/**
 * One action of the team: a small form, labelled by its title. The next step stands open at the
 * top of the page; every other action is folded away (details/summary, no script needed) and
 * opens by itself when its form came back with an error or a choice to show.
 */
function ActionForm(props: { view: ViewContext; id: string; title: Text; action: string; folded?: { open: boolean }; children: Child }) {
  const form = (
    <PostForm view={props.view} action={props.action} novalidate>
      {props.children}
    </PostForm>
  );
  if (props.folded) {
    return (
      <details class="kl-details kl-action" open={props.folded.open || undefined} data-action={props.id}>
        <summary id={`action-${props.id}`}>{props.view.t(props.title)}</summary>
        <div role="group" aria-labelledby={`action-${props.id}`}>
          {form}
        </div>
      </details>
    );
  }
  return (
    <div class="kl-action" aria-labelledby={`action-${props.id}`} role="group" data-action={props.id}>
      <h3 class="utrecht-heading-3" id={`action-${props.id}`}>
        {props.view.t(props.title)}
      </h3>
      {form}
    </div>
  );
}

type TeamActionId = 'accept' | 'attempt' | 'contact' | 'conversation' | 'close' | 'known' | 'forward' | 'reject';

/** The form fields of each action: a folded action opens when one of them came back. */
const actionFields: Record<TeamActionId, readonly string[]> = {
  accept: ['assignee'],
  attempt: ['attempt_note'],
  contact: ['first_contact_on'],
  conversation: ['first_conversation_on'],
  close: ['outcome', 'close_code', 'feedback', 'strain'],
  known: ['already_known'],
  forward: ['to_team_id', 'forward_reason', 'forward_consent', 'forward_consent_method'],
  reject: ['reject_code', 'reject_reason'],
};

/** Which form is the next step (next-action.ts); the others fold away. */
const primaryForm: Record<NextAction, TeamActionId | null> = {
  accept: 'accept',
  contact: 'contact',
  conversation: 'conversation',
  'await-conversation': 'conversation',
  close: 'close',
  none: null,
};

/** The next step, open, at the top of the page: what the holding team does now. */
function NextStep(props: DetailPageProps) {
  const { view, detail, today } = props;
  const t = view.t;
  const next = nextTeamAction(detail.referral, today);
  const id = primaryForm[next];
  if (!id) return null;
  return (
    <section class="kl-section kl-next-step" aria-labelledby="section-next">
      <h2 class="utrecht-heading-2" id="section-next">
        {t({ nl: 'Volgende stap', en: 'Next step' })}: {t(nextActionLabels[next])}
      </h2>
      <TeamActionForm {...props} id={id} primary />
    </section>
  );
}

/** Every other action of the holding team, folded away. */
function OtherActions(props: DetailPageProps) {
  const { view, detail, today } = props;
  const primary = primaryForm[nextTeamAction(detail.referral, today)];
  const others = (Object.keys(actionFields) as TeamActionId[]).filter((id) => id !== primary && actionAvailable(detail, id, today));
  if (others.length === 0) return null;
  return (
    <Section title={view.t({ nl: 'Andere acties', en: 'Other actions' })} id="section-actions">
      {others.map((id) => (
        <TeamActionForm {...props} id={id} primary={false} />
      ))}
    </Section>
  );
}

function actionAvailable(detail: ReferralDetail, id: TeamActionId, today: string): boolean {
  const r = detail.referral;
  const status = r.status as ReferralStatus;
  const can = (action: Parameters<typeof nextStatus>[1]) => nextStatus(status, action) !== null;
  switch (id) {
    case 'accept':
      return can('accept');
    case 'attempt':
    case 'contact':
      return can('record-contact') && !r.first_contact_on;
    case 'conversation':
      // Held is held; a conversation planned for a day still to come can be moved.
      return can('record-conversation') && !tookPlace(r.first_conversation_on, today);
    case 'close':
      return can('complete') || can('fail');
    case 'known':
      return true;
    case 'forward':
      return can('forward');
    case 'reject':
      return can('reject');
  }
}

function TeamActionForm(props: DetailPageProps & { id: TeamActionId; primary: boolean }) {
  const { view, detail, today, id } = props;
  const t = view.t;
  const r = detail.referral;
  const status = r.status as ReferralStatus;
  const base = `/verwijzingen/${r.id}`;
  const errors = props.failed?.errors;
  const values = props.failed?.values ?? {};
  const came = (field: string) => errors?.[field] !== undefined || values[field] !== undefined;
  const folded = props.primary ? undefined : { open: actionFields[id].some(came) };
  const consentFeedback = detail.consent ? detail.consent.feedback_allowed && !detail.consent.withdrawn_at : false;
  switch (id) {
    case 'accept':
      return (
        <ActionForm
          view={view}
          id="accept"
          folded={folded}
          title={
            status === 'requested' || status === 'received'
              ? { nl: 'Aannemen en toewijzen', en: 'Accept and assign' }
              : { nl: 'Opnieuw toewijzen', en: 'Re-assign' }
          }
          action={`${base}/accepteren`}
        >
          <SelectField
            view={view}
            name="assignee"
            required
            label={{ nl: 'Wie pakt het op?', en: 'Who takes it on?' }}
            value={values['assignee'] ?? r.assigned_to ?? view.actor?.userId}
            options={detail.assignees.map((a) => ({ value: a.id, label: a.name }))}
            errors={errors}
          />
          <Button>{status === 'requested' || status === 'received' ? t({ nl: 'Aannemen', en: 'Accept' }) : t({ nl: 'Toewijzen', en: 'Assign' })}</Button>
        </ActionForm>
      );
    case 'attempt':
      return (
        <ActionForm
          view={view}
          id="attempt"
          folded={folded}
          title={{ nl: 'Poging tot contact vastleggen', en: 'Record a contact attempt' }}
          action={`${base}/contactpoging`}
        >
          <Paragraph>{fill(t({ nl: 'Pogingen tot nu toe: {n}.', en: 'Attempts so far: {n}.' }), { n: r.contact_attempts })}</Paragraph>
          <TextAreaField
            view={view}
            name="attempt_note"
            rows={2}
            maxlength={300}
            label={{ nl: 'Notitie', en: 'Note' }}
            description={{ nl: 'Bijvoorbeeld: voicemail ingesproken.', en: 'For example: left a voicemail.' }}
            value={values['attempt_note']}
            errors={errors}
          />
          <Button variant="secondary">{t({ nl: 'Poging vastleggen', en: 'Record attempt' })}</Button>
        </ActionForm>
      );
    case 'contact':
      return (
        <ActionForm
          view={view}
          id="contact"
          folded={folded}
          title={{ nl: 'Eerste contact vastleggen', en: 'Record first contact' }}
          action={`${base}/eerste-contact`}
        >
          <TextField
            view={view}
            name="first_contact_on"
            required
            size="short"
            inputmode="numeric"
            label={{ nl: 'Datum van het eerste contact', en: 'Date of first contact' }}
            description={{ nl: 'Bijvoorbeeld 27-11-2026.', en: 'For example 27-11-2026.' }}
            value={values['first_contact_on'] ?? dutchDate(today)}
            errors={errors}
          />
          <Button>{t({ nl: 'Eerste contact vastleggen', en: 'Record first contact' })}</Button>
        </ActionForm>
      );
    case 'conversation': {
      const planned = r.first_conversation_on && !tookPlace(r.first_conversation_on, today) ? r.first_conversation_on : null;
      return (
        <ActionForm
          view={view}
          id="conversation"
          folded={folded}
          title={{ nl: 'Eerste gesprek vastleggen', en: 'Record first conversation' }}
          action={`${base}/eerste-gesprek`}
        >
          {planned ? (
            <Paragraph>
              {fill(
                t({
                  nl: 'Het eerste gesprek is gepland op {date}. Het telt voor de termijn op die dag. Verzet of is het eerder gehouden? Vul dan de nieuwe datum in.',
                  en: 'The first conversation is planned for {date}. It counts for the term on that day. Moved, or held earlier? Enter the new date.',
                }),
                { date: dutchDate(planned) },
              )}
            </Paragraph>
          ) : null}
          <TextField
            view={view}
            name="first_conversation_on"
            required
            size="short"
            inputmode="numeric"
            label={{ nl: 'Datum van het eerste gesprek', en: 'Date of first conversation' }}
            description={{
              nl: 'Bijvoorbeeld 27-11-2026. Is het gesprek nog niet geweest? Vul de datum van de afspraak in.',
              en: 'For example 27-11-2026. Has the conversation not taken place yet? Enter the date of the appointment.',
            }}
            value={values['first_conversation_on'] ?? dutchDate(planned ?? today)}
            errors={errors}
          />
          <Button>{t({ nl: 'Eerste gesprek vastleggen', en: 'Record first conversation' })}</Button>
        </ActionForm>
      );
    }
    case 'close':
      return (
        <ActionForm view={view} id="close" folded={folded} title={{ nl: 'Afsluiten met uitkomst', en: 'Close with an outcome' }} action={`${base}/afsluiten`}>
          <RadioGroup
            view={view}
            name="outcome"
            legend={{ nl: 'Uitkomst', en: 'Outcome' }}
            value={values['outcome']}
            errors={errors}
            options={outcomes.map((o) => ({ value: o, label: outcomeLabels[o] }))}
          />
          <ReasonChoice
            view={view}
            name="close_code"
            legend={{ nl: 'Zonder hulp van uw team afgesloten? Waarom?', en: 'Closed without help from your team? Why?' }}
            description={{
              nl: 'Nodig bij "Doorverwezen naar andere hulp". Bij "Wilde geen hulp" en "Niet bereikt" vullen wij die reden in als u niets kiest. De praktijk ziet de reden als de inwoner terugkoppeling toestond.',
              en: 'Needed with "Referred to other help". With "Did not want help" and "Not reachable" we fill in that reason if you choose nothing. The practice sees the reason when the resident allowed feedback.',
            }}
            value={values['close_code']}
            errors={errors}
          />
          <StrainQuestion
            view={view}
            name="strain"
            description={{
              nl: 'Vraag het de inwoner bij het laatste contact. Met het antwoord bij de verwijzing laat dit zien of het beter gaat.',
              en: 'Ask the resident at the last contact. With the answer at referral, this shows whether things improved.',
            }}
            value={values['strain']}
            errors={errors}
          />
          <TextAreaField
            view={view}
            name="feedback"
            rows={3}
            maxlength={500}
            label={{ nl: 'Terugkoppeling voor de praktijk', en: 'Feedback for the practice' }}
            description={
              consentFeedback
                ? {
                    nl: 'Kort, bijvoorbeeld: "Contact gehad op 3-12, eerste gesprek gepland." Geen details over schulden of gezondheid.',
                    en: 'Short, for example: "Contact made on 3-12, first conversation planned." No details about debts or health.',
                  }
                : {
                    nl: 'Let op: de inwoner gaf geen toestemming voor terugkoppeling. De praktijk ziet alleen dat de verwijzing is afgesloten.',
                    en: 'Note: the resident did not allow feedback. The practice only sees that the referral was closed.',
                  }
            }
            value={values['feedback']}
            errors={errors}
          />
          <Button>{t({ nl: 'Afsluiten', en: 'Close' })}</Button>
        </ActionForm>
      );
    case 'known':
      return (
        <ActionForm view={view} id="known" folded={folded} title={{ nl: 'Al bekend bij ons?', en: 'Already known to us?' }} action={`${base}/al-bekend`}>
          <RadioGroup
            view={view}
            name="already_known"
            legend={{ nl: 'Was deze inwoner al bekend bij uw team?', en: 'Was this resident already known to your team?' }}
            value={values['already_known'] ?? (r.already_known === null ? undefined : r.already_known ? 'ja' : 'nee')}
            errors={errors}
            options={[
              { value: 'ja', label: { nl: 'Ja, al bekend', en: 'Yes, already known' } },
              { value: 'nee', label: { nl: 'Nee, nieuw', en: 'No, new' } },
            ]}
          />
          <Button variant="secondary">{t({ nl: 'Opslaan', en: 'Save' })}</Button>
        </ActionForm>
      );
    case 'forward':
      return (
        <ActionForm
          view={view}
          id="forward"
          folded={folded}
          title={{ nl: 'Doorsturen naar een ander team', en: 'Forward to another team' }}
          action={`${base}/doorsturen`}
        >
          <SelectField
            view={view}
            name="to_team_id"
            required
            label={{ nl: 'Naar welk team?', en: 'To which team?' }}
            placeholder={{ nl: 'Kies een team…', en: 'Choose a team…' }}
            value={values['to_team_id']}
            options={detail.forwardTargets.map((team) => ({ value: team.id, label: `${team.name} (${team.organisation_name})` }))}
            errors={errors}
          />
          <TextAreaField
            view={view}
            name="forward_reason"
            required
            rows={2}
            maxlength={500}
            label={{ nl: 'Waarom?', en: 'Why?' }}
            description={{
              nl: 'Het andere team leest dit. De termijnen blijven lopen vanaf de oorspronkelijke verwijzing.',
              en: 'The other team reads this. The terms keep running from the original referral.',
            }}
            value={values['forward_reason']}
            errors={errors}
          />
          <ForwardConsent {...props} />
        </ActionForm>
      );
    case 'reject':
      return (
        <ActionForm view={view} id="reject" folded={folded} title={{ nl: 'Afwijzen', en: 'Decline' }} action={`${base}/afwijzen`}>
          <ReasonChoice
            view={view}
            name="reject_code"
            legend={{ nl: 'Waarom wijst u de verwijzing af?', en: 'Why do you decline the referral?' }}
            description={{ nl: 'De praktijk ziet deze reden.', en: 'The practice sees this reason.' }}
            value={values['reject_code']}
            errors={errors}
          />
          <TextAreaField
            view={view}
            name="reject_reason"
            rows={2}
            maxlength={500}
            label={{ nl: 'Toelichting', en: 'Explanation' }}
            description={{
              nl: 'Kort. De praktijk leest dit alleen als de inwoner terugkoppeling toestond.',
              en: 'Short. The practice reads this only when the resident allowed feedback.',
            }}
            value={values['reject_reason']}
            errors={errors}
          />
          <Button variant="danger">{t({ nl: 'Afwijzen', en: 'Decline' })}</Button>
        </ActionForm>
      );
  }
}

/**
 * Consent names one team, so the forward asks it for the chosen team, by name: "Tekst voor dit team
 * tonen" shows the text for the team picked above (no JavaScript needed), and the hidden
 * consent_team_id ties the ticked box to the text that was read (AVG art. 7: per recipient). What
 * to do without consent is an instruction for the staff member, outside the text read aloud.
 */
function ForwardConsent(props: DetailPageProps) {
  const { view, detail } = props;
  const t = view.t;
  const errors = props.failed?.errors;
  const values = props.failed?.values ?? {};
  const chosen = detail.forwardTargets.find((team) => team.id === values['to_team_id']);
  const showText = (
    <Button variant="secondary" name="stap" value="kiezen">
      {t({ nl: 'Tekst voor dit team tonen', en: 'Show the text for this team' })}
    </Button>
  );
  if (!chosen) {
    return (
      <>
        <Paragraph>
          {t({
            nl: 'De inwoner gaf toestemming voor uw team. Voor een ander team is nieuwe toestemming nodig. Kies eerst het team. Klik dan op "Tekst voor dit team tonen": u ziet dan wat u voorleest.',
            en: 'The resident consented for your team. Another team needs new consent. First choose the team. Then click "Show the text for this team": you then see what to read out.',
          })}
        </Paragraph>
        {showText}
      </>
    );
  }
  return (
    <>
      <input type="hidden" name="consent_team_id" value={chosen.id} />
      <Paragraph>
        {t({
          nl: 'De inwoner gaf toestemming voor uw team. Voor een ander team is nieuwe toestemming nodig. Lees deze tekst voor:',
          en: 'The resident consented for your team. Another team needs new consent. Read this text out:',
        })}
      </Paragraph>
      <ConsentWordingView
        wording={forwardConsentWording(view.lang, { team: chosen.name, organisation: chosen.organisation_name }, props.retentionMonths)}
        quote
      />
      <p class="utrecht-paragraph kl-muted" data-testid="forward-consent-instruction">
        {fill(t(forwardConsentInstruction), { outcome: t(outcomeLabels.referred_elsewhere) })}
      </p>
      <Checkbox
        name="forward_consent"
        class="kl-choice"
        checked={values['forward_consent'] === 'ja'}
        errors={errors}
        label={fill(
          t({
            nl: 'De inwoner geeft toestemming om de verwijzing door te sturen naar {team}',
            en: 'The resident consents to forwarding the referral to {team}',
          }),
          {
            team: chosen.name,
          },
        )}
      />
      <RadioGroup
        view={view}
        name="forward_consent_method"
        legend={{ nl: 'Hoe gaf de inwoner toestemming?', en: 'How did the resident consent?' }}
        value={values['forward_consent_method']}
        errors={errors}
        options={consentMethods.map((method) => ({ value: method, label: consentMethodLabels[method] }))}
      />
      <div class="kl-actions">
        <Button variant="secondary" name="stap" value="doorsturen">
          {t({ nl: 'Doorsturen', en: 'Forward' })}
        </Button>
        {showText}
      </div>
    </>
  );
}

function CancelForm(props: DetailPageProps) {
  const { view, detail } = props;
  const t = view.t;
  return (
    <Section title={t({ nl: 'Verwijzing intrekken', en: 'Withdraw the referral' })} id="section-cancel">
      <Paragraph>
        {t({
          nl: 'Zolang het team de verwijzing nog niet heeft aangenomen, kunt u hem intrekken.',
          en: 'As long as the team has not accepted the referral, you can withdraw it.',
        })}
      </Paragraph>
      <PostForm view={view} action={`/verwijzingen/${detail.referral.id}/annuleren`} novalidate>
        <TextAreaField
          view={view}
          name="cancel_reason"
          rows={2}
          maxlength={300}
          label={{ nl: 'Reden', en: 'Reason' }}
          value={props.failed?.values['cancel_reason']}
          errors={props.failed?.errors}
        />
        <Button variant="danger">{t({ nl: 'Intrekken', en: 'Withdraw' })}</Button>
      </PostForm>
    </Section>
  );
}

/** A stored strain answer as its label; nothing when it was not asked. */
function strainText(view: ViewContext, value: number | null): string | null {
  const label = strainLabel(value);
  return label ? view.t(label) : null;
}
