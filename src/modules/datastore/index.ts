/**
 * The datastore: tabular resources converted to Parquet (DuckDB) by durable jobs, and queried
 * (CKAN's datastore_search, previews, downloads).
 */

export { COLUMN_TYPE_LABELS } from './column-type-labels.js';
export { createDatastoreModule, type DatastoreServices } from './datastore.module.js';
export { type DatastoreRows, type DatastoreService, ROWS_MAX } from './datastore.service.js';
export type { Column, ColumnType, Load, LoadError, Table } from './datastore.types.js';
export {
  COLUMN_TYPES,
  DICTIONARY_CHANGED,
  type DictionaryEntry,
  type DictionaryService,
} from './dictionary.service.js';
export { type IngestService, TABLE_LOADED } from './ingest.service.js';
export { datastoreMigrations } from './migrations.js';
export type { ChartData } from './query/chart-query.duckdb.js';
export type { SavedViewsService } from './saved-views.service.js';
export type { ChartSpec, MapSpec, SavedView, ViewSpec } from './views.js';
export { suggestMap } from './views.js';
export type { FieldInput, Row, WriteMethod, WriteService } from './write/write.service.js';
