import type { ChartData } from '../../../datastore/index.js';
import { formatNumber } from '../../i18n/format.js';
import { ChartFrame, type ChartProps, clip, measureName, round, WIDTH } from './chart-frame.js';

type BarData = Extract<ChartData, { kind: 'bar' }>;

const LABEL_WIDTH = 210;
const ROW = 28;
const TOP = 8;

/** Horizontal bars, largest first, each labelled with its category and its value. */
export function BarChart({ ctx, chart, id, title, name }: ChartProps<BarData>) {
  const { t, locale } = ctx;
  const max = Math.max(...chart.points.map((point) => point.value), 0) || 1;
  const barArea = WIDTH - LABEL_WIDTH - 90;
  const measure = measureName(ctx, {
    ...chart.measure,
    column: chart.measure.column && name(chart.measure.column),
  });
  const heading = title ?? t('chartTitle', { measure, category: name(chart.category) });
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
        }) + (chart.others > 0 ? ` ${t('chartOthers', { count: formatNumber(locale, chart.others) })}` : '')
      : t('chartEmpty');
  return (
    <ChartFrame
      ctx={ctx}
      id={id}
      title={heading}
      summary={summary}
      height={TOP * 2 + chart.points.length * ROW}
      table={{
        head: [name(chart.category), measure],
        numeric: [false, true],
        rows: chart.points.map((point) => [point.label, formatNumber(locale, round(point.value))]),
      }}
    >
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
              {clip(point.label, 24)}
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
    </ChartFrame>
  );
}
