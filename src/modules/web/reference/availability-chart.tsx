import { formatDate, formatNumber } from '../i18n/format.js';
import type { PageContext } from '../shell/page-context.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { DataTable } from './reference-parts.js';

export interface DayAvailability {
  day: string;
  api: number;
  files: number;
  samples: number;
}

const WIDTH = 720;
const HEIGHT = 280;
const LEFT = 72;
const RIGHT = 8;
const TOP = 40;
const BOTTOM = 36;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
/** Narrow enough for 30 days; a short window keeps the same bar width. */
const MIN_SLOTS = 14;

const y = (percent: number) => TOP + PLOT_HEIGHT - (Math.max(0, Math.min(100, percent)) / 100) * PLOT_HEIGHT;

function shortDay(locale: 'fr' | 'en', day: string): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}

/**
 * The availability of each day as pairs of bars (API solid, files hatched: told apart without
 * colour), drawn on the server; a dashed line at the lower target. The SVG is named by the
 * heading and described by a sentence; its figures follow as a table, for screen readers.
 */
export function AvailabilityChart({
  ctx,
  headingId,
  days,
  target,
}: {
  ctx: PageContext;
  headingId: string;
  days: DayAvailability[];
  target: number;
}) {
  const { t, locale } = ctx;
  const percent = (value: number) => t('refPercent', { value: formatNumber(locale, value) });
  const slot = PLOT_WIDTH / Math.max(days.length, MIN_SLOTS);
  const bar = Math.max(2, slot * 0.36);
  const every = Math.max(1, Math.ceil(days.length / 8));
  const lowest = (key: 'api' | 'files') => Math.min(...days.map((d) => d[key]));
  const summary = t('refChartSummary', {
    count: formatNumber(locale, days.length),
    apiMin: formatNumber(locale, lowest('api')),
    filesMin: formatNumber(locale, lowest('files')),
  });
  return (
    <div class="quai-chart quai-availability">
      <p id="disponibilite-resume">{summary}</p>
      {/* A phone scrolls the chart sideways rather than shrinking its text below 12 px. */}
      <ScrollRegion labelledBy={headingId} class="quai-chart-scroll">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby={headingId}
          aria-describedby="disponibilite-resume"
          class="quai-chart-svg"
        >
          <title>{t('refPerDay')}</title>
          <defs>
            <pattern
              id="hachures"
              patternUnits="userSpaceOnUse"
              width="6"
              height="6"
              patternTransform="rotate(45)"
            >
              <rect width="3" height="6" class="quai-chart-hatch" />
            </pattern>
          </defs>
          <g class="quai-chart-legend">
            <rect x={LEFT} y={8} width={14} height={14} class="quai-chart-bar" />
            <text x={LEFT + 20} y={19} class="quai-chart-label">
              {t('refApi')}
            </text>
            <rect
              x={LEFT + 80}
              y={8}
              width={14}
              height={14}
              fill="url(#hachures)"
              class="quai-chart-bar-files"
            />
            <text x={LEFT + 100} y={19} class="quai-chart-label">
              {t('refFilesMeasure')}
            </text>
            <line x1={LEFT + 200} x2={LEFT + 230} y1={15} y2={15} class="quai-chart-target" />
            <text x={LEFT + 236} y={19} class="quai-chart-label">
              {`${t('refTarget')} ${percent(target)}`}
            </text>
          </g>
          {[0, 25, 50, 75, 100].map((tick) => (
            <g key={tick}>
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} class="quai-chart-grid" />
              <text
                x={LEFT - 6}
                y={y(tick)}
                text-anchor="end"
                dominant-baseline="middle"
                class="quai-chart-label"
              >
                {percent(tick)}
              </text>
            </g>
          ))}
          {days.map((d, index) => {
            const x = LEFT + index * slot + (slot - bar * 2) / 2;
            return (
              <g key={d.day}>
                <rect
                  x={x}
                  y={y(d.api)}
                  width={bar}
                  height={TOP + PLOT_HEIGHT - y(d.api)}
                  class="quai-chart-bar"
                />
                <rect
                  x={x + bar}
                  y={y(d.files)}
                  width={bar}
                  height={TOP + PLOT_HEIGHT - y(d.files)}
                  fill="url(#hachures)"
                  class="quai-chart-bar-files"
                />
                {index % every === 0 ? (
                  <text x={x + bar} y={HEIGHT - 12} text-anchor="middle" class="quai-chart-label">
                    {shortDay(locale, d.day)}
                  </text>
                ) : null}
              </g>
            );
          })}
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(target)} y2={y(target)} class="quai-chart-target" />
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(0)} y2={y(0)} class="quai-chart-axis" />
        </svg>
      </ScrollRegion>
      <details class="quai-chart-data">
        <summary>{t('chartData')}</summary>
        <DataTable
          id="disponibilite-jours"
          caption={t('refPerDay')}
          head={[t('refDay'), t('refApi'), t('refFilesMeasure'), t('refSamples')]}
          numeric={[false, true, true, true]}
          rows={days.map((d) => ({
            key: d.day,
            cells: [
              formatDate(locale, d.day),
              percent(d.api),
              percent(d.files),
              formatNumber(locale, d.samples),
            ],
          }))}
        />
      </details>
    </div>
  );
}
