import type { Hono } from 'hono';
import QRCode from 'qrcode';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { authorize } from '../platform/http/authorize.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { isLang, type Lang } from '../platform/i18n.ts';
import type { Role } from '../platform/db/schema.ts';
import { view } from '../platform/ui/view.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { amsterdamWeekday, formatSlots, slotsOn } from '../socialmap/opening-hours.ts';
import { isSelfcheckLang, languageNames, selfcheckLanguages, type SelfcheckLang } from '../selfcheck/languages.ts';
import { referralScope } from '../referrals/referral-scope.ts';
import { practiceInScope } from '../visits/visit-access.ts';
import { loadPracticeMaterials } from './load-practice-materials.ts';
import { loadHandoverCard } from './load-handover-card.ts';
import { cardContent, handoverContent, placematContent } from './material-content.ts';
import { cardsPdf, handoverPdf, placematPdf } from './material-pdfs.ts';
import { CardsPage, HandoverPage, MaterialsIndexPage, PlacematPage, WaitingRoomPage, type MaterialsIndexProps } from './pages.tsx';
import { materialPractices } from './practice-choice.ts';
import { loadScreenData, practiceOfScreen, renewWaitingRoomScreen, revokeWaitingRoomScreen, screenCreatedAt, screenPath } from './waiting-room-screen.ts';
import { formatDay } from './material-texts.ts';

/** Practice staff make the materials for their practice; team coordinators and the regional coordinator for a practice of their region. */
export const materialRoles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_admin', 'region_coordinator'];
const practiceRoles: readonly Role[] = ['practice_staff', 'practice_admin'];

const unknownLanguage = () =>
  new AppError('materials_unknown_language', 400, {
    nl: 'Deze taal hebben we niet. Kies Nederlands, Engels, Turks, Pools of Arabisch.',
    en: 'We do not have this language. Choose Dutch, English, Turkish, Polish or Arabic.',
  });

function qrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
}

function pdfResponse(c: AppContext, body: Buffer, file: string) {
  return c.body(new Uint8Array(body), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${file}"`,
    'cache-control': 'no-store',
  });
}

/** `?taal=` for a staff material (Dutch or English; the page's own language when absent). */
function staffLang(c: AppContext): Lang {
  const asked = c.req.query('taal');
  if (asked === undefined || asked === '') return c.get('ctx').lang;
  if (!isLang(asked)) throw unknownLanguage();
  return asked;
}

/** `?taal=` for a material for patients: one of the self-check's five languages. */
function patientLang(c: AppContext): SelfcheckLang | null {
  const asked = c.req.query('taal');
  if (asked === undefined || asked === '') return null;
  if (!isSelfcheckLang(asked)) throw unknownLanguage();
  return asked;
}

const languageLinks = (path: string, langs: readonly SelfcheckLang[], current: SelfcheckLang) =>
  langs.map((l) => ({ href: `${path}?taal=${l}`, label: languageNames[l], lang: l, current: l === current }));

/**
 * Materials from live data (issue #14): placemat, patient information cards, the warm hand-over card
 * of one referral and the waiting-room screen. Each printed material is an HTML page with print CSS
 * at its page size and a PDF made on the server from the same content. Handlers parse, call a use
 * case and render.
 */
export function registerMaterialRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const baseUrl = publicBaseUrl(services.config);
  const anyMaterialRole = authorize(services, { roles: materialRoles });
  const practice = authorize(services, { roles: materialRoles, scope: (actor, c) => practiceInScope(db, actor, c.req.param('id')) });
  const ownPractice = authorize(services, { roles: practiceRoles, scope: (actor, c) => practiceInScope(db, actor, c.req.param('id')) });
  const handover = authorize(services, { roles: practiceRoles, scope: referralScope(services, ['practice']) });

  async function renderIndex(c: AppContext, practiceId: string | undefined, extra: Partial<MaterialsIndexProps> = {}, status: 200 | 201 = 200) {
    const v = view(c);
    const actor = c.get('ctx').actor!;
    const isPractice = practiceRoles.includes(actor.role);
    const chosen = await practiceInScope(db, actor, isPractice ? (actor.practiceId ?? undefined) : practiceId);
    if (practiceId && !isPractice && !chosen) throw notFound('practice');
    return c.html(
      <MaterialsIndexPage
        view={v}
        practice={chosen ? { id: chosen.id, name: chosen.name } : null}
        practices={isPractice ? [] : await materialPractices(db, actor)}
        screen={{ createdAt: chosen ? await screenCreatedAt(db, chosen.id) : null, newUrl: null }}
        mayManageScreen={isPractice}
        showSignals={isPractice}
        {...extra}
      />,
      status,
    );
  }

  app.get('/materialen', anyMaterialRole, (c) => {
    const notice =
      c.req.query('melding') === 'ingetrokken' ? view(c).t({ nl: 'Het scherm-adres is ingetrokken.', en: 'The screen address has been revoked.' }) : undefined;
    return renderIndex(c, c.req.query('praktijk'), { notice });
  });

  const placemat = async (c: AppContext) => {
    const lang = staffLang(c);
    const materials = await loadPracticeMaterials(db, c.req.param('id')!, baseUrl);
    return { lang, content: placematContent(materials, lang), materials };
  };
  app.get('/materialen/praktijk/:id/placemat', practice, async (c) => {
    const { lang, content } = await placemat(c);
    const base = `/materialen/praktijk/${c.req.param('id')}/placemat`;
    return c.html(
      <PlacematPage
        frame={{
          view: view(c),
          back: `/materialen?praktijk=${c.req.param('id')}`,
          pdf: `${base}/pdf?taal=${lang}`,
          languages: languageLinks(base, ['nl', 'en'], lang),
        }}
        content={content}
        qrSvg={await qrSvg(content.helpUrl)}
      />,
    );
  });
  app.get('/materialen/praktijk/:id/placemat/pdf', practice, async (c) => {
    const { lang, content, materials } = await placemat(c);
    return pdfResponse(c, await placematPdf(content), `placemat-${lang}-${materials.madeOn}.pdf`);
  });

  const cards = async (c: AppContext) => {
    const lang = patientLang(c) ?? 'nl';
    const materials = await loadPracticeMaterials(db, c.req.param('id')!, baseUrl);
    return { lang, content: cardContent(materials, lang), materials };
  };
  app.get('/materialen/praktijk/:id/kaarten', practice, async (c) => {
    const { lang, content } = await cards(c);
    const base = `/materialen/praktijk/${c.req.param('id')}/kaarten`;
    return c.html(
      <CardsPage
        frame={{
          view: view(c),
          back: `/materialen?praktijk=${c.req.param('id')}`,
          pdf: `${base}/pdf?taal=${lang}`,
          languages: languageLinks(base, selfcheckLanguages, lang),
        }}
        content={content}
        qrSvg={await qrSvg(content.helpUrl)}
      />,
    );
  });
  app.get('/materialen/praktijk/:id/kaarten/pdf', practice, async (c) => {
    const { lang, content, materials } = await cards(c);
    return pdfResponse(c, await cardsPdf(content), `informatiekaarten-${lang}-${materials.madeOn}.pdf`);
  });

  app.post('/materialen/praktijk/:id/wachtkamer', ownPractice, async (c) => {
    const practiceId = ownPractice.scoped(c).id;
    const token = await renewWaitingRoomScreen(db, c.get('ctx'), practiceId);
    return renderIndex(c, practiceId, { screen: { createdAt: new Date(), newUrl: `${baseUrl}${screenPath(token)}` } }, 201);
  });
  app.post('/materialen/praktijk/:id/wachtkamer/intrekken', ownPractice, async (c) => {
    await revokeWaitingRoomScreen(db, c.get('ctx'), ownPractice.scoped(c).id);
    return c.redirect('/materialen?melding=ingetrokken', 303);
  });

  app.get('/materialen/overdrachtskaart/:id', handover, async (c) => {
    const card = await loadHandoverCard(db, c.get('ctx'), handover.scoped(c), { lang: patientLang(c), format: 'html' });
    const base = `/materialen/overdrachtskaart/${card.referralId}`;
    return c.html(
      <HandoverPage
        frame={{
          view: view(c),
          back: `/verwijzingen/${card.referralId}`,
          pdf: `${base}/pdf?taal=${card.lang}`,
          languages: languageLinks(base, selfcheckLanguages, card.lang),
        }}
        content={handoverContent(card)}
      />,
    );
  });
  app.get('/materialen/overdrachtskaart/:id/pdf', handover, async (c) => {
    const card = await loadHandoverCard(db, c.get('ctx'), handover.scoped(c), { lang: patientLang(c), format: 'pdf' });
    return pdfResponse(c, await handoverPdf(handoverContent(card)), `overdrachtskaart-${card.reference}-${card.lang}.pdf`);
  });

  // Public: the secret in the address is the key (waiting-room-screen.ts). No session is read for it.
  app.get('/wachtkamer/:token', async (c) => {
    const practiceId = await practiceOfScreen(db, c.req.param('token'));
    if (!practiceId) throw notFound('screen');
    const now = new Date();
    const materials = await loadScreenData(db, practiceId, baseUrl, now);
    const today = amsterdamWeekday(now);
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    // No cookie at all: the screen has no form, so it needs no anonymous CSRF cookie (platform/web/app.tsx sets one for every anonymous request).
    c.header('set-cookie', undefined);
    return c.html(
      <WaitingRoomPage
        content={{
          practiceName: materials.practiceName,
          walkInsToday: materials.walkIns
            .filter((w) => slotsOn(w.hours, today).length > 0)
            .map((w) => ({ name: w.name, address: w.address, hours: formatSlots(slotsOn(w.hours, today)) })),
          selfcheckQrSvg: await qrSvg(materials.selfcheckUrl),
          madeOn: `Bijgewerkt op ${formatDay(amsterdamToday(now), 'nl')}, ${now.toLocaleTimeString('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' })}`,
        }}
      />,
    );
  });
}
