/**
 * The datastore: tabular resources converted to Parquet (DuckDB) by durable jobs, and queried
 * (CKAN's datastore_search, previews, downloads).
 */
import type { MigrationSource } from '../../platform/db/index.js';

export { dataRoutes } from './api/data.routes.js';
export { datastoreRoutes } from './api/datastore.routes.js';
export { viewsRoutes } from './api/views.routes.js';
export type { Column, ColumnType, LoadRow, TableRow } from './datastore.repo.js';
export {
  createDatastoreService,
  type DatastoreRows,
  type DatastoreSearch,
  type DatastoreService,
  ROWS_MAX,
} from './datastore.service.js';
export {
  COLUMN_TYPES,
  createDictionaryService,
  type DictionaryEntry,
  type DictionaryService,
} from './dictionary.service.js';
export { createIngestService, type IngestService, LOAD_QUEUE } from './ingest.service.js';
export type { ChartData } from './query/chart-query.duckdb.js';
export type { ChartSpec, MapSpec, SavedView, ViewSpec } from './views.js';
export { GEOMETRY_COLUMN, suggestMap, VIEW_KINDS } from './views.js';
export { createViewsService, type ViewsService } from './views.service.js';

export const datastoreMigrations: MigrationSource = {
  module: 'datastore',
  directory: new URL('./migrations/', import.meta.url),
};
