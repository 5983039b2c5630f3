import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Hono } from 'hono';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { AppError } from '../platform/errors.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
  ErrorSummary,
  Heading1,
  Link,
  Paragraph,
  PostForm,
  SelectField,
  Table,
  TextField,
  type FieldErrors,
} from '../platform/ui/components.tsx';
import type { Text, Translate } from '../platform/i18n.ts';
import { categories, categoryLabels, isCategory } from '../needs/categories.ts';
import { addRule, getRule, removeRule, ruleSchema, setRegionFallback, type RuleListRow } from './manage-rules.ts';
import { loadRoutingOverview } from './load-routing-overview.ts';
import { mayEditRegion, mayEditRule, mayRouteMunicipality, regionOfEditor } from './routing-scope.ts';
import { routeAddress } from './route-referral.ts';
import { importCbsPostcodes, postcodeTableStatus } from './import-cbs-postcodes.ts';
import { missingCentralDeskNotice, postcodeImportReport, postcodeTableLoaded } from './routing-texts.ts';

/**
 * Which needs a rule is for. A rule without a need takes every need; only the one for the whole
 * municipality is its central desk (a district's team is not; docs/glossary.md).
 */
function ruleNeedLabel(rule: Pick<RuleListRow, 'category' | 'district_code'>, t: Translate): string {
  if (rule.category && isCategory(rule.category)) return t(categoryLabels[rule.category]);
  return rule.district_code
    ? t({ nl: 'alle soorten hulp in deze wijk', en: 'every kind of help in this district' })
    : t({ nl: 'alle soorten hulp (centraal loket)', en: 'every kind of help (central desk)' });
}

/** Confirmations after a redirect (`?melding=…`): only these keys, nothing from the address itself. */
const routingNotices: Record<string, Text> = {
  toegevoegd: { nl: 'De regel is toegevoegd.', en: 'The rule has been added.' },
  verwijderd: { nl: 'De regel is verwijderd.', en: 'The rule has been removed.' },
  opgeslagen: { nl: 'Het regionale loket is opgeslagen.', en: 'The regional desk has been saved.' },
};

async function renderRouting(
  c: AppContext,
  services: Services,
  status: 200 | 409 | 422 = 200,
  form: { values?: Record<string, string>; errors?: FieldErrors; problem?: string } = {},
) {
  const { db } = services;
  const v = view(c);
  const t = v.t;
  const actor = c.get('ctx').actor!;
  const { rules, missing, teams, municipalities, districts, regions } = await loadRoutingOverview(db, regionOfEditor(actor));

  // "Try a postcode": the same routing function the referral form uses, asked as a practice of the
  // coordinator's region would ask (an administrator has none: outside every region, no team).
  const tryPostcode = c.req.query('postcode')?.trim();
  const tryNeed = c.req.query('hulpvraag');
  let tryResult: { text: string; ok: boolean } | null = null;
  if (tryPostcode) {
    try {
      const route = await routeAddress(db, { postcode: tryPostcode, need: isCategory(tryNeed) ? tryNeed : null, regionId: actor.regionId });
      tryResult = { text: t(route.explanation), ok: route.decision.teamId !== null };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      tryResult = { text: t(err.userMessage), ok: false };
    }
  }
  const needOptions = categories.map((cat) => ({ value: cat, label: t(categoryLabels[cat]) }));
  const teamOptions = teams.map((tm) => ({ value: tm.id, label: `${tm.name} (${tm.organisation_name})` }));

  return c.html(
    <Page view={v} title={t({ nl: 'Routering', en: 'Routing' })} wide>
      <Heading1>{t({ nl: 'Routering: welk team krijgt de verwijzing?', en: 'Routing: which team receives the referral?' })}</Heading1>
      <Paragraph>
        {t({
          nl: 'De postcode van de inwoner bepaalt het team, nooit de plek van de praktijk. Een team voor een wijk gaat voor op een regel voor de hele gemeente. Elke gemeente heeft een centraal loket nodig voor alles wat niet past.',
          en: "The resident's postcode decides the team, never the practice's location. A team for a district comes before a rule for the whole municipality. Every municipality needs a central desk for everything else.",
        })}
      </Paragraph>
      {routingNotices[c.req.query('melding') ?? ''] ? <Alert type="ok">{t(routingNotices[c.req.query('melding') ?? '']!)}</Alert> : null}
      {missing.length > 0 ? <Alert type="warning">{t(missingCentralDeskNotice(missing.map((m) => m.name)))}</Alert> : null}

      <h2 class="utrecht-heading-2">{t({ nl: 'Postcode testen', en: 'Try a postcode' })}</h2>
      <form method="get" action="/beheer/routering" class="kl-filters">
        <TextField view={v} name="postcode" size="postcode" required label={{ nl: 'Postcode', en: 'Postcode' }} value={tryPostcode} />
        <SelectField
          view={v}
          name="hulpvraag"
          label={{ nl: 'Soort hulp', en: 'Kind of help' }}
          value={tryNeed}
          placeholder={{ nl: 'Alle soorten hulp', en: 'All kinds of help' }}
          options={needOptions}
        />
        <Button variant="secondary">{t({ nl: 'Testen', en: 'Try' })}</Button>
      </form>
      {tryResult ? <Alert type={tryResult.ok ? 'info' : 'warning'}>{tryResult.text}</Alert> : null}

      <h2 class="utrecht-heading-2">{t({ nl: 'Regels', en: 'Rules' })}</h2>
      <Table
        caption={t({ nl: 'Routeringsregels per gemeente', en: 'Routing rules per municipality' })}
        headers={[
          t({ nl: 'Gemeente', en: 'Municipality' }),
          t({ nl: 'Wijk', en: 'District' }),
          t({ nl: 'Soort hulp', en: 'Kind of help' }),
          t({ nl: 'Team', en: 'Team' }),
          t({ nl: 'Actie', en: 'Action' }),
        ]}
        empty={t({ nl: 'Er zijn nog geen regels.', en: 'There are no rules yet.' })}
        rows={rules.map((r) => [
          r.municipality_name ?? r.municipality_code,
          r.district_code ? (r.district_name ?? r.district_code) : t({ nl: 'hele gemeente', en: 'whole municipality' }),
          ruleNeedLabel(r, t),
          r.team_name,
          // Removing asks first, on its own page (works without JavaScript).
          <a class="utrecht-link utrecht-link--html-a" href={`/beheer/routering/${r.id}/verwijderen`}>
            {t({ nl: 'Verwijderen…', en: 'Remove…' })}
            <span class="kl-visually-hidden">{` ${r.municipality_name ?? ''} ${r.team_name}`}</span>
          </a>,
        ])}
      />

      <h2 class="utrecht-heading-2" id="nieuwe-regel">
        {t({ nl: 'Regel toevoegen', en: 'Add a rule' })}
      </h2>
      {form.problem ? <Alert type="error">{form.problem}</Alert> : null}
      <ErrorSummary view={v} errors={form.errors ?? {}} />
      <PostForm view={v} action="/beheer/routering" novalidate>
        <SelectField
          view={v}
          name="municipality_code"
          required
          label={{ nl: 'Gemeente', en: 'Municipality' }}
          value={form.values?.['municipality_code']}
          placeholder={{ nl: 'Kies…', en: 'Choose…' }}
          options={municipalities.map((m) => ({ value: m.cbs_code!, label: m.name }))}
          errors={form.errors}
        />
        <SelectField
          view={v}
          name="district_code"
          label={{ nl: 'Wijk', en: 'District' }}
          description={{ nl: 'Leeg laten als het team de hele gemeente doet.', en: 'Leave empty when the team covers the whole municipality.' }}
          value={form.values?.['district_code']}
          placeholder={{ nl: 'Hele gemeente', en: 'Whole municipality' }}
          options={districts.map((d) => ({ value: d.code, label: `${d.municipality}: ${d.name}` }))}
          errors={form.errors}
        />
        <SelectField
          view={v}
          name="category"
          label={{ nl: 'Soort hulp', en: 'Kind of help' }}
          description={{ nl: 'Leeg laten voor het centrale loket (alle soorten hulp).', en: 'Leave empty for the central desk (all kinds of help).' }}
          value={form.values?.['category']}
          placeholder={{ nl: 'Alle soorten hulp', en: 'All kinds of help' }}
          options={needOptions}
          errors={form.errors}
        />
        <SelectField
          view={v}
          name="team_id"
          required
          label={{ nl: 'Team', en: 'Team' }}
          value={form.values?.['team_id']}
          placeholder={{ nl: 'Kies…', en: 'Choose…' }}
          options={teamOptions}
          errors={form.errors}
        />
        <Button>{t({ nl: 'Regel toevoegen', en: 'Add rule' })}</Button>
      </PostForm>

      <h2 class="utrecht-heading-2">{t({ nl: 'Regionaal loket', en: 'Regional desk' })}</h2>
      <Paragraph>
        {t({
          nl: 'Voor inwoners van de regio die wonen in een gemeente zonder team. En voor patiënten van een praktijk in de regio die buiten elke regio wonen. Dit loket zoekt de juiste hulp in de woonplaats.',
          en: 'For residents of the region who live in a municipality without a team, and for patients of a practice in the region who live outside every region. This desk finds the right help where the person lives.',
        })}
      </Paragraph>
      {regions.map((r) => (
        <PostForm view={v} action="/beheer/routering/regio">
          <input type="hidden" name="region_id" value={r.id} />
          <SelectField
            view={v}
            name="team_id"
            required
            label={{ nl: `Regionaal loket ${r.name}`, en: `Regional desk ${r.name}` }}
            value={r.fallback_team_id}
            placeholder={{ nl: 'Nog niet ingesteld', en: 'Not set yet' }}
            options={teamOptions}
          />
          <Button variant="secondary">{t({ nl: 'Opslaan', en: 'Save' })}</Button>
        </PostForm>
      ))}
    </Page>,
    status,
  );
}

export function registerRoutingPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const routers = ['admin', 'region_coordinator'] as const;
  const guard = authorize(services, { roles: routers });
  const ruleGuard = authorize(services, {
    roles: routers,
    scope: async (actor, c) => mayRouteMunicipality(db, actor, (await c.req.parseBody())['municipality_code']),
  });
  const removeGuard = authorize(services, { roles: routers, scope: (actor, c) => mayEditRule(db, actor, c.req.param('id')) });
  const regionGuard = authorize(services, { roles: routers, scope: async (actor, c) => mayEditRegion(actor, (await c.req.parseBody())['region_id']) });

  app.get('/beheer/routering', guard, (c) => renderRouting(c, services));

  app.post('/beheer/routering', ruleGuard, async (c) => {
    const form = await parseForm(c, ruleSchema(view(c).t));
    if (!form.ok) return renderRouting(c, services, 422, { values: form.values, errors: form.errors });
    try {
      await addRule(db, c.get('ctx'), form.data);
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422))
        return renderRouting(c, services, err.status, { values: form.values, problem: view(c).t(err.userMessage) });
      throw err;
    }
    return c.redirect('/beheer/routering?melding=toegevoegd', 303);
  });

  const renderRemove = async (c: AppContext, status: 200 | 422, problem?: string) => {
    const v = view(c);
    const t = v.t;
    const rule = await getRule(db, idParam(c));
    const title = t({ nl: 'Regel verwijderen?', en: 'Remove the rule?' });
    return c.html(
      <Page view={v} title={title}>
        <Heading1>{title}</Heading1>
        {problem ? <Alert type="error">{problem}</Alert> : null}
        <dl class="utrecht-data-list kl-data-list">
          {[
            [t({ nl: 'Gemeente', en: 'Municipality' }), rule.municipality_name ?? rule.municipality_code],
            [
              t({ nl: 'Wijk', en: 'District' }),
              rule.district_code ? (rule.district_name ?? rule.district_code) : t({ nl: 'hele gemeente', en: 'whole municipality' }),
            ],
            [t({ nl: 'Soort hulp', en: 'Kind of help' }), ruleNeedLabel(rule, t)],
            [t({ nl: 'Team', en: 'Team' }), rule.team_name],
          ].map(([key, value]) => (
            <div class="utrecht-data-list__item">
              <dt class="utrecht-data-list__item-key">{key}</dt>
              <dd class="utrecht-data-list__item-value">{value}</dd>
            </div>
          ))}
        </dl>
        <Paragraph>
          {t({
            nl: 'Na het verwijderen gaan nieuwe verwijzingen voor dit gebied naar de regel die dan past, of naar het regionale loket. Verwijzingen die al verstuurd zijn, blijven bij hun team.',
            en: 'After removing, new referrals for this area go to the rule that fits then, or to the regional desk. Referrals already sent stay with their team.',
          })}
        </Paragraph>
        <PostForm view={v} action={`/beheer/routering/${rule.id}/verwijderen`}>
          <div class="kl-actions">
            <Button variant="danger">{t({ nl: 'Ja, verwijder deze regel', en: 'Yes, remove this rule' })}</Button>
            <Link href="/beheer/routering">{t({ nl: 'Nee, terug', en: 'No, go back' })}</Link>
          </div>
        </PostForm>
      </Page>,
      status,
    );
  };

  app.get('/beheer/routering/:id/verwijderen', removeGuard, (c) => renderRemove(c, 200));

  app.post('/beheer/routering/:id/verwijderen', removeGuard, async (c) => {
    try {
      await removeRule(db, c.get('ctx'), idParam(c));
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return renderRemove(c, 422, view(c).t(err.userMessage));
      throw err;
    }
    return c.redirect('/beheer/routering?melding=verwijderd', 303);
  });

  app.post('/beheer/routering/regio', regionGuard, async (c) => {
    const body = await c.req.parseBody();
    const regionId = typeof body['region_id'] === 'string' ? body['region_id'] : '';
    const teamId = typeof body['team_id'] === 'string' ? body['team_id'] : '';
    if (!/^[0-9a-f-]{36}$/i.test(regionId) || !/^[0-9a-f-]{36}$/i.test(teamId)) {
      return renderRouting(c, services, 422, {
        problem: view(c).t({ nl: 'Kies een team voor het regionale loket.', en: 'Choose a team for the regional desk.' }),
      });
    }
    await setRegionFallback(db, c.get('ctx'), regionId, teamId);
    return c.redirect('/beheer/routering?melding=opgeslagen', 303);
  });

  const adminOnly = authorize(services, { roles: ['admin'] });

  /** Where the table came from, in words: the source column names files, which mean nothing to a reader. */
  const postcodeSources = {
    cbs: {
      nl: 'De tabel komt van het CBS: alle adressen met hun wijk en gemeente.',
      en: 'The table comes from CBS: every address with its district and municipality.',
    },
    shipped: {
      nl: 'Nu staat alleen de tabel van Twente erin die met Korte Lijn meekomt: per postcodegebied (4 cijfers) de gemeente en wijk.',
      en: 'Only the Twente table that comes with Korte Lijn is loaded: the municipality and district of each postcode area (4 digits).',
    },
  } satisfies Record<string, Text>;

  const renderPostcodes = async (c: AppContext, status: 200 | 422 = 200, message?: { type: 'ok' | 'error'; text: string }) => {
    const v = view(c);
    const t = v.t;
    const stats = await postcodeTableStatus(db);
    return c.html(
      <Page view={v} title={t({ nl: 'Postcodetabel', en: 'Postcode table' })}>
        <Heading1>{t({ nl: 'Postcodetabel', en: 'Postcode table' })}</Heading1>
        {message ? <Alert type={message.type}>{message.text}</Alert> : null}
        <Paragraph>{t(postcodeTableLoaded(stats))}</Paragraph>
        <Paragraph>{t(stats.sources.some((s) => s.startsWith('CBS')) ? postcodeSources.cbs : postcodeSources.shipped)}</Paragraph>
        <h2 class="utrecht-heading-2">{t({ nl: 'Nieuwe postcodetabel van het CBS inlezen', en: 'Import a new postcode table from CBS' })}</h2>
        <Paragraph>
          {t({
            nl: 'Het CBS maakt elk jaar een lijst van alle adressen met hun wijk en gemeente ("Buurt, wijk en gemeente voor postcode huisnummer"). Download die lijst bij het CBS en lees hem hier in. De nieuwe lijst vervangt de huidige. Is het bestand groter dan 100 MB? Vraag dan de technisch beheerder om het in te lezen.',
            en: 'Every year CBS publishes a list of all addresses with their district and municipality ("Buurt, wijk en gemeente voor postcode huisnummer"). Download it from CBS and import it here. The new list replaces the current one. Is the file larger than 100 MB? Then ask the technical administrator to import it.',
          })}
        </Paragraph>
        <form method="post" action="/beheer/postcodes" enctype="multipart/form-data" class="utrecht-form">
          <input type="hidden" name="_csrf" value={v.csrfToken} />
          <div class="utrecht-form-field">
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label" for="field-bestand">
                {t({ nl: 'Bestand van het CBS (CSV)', en: 'File from CBS (CSV)' })}
              </label>
            </div>
            <div class="utrecht-form-field__input">
              <input id="field-bestand" name="bestand" type="file" accept=".csv,text/csv" required />
            </div>
          </div>
          <Button>{t({ nl: 'Inlezen', en: 'Import' })}</Button>
        </form>
      </Page>,
      status,
    );
  };

  app.get('/beheer/postcodes', adminOnly, (c) => renderPostcodes(c));

  // The 100 MB cap for this upload is set in platform/http/app.tsx (LARGE_UPLOAD_PATHS).
  app.post('/beheer/postcodes', adminOnly, async (c) => {
    const t = view(c).t;
    const body = await c.req.parseBody();
    const file = body['bestand'];
    if (!(file instanceof File) || file.size === 0)
      return renderPostcodes(c, 422, { type: 'error', text: t({ nl: 'Kies het bestand van het CBS.', en: 'Choose the file from CBS.' }) });
    try {
      const report = await importCbsPostcodes(db, c.get('ctx'), Readable.fromWeb(file.stream() as WebReadableStream));
      return renderPostcodes(c, 200, {
        type: 'ok',
        text: t(postcodeImportReport(report)),
      });
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return renderPostcodes(c, 422, { type: 'error', text: t(err.userMessage) });
      throw err;
    }
  });
}
