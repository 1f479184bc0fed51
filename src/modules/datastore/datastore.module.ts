import path from 'node:path';
import type { Config } from '../../config.js';
import type { Module, Platform } from '../../platform/module.js';
import { restApi } from '../accounts/index.js';
import { type CatalogService, DATASET_WRITTEN } from '../catalog/index.js';
import { findSet, REFERENCE_VERSION_PUBLISHED, type ReferenceServices } from '../reference/index.js';
import { dataRoutes } from './api/data.routes.js';
import { datastoreRoutes } from './api/datastore.routes.js';
import { savedViewsRoutes } from './api/saved-views.routes.js';
import { createDatastoreService, type DatastoreService } from './datastore.service.js';
import { createDictionaryService, type DictionaryService } from './dictionary.service.js';
import { createIngestService, type IngestService, LOAD_QUEUE } from './ingest.service.js';
import { datastoreMigrations } from './migrations.js';
import {
  createReferenceChecksService,
  type ReferenceChecksService,
} from './reference-checks/reference-checks.service.js';
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
  /** Columns bound to reference sets, checked after each load and each new version of the set. */
  checks: ReferenceChecksService;
}

/** Loads the catalog's tabular files when the catalog announces a write to a dataset. */
const DATASET_WRITTEN_QUEUE = 'datastore-dataset-written';
/** Checks again the columns bound to a reference set when it publishes a version. */
const REFERENCE_QUEUE = 'datastore-reference-version';

/**
 * The datastore: tabular resources as Parquet tables (DuckDB), loaded by durable jobs when the
 * catalog announces that a dataset's files changed, and queried by CKAN's datastore API, the REST
 * API and the portal.
 */
export function createDatastoreModule(
  platform: Platform,
  config: Config,
  deps: { catalog: CatalogService; reference: ReferenceServices },
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
  const checks = createReferenceChecksService({
    db,
    duck,
    root,
    reference: deps.reference,
    tables,
    log: platform.log,
  });
  const ingest = createIngestService({
    db,
    blobs: platform.blobs,
    duck,
    jobs: platform.jobs,
    catalog,
    root,
    limits: { ...config.datastoreLoads, allowLoopback: config.fetchAllowLoopback },
    baseUrl: config.baseUrl,
    checks,
    log: platform.log,
  });
  const dictionary = createDictionaryService({
    db,
    datastore: tables,
    ingest,
    checks,
    jobs: platform.jobs,
    referenceSets: (set) => findSet(set)?.external !== true && findSet(set) !== undefined,
  });
  const savedViews = createSavedViewsService({ db, duck, catalog, datastore: tables, root });
  const writes = createWriteService({ db, catalog, root, jobs: platform.jobs });
  return {
    name: 'datastore',
    services: { tables, ingest, dictionary, savedViews, writes, checks },
    migrations: datastoreMigrations,
    routes: restApi(async (api) => {
      await api.register(datastoreRoutes({ datastore: tables, dictionary, checks }));
      await api.register(savedViewsRoutes({ views: savedViews }));
      await api.register(
        dataRoutes({
          datastore: tables,
          // A query or a download counts towards its dataset's use (after the answer, never failing it).
          countUse: (actor, resourceId, kind) =>
            void catalog.resources
              .get(actor, resourceId)
              .then(({ dataset }) => catalog.pageViews.count(kind, dataset.id, resourceId))
              .catch(() => undefined),
        }),
      );
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
      [REFERENCE_QUEUE]: {
        handler: async (data: { set: string }) => {
          await checks.recheckSet(data.set);
        },
        events: [REFERENCE_VERSION_PUBLISHED],
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
