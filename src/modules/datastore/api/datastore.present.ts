import type { Localized } from '../../../platform/i18n/index.js';
import type { Column, Load, Table } from '../datastore.types.js';
import type { ChartData } from '../query/chart-query.duckdb.js';
import type { ChartSpec, MapSpec, SavedView } from '../views.js';
import type { DataPageOut, StatusOut } from './datastore.schemas.js';

type LocalizedOut = { fr: string | null; en: string | null };

function localizedOut(text: Partial<Localized> | null | undefined): LocalizedOut {
  return { fr: text?.fr ?? null, en: text?.en ?? null };
}

export function presentColumn(column: Column) {
  return {
    id: column.id,
    type: column.type,
    type_override: column.typeOverride ?? null,
    label: column.label ? localizedOut(column.label) : null,
    description: column.description ? localizedOut(column.description) : null,
    reference: column.reference
      ? {
          set: column.reference.set,
          as_of_column: column.reference.asOfColumn,
          name_column: column.reference.nameColumn,
        }
      : null,
  };
}

/** The resource's latest load and its table, as /resources/{id}/datastore shows them. */
export function presentStatus(load: Load | null, table: Table | null): StatusOut {
  return {
    load: load && {
      id: load.id,
      state: load.state,
      format: load.format,
      types: load.types,
      encoding: load.encoding,
      rows: load.rowsDone,
      bytes: load.bytesTotal,
      percent: load.percent,
      error: load.error && {
        message: { fr: load.error.message.fr, en: load.error.message.en },
        ...(load.error.row !== undefined ? { row: load.error.row } : {}),
        ...(load.error.column !== undefined ? { column: load.error.column } : {}),
      },
      created: load.createdAt.toISOString(),
      started: load.startedAt?.toISOString() ?? null,
      finished: load.finishedAt?.toISOString() ?? null,
    },
    table: table && {
      row_count: table.rowCount,
      bbox: table.bbox,
      loaded: table.loadedAt.toISOString(),
      columns: table.columns.map(presentColumn),
    },
  };
}

/** A page of /data: columns, records by column id, the total if counted, the next page's address. */
export function presentDataPage(
  result: { columns: Column[]; rows: unknown[][]; total: number | null; next: string | null },
  self: string,
  query: Record<string, unknown>,
): DataPageOut {
  return {
    columns: result.columns.map((column) => ({ id: column.id, type: column.type })),
    records: result.rows.map(
      (row) =>
        Object.fromEntries(
          result.columns.map((column, index) => [column.id, row[index]]),
        ) as DataPageOut['records'][number],
    ),
    total: result.total,
    next: result.next ? `${self}?${nextQuery(query, result.next)}` : null,
  };
}

/** The query string of the next page: the same parameters (repeated ones kept), the new cursor. */
function nextQuery(query: Record<string, unknown>, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'cursor' || key === 'format' || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  params.set('cursor', cursor);
  return params.toString();
}

export function presentChartSpec(spec: ChartSpec) {
  if (spec.kind === 'scatter') return { kind: spec.kind, x: spec.x, y: spec.y };
  const measure = { fn: spec.measure.fn, column: spec.measure.column ?? null };
  return spec.kind === 'bar'
    ? { kind: spec.kind, category: spec.category, measure }
    : { kind: spec.kind, x: spec.x, measure };
}

export function presentMapSpec(spec: MapSpec) {
  return { kind: spec.kind, latitude: spec.latitude ?? null, longitude: spec.longitude ?? null };
}

function presentSpec(spec: SavedView['spec']) {
  return spec.kind === 'map' ? presentMapSpec(spec) : presentChartSpec(spec);
}

export function presentView(view: SavedView) {
  return {
    id: view.id,
    resource_id: view.resourceId,
    title: localizedOut(view.title),
    spec: presentSpec(view.spec),
    created: view.createdAt.toISOString(),
  };
}

/** A saved view with a chart's figures (maps have none: their data is the table's GeoJSON). */
export function presentViewWithFigures(view: SavedView, figures: ChartData | null) {
  return { ...presentView(view), ...(figures ? { figures } : {}) };
}
