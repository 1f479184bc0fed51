/**
 * The datastore: tabular resources converted to Parquet (DuckDB) by durable jobs, and queried
 * (CKAN's datastore_search, previews, downloads).
 */
export { createDatastoreModule, type DatastoreServices } from './datastore.module.js';
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
export { datastoreMigrations } from './migrations.js';
export type { ChartData } from './query/chart-query.duckdb.js';
export type { ChartSpec, MapSpec, SavedView, ViewSpec } from './views.js';
export { GEOMETRY_COLUMN, suggestMap, VIEW_KINDS } from './views.js';
export { createViewsService, type ViewsService } from './views.service.js';
