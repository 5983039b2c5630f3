import type { Hono } from 'hono';
import type { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import type { RequestContext } from '../platform/context.ts';
import { view } from '../platform/ui/view.ts';
import { authorize, type Guard } from '../platform/http/authorize.ts';
import { newFormKey, parseForm, validateValues } from '../platform/http/forms.ts';
import { idParam, pageParam } from '../platform/http/params.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import type { Role } from '../platform/db/schema.ts';
import type { Translate } from '../platform/i18n.ts';
import type { FieldErrors } from '../platform/ui/components.tsx';
import { referralScope } from './referral-scope.ts';
import type { FoundReferral } from './access.ts';
import { ReferralThread } from '../messages/thread.tsx';
import { WithdrawConsentForm } from './withdraw-consent-form.tsx';
import {
  acceptSchema,
  alreadyKnownSchema,
  cancelSchema,
  closeSchema,
  contactAttemptSchema,
  firstContactSchema,
  firstConversationSchema,
  forwardChoiceSchema,
  forwardSchema,
  rejectSchema,
} from './action-forms.ts';
import { acceptReferral } from './accept-referral.ts';
import { cancelReferral } from './cancel-referral.ts';
import { checkReferralRoute, type CheckedRoute } from './check-referral-route.ts';
import { closeReferral } from './close-referral.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { forwardReferral } from './forward-referral.ts';
import { getTeamContact } from './get-team-contact.ts';
import { InboxPage, PracticeReferralsPage } from './list-pages.tsx';
import { inboxSearch, isInboxTab, listTeamInbox } from './list-team-inbox.ts';
import { listPracticeReferrals } from './list-practice-referrals.ts';
import { markAlreadyKnown } from './mark-already-known.ts';
import { ContactCardPage, NewReferralPage, ReferralReview, RouteProblem, ROUTE_PREVIEW_PATH, type NewReferralProps } from './new-referral-page.tsx';
import { openReferral } from './open-referral.ts';
import { recordContactAttempt } from './record-contact-attempt.ts';
import { recordFirstContact } from './record-first-contact.ts';
import { recordFirstConversation } from './record-first-conversation.ts';
import { ReferralDetailPage, type DetailPageProps } from './referral-detail-page.tsx';
import { consentFormSchema, needField, referralDetailsSchema, routePreviewSchema } from './referral-form.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { getSignalRecord } from '../signals/signal-records.ts';
import { isCategory } from '../needs/categories.ts';
import { getTeamFacts } from '../socialmap/team-facts.ts';
import { rejectReferral } from './reject-referral.ts';
import { sendReferral } from './send-referral.ts';
import { loadReferralDraft } from './referral-drafts.ts';
import { FormSentWithOtherContent } from './referral-errors.ts';
import { FormAlreadySentPage } from './form-already-sent-page.tsx';

const practiceRoles: readonly Role[] = ['practice_staff', 'practice_admin'];
const teamRoles: readonly Role[] = ['team_member', 'team_admin'];

/**
 * The closed-loop referral, practice and team side. Every route declares who may use it: the role,
 * and for a referral the data scope from access.ts — the practice that sent it, the team that holds
 * it, or (reading only) a team that held it. Region coordinators and administrators never reach a
 * referral (403 by role). Handlers parse, call one use case and render.
 */
export function registerReferralRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const baseUrl = publicBaseUrl(services.config);
  const practiceOnly = authorize(services, { roles: practiceRoles });
  const teamOnly = authorize(services, { roles: teamRoles });
  const reader = authorize(services, { roles: [...practiceRoles, ...teamRoles], scope: referralScope(services, ['practice', 'team-holder', 'team-former']) });
  const holder = authorize(services, { roles: teamRoles, scope: referralScope(services, ['team-holder']) });
  const sender = authorize(services, { roles: practiceRoles, scope: referralScope(services, ['practice']) });
  const ctxOf = (c: AppContext) => c.get('ctx');

  app.get('/verwijzingen/nieuw', practiceOnly, async (c) => {
    // Most patients want a call: the channel starts at "Telefoon", visibly, and can be changed.
    const values: Record<string, string> = { idempotency_key: newFormKey(), preferred_language: 'Nederlands', contact_channel: 'phone' };
    // Started from a saved signal record (/signalen/:id): needs and note are filled in already.
    const signalId = c.req.query('signaal');
    if (signalId && /^[0-9a-f-]{36}$/i.test(signalId)) {
      const record = await getSignalRecord(db, ctxOf(c).actor!.practiceId!, signalId);
      for (const need of record.needs.filter(isCategory)) values[needField(need)] = 'on';
      if (record.note) values['question'] = record.note;
      if (record.strain !== null) values['strain'] = String(record.strain);
    }
    // Started from the social map ("Verwijs naar dit team"): the postcode searched for and the need, never typed twice.
    const postcode = parsePostcode(c.req.query('postcode') ?? '');
    if (postcode) values['postcode'] = postcode.display;
    const need = c.req.query('hulpvraag');
    if (isCategory(need)) values[needField(need)] = 'on';
    const viaTeam = c.req.query('team');
    if (viaTeam && /^[0-9a-f-]{36}$/i.test(viaTeam)) values['via_team'] = viaTeam;
    // Started in the practice's own system (a FHIR draft ServiceRequest): its fields, this form's key.
    const draft = c.req.query('concept');
    if (draft) Object.assign(values, await loadReferralDraft(db, ctxOf(c), draft));
    return renderNew(c, { values, retentionMonths: services.config.retentionMonths });
  });
  app.post('/verwijzingen/nieuw', practiceOnly, (c) => submitNewReferral(c, services));
  // The one-page form's review (team, contact, consent text) as soon as the address is filled in; an HTML fragment.
  app.post(ROUTE_PREVIEW_PATH, practiceOnly, async (c) => {
    const v = view(c);
    const form = await parseForm(c, routePreviewSchema(v.t));
    if (!form.ok) return c.html(<RouteProblem message={Object.values(form.errors)[0] ?? ''} />, 422);
    try {
      const route = await checkReferralRoute(db, ctxOf(c), {
        postcode: form.data.postcode,
        houseNumber: form.data.house_number,
        need: form.data.needs[0] ?? null,
      });
      const teamFacts = await getTeamFacts(db, route.teamId);
      return c.html(<ReferralReview view={v} values={form.values} route={route} teamFacts={teamFacts} retentionMonths={services.config.retentionMonths} />);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return c.html(<RouteProblem message={v.t(err.userMessage)} />, 422);
      throw err;
    }
  });
  app.get('/verwijzingen/contactkaart/:id', practiceOnly, async (c) =>
    c.html(<ContactCardPage view={view(c)} contact={await getTeamContact(db, idParam(c), 'public')} />),
  );

  app.get('/verwijzingen', practiceOnly, async (c) =>
    c.html(<PracticeReferralsPage view={view(c)} {...await listPracticeReferrals(db, ctxOf(c), pageParam(c))} />),
  );

  app.get('/inbox', teamOnly, async (c) => {
    const tab = c.req.query('tab');
    // Search by name or KL number; a term too short or too long is named, and the tab shown instead.
    const asked = c.req.query('zoek');
    const search = inboxSearch(asked);
    const badSearch = asked !== undefined && asked.trim() !== '' && !search;
    const inbox = await listTeamInbox(db, ctxOf(c), isInboxTab(tab) ? tab : 'nieuw', pageParam(c), search);
    return c.html(<InboxPage view={view(c)} inbox={inbox} searchProblem={badSearch} searched={asked} />, badSearch ? 400 : 200);
  });

  app.get('/verwijzingen/:id', reader, (c) => renderDetail(c, services, reader.scoped(c), { notice: c.req.query('melding') }));

  const act = actionRunner(services, holder);
  app.post(
    '/verwijzingen/:id/accepteren',
    holder,
    act(acceptSchema, 'aangenomen', (ctx, id, d) => acceptReferral(db, ctx, { referralId: id, assigneeId: d.assignee }, baseUrl)),
  );
  app.post(
    '/verwijzingen/:id/contactpoging',
    holder,
    act(contactAttemptSchema, 'poging', (ctx, id, d) => recordContactAttempt(db, ctx, { referralId: id, note: d.attempt_note }, baseUrl)),
  );
  app.post(
    '/verwijzingen/:id/eerste-contact',
    holder,
    act(firstContactSchema, 'contact', (ctx, id, d) => recordFirstContact(db, ctx, { referralId: id, date: d.first_contact_on }, baseUrl)),
  );
  app.post(
    '/verwijzingen/:id/eerste-gesprek',
    holder,
    act(firstConversationSchema, 'gesprek', (ctx, id, d) => recordFirstConversation(db, ctx, { referralId: id, date: d.first_conversation_on }, baseUrl)),
  );
  app.post(
    '/verwijzingen/:id/al-bekend',
    holder,
    act(alreadyKnownSchema, 'bekend', (ctx, id, d) => markAlreadyKnown(db, ctx, { referralId: id, known: d.already_known }, baseUrl)),
  );
  const forward = act(forwardSchema, 'doorgestuurd', (ctx, id, d) =>
    forwardReferral(db, ctx, { referralId: id, toTeamId: d.to_team_id, reason: d.forward_reason, consentMethod: d.forward_consent_method }, baseUrl),
  );
  app.post('/verwijzingen/:id/doorsturen', holder, async (c) => {
    // "Tekst voor dit team tonen": the page again, with the consent text naming the chosen team.
    const form = await parseForm(c, forwardChoiceSchema(view(c).t));
    if (form.values['stap'] === 'kiezen')
      return renderDetail(c, services, holder.scoped(c), { failed: { errors: form.ok ? {} : form.errors, values: form.values } });
    return forward(c);
  });
  app.post(
    '/verwijzingen/:id/afwijzen',
    holder,
    act(rejectSchema, 'afgewezen', (ctx, id, d) => rejectReferral(db, ctx, { referralId: id, code: d.reject_code, reason: d.reject_reason }, baseUrl)),
  );
  app.post(
    '/verwijzingen/:id/afsluiten',
    holder,
    act(closeSchema, 'afgesloten', (ctx, id, d) => closeReferral(db, ctx, { referralId: id, ...d }, baseUrl)),
  );
  app.post(
    '/verwijzingen/:id/annuleren',
    sender,
    actionRunner(services, sender)(cancelSchema, 'ingetrokken', (ctx, id, d) => cancelReferral(db, ctx, { referralId: id, reason: d.cancel_reason }, baseUrl)),
  );
}

function renderNew(c: AppContext, props: Omit<NewReferralProps, 'view'>, status: 200 | 409 | 422 = 200) {
  return c.html(<NewReferralPage view={view(c)} {...props} />, status);
}

/** The form with its review: the routed team's capacity and response time come along (social map). */
async function renderNewWithFacts(c: AppContext, services: Services, props: Omit<NewReferralProps, 'view' | 'teamFacts'>, status: 200 | 409 | 422 = 200) {
  const teamFacts = props.route ? await getTeamFacts(services.db, props.route.teamId) : undefined;
  return renderNew(c, { ...props, teamFacts }, status);
}

/**
 * "Controleren" shows the route and the consent for that team; "Versturen" sends. A changed route
 * (postcode edited after checking) or a missing consent is refused and the form shown again with
 * everything the user typed.
 */
async function submitNewReferral(c: AppContext, services: Services) {
  const t = view(c).t;
  const render = (props: Omit<NewReferralProps, 'view' | 'retentionMonths' | 'teamFacts'>, status?: 200 | 409 | 422) =>
    renderNewWithFacts(c, services, { ...props, retentionMonths: services.config.retentionMonths }, status);
  const ctx = c.get('ctx');
  const form = await parseForm(c, referralDetailsSchema(t));
  if (!form.ok) return render({ values: form.values, errors: form.errors }, 422);
  let route: CheckedRoute;
  try {
    route = await checkReferralRoute(services.db, ctx, { postcode: form.data.postcode, houseNumber: form.data.house_number, need: form.data.needs[0] ?? null });
  } catch (err) {
    if (err instanceof AppError && err.status === 422) return render({ values: form.values, problem: t(err.userMessage) }, 422);
    throw err;
  }
  if (form.values['stap'] !== 'versturen') return render({ values: form.values, route });
  const consent = validateValues(consentFormSchema(t), form.values);
  if (!consent.ok) return render({ values: form.values, errors: consent.errors, route }, 422);
  try {
    const sent = await sendReferral(services.db, ctx, { ...form.data, ...consent.data }, publicBaseUrl(services.config));
    return c.redirect(`/verwijzingen/${sent.id}?melding=verstuurd`, 303);
  } catch (err) {
    if (err instanceof FormSentWithOtherContent) return c.html(<FormAlreadySentPage view={view(c)} error={err} />, 409);
    if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
    // Consent for another team than the address now routes to: show the new team, ask again.
    const values = err.code === 'wrong_recipient' ? { ...form.values, consent_given: '' } : form.values;
    const consentMissing = err.code === 'consent_missing';
    return render({ values, route, problem: t(err.userMessage), consentMissing, cardTeamId: consentMissing ? route.teamId : undefined }, err.status);
  }
}

async function renderDetail(c: AppContext, services: Services, found: FoundReferral, extra: Partial<DetailPageProps> = {}, status: 200 | 409 | 422 = 200) {
  const v = view(c);
  const detail = await openReferral(services.db, c.get('ctx'), found, publicBaseUrl(services.config));
  const canWithdraw = (detail.access === 'practice' || detail.access === 'team-holder') && !detail.referral.consent_withdrawn_at;
  return c.html(
    <ReferralDetailPage
      view={v}
      detail={detail}
      today={amsterdamToday()}
      thread={<ReferralThread view={v} {...detail.thread} />}
      withdrawConsent={canWithdraw ? <WithdrawConsentForm view={v} referralId={detail.referral.id} /> : undefined}
      retentionMonths={services.config.retentionMonths}
      {...extra}
    />,
    status,
  );
}

/**
 * One action on a referral: validate the small form, run the use case, redirect with a notice. A
 * form error re-shows the referral with the error summary (422); a refusal of the state machine or
 * another rule re-shows it with the Dutch message (409/422).
 */
function actionRunner(services: Services, guard: Guard<FoundReferral>) {
  return <S extends z.ZodType>(
      schema: (t: Translate) => S,
      notice: string,
      run: (ctx: RequestContext, referralId: string, data: z.infer<S>) => Promise<unknown>,
    ) =>
    async (c: AppContext) => {
      const id = idParam(c);
      const form = await parseForm(c, schema(view(c).t));
      if (!form.ok) return renderDetail(c, services, guard.scoped(c), { failed: { errors: form.errors as FieldErrors, values: form.values } }, 422);
      try {
        await run(c.get('ctx'), id, form.data);
      } catch (err) {
        if (err instanceof AppError && (err.status === 409 || err.status === 422))
          return renderDetail(c, services, guard.scoped(c), { problem: view(c).t(err.userMessage) }, err.status);
        throw err;
      }
      return c.redirect(`/verwijzingen/${id}?melding=${notice}`, 303);
    };
}
