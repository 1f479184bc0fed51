import path from 'node:path';
import type { Config } from '../../config.js';
import type { Module, Platform } from '../../platform/module.js';
import { restApi } from '../accounts/index.js';
import { type CatalogService, DATASET_WRITTEN } from '../catalog/index.js';
import { dataRoutes } from './api/data.routes.js';
import { datastoreRoutes } from './api/datastore.routes.js';
import { savedViewsRoutes } from './api/saved-views.routes.js';
import { createDatastoreService, type DatastoreService } from './datastore.service.js';
import { createDictionaryService, type DictionaryService } from './dictionary.service.js';
import { createIngestService, type IngestService, LOAD_QUEUE } from './ingest.service.js';
import { datastoreMigrations } from './migrations.js';
import { createSavedViewsService, type SavedViewsService } from './saved-views.service.js';
import { createWriteService, type WriteService } from './write/write.service.js';

export interface DatastoreServices {
  /** Reading the published tables (CKAN search, REST pages, downloads, SQL). */
  tables: DatastoreService;
  /** Loads: files → Parquet tables, one durable job per resource version. */
  ingest: IngestService;
  dictionary: DictionaryService;
  /** Charts and maps saved on resources. */
  savedViews: SavedViewsService;
  /** Tables written through CKAN's DataStore API (datastore_create, upsert, delete). */
  writes: WriteService;
}

/** Loads the catalog's tabular files when the catalog announces a write to a dataset. */
const DATASET_WRITTEN_QUEUE = 'datastore-dataset-written';

/**
 * The datastore: tabular resources as Parquet tables (DuckDB), loaded by durable jobs when the
 * catalog announces that a dataset's files changed, and queried by CKAN's datastore API, the REST
 * API and the portal.
 */
export function createDatastoreModule(
  platform: Platform,
  config: Config,
  deps: { catalog: CatalogService },
): Module<DatastoreServices> {
  const root = path.join(platform.dataDir, 'datastore');
  const { db, duck, catalog } = { ...platform, ...deps };
  const tables = createDatastoreService({
    db,
    duck,
    catalog,
    root,
    sqlTimeoutMs: config.datastoreSqlSeconds * 1000,
  });
  const ingest = createIngestService({
    db,
    blobs: platform.blobs,
    duck,
    jobs: platform.jobs,
    catalog,
    root,
    limits: config.datastoreLoads,
    log: platform.log,
  });
  const dictionary = createDictionaryService({ db, datastore: tables, ingest });
  const savedViews = createSavedViewsService({ db, duck, catalog, datastore: tables, root });
  const writes = createWriteService({ db, catalog, root });
  return {
    name: 'datastore',
    services: { tables, ingest, dictionary, savedViews, writes },
    migrations: datastoreMigrations,
    routes: restApi(async (api) => {
      await api.register(datastoreRoutes({ datastore: tables, dictionary }));
      await api.register(savedViewsRoutes({ views: savedViews }));
      await api.register(dataRoutes({ datastore: tables }));
    }),
    jobs: {
      [LOAD_QUEUE]: {
        handler: (data: { loadId: string }) => ingest.run(data.loadId),
        concurrency: config.datastoreLoads.concurrency,
      },
      [DATASET_WRITTEN_QUEUE]: {
        handler: (data: { datasetId: string }) => ingest.datasetWritten(data.datasetId),
        events: [DATASET_WRITTEN],
      },
    },
    // The embedded database is one process's: loads it was running when it stopped start again.
    start: async () => {
      if (db.engine === 'pglite') await ingest.resumeInterrupted();
    },
    close: async () => {
      await ingest.stop();
      await writes.close();
    },
  };
}
