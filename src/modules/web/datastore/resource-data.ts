import { ValidationError } from '../../../platform/http/errors.js';
import type { Dataset } from '../../catalog/index.js';
import type { Column, Table, ViewSpec } from '../../datastore/index.js';
import { mayEdit } from '../catalog/loaders.js';
import { href } from '../i18n/paths.js';
import type { PageRequest, WebDeps } from '../shell/page-routes.js';
import { pick } from '../ui/localized.js';
import type { DataPreviewView, PreviewState } from './data-preview.js';
import { PREVIEW_ROWS } from './data-preview.js';
import type { DataViewItem, DataViewsModel, ShownView } from './data-views.js';

/** Features a map draws at most (the data table lists them all). */
export const MAP_FEATURES = 5000;

const RESERVED = new Set(['q', 'sort', 'page', 'vue', 'filtres']);
/** A column filter's parameter: the column, and `__gte`, `__lte` or `__contains` for ranges and words. */
const COLUMN_FILTER = /^[\p{L}\p{N}_ .'’-]{1,100}?(__(gte|lte|contains))?$/u;
const MAX_COLUMN_FILTERS = 20;

export function previewState(query: Record<string, string | string[] | undefined>): PreviewState {
  const one = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  const page = Number.parseInt(one(query.page), 10);
  const columns = Object.entries(query)
    .filter(([key, value]) => !RESERVED.has(key) && COLUMN_FILTER.test(key) && one(value) !== '')
    .slice(0, MAX_COLUMN_FILTERS)
    .map(([key, value]): [string, string] => [key, one(value).slice(0, 200)]);
  return {
    q: one(query.q).slice(0, 200),
    sort: one(query.sort).slice(0, 200),
    page: Number.isFinite(page) && page > 1 ? page : 1,
    view: one(query.vue).slice(0, 60),
    columns,
    filtering: one(query.filtres) === '1',
  };
}

/** The state's query string: what a shared link keeps (filter, sort, page, view). */
export function previewQuery(state: PreviewState, page = state.page): URLSearchParams {
  const params = new URLSearchParams(filterParams(state));
  if (page > 1) params.set('page', String(page));
  if (state.view) params.set('vue', state.view);
  if (state.filtering) params.set('filtres', '1');
  return params;
}

function filterParams(state: PreviewState): Record<string, string> {
  return {
    ...(state.q ? { q: state.q } : {}),
    ...(state.sort ? { sort: state.sort } : {}),
    ...Object.fromEntries(state.columns),
  };
}

/** Text and yes/no columns offered as value lists (the first ones, when they have few values). */
const LISTED_COLUMNS = 8;
const LISTED_VALUES = 30;

/** The values a column filter offers to choose from: few-valued text and yes/no columns. */
async function columnChoices(
  deps: WebDeps,
  page: PageRequest,
  resourceId: string,
  columns: Column[],
): Promise<Record<string, string[]>> {
  const candidates = columns
    .filter((column) => (column.type === 'text' || column.type === 'boolean') && column.id !== 'geometry')
    .slice(0, LISTED_COLUMNS);
  const lists = await Promise.all(
    candidates.map(async (column) => {
      const grouped = await deps.datastore.query(
        page.actor,
        resourceId,
        { group_by: column.id, agg: 'count', sort: column.id },
        { limit: LISTED_VALUES + 1, offset: 0, count: false },
      );
      if (grouped.rows.length > LISTED_VALUES) return null;
      const values = grouped.rows.map((row) => row[0]).filter((value) => value !== null && value !== '');
      return [column.id, values.map(String)] as const;
    }),
  );
  return Object.fromEntries(lists.filter((entry) => entry !== null));
}

/** The data preview of a resource: its load's state and, once published, a page of its table. */
export async function dataPreview(
  deps: WebDeps,
  page: PageRequest,
  dataset: Dataset,
  resourceId: string,
  state: PreviewState,
  status: { load: DataPreviewView['load']; table: Table | null },
): Promise<DataPreviewView> {
  const { locale } = page;
  const link = (next: PreviewState) =>
    `${href(locale, 'resource', { name: dataset.name, id: resourceId }, previewQuery(next))}#apercu`;
  const dataUrl = (format: string, extra: Record<string, string> = {}) =>
    `/api/v1/resources/${resourceId}/data?${new URLSearchParams({ format, ...extra, ...filterParams(state) })}`;
  const statusUrl = `/api/v1/resources/${resourceId}/datastore`;
  const base = { state, load: status.load, canEdit: mayEdit(page.actor, dataset), link, dataUrl, statusUrl };
  if (!status.table) return { ...base, table: null };
  const offset = (state.page - 1) * PREVIEW_ROWS;
  const rows = (params: Record<string, string>) =>
    deps.datastore.query(page.actor, resourceId, params, { limit: PREVIEW_ROWS, offset, count: true });
  const result = await rows(filterParams(state)).catch(async (error: unknown) => {
    // A sort or a filter on a column that no longer exists (an old link): the plain order instead.
    if (!(error instanceof ValidationError)) throw error;
    return rows(state.q ? { q: state.q } : {});
  });
  // Value lists cost a query per column: made when the reader opens the column filters.
  const choices =
    state.filtering || state.columns.length > 0
      ? await columnChoices(deps, page, resourceId, status.table.columns)
      : null;
  return {
    ...base,
    choices,
    table: { columns: result.columns, rows: result.rows, total: result.total ?? 0 },
  };
}

/**
 * The charts and maps of a table: the views its publishers saved or, when there is none, the
 * ones its columns suggest; the one the address names is computed.
 */
export async function savedViews(
  deps: WebDeps,
  page: PageRequest,
  dataset: Dataset,
  table: Table,
  state: PreviewState,
  /** A view the publisher asked to see before saving it: shown first, in no list. */
  preview?: { title: string; spec: ViewSpec },
): Promise<DataViewsModel> {
  const { t, locale, actor } = page;
  const resourceId = table.resourceId;
  const saved = await deps.savedViews.list(actor, resourceId);
  const candidates: (Omit<DataViewItem, 'href'> & { spec: ViewSpec; named: boolean })[] = saved.map(
    (view) => ({
      key: view.id,
      title: pick(locale, view.title)?.text ?? view.title.fr,
      suggested: false,
      named: true,
      spec: view.spec,
    }),
  );
  if (saved.length === 0) {
    const suggested = await deps.savedViews.suggested(actor, resourceId);
    // Spatial data opens on its map; the chart comes second.
    if (suggested.map)
      candidates.push({
        key: 'carte',
        title: t('mapTitle'),
        suggested: true,
        named: true,
        spec: suggested.map,
      });
    if (suggested.chart)
      candidates.push({
        key: 'graphique',
        title: t('chartHeading'),
        suggested: true,
        named: false,
        spec: suggested.chart,
      });
  }
  const items = candidates.map((item) => ({
    ...item,
    href: `${href(locale, 'resource', { name: dataset.name, id: resourceId }, previewQuery({ ...state, view: item.key, page: 1 }))}#vues`,
  }));
  const selected = preview
    ? {
        key: 'apercu',
        title: preview.title,
        suggested: false,
        named: true,
        spec: preview.spec,
        href: '#vues',
      }
    : (items.find((item) => item.key === state.view) ?? items[0]);
  let shown: ShownView | null = null;
  if (selected?.spec.kind === 'map') {
    const points = selected.spec.latitude
      ? `&points=${encodeURIComponent(`${selected.spec.latitude},${selected.spec.longitude}`)}`
      : '';
    shown = {
      kind: 'map',
      title: selected.title,
      geojsonUrl: `/api/v1/resources/${resourceId}/data?format=geojson&limit=${MAP_FEATURES}${points}`,
      bbox: table.bbox,
      limit: MAP_FEATURES,
    };
  } else if (selected) {
    const data = await deps.savedViews.chart(actor, resourceId, selected.spec).catch((error: unknown) => {
      // A saved chart whose column left with a new version of the file: not drawn.
      if (error instanceof ValidationError) return null;
      throw error;
    });
    if (data) shown = { kind: 'chart', title: selected.named ? selected.title : null, data };
  }
  return {
    items,
    selected: preview ? null : (selected?.key ?? null),
    shown,
    name: columnName(table.columns, locale),
    tiles: deps.config.mapTiles,
  };
}

export function columnName(columns: Column[], locale: 'fr' | 'en'): (id: string) => string {
  return (id) => columns.find((column) => column.id === id)?.label?.[locale] || id;
}
