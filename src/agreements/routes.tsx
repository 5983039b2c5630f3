import type { Hono } from 'hono';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { agreementRoles, draftablePair, drafterRoles, findAgreement, type FoundAgreement } from './agreement-access.ts';
import { agreementDraftSchema, confirmSchema } from './agreement-form.ts';
import { draftAgreement } from './draft-agreement.ts';
import { confirmAgreement, confirmPracticeContact } from './confirm-agreement.ts';
import { agreementIdOf, draftChoices, getAgreementDetail, listAgreements, teamContactChoices } from './read-agreements.ts';
import { AgreementFormPage, AgreementListPage, AgreementPage, ChoosePairPage, formValuesOf, type AgreementPageProps } from './pages.tsx';
import { registerFixedContactRoutes } from './fixed-contacts-routes.tsx';

/**
 * Collaboration agreements (docs/product.md loop step 8):
 *
 *   GET  /afspraken                      the agreements the actor reaches
 *   GET  /afspraken/nieuw                drafters: choose practice and team, then the form
 *   POST /afspraken                      drafters: the first proposal for a pair (scope: the pair in the form)
 *   GET  /afspraken/:id                  the agreement: in force, proposal, history
 *   GET  /afspraken/:id/wijzigen         drafters: change it (a new proposal)
 *   POST /afspraken/:id                  drafters: save the proposal
 *   POST /afspraken/:id/bevestigen       the practice manager confirms
 *   POST /afspraken/:id/contact-klopt    the practice manager confirms the practice's contact
 */
export function registerAgreementRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const baseUrl = publicBaseUrl(services.config);
  const anyAgreement = authorize(services, { roles: agreementRoles });
  const drafter = authorize(services, { roles: drafterRoles });
  const scope = (allowed: ReadonlyArray<FoundAgreement['access']>) => async (actor: Parameters<typeof findAgreement>[1], c: AppContext) => {
    const found = await findAgreement(db, actor, c.req.param('id'));
    return found && allowed.includes(found.access) ? found : null;
  };
  const reader = authorize(services, { roles: agreementRoles, scope: scope(['practice', 'team', 'region']) });
  const editor = authorize(services, { roles: drafterRoles, scope: scope(['team', 'region']) });
  const confirmer = authorize(services, { roles: ['practice_admin'], scope: scope(['practice']) });
  const pairGuard = authorize(services, {
    roles: drafterRoles,
    scope: async (actor, c) => {
      const body = await c.req.parseBody();
      return draftablePair(db, actor, body['practice_id'], body['team_id']);
    },
  });

  app.get('/afspraken', anyAgreement, async (c) => {
    const actor = c.get('ctx').actor!;
    return c.html(<AgreementListPage view={view(c)} rows={await listAgreements(db, actor)} mayDraft={drafterRoles.includes(actor.role)} />);
  });

  app.get('/afspraken/nieuw', drafter, async (c) => {
    const v = view(c);
    const actor = c.get('ctx').actor!;
    const practiceId = c.req.query('praktijk');
    const teamId = c.req.query('team') ?? (actor.role === 'team_admin' ? (actor.teamId ?? undefined) : undefined);
    const choices = await draftChoices(db, actor);
    if (!practiceId || !teamId) {
      // Sent without a choice: say so. Opened fresh: just the choice.
      const sent = practiceId !== undefined;
      const errors: Record<string, string> = sent ? { praktijk: v.t({ nl: 'Kies een praktijk en een team.', en: 'Choose a practice and a team.' }) } : {};
      return c.html(<ChoosePairPage view={v} {...choices} values={{ praktijk: practiceId, team: teamId }} errors={errors} />, sent ? 422 : 200);
    }
    const pair = await draftablePair(db, actor, practiceId, teamId);
    if (!pair) {
      const errors = { praktijk: v.t({ nl: 'Kies een praktijk en een team uit de lijst.', en: 'Choose a practice and a team from the list.' }) };
      return c.html(<ChoosePairPage view={v} {...choices} values={{ praktijk: practiceId, team: teamId }} errors={errors} />, 422);
    }
    // A pair has one agreement: drafting it again means changing it.
    const existing = await agreementIdOf(db, pair.practiceId, pair.teamId);
    if (existing) return c.redirect(`/afspraken/${existing}/wijzigen`, 303);
    return c.html(
      <AgreementFormPage
        view={v}
        action="/afspraken"
        practiceName={pair.practiceName}
        teamName={pair.teamName}
        hidden={{ practice_id: pair.practiceId, team_id: pair.teamId }}
        contacts={await teamContactChoices(db, pair.teamId)}
        values={formValuesOf(null)}
        errors={{}}
      />,
    );
  });

  app.post('/afspraken', pairGuard, async (c) => {
    const pair = pairGuard.scoped(c);
    const form = await parseForm(c, agreementDraftSchema(view(c).t));
    const again = async (status: 422, errors: Record<string, string>, problem?: string) =>
      c.html(
        <AgreementFormPage
          view={view(c)}
          action="/afspraken"
          practiceName={pair.practiceName}
          teamName={pair.teamName}
          hidden={{ practice_id: pair.practiceId, team_id: pair.teamId }}
          contacts={await teamContactChoices(db, pair.teamId)}
          values={form.values}
          errors={errors}
          problem={problem}
        />,
        status,
      );
    if (!form.ok) return again(422, form.errors);
    try {
      const { id } = await draftAgreement(db, c.get('ctx'), { practiceId: pair.practiceId, teamId: pair.teamId }, form.data, baseUrl);
      return c.redirect(`/afspraken/${id}?melding=opgeslagen`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return again(422, { team_contact_id: view(c).t(err.userMessage) });
      throw err;
    }
  });

  const renderAgreement = async (c: AppContext, found: FoundAgreement, extra: Partial<AgreementPageProps> = {}, status: 200 | 409 | 422 = 200) => {
    const now = new Date();
    return c.html(<AgreementPage view={view(c)} detail={await getAgreementDetail(db, found)} now={now} notice={c.req.query('melding')} {...extra} />, status);
  };

  app.get('/afspraken/:id', reader, (c) => renderAgreement(c, reader.scoped(c)));

  const renderForm = async (
    c: AppContext,
    found: FoundAgreement,
    values: Record<string, string | null | undefined>,
    errors: Record<string, string> = {},
    status: 200 | 422 = 200,
  ) => {
    const detail = await getAgreementDetail(db, found);
    return c.html(
      <AgreementFormPage
        view={view(c)}
        action={`/afspraken/${detail.id}`}
        practiceName={detail.practiceName}
        teamName={detail.teamName}
        hidden={{}}
        contacts={await teamContactChoices(db, detail.teamId)}
        values={values}
        errors={errors}
      />,
      status,
    );
  };

  app.get('/afspraken/:id/wijzigen', editor, async (c) => {
    const found = editor.scoped(c);
    const detail = await getAgreementDetail(db, found);
    return renderForm(c, found, formValuesOf(detail.proposal ?? detail.inForce));
  });

  app.post('/afspraken/:id', editor, async (c) => {
    const found = editor.scoped(c);
    const form = await parseForm(c, agreementDraftSchema(view(c).t));
    if (!form.ok) return renderForm(c, found, form.values, form.errors, 422);
    try {
      await draftAgreement(db, c.get('ctx'), { agreementId: found.agreement.id }, form.data, baseUrl);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return renderForm(c, found, form.values, { team_contact_id: view(c).t(err.userMessage) }, 422);
      throw err;
    }
    return c.redirect(`/afspraken/${found.agreement.id}?melding=opgeslagen`, 303);
  });

  app.post('/afspraken/:id/bevestigen', confirmer, async (c) => {
    const found = confirmer.scoped(c);
    const form = await parseForm(c, confirmSchema(view(c).t));
    if (!form.ok) return renderAgreement(c, found, { confirmForm: { values: form.values, errors: form.errors } }, 422);
    try {
      await confirmAgreement(db, c.get('ctx'), { agreementId: found.agreement.id, proposedAt: form.values['versie'], contact: form.data }, baseUrl);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return renderAgreement(c, found, { problem: view(c).t(err.userMessage) }, 409);
      throw err;
    }
    return c.redirect(`/afspraken/${found.agreement.id}?melding=bevestigd`, 303);
  });

  app.post('/afspraken/:id/contact-klopt', confirmer, async (c) => {
    const found = confirmer.scoped(c);
    try {
      await confirmPracticeContact(db, c.get('ctx'), found.agreement.id);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return renderAgreement(c, found, { problem: view(c).t(err.userMessage) }, 409);
      throw err;
    }
    return c.redirect(`/afspraken/${found.agreement.id}?melding=contact-klopt`, 303);
  });

  registerFixedContactRoutes(app, services);
}
