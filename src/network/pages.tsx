import { fill, type Text } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, Heading1, Link, Paragraph, PostForm } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { dutchDate } from '../referrals/labels.ts';
import { amsterdamDate } from '../platform/dates.ts';
import { DataList } from '../referrals/ui-parts.tsx';
import { Freshness } from '../socialmap/views.tsx';
import { weekdayLabels } from '../socialmap/opening-hours.ts';
import { StateBadge } from '../agreements/pages.tsx';
import { checklistItems, checklistLabels, manualItems, shownCount, trainingLink, type ChecklistItem } from './checklist.ts';
import type { OnsiteLine, PracticeNetworkRow } from './network-overview.ts';

/** The network view: every practice of the region as a card (readable at 375 px), and one practice with its checklist. */

function countText(view: ViewContext, n: number): string {
  const shown = shownCount(n);
  return shown.kind === 'fewer_than_5' ? view.t({ nl: 'minder dan 5', en: 'fewer than 5' }) : String(shown.value);
}

export function onsiteText(view: ViewContext, lines: OnsiteLine[]): string {
  return lines.map((o) => `${view.t(weekdayLabels[o.weekday]!)} ${o.startsAt}–${o.endsAt} (${o.hostName}, ${o.teamName})`).join('; ');
}

function mdoText(view: ViewContext, mdo: PracticeNetworkRow['mdo']): string {
  const t = view.t;
  const parts = [
    mdo.lastHeldAt
      ? fill(t({ nl: 'laatst gehouden {date}', en: 'last held {date}' }), { date: dutchDate(amsterdamDate(mdo.lastHeldAt)) })
      : t({ nl: 'nog geen gehouden', en: 'none held yet' }),
    mdo.nextPlannedAt ? fill(t({ nl: 'volgende {date}', en: 'next {date}' }), { date: dutchDate(amsterdamDate(mdo.nextPlannedAt)) }) : null,
    mdo.openActions > 0 ? fill(t({ nl: '{n} open actie(s)', en: '{n} open action(s)' }), { n: mdo.openActions }) : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

function Progress({ view, done }: { view: ViewContext; done: Set<ChecklistItem> }) {
  const text = fill(view.t({ nl: 'Jaarlijst: {done} van {all} gedaan', en: 'Yearly checklist: {done} of {all} done' }), {
    done: done.size,
    all: checklistItems.length,
  });
  return (
    <div class="kl-progress">
      <progress max={checklistItems.length} value={done.size} aria-label={text}>
        {text}
      </progress>{' '}
      <span>{text}</span>
    </div>
  );
}

function Summary({ view, row, now }: { view: ViewContext; row: PracticeNetworkRow; now: Date }) {
  const t = view.t;
  return (
    <DataList
      rows={[
        [
          t({ nl: 'Afspraken', en: 'Agreements' }),
          row.agreements.length === 0 ? (
            t({ nl: 'Nog geen afspraak', en: 'No agreement yet' })
          ) : (
            <ul class="utrecht-unordered-list kl-plain-list">
              {row.agreements.map((a) => (
                <li>
                  {a.teamName}: <StateBadge view={view} state={a.state} />
                  {a.pendingChange ? ` ${t({ nl: '(wijziging wacht)', en: '(change waiting)' })}` : ''}
                </li>
              ))}
            </ul>
          ),
        ],
        [
          t({ nl: 'Vaste contactpersonen', en: 'Fixed contacts' }),
          row.agreements.some((a) => a.state !== 'concept') ? (
            <ul class="utrecht-unordered-list kl-plain-list">
              {row.agreements
                .filter((a) => a.state !== 'concept')
                .map((a) => (
                  <li>
                    {a.teamContactName ? (
                      <>
                        {a.teamContactName} ({a.teamName}): <Freshness view={view} lastVerifiedAt={a.teamContactVerifiedAt} now={now} />
                      </>
                    ) : (
                      fill(t({ nl: '{team}: contactpersoon vertrokken', en: '{team}: contact has left' }), { team: a.teamName })
                    )}
                    <br />
                    {a.practiceContactName ?? t({ nl: 'Praktijk: niemand genoemd', en: 'Practice: nobody named' })}
                    {a.practiceContactName ? (
                      <>
                        {' '}
                        ({t({ nl: 'praktijk', en: 'practice' })}): <Freshness view={view} lastVerifiedAt={a.practiceContactConfirmedAt} now={now} />
                      </>
                    ) : null}
                  </li>
                ))}
            </ul>
          ) : (
            '—'
          ),
        ],
        [t({ nl: 'Laatste bezoek', en: 'Last visit' }), dutchDate(row.visits.lastHeldOn)],
        [
          t({ nl: 'Volgend bezoek', en: 'Next visit' }),
          row.visits.nextPlannedOn
            ? dutchDate(row.visits.nextPlannedOn)
            : row.visits.nextVisitDue
              ? fill(t({ nl: 'nog niet gepland (uiterlijk {date})', en: 'not planned yet (by {date})' }), { date: dutchDate(row.visits.nextVisitDue) })
              : t({ nl: 'nog niet gepland', en: 'not planned yet' }),
        ],
        [t({ nl: 'Spreekuur in de praktijk', en: 'On-site hours' }), row.onsite.length ? onsiteText(view, row.onsite) : '—'],
        [t({ nl: 'MDO', en: 'MDO' }), <span data-testid="network-mdo">{mdoText(view, row.mdo)}</span>],
        [
          t({ nl: 'Verwijzingen, laatste 3 maanden', en: 'Referrals, last 3 months' }),
          <span data-testid="referral-count">{countText(view, row.referralsLastQuarter)}</span>,
        ],
      ]}
    />
  );
}

export function NetworkPage({ view, rows, now }: { view: ViewContext; rows: PracticeNetworkRow[]; now: Date }) {
  const t = view.t;
  const title = t({ nl: 'Netwerk van de regio', en: 'The region’s network' });
  const quiet = rows.filter((r) => r.referralsLastHalfYear === 0).length;
  return (
    <Page view={view} title={title} wide>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'Alle huisartsenpraktijken van de regio: de afspraken, de vaste contactpersonen en hoe actueel die zijn, bezoeken, spreekuren en hoeveel er verwezen is. Alleen aantallen, nooit gegevens van patiënten.',
          en: 'All GP practices of the region: the agreements, the fixed contacts and how current they are, visits, on-site hours and how many referrals were made. Counts only, never patient data.',
        })}
      </Paragraph>
      <Paragraph>
        <Link href="/mdo">{t({ nl: 'Alle MDO’s (multidisciplinair overleg)', en: 'All MDOs (multidisciplinary meetings)' })}</Link>
      </Paragraph>
      {quiet > 0 ? (
        <Alert type="warning">
          {fill(
            t({
              nl: '{n} praktijk(en) verwezen het afgelopen half jaar niemand. Die staan bovenaan: misschien is een bezoek nodig.',
              en: '{n} practice(s) referred nobody in the past six months. They are listed first: a visit may be needed.',
            }),
            { n: quiet },
          )}
        </Alert>
      ) : null}
      <ul class="kl-card-grid kl-network">
        {[...rows]
          .sort((a, b) => Number(a.referralsLastHalfYear > 0) - Number(b.referralsLastHalfYear > 0))
          .map((row) => (
            <li class={`kl-card${row.referralsLastHalfYear === 0 ? ' kl-card--attention' : ''}`} data-testid="network-practice">
              <h2 class="utrecht-heading-3">
                <Link href={`/netwerk/praktijken/${row.practiceId}`}>{row.practiceName}</Link>
              </h2>
              {row.referralsLastHalfYear === 0 ? (
                <p class="utrecht-paragraph">
                  <span class="kl-state kl-state--stale">{t({ nl: 'Geen verwijzing in 6 maanden', en: 'No referral in 6 months' })}</span>
                </p>
              ) : null}
              {row.visits.overdue ? (
                <p class="utrecht-paragraph">
                  <span class="kl-state kl-state--due">{t({ nl: 'Al 12 maanden geen bezoek', en: 'No visit for 12 months' })}</span>
                </p>
              ) : null}
              <Summary view={view} row={row} now={now} />
              <Progress view={view} done={row.done} />
            </li>
          ))}
      </ul>
    </Page>
  );
}

export const networkNotices: Record<string, Text> = {
  opgeslagen: { nl: 'De jaarlijst is bijgewerkt.', en: 'The yearly checklist has been updated.' },
};

export function NetworkPracticePage({
  view,
  row,
  now,
  notice,
  mayTick,
}: {
  view: ViewContext;
  row: PracticeNetworkRow;
  now: Date;
  notice?: string | undefined;
  mayTick: boolean;
}) {
  const t = view.t;
  const year = now.getUTCFullYear();
  const text = notice ? networkNotices[notice] : undefined;
  return (
    <Page view={view} title={row.practiceName}>
      <Heading1>{row.practiceName}</Heading1>
      {text ? <Alert type="ok">{t(text)}</Alert> : null}
      <Summary view={view} row={row} now={now} />
      <Paragraph>
        <Link href={`/bezoeken/praktijk/${row.practiceId}`}>{t({ nl: 'Agenda van bezoeken', en: 'Visit calendar' })}</Link>
        {' · '}
        <Link href="/mdo">{t({ nl: 'Multidisciplinair overleg (MDO)', en: 'Multidisciplinary meetings (MDO)' })}</Link>
        {row.agreements.map((a) => (
          <>
            {' · '}
            <Link href={`/afspraken/${a.agreementId}`}>{fill(t({ nl: 'Afspraak met {team}', en: 'Agreement with {team}' }), { team: a.teamName })}</Link>
          </>
        ))}
      </Paragraph>
      <section class="kl-section" aria-labelledby="section-checklist">
        <h2 class="utrecht-heading-2" id="section-checklist">
          {fill(t({ nl: 'Jaarlijst {year}', en: 'Yearly checklist {year}' }), { year })}
        </h2>
        <Progress view={view} done={row.done} />
        <ul class="utrecht-unordered-list kl-checklist">
          {checklistItems.map((item) => {
            const done = row.done.has(item);
            const manual = (manualItems as readonly string[]).includes(item);
            return (
              <li class="utrecht-unordered-list__item" data-testid={`checklist-${item}`}>
                <strong>{done ? t({ nl: 'Gedaan: ', en: 'Done: ' }) : t({ nl: 'Nog te doen: ', en: 'To do: ' })}</strong>
                {t(checklistLabels[item])}
                {item === 'staff_trained' ? (
                  <>
                    {' '}
                    (
                    <a class="utrecht-link" href={trainingLink} rel="noopener">
                      {t({ nl: 'e-learning en handreiking', en: 'e-learning and guide' })}
                    </a>
                    )
                  </>
                ) : null}
                {!manual ? <span class="kl-muted"> {t({ nl: '(houdt Korte Lijn zelf bij)', en: '(kept by Korte Lijn itself)' })}</span> : null}
                {manual && mayTick ? (
                  <PostForm view={view} action={`/netwerk/praktijken/${row.practiceId}/jaarlijst`} class="kl-inline-form">
                    <input type="hidden" name="item" value={item} />
                    <input type="hidden" name="done" value={done ? 'nee' : 'ja'} />
                    <Button variant="secondary">
                      {done ? t({ nl: 'Toch niet gedaan', en: 'Not done after all' }) : t({ nl: 'Afvinken', en: 'Tick off' })}
                      <span class="kl-visually-hidden"> – {t(checklistLabels[item])}</span>
                    </Button>
                  </PostForm>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </Page>
  );
}
