import type { ChartData } from '../../../datastore/index.js';
import { formatNumber } from '../../i18n/format.js';
import { Axes, linearScale, PLOT } from './axes.js';
import { ChartFrame, type ChartProps, measureName, round, WIDTH } from './chart-frame.js';

type LineData = Extract<ChartData, { kind: 'line' }>;

/** A line along a date or number axis; its highest and lowest points are told in words. */
export function LineChart({ ctx, chart, id, title, name }: ChartProps<LineData>) {
  const { t, locale } = ctx;
  const measure = measureName(ctx, {
    ...chart.measure,
    column: chart.measure.column && name(chart.measure.column),
  });
  const heading = title ?? t('lineTitle', { measure, x: name(chart.x) });
  const label = (x: string | number) =>
    typeof x === 'number' ? formatNumber(locale, x) : xLabel(x, chart.interval);
  const positions = chart.points.map((point, index) =>
    typeof point.x === 'number' ? point.x : Date.parse(String(point.x)) || index,
  );
  const xScale = linearScale(positions, PLOT.left, WIDTH - PLOT.right, false);
  const yScale = linearScale(
    chart.points.map((point) => point.value),
    PLOT.top + PLOT.height,
    PLOT.top,
    true,
  );
  const step = Math.max(1, Math.ceil(chart.points.length / 6));
  const xTicks = chart.points
    .map((point, index) => ({ at: xScale.at(positions[index] ?? 0), label: label(point.x) }))
    .filter((_, index) => index % step === 0);
  const highest = chart.points.reduce(
    (best, point) => (point.value > (best?.value ?? -Infinity) ? point : best),
    chart.points[0],
  );
  const lowest = chart.points.reduce(
    (best, point) => (point.value < (best?.value ?? Infinity) ? point : best),
    chart.points[0],
  );
  const first = chart.points[0];
  const last = chart.points[chart.points.length - 1];
  const summary =
    first && last && highest && lowest
      ? t('lineSummary', {
          count: formatNumber(locale, chart.points.length),
          from: label(first.x),
          to: label(last.x),
          high: label(highest.x),
          highValue: formatNumber(locale, round(highest.value)),
          low: label(lowest.x),
          lowValue: formatNumber(locale, round(lowest.value)),
        }) +
        (chart.truncated
          ? ` ${t('lineTruncated', { count: formatNumber(locale, chart.points.length) })}`
          : '')
      : t('chartEmpty');
  const path = chart.points
    .map(
      (point, index) =>
        `${index === 0 ? 'M' : 'L'}${round(xScale.at(positions[index] ?? 0))},${round(yScale.at(point.value))}`,
    )
    .join(' ');
  return (
    <ChartFrame
      ctx={ctx}
      id={id}
      title={heading}
      summary={summary}
      height={PLOT.top + PLOT.height + PLOT.bottom}
      table={{
        head: [name(chart.x), measure],
        numeric: [typeof first?.x === 'number', true],
        rows: chart.points.map((point) => [label(point.x), formatNumber(locale, round(point.value))]),
      }}
    >
      <Axes ctx={ctx} x={{ ticks: xTicks }} y={yScale} xLabel={name(chart.x)} yLabel={measure} />
      <path d={path} class="quai-chart-line" />
      {chart.points.length <= 60
        ? chart.points.map((point, index) => (
            <circle
              key={String(point.x)}
              cx={round(xScale.at(positions[index] ?? 0))}
              cy={round(yScale.at(point.value))}
              r={3}
              class="quai-chart-dot"
            />
          ))
        : null}
    </ChartFrame>
  );
}

/** A date as its interval shows it: 2025-03-14, 2025-03, 2025. */
function xLabel(x: string, interval: LineData['interval']): string {
  if (interval === 'year') return x.slice(0, 4);
  if (interval === 'month') return x.slice(0, 7);
  return x.slice(0, 10);
}
