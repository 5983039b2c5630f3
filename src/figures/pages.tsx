import { raw } from 'hono/html';
import { fill, type Text } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, Heading1, Link, Paragraph, PostForm, SelectField, Table, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { barRows, chartLegend, chartSvg } from './chart.ts';
import { figureDefinitions, figureTitles, privacyNote } from './definitions.ts';
import { scopePath, type FigureScope } from './figure-scope.ts';
import type { FigureTable, Value } from './figure-tables.ts';
import { granularityParam, type Period } from './periods.ts';
import { figureIds, type Breakdown } from './read-figures.ts';
import type { ShownFigures } from './show-figures.ts';

/**
 * A figures page (/cijfers/…): the period filter, the key figures against the baseline, then per
 * figure its chart, its table, a CSV link and "hoe tellen we". Works without JavaScript, prints,
 * and reads at 375 px (tables become cards, charts scale).
 */
const scopeTitles: Record<FigureScope['kind'], Text> = {
  region: { nl: 'Cijfers van de regio {name}', en: 'Figures of the region {name}' },
  municipality: { nl: 'Cijfers van {name}', en: 'Figures of {name}' },
  team: { nl: 'Cijfers van {name}', en: 'Figures of {name}' },
  practice: { nl: 'Cijfers van {name}', en: 'Figures of {name}' },
};

const breakdownLabels: Record<Breakdown, Text> = {
  municipality: { nl: 'Gemeente', en: 'Municipality' },
  district: { nl: 'Wijk', en: 'District' },
  team: { nl: 'Team', en: 'Team' },
  practice: { nl: 'Praktijk', en: 'Practice' },
};

export const periodProblems: Record<'date' | 'order' | 'length', Text> = {
  date: { nl: 'Vul geldige datums in (jjjj-mm-dd) en kies week, maand of kwartaal.', en: 'Enter valid dates (yyyy-mm-dd) and choose week, month or quarter.' },
  order: { nl: 'De einddatum ligt voor de begindatum.', en: 'The end date is before the start date.' },
  length: { nl: 'Kies een periode van hooguit 2 jaar.', en: 'Choose a period of at most 2 years.' },
};

export function formatValue(view: ViewContext, v: Value): string {
  switch (v.kind) {
    case 'suppressed':
      return '< 5';
    case 'count':
    case 'plain':
      return v.value.toLocaleString(view.lang === 'nl' ? 'nl-NL' : 'en-GB');
    case 'percent':
      return v.value === null ? '—' : `${v.value}%`;
    case 'days':
    case 'average':
      return v.value === null ? '—' : v.value.toLocaleString(view.lang === 'nl' ? 'nl-NL' : 'en-GB');
  }
}

function query(period: Period, breakdown: Breakdown, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ van: period.from, tot: period.to, per: granularityParam[period.granularity], indeling: breakdown, ...extra }).toString();
}

function FigureTableView({
  view,
  table,
  scope,
  period,
  breakdown,
}: {
  view: ViewContext;
  table: FigureTable;
  scope: FigureScope;
  period: Period;
  breakdown: Breakdown;
}) {
  const t = view.t;
  const svg = chartSvg(table, t);
  const legend = chartLegend(table);
  const bars = table.chart === 'bars' ? barRows(table) : null;
  return (
    <div class="kl-figure-table">
      {svg ? (
        <figure class="kl-chart-figure">
          {raw(svg)}
          {bars && bars.rows.length < bars.of ? (
            <figcaption>
              {t({
                nl: `De ${bars.rows.length} grootste van ${bars.of}. De tabel toont ze allemaal.`,
                en: `The ${bars.rows.length} largest of ${bars.of}. The table shows them all.`,
              })}
            </figcaption>
          ) : null}
        </figure>
      ) : null}
      {legend.length > 0 ? (
        <ul class="utrecht-unordered-list kl-plain-list">
          {legend.map((l) => (
            <li>
              <svg class="kl-legend-swatch" width="14" height="14" aria-hidden="true" focusable="false">
                <rect width="14" height="14" fill={l.colour} />
              </svg>{' '}
              {t(l.label)}
            </li>
          ))}
        </ul>
      ) : null}
      <Table
        caption={t(table.caption)}
        headers={[t(table.category), ...table.columns.map((c) => t(c.label))]}
        rows={table.rows.map((r) => [r.total ? <strong>{t(r.label)}</strong> : t(r.label), ...r.values.map((v) => formatValue(view, v))])}
        empty={t({ nl: 'Nog niets vastgelegd in deze periode.', en: 'Nothing recorded in this period yet.' })}
      />
      <Paragraph>
        <Link href={`${scopePath(scope)}?${query(period, breakdown, { csv: table.id })}`}>
          {fill(t({ nl: 'Download als CSV: {name}', en: 'Download as CSV: {name}' }), { name: t(table.caption) })}
        </Link>
      </Paragraph>
    </div>
  );
}

export function FiguresPage(props: {
  view: ViewContext;
  scope: FigureScope;
  period: Period;
  shown: ShownFigures;
  /** Links to the pages within this one (the region's municipalities, teams, practices), when the reader may open them. */
  subPages: Array<{ href: string; label: string }>;
  mayMarkBaseline: boolean;
  problem?: Text | undefined;
  notice?: Text | undefined;
  baselineErrors?: FieldErrors | undefined;
}) {
  const { view, scope, period, shown } = props;
  const t = view.t;
  const title = fill(t(scopeTitles[scope.kind]), { name: scope.name });
  return (
    <Page view={view} title={title} wide>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'Hoe vaak vragen mensen hulp bij geldzorgen, hoe snel krijgen ze die, en hoort de praktijk hoe het ging? Alleen aantallen: u ziet hier nooit een verwijzing of een naam.',
          en: 'How often do people ask for help with money worries, how soon do they get it, and does the practice hear how it went? Counts only: you never see a referral or a name here.',
        })}
      </Paragraph>
      {props.notice ? <Alert type="ok">{t(props.notice)}</Alert> : null}
      {props.problem ? <Alert type="error">{t(props.problem)}</Alert> : null}
      <form method="get" action={scopePath(scope)} class="kl-filters" role="search" aria-label={t({ nl: 'Periode kiezen', en: 'Choose the period' })}>
        <TextField view={view} name="van" type="date" size="short" label={{ nl: 'Van', en: 'From' }} value={period.from} />
        <TextField view={view} name="tot" type="date" size="short" label={{ nl: 'Tot en met', en: 'Up to and including' }} value={period.to} />
        <SelectField
          view={view}
          name="per"
          label={{ nl: 'Per', en: 'Per' }}
          value={granularityParam[period.granularity]}
          options={[
            { value: 'week', label: t({ nl: 'Week', en: 'Week' }) },
            { value: 'maand', label: t({ nl: 'Maand', en: 'Month' }) },
            { value: 'kwartaal', label: t({ nl: 'Kwartaal', en: 'Quarter' }) },
          ]}
        />
        <SelectField
          view={view}
          name="indeling"
          label={{ nl: 'Aanmeldingen verdelen naar', en: 'Split applications by' }}
          value={shown.breakdown}
          options={shown.breakdowns.map((b) => ({ value: b, label: t(breakdownLabels[b]) }))}
        />
        <Button variant="secondary">{t({ nl: 'Toon', en: 'Show' })}</Button>
      </form>
      <Alert type="info">{t(privacyNote)}</Alert>
      {props.subPages.length > 0 ? (
        <details class="kl-details">
          <summary>{t({ nl: 'Cijfers per gemeente, team of praktijk', en: 'Figures per municipality, team or practice' })}</summary>
          <ul class="utrecht-unordered-list">
            {props.subPages.map((p) => (
              <li>
                <Link href={`${p.href}?${query(period, 'team')}`}>{p.label}</Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <section aria-labelledby="figure-key" class="kl-figure">
        <h2 class="utrecht-heading-2" id="figure-key">
          {t({ nl: 'Kerncijfers', en: 'Key figures' })}
        </h2>
        <Paragraph>
          {shown.baseline
            ? fill(
                t({
                  nl: 'Vergeleken met de nulmeting van {from} tot en met {to}. Aantallen per week, zodat periodes van verschillende lengte te vergelijken zijn; bij percentages is het verschil in procentpunten.',
                  en: 'Compared with the baseline from {from} up to and including {to}. Counts per week, so that periods of different length compare; for percentages the change is in percentage points.',
                }),
                { from: shown.baseline.from, to: shown.baseline.to },
              )
            : t({
                nl: 'Er is nog geen nulmeting. De regionale aanjager legt die vast; daarna ziet u hier het verschil.',
                en: 'There is no baseline yet. The regional coordinator marks one; then the change shows here.',
              })}
        </Paragraph>
        <FigureTableView view={view} table={shown.keyFigures} scope={scope} period={period} breakdown={shown.breakdown} />
      </section>

      {figureIds.map((id) => (
        <section aria-labelledby={`figure-${id}`} class="kl-figure">
          <h2 class="utrecht-heading-2" id={`figure-${id}`}>
            {t(figureTitles[id])}
          </h2>
          {shown.tables
            .filter((table) => table.figure === id)
            .map((table) => (
              <FigureTableView view={view} table={table} scope={scope} period={period} breakdown={shown.breakdown} />
            ))}
          <details class="kl-details">
            <summary>{t({ nl: 'Hoe tellen we?', en: 'How do we count?' })}</summary>
            <Paragraph>{t(figureDefinitions[id])}</Paragraph>
          </details>
        </section>
      ))}

      {props.mayMarkBaseline ? (
        <section aria-labelledby="figure-baseline" class="kl-figure">
          <h2 class="utrecht-heading-2" id="figure-baseline">
            {t({ nl: 'Nulmeting vastleggen', en: 'Mark the baseline' })}
          </h2>
          <Paragraph>
            {t({
              nl: 'Kies de periode waarmee de regio later wil vergelijken, bijvoorbeeld het eerste kwartaal van de samenwerking. Alle cijferpagina’s van de regio tonen het verschil met deze periode.',
              en: 'Choose the period the region wants to compare with later, for example the first quarter of the collaboration. Every figures page of the region shows the change against it.',
            })}
          </Paragraph>
          <PostForm view={view} action={`/cijfers/regio/${scope.regionId}/nulmeting`}>
            <TextField
              view={view}
              name="nulmeting_van"
              type="date"
              size="short"
              required
              label={{ nl: 'Van', en: 'From' }}
              value={shown.baseline?.from ?? period.from}
              errors={props.baselineErrors}
            />
            <TextField
              view={view}
              name="nulmeting_tot"
              type="date"
              size="short"
              required
              label={{ nl: 'Tot en met', en: 'Up to and including' }}
              value={shown.baseline?.to ?? period.to}
              errors={props.baselineErrors}
            />
            <Button>{t({ nl: 'Leg vast als nulmeting', en: 'Mark as baseline' })}</Button>
          </PostForm>
        </section>
      ) : null}
    </Page>
  );
}
