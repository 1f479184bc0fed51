import { formatNumber } from '../../i18n/format.js';
import type { PageContext } from '../../shell/page-context.js';
import { niceTicks, WIDTH } from './chart-frame.js';

export const PLOT = { left: 70, right: 20, top: 12, bottom: 46, height: 320 };

/** A linear scale from values to pixels, with round ticks; `zero` keeps 0 in view (sums, counts). */
export function linearScale(values: number[], from: number, to: number, zero: boolean) {
  const low = Math.min(...values, ...(zero ? [0] : []));
  const high = Math.max(...values, ...(zero ? [0] : []));
  const ticks = niceTicks(low, high);
  const min = Math.min(low, ticks[0] ?? low);
  const max = Math.max(high, ticks[ticks.length - 1] ?? high);
  const span = max - min || 1;
  return { ticks, at: (value: number) => from + ((value - min) / span) * (to - from) };
}

/** The two axes of a plot, with their ticks and their names. */
export function Axes({
  ctx,
  x,
  y,
  xLabel,
  yLabel,
}: {
  ctx: PageContext;
  x: { ticks: { at: number; label: string }[] };
  y: { ticks: number[]; at: (value: number) => number };
  xLabel: string;
  yLabel: string;
}) {
  const bottom = PLOT.top + PLOT.height;
  return (
    <g class="quai-chart-axes">
      <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={bottom} y2={bottom} class="quai-chart-axis" />
      <line x1={PLOT.left} x2={PLOT.left} y1={PLOT.top} y2={bottom} class="quai-chart-axis" />
      {y.ticks.map((tick) => (
        <g key={`y${tick}`}>
          <line
            x1={PLOT.left}
            x2={WIDTH - PLOT.right}
            y1={y.at(tick)}
            y2={y.at(tick)}
            class="quai-chart-grid"
          />
          <text
            x={PLOT.left - 6}
            y={y.at(tick)}
            text-anchor="end"
            dominant-baseline="middle"
            class="quai-chart-label"
          >
            {formatNumber(ctx.locale, tick)}
          </text>
        </g>
      ))}
      {x.ticks.map((tick) => (
        <text key={`x${tick.at}`} x={tick.at} y={bottom + 18} text-anchor="middle" class="quai-chart-label">
          {tick.label}
        </text>
      ))}
      <text
        x={(PLOT.left + WIDTH - PLOT.right) / 2}
        y={bottom + 40}
        text-anchor="middle"
        class="quai-chart-axis-name"
      >
        {xLabel}
      </text>
      <text
        x={14}
        y={PLOT.top + PLOT.height / 2}
        text-anchor="middle"
        transform={`rotate(-90 14 ${PLOT.top + PLOT.height / 2})`}
        class="quai-chart-axis-name"
      >
        {yLabel}
      </text>
    </g>
  );
}
