import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../shell/page-context.js';
import { ScrollRegion } from '../../ui/scroll-region.js';

export const WIDTH = 720;

/** What every chart component takes: the figures of one kind of chart, and how to name columns. */
export interface ChartProps<Data> {
  ctx: PageContext;
  chart: Data;
  id: string;
  /** The publisher's title; null for a suggested chart (it names itself). */
  title: string | null;
  /** A column's label in the page's language. */
  name: (column: string) => string;
}

/**
 * What every chart has around its drawing: a title, a sentence that says what it shows, the
 * SVG named and described by them, and its figures as a table (for screen readers and copying).
 */
export function ChartFrame({
  ctx,
  id,
  title,
  summary,
  height,
  table,
  children,
}: {
  ctx: PageContext;
  id: string;
  title: string;
  summary: string;
  height: number;
  table: { head: string[]; numeric: boolean[]; rows: string[][] };
  children: ComponentChildren;
}) {
  return (
    <div class="quai-chart">
      <h3 id={`${id}-titre`}>{title}</h3>
      <p id={`${id}-resume`}>{summary}</p>
      {/* A phone scrolls the chart sideways rather than shrinking its text below 12 px. */}
      <ScrollRegion labelledBy={`${id}-titre`} class="quai-chart-scroll">
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          role="img"
          aria-labelledby={`${id}-titre`}
          aria-describedby={`${id}-resume`}
          class="quai-chart-svg"
        >
          <title>{title}</title>
          {children}
        </svg>
      </ScrollRegion>
      <details class="quai-chart-data">
        <summary>{ctx.t('chartData')}</summary>
        <ScrollRegion labelledBy={`${id}-table`}>
          <table class="quai-table">
            <caption id={`${id}-table`}>{title}</caption>
            <thead>
              <tr>
                {table.head.map((label, index) => (
                  <th key={label} scope="col" class={table.numeric[index] ? 'quai-number' : undefined}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, column) => (
                    <td key={column} class={table.numeric[column] ? 'quai-number' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </div>
  );
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** About five round values covering [min, max] (1, 2 or 5 times a power of ten apart). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? raw;
  const ticks: number[] = [];
  for (let tick = Math.floor(min / step) * step; tick <= max + step / 2; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
    if (tick >= max) break;
  }
  return ticks;
}

/** The measure's name: "Number of rows", "Sum of amount", "Mean of amount". */
export function measureName(ctx: PageContext, measure: { fn: string; column: string | null }): string {
  if (!measure.column || measure.fn === 'count') return ctx.t('chartCount');
  return ctx.t(measure.fn === 'avg' ? 'chartAvgOf' : 'chartSumOf', { column: measure.column });
}
