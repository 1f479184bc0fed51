import type { ChartData } from '../../datastore/index.js';
import { formatNumber } from '../i18n/format.js';
import type { PageContext } from '../page-context.js';
import { ScrollRegion } from './scroll-region.js';

const WIDTH = 720;
const LABEL_WIDTH = 210;
const ROW = 28;
const TOP = 8;

/**
 * A horizontal bar chart drawn on the server as SVG (no script), named by its title and
 * described by a sentence; the same figures follow as a table for screen readers and for copying.
 */
export function BarChart({ ctx, chart, id }: { ctx: PageContext; chart: ChartData; id: string }) {
  const { t, locale } = ctx;
  const max = Math.max(...chart.points.map((point) => point.value), 0) || 1;
  const barArea = WIDTH - LABEL_WIDTH - 90;
  const height = TOP * 2 + chart.points.length * ROW;
  const measure = chart.measure.column ? t('chartSumOf', { column: chart.measure.column }) : t('chartCount');
  const title = t('chartTitle', { measure, category: chart.category });
  const total = chart.points.reduce((sum, point) => sum + point.value, 0);
  const [first] = chart.points;
  const last = chart.points[chart.points.length - 1];
  const summary =
    first && last
      ? t('chartSummary', {
          count: formatNumber(locale, chart.points.length),
          top: first.label,
          topValue: formatNumber(locale, round(first.value)),
          bottom: last.label,
          bottomValue: formatNumber(locale, round(last.value)),
          total: formatNumber(locale, round(total)),
        })
      : '';
  return (
    <div class="quai-chart">
      <h3 id={`${id}-titre`}>{title}</h3>
      <p id={`${id}-resume`}>
        {summary}
        {chart.others > 0 ? ` ${t('chartOthers', { count: formatNumber(locale, chart.others) })}` : ''}
      </p>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-titre`}
        aria-describedby={`${id}-resume`}
        class="quai-chart-svg"
      >
        <title>{title}</title>
        {chart.points.map((point, index) => {
          const y = TOP + index * ROW;
          const width = Math.max(1, (point.value / max) * barArea);
          return (
            <g key={point.label}>
              <text
                x={LABEL_WIDTH - 8}
                y={y + ROW / 2}
                text-anchor="end"
                dominant-baseline="middle"
                class="quai-chart-label"
              >
                {clip(point.label, 28)}
              </text>
              <rect x={LABEL_WIDTH} y={y + 4} width={width} height={ROW - 8} class="quai-chart-bar" />
              <text
                x={LABEL_WIDTH + width + 6}
                y={y + ROW / 2}
                dominant-baseline="middle"
                class="quai-chart-value"
              >
                {formatNumber(locale, round(point.value))}
              </text>
            </g>
          );
        })}
      </svg>
      <details class="quai-chart-data">
        <summary>{t('chartData')}</summary>
        <ScrollRegion labelledBy={`${id}-table`}>
          <table class="quai-table">
            <caption id={`${id}-table`}>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{chart.category}</th>
                <th scope="col" class="quai-number">
                  {measure}
                </th>
              </tr>
            </thead>
            <tbody>
              {chart.points.map((point) => (
                <tr key={point.label}>
                  <td>{point.label}</td>
                  <td class="quai-number">{formatNumber(locale, round(point.value))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </div>
  );
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
