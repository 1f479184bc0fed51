/**
 * The datastore: tabular resources converted to Parquet (DuckDB) by durable jobs, and queried
 * (CKAN's datastore_search, previews, downloads).
 */
import type { MigrationSource } from '../../platform/db/index.js';

export { dataRoutes } from './api/data.routes.js';
export { datastoreRoutes } from './api/datastore.routes.js';
export type { ChartData, ChartSpec } from './chart.js';
export type { Column, ColumnType, LoadRow, TableRow } from './datastore.repo.js';
export {
  createDatastoreService,
  type DatastoreRows,
  type DatastoreSearch,
  type DatastoreService,
  ROWS_MAX,
} from './datastore.service.js';
export { createIngestService, type IngestService, LOAD_QUEUE } from './ingest.service.js';

export const datastoreMigrations: MigrationSource = {
  module: 'datastore',
  directory: new URL('./migrations/', import.meta.url),
};
