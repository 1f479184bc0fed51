import { type Column, type Load, suggestMap } from '../../datastore/index.js';
import { formatExactNumber, formatNumber } from '../i18n/format.js';
import type { PageContext } from '../shell/page-context.js';
import { fieldId } from '../ui/form-fields.js';
import { Pagination } from '../ui/pagination.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { DataDictionary } from './data-dictionary.js';
import { geometryText } from './geometry-text.js';
import { ColumnFilters } from './preview-filters.js';

export const PREVIEW_ROWS = 25;

export interface PreviewState {
  q: string;
  /** "column" or "-column"; empty for the file's order. */
  sort: string;
  page: number;
  /** The chart or map shown (a saved view's id, or a suggestion's key); empty for the first. */
  view: string;
  /** Column filters as the API takes them: `ville=Lévis`, `montant__gte=100`, `nom__contains=parc`. */
  columns: [string, string][];
  /** The column filters' form is open (its value lists are computed). */
  filtering: boolean;
}

export interface DataPreviewView {
  state: PreviewState;
  load: Load | null;
  /** Null while no table is published. */
  table: { columns: Column[]; rows: unknown[][]; total: number } | null;
  /** The value lists of the column filters, when their form is open. */
  choices?: Record<string, string[]> | null;
  canEdit: boolean;
  /** The page's own address with a preview state (sort, filter and page live in the URL). */
  link: (state: PreviewState) => string;
  /** Where the script asks how the load is going. */
  statusUrl: string;
  /** Download and API addresses for the current filter. */
  dataUrl: (
    format: 'csv' | 'xlsx' | 'jsonl' | 'parquet' | 'geojson' | 'json',
    extra?: Record<string, string>,
  ) => string;
}

/**
 * The rows of a tabular resource as an accessible table rendered on the server: a GET form
 * filters and sorts, links page; everything is in the URL and works without JavaScript.
 */
export function DataPreview({ ctx, view }: { ctx: PageContext; view: DataPreviewView }) {
  const { t, locale } = ctx;
  const { load, table, state } = view;
  const status = loadStatus(ctx, load, view.canEdit, table !== null, view.statusUrl);
  if (!table) {
    return status ? (
      <section aria-labelledby="apercu">
        <h2 id="apercu">{t('dataPreview')}</h2>
        {status}
      </section>
    ) : null;
  }
  const shownColumns = table.columns.filter((column) => column.id !== '_id');
  const from = table.total === 0 ? 0 : (state.page - 1) * PREVIEW_ROWS + 1;
  const to = Math.min(state.page * PREVIEW_ROWS, table.total);
  const pages = Math.max(1, Math.ceil(table.total / PREVIEW_ROWS));
  const spatial = suggestMap(table.columns) !== null;
  // What a spreadsheet opens right first (French Excel wants `;`, decimal commas and a BOM), then
  // the formats programs read.
  const excelCsv: Record<string, string> =
    locale === 'fr' ? { delimiter: ';', bom: 'true', decimal: 'comma' } : { delimiter: ',', bom: 'true' };
  const downloads = [
    { label: t('downloadExcelCsv'), href: view.dataUrl('csv', excelCsv) },
    { label: t('downloadXlsx'), href: view.dataUrl('xlsx') },
    ...(['csv', 'jsonl', 'parquet', ...(spatial ? (['geojson'] as const) : [])] as const).map((format) => ({
      label:
        format === 'csv'
          ? t('downloadPlainCsv')
          : format === 'jsonl'
            ? 'JSON Lines'
            : format === 'geojson'
              ? 'GeoJSON'
              : 'Parquet',
      href: view.dataUrl(format),
    })),
  ];
  return (
    <section aria-labelledby="apercu">
      <h2 id="apercu">{t('dataPreview')}</h2>
      {status}
      <form method="get" class="quai-tender-form" action="#apercu">
        {state.view ? <input type="hidden" name="vue" value={state.view} /> : null}
        <div class="quai-field-row">
          <div class="quai-field">
            <label class="quai-label" for={fieldId('q')}>
              {t('dataFilter')}
            </label>
            <p class="quai-hint" id={`${fieldId('q')}-aide`}>
              {t('dataFilterHint')}
            </p>
            <input
              class="quai-input"
              type="search"
              id={fieldId('q')}
              name="q"
              value={state.q}
              aria-describedby={`${fieldId('q')}-aide`}
            />
          </div>
          <div class="quai-field">
            <label class="quai-label" for={fieldId('sort')}>
              {t('dataSort')}
            </label>
            <select class="quai-input quai-select" id={fieldId('sort')} name="sort">
              <option value="">{t('dataSortNone')}</option>
              {shownColumns.flatMap((column) => [
                <option key={column.id} value={column.id} selected={state.sort === column.id}>
                  {t('dataAscending', { column: column.label?.[locale] || column.id })}
                </option>,
                <option
                  key={`-${column.id}`}
                  value={`-${column.id}`}
                  selected={state.sort === `-${column.id}`}
                >
                  {t('dataDescending', { column: column.label?.[locale] || column.id })}
                </option>,
              ])}
            </select>
          </div>
        </div>
        {view.choices ? (
          <ColumnFilters ctx={ctx} columns={shownColumns} state={state} choices={view.choices} />
        ) : null}
        <div class="quai-form-buttons">
          <button type="submit" class="qc-button qc-primary">
            {t('dataApply')}
          </button>
          {view.choices ? (
            state.columns.length > 0 ? (
              <a href={view.link({ ...state, columns: [], filtering: false, page: 1 })}>
                {t('dataColumnFiltersClear')}
              </a>
            ) : null
          ) : (
            <a href={`${view.link({ ...state, filtering: true })}`.replace('#apercu', '#filtres-colonnes')}>
              {t('dataColumnFiltersOpen')}
            </a>
          )}
        </div>
      </form>
      {table.rows.length === 0 ? (
        <p role="status">{t('dataNoRows')}</p>
      ) : (
        <ScrollRegion labelledBy="apercu-legende">
          <table class="quai-table">
            <caption id="apercu-legende">
              {t('dataTableCaption', {
                from: formatNumber(locale, from),
                to: formatNumber(locale, to),
                total: formatNumber(locale, table.total),
              })}
            </caption>
            <thead>
              <tr>
                {shownColumns.map((column) => (
                  <th
                    key={column.id}
                    scope="col"
                    class={numeric(column) ? 'quai-number' : undefined}
                    aria-sort={ariaSort(state.sort, column.id)}
                  >
                    {/* Ascending, then descending, then the file's order. */}
                    <a
                      href={view.link({
                        ...state,
                        sort:
                          state.sort === column.id
                            ? `-${column.id}`
                            : state.sort === `-${column.id}`
                              ? ''
                              : column.id,
                        page: 1,
                      })}
                    >
                      {column.label?.[locale] || column.id}
                      <span class="quai-visually-hidden"> ({t('dataSortBy')})</span>
                    </a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {shownColumns.map((column) => {
                    const value = row[table.columns.indexOf(column)];
                    return (
                      <td key={column.id} class={numeric(column) ? 'quai-number' : undefined}>
                        {cellText(locale, column, value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination ctx={ctx} page={state.page} pages={pages} link={(page) => view.link({ ...state, page })} />
      <DataDictionary ctx={ctx} columns={table.columns} />
      <h3>{t('dataDownloads')}</h3>
      <ul class="quai-inline-list">
        {downloads.map((download) => (
          <li key={download.href}>
            <a href={download.href} download>
              {download.label}
            </a>
          </li>
        ))}
        <li>
          <a href={view.dataUrl('json')}>{t('dataApi')}</a>
        </li>
      </ul>
    </section>
  );
}

function loadStatus(
  ctx: PageContext,
  load: Load | null,
  canEdit: boolean,
  hasTable: boolean,
  statusUrl: string,
) {
  const { t, locale } = ctx;
  if (!load) return null;
  if (load.state === 'queued' || load.state === 'running') {
    const running = {
      percent: formatNumber(locale, Math.round(load.percent)),
      rows: formatNumber(locale, load.rowsDone),
    };
    return (
      <p
        role="status"
        data-load-status={statusUrl}
        data-running-text={t('dataLoading', { percent: '{percent}', rows: '{rows}' })}
      >
        <span data-load-text>{load.state === 'queued' ? t('dataQueued') : t('dataLoading', running)}</span>{' '}
        {/* With JavaScript the page follows the load; without, the reader reloads it. */}
        <span data-load-hint hidden>
          {t('dataAutoHint')}
        </span>
        <noscript>{t('dataReloadHint')}</noscript>
      </p>
    );
  }
  if (load.state === 'failed') {
    if (canEdit)
      return (
        <p class="quai-field-error">{t('dataFailed', { message: load.error?.message[locale] ?? '' })}</p>
      );
    return hasTable ? null : <p>{t('dataFailedPublic')}</p>;
  }
  return null;
}

function numeric(column: Column): boolean {
  return column.type === 'integer' || column.type === 'decimal';
}

function ariaSort(sort: string, column: string): 'ascending' | 'descending' | undefined {
  if (sort === column) return 'ascending';
  if (sort === `-${column}`) return 'descending';
  return undefined;
}

function cellText(locale: 'fr' | 'en', column: Column, value: unknown): string {
  if (value === null || value === undefined) return '';
  // Data keeps every decimal it has: a coordinate rounded to 3 decimals would be ~100 m off.
  if (typeof value === 'number' && numeric(column)) return formatExactNumber(locale, value);
  if (typeof value === 'boolean') return locale === 'fr' ? (value ? 'vrai' : 'faux') : String(value);
  if (typeof value === 'object') return geometryText(locale, value) ?? JSON.stringify(value);
  // A GeoJSON geometry is kept as its JSON text (the `geometry` column).
  if (typeof value === 'string' && value.startsWith('{"type":')) {
    try {
      return geometryText(locale, JSON.parse(value)) ?? value;
    } catch {
      return value;
    }
  }
  return String(value);
}
