import type { ChartData } from '../../../datastore/index.js';
import { formatNumber } from '../../i18n/format.js';
import { Axes, linearScale, PLOT } from './axes.js';
import { ChartFrame, type ChartProps, round, WIDTH } from './chart-frame.js';

type ScatterData = Extract<ChartData, { kind: 'scatter' }>;

/** A dot per row (a fixed sample when there are many), with the correlation told in words. */
export function ScatterChart({ ctx, chart, id, title, name }: ChartProps<ScatterData>) {
  const { t, locale } = ctx;
  const heading = title ?? t('scatterTitle', { x: name(chart.x), y: name(chart.y) });
  const xs = chart.points.map(([x]) => x);
  const ys = chart.points.map(([, y]) => y);
  const xScale = linearScale(xs, PLOT.left, WIDTH - PLOT.right, false);
  const yScale = linearScale(ys, PLOT.top + PLOT.height, PLOT.top, false);
  const r = correlation(xs, ys);
  const summary =
    chart.points.length === 0
      ? t('chartEmpty')
      : t('scatterSummary', {
          shown: formatNumber(locale, chart.points.length),
          total: formatNumber(locale, chart.total),
          r: r === null ? '—' : formatNumber(locale, round(r)),
        });
  return (
    <ChartFrame
      ctx={ctx}
      id={id}
      title={heading}
      summary={summary}
      height={PLOT.top + PLOT.height + PLOT.bottom}
      table={{
        head: [name(chart.x), name(chart.y)],
        numeric: [true, true],
        rows: chart.points.slice(0, 200).map(([x, y]) => [formatNumber(locale, x), formatNumber(locale, y)]),
      }}
    >
      <Axes
        ctx={ctx}
        x={{
          ticks: xScale.ticks.map((tick) => ({ at: xScale.at(tick), label: formatNumber(locale, tick) })),
        }}
        y={yScale}
        xLabel={name(chart.x)}
        yLabel={name(chart.y)}
      />
      {chart.points.map(([x, y], index) => (
        <circle
          key={index}
          cx={round(xScale.at(x))}
          cy={round(yScale.at(y))}
          r={2.5}
          class="quai-chart-dot"
        />
      ))}
    </ChartFrame>
  );
}

/** Pearson's r of the points shown; null when a variable does not vary. */
function correlation(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / n;
  const [mx, my] = [mean(xs), mean(ys)];
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}
