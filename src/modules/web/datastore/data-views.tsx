import type { ChartData } from '../../datastore/index.js';
import { formatNumber } from '../i18n/format.js';
import type { PageContext } from '../shell/page-context.js';
import { BarChart } from './charts/bar-chart.js';
import { LineChart } from './charts/line-chart.js';
import { ScatterChart } from './charts/scatter-chart.js';

export interface DataViewItem {
  key: string;
  title: string;
  suggested: boolean;
  href: string;
}

export type ShownView =
  | { kind: 'chart'; title: string | null; data: ChartData }
  | {
      kind: 'map';
      title: string;
      geojsonUrl: string;
      bbox: [number, number, number, number] | null;
      limit: number;
    };

export interface DataViewsModel {
  items: DataViewItem[];
  selected: string | null;
  shown: ShownView | null;
  /** A column's label in the page's language (its id when it has none). */
  name: (column: string) => string;
  tiles: { url: string; attribution: string };
}

/**
 * The charts and maps of a table: links to each (the choice is in the URL, so it can be shared),
 * then the chosen one. Charts are SVG drawn here; a map is drawn by the map script over the
 * data's GeoJSON, and the data table below lists the same rows.
 */
export function DataViews({ ctx, model }: { ctx: PageContext; model: DataViewsModel }) {
  const { t } = ctx;
  const { shown } = model;
  if (!shown) return null;
  return (
    <section aria-labelledby="vues">
      <h2 id="vues">{t('viewsHeading')}</h2>
      {model.items.length > 1 ? (
        <nav aria-label={t('viewsChoose')}>
          <ul class="quai-inline-list quai-view-list">
            {model.items.map((item) => (
              <li key={item.key}>
                <a href={item.href} aria-current={item.key === model.selected ? 'true' : undefined}>
                  {item.title}
                  {item.suggested ? ` (${t('viewSuggested')})` : ''}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {shown.kind === 'chart' ? (
        <Chart ctx={ctx} data={shown.data} title={shown.title} name={model.name} />
      ) : (
        <DataMap ctx={ctx} view={shown} tiles={model.tiles} />
      )}
    </section>
  );
}

function Chart({
  ctx,
  data,
  title,
  name,
}: {
  ctx: PageContext;
  data: ChartData;
  title: string | null;
  name: (column: string) => string;
}) {
  if (data.kind === 'bar')
    return <BarChart ctx={ctx} chart={data} id="graphique" title={title} name={name} />;
  if (data.kind === 'line')
    return <LineChart ctx={ctx} chart={data} id="graphique" title={title} name={name} />;
  return <ScatterChart ctx={ctx} chart={data} id="graphique" title={title} name={name} />;
}

function DataMap({
  ctx,
  view,
  tiles,
}: {
  ctx: PageContext;
  view: Extract<ShownView, { kind: 'map' }>;
  tiles: DataViewsModel['tiles'];
}) {
  const { t, locale } = ctx;
  const extent = view.bbox;
  const degrees = (value: number) => formatNumber(locale, Math.round(value * 10_000) / 10_000);
  return (
    <div class="quai-map-view">
      <h3 id="carte-titre">{view.title}</h3>
      <p id="carte-resume">
        {t('mapSummary', { limit: formatNumber(locale, view.limit) })}{' '}
        {extent
          ? t('mapExtent', {
              west: degrees(extent[0]),
              south: degrees(extent[1]),
              east: degrees(extent[2]),
              north: degrees(extent[3]),
            })
          : ''}{' '}
        <a href="#apercu">{t('dataPreview')}</a>
      </p>
      <section
        class="quai-map"
        id="carte"
        aria-label={t('mapLabel', { title: view.title })}
        aria-describedby="carte-resume"
        data-map=""
        data-geojson={view.geojsonUrl}
        data-bbox={JSON.stringify(extent)}
        data-tiles={tiles.url}
        data-attribution={tiles.attribution}
        data-pick-label={t('mapPickLabel')}
        data-pick-none={t('mapPickNone')}
        data-pick-item={t('mapPickItem')}
        hidden
      ></section>
      <noscript>
        <p>{t('mapNoScript')}</p>
      </noscript>
    </div>
  );
}
