import { fill, type Text } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { ButtonLink, Heading1, Link, Pager, Paragraph, Table, TextField } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { dutchDate, outcomeLabels, statusLabels } from './labels.ts';
import { INBOX_PAGE_SIZE, type Inbox, type InboxTab, type WorkTab } from './list-team-inbox.ts';
import { PRACTICE_PAGE_SIZE, type PracticeReferrals } from './list-practice-referrals.ts';
import type { Outcome } from './state-machine.ts';
import { NeedsText, termBadges } from './ui-parts.tsx';

/** "Mijn verwijzingen" for the practice and the team's inbox. */
export function PracticeReferralsPage({ view, rows, today, page, hasMore }: { view: ViewContext } & PracticeReferrals) {
  const t = view.t;
  const title = t({ nl: 'Mijn verwijzingen', en: 'My referrals' });
  return (
    <Page view={view} title={title} wide>
      <Heading1>{title}</Heading1>
      <div class="kl-actions">
        <ButtonLink href="/verwijzingen/nieuw">{t({ nl: 'Nieuwe verwijzing', en: 'New referral' })}</ButtonLink>
      </div>
      <Table
        caption={t({ nl: 'Verwijzingen van uw praktijk, nieuwste eerst', en: "Your practice's referrals, newest first" })}
        headers={[
          t({ nl: 'Verwijzing', en: 'Referral' }),
          t({ nl: 'Patiënt', en: 'Patient' }),
          t({ nl: 'Team', en: 'Team' }),
          t({ nl: 'Status', en: 'Status' }),
          t({ nl: 'Eerste contact', en: 'First contact' }),
          t({ nl: 'Eerste gesprek', en: 'First conversation' }),
          t({ nl: 'Terugkoppeling', en: 'Feedback' }),
        ]}
        empty={
          page === 1
            ? t({ nl: 'Uw praktijk heeft nog geen verwijzingen verstuurd.', en: 'Your practice has not sent any referrals yet.' })
            : t({ nl: 'Op deze pagina staan geen verwijzingen.', en: 'There are no referrals on this page.' })
        }
        rows={rows.map((r) => [
          <Link href={`/verwijzingen/${r.id}`}>{r.reference}</Link>,
          r.patient_name ?? t({ nl: '(gegevens gewist)', en: '(data erased)' }),
          r.team_name,
          t(statusLabels[r.status]),
          ...termBadges(view, today, r),
          r.outcome || r.feedback ? (
            <span class="kl-feedback">
              {r.outcome ? <strong>{t(outcomeLabels[r.outcome as Outcome] ?? { nl: r.outcome, en: r.outcome })}</strong> : null}
              {r.outcome && r.feedback ? ': ' : null}
              {r.feedback}
            </span>
          ) : (
            '—'
          ),
        ])}
      />
      <Pager view={view} page={page} pageSize={PRACTICE_PAGE_SIZE} shown={rows.length} hasMore={hasMore} href={(n) => `/verwijzingen?pagina=${n}`} />
    </Page>
  );
}

const tabLabels: Record<InboxTab, Text> = {
  nieuw: { nl: 'Nieuw', en: 'New' },
  mij: { nl: 'Aan mij toegewezen', en: 'Assigned to me' },
  'te-laat': { nl: 'Te laat', en: 'Overdue' },
  open: { nl: 'Alle open', en: 'All open' },
  doorgestuurd: { nl: 'Doorgestuurd (meelezen)', en: 'Forwarded (read only)' },
};

/** Search the team's referrals by name or KL number: a GET form, so the back button works. */
function InboxSearchForm(props: { view: ViewContext; value: string | undefined; problem: boolean }) {
  const t = props.view.t;
  return (
    <form method="get" action="/inbox" class="kl-filters kl-inbox-search" role="search" aria-label={t({ nl: 'Verwijzingen zoeken', en: 'Search referrals' })}>
      <TextField
        view={props.view}
        name="zoek"
        type="search"
        autocomplete="off"
        label={{ nl: 'Zoek op naam of KL-nummer', en: 'Search by name or KL number' }}
        optionalMark={false}
        value={props.value}
        errors={
          props.problem
            ? { zoek: t({ nl: 'Typ minstens 2 tekens: een naam of een KL-nummer.', en: 'Type at least 2 characters: a name or a KL number.' }) }
            : undefined
        }
      />
      <button class="utrecht-button utrecht-button--secondary-action" type="submit">
        {t({ nl: 'Zoeken', en: 'Search' })}
      </button>
    </form>
  );
}

export function InboxPage({
  view,
  inbox,
  searchProblem,
  searched,
}: {
  view: ViewContext;
  inbox: Inbox;
  searchProblem?: boolean;
  searched?: string | undefined;
}) {
  const t = view.t;
  const title = t({ nl: 'Binnengekomen', en: 'Inbox' });
  const search = inbox.search;
  const forwarded = inbox.tab === 'doorgestuurd' && !search;
  return (
    <Page view={view} title={search ? `${t({ nl: 'Zoeken', en: 'Search' })} – ${title}` : title} wide>
      <Heading1>{title}</Heading1>
      <InboxSearchForm view={view} value={search?.text ?? searched} problem={searchProblem ?? false} />
      <nav class="kl-tabs" aria-label={t({ nl: 'Filters van binnengekomen verwijzingen', en: 'Inbox filters' })}>
        <ul class="kl-tabs__list">
          {(Object.keys(tabLabels) as InboxTab[]).map((tab) => (
            <li class="kl-tabs__item">
              <a class="utrecht-link kl-tabs__link" href={`/inbox?tab=${tab}`} aria-current={tab === inbox.tab && !search ? 'page' : undefined}>
                {t(tabLabels[tab])}
                {tab === 'doorgestuurd' ? null : ` (${inbox.counts[tab]})`}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Table
        caption={
          search
            ? fill(t({ nl: 'Gevonden bij "{search}", nieuwste eerst', en: 'Found for "{search}", newest first' }), { search: search.text })
            : fill(t({ nl: 'Verwijzingen: {tab}', en: 'Referrals: {tab}' }), { tab: t(tabLabels[inbox.tab]) })
        }
        headers={[
          t({ nl: 'Verwijzing', en: 'Referral' }),
          ...(forwarded ? [] : [t({ nl: 'Inwoner', en: 'Resident' })]),
          t({ nl: 'Soort hulp', en: 'Kind of help' }),
          t({ nl: 'Status', en: 'Status' }),
          forwarded ? t({ nl: 'Nu bij', en: 'Now with' }) : t({ nl: 'Opgepakt door', en: 'Handled by' }),
          t({ nl: 'Eerste contact', en: 'First contact' }),
          t({ nl: 'Eerste gesprek', en: 'First conversation' }),
        ]}
        empty={
          search
            ? fill(t({ nl: 'Geen verwijzing van uw team gevonden bij "{search}".', en: 'No referral of your team found for "{search}".' }), {
                search: search.text,
              })
            : t({ nl: 'Hier staat nu niets.', en: 'Nothing here right now.' })
        }
        rows={inbox.rows.map((r) => [
          <Link href={`/verwijzingen/${r.id}`}>{r.reference}</Link>,
          ...(forwarded ? [] : [r.patient_name ?? t({ nl: '(gegevens gewist)', en: '(data erased)' })]),
          <NeedsText view={view} needs={r.needs} urgent={r.urgency_triggers.length > 0} />,
          t(statusLabels[r.status]),
          forwarded ? r.team_name : (r.assignee_name ?? '—'),
          ...termBadges(view, inbox.today, r),
        ])}
      />
      <Pager
        view={view}
        page={inbox.page}
        pageSize={INBOX_PAGE_SIZE}
        shown={inbox.rows.length}
        hasMore={inbox.hasMore}
        total={forwarded || search ? undefined : inbox.counts[inbox.tab as WorkTab]}
        href={(n) => (search ? `/inbox?zoek=${encodeURIComponent(search.text)}&pagina=${n}` : `/inbox?tab=${inbox.tab}&pagina=${n}`)}
      />
      <Paragraph>{fill(t({ nl: 'Vandaag is het {date}.', en: 'Today is {date}.' }), { date: dutchDate(inbox.today) })}</Paragraph>
    </Page>
  );
}
