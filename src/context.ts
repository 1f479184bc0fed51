import path from 'node:path';
import type { Config } from './config.js';
import { type AccountsService, accountsMigrations, createAccountsService } from './modules/accounts/index.js';
import { type CatalogService, catalogMigrations, createCatalogService } from './modules/catalog/index.js';
import {
  createDatastoreService,
  createDictionaryService,
  createIngestService,
  createViewsService,
  type DatastoreService,
  type DictionaryService,
  datastoreMigrations,
  type IngestService,
  LOAD_QUEUE,
  type ViewsService,
} from './modules/datastore/index.js';
import {
  createProcurementService,
  type ProcurementService,
  procurementMigrations,
} from './modules/procurement/index.js';
import {
  createPersonsService,
  createRegistryExports,
  createRegistryImport,
  createRegistryService,
  type PersonsService,
  type RegistryExports,
  type RegistryImport,
  type RegistryService,
  registryMigrations,
  syncRegistryDataset,
} from './modules/registry/index.js';
import type { BlobStore } from './platform/blobs/blob-store.js';
import { openLocalBlobStore } from './platform/blobs/local-blob-store.js';
import { openResumableUploads, type ResumableUploads } from './platform/blobs/resumable-uploads.js';
import {
  type Db,
  type MigrationSource,
  migrate,
  openDatabase,
  platformMigrations,
} from './platform/db/index.js';
import { openDuck } from './platform/duckdb/index.js';
import { openJobs } from './platform/jobs/index.js';
import { createLogger, type Logger } from './platform/log.js';

/** Every module's migrations, in the order they must run. */
export const MIGRATIONS: readonly MigrationSource[] = [
  platformMigrations,
  accountsMigrations,
  catalogMigrations,
  procurementMigrations,
  datastoreMigrations,
  registryMigrations,
];

/** Everything a running Quai holds open, built once: the composition root. */
export interface Context {
  config: Config;
  /** The process's logger: the HTTP server's, and every module's. */
  log: Logger;
  db: Db;
  blobs: BlobStore;
  /** Large files sent in pieces from the web pages. */
  uploads: ResumableUploads;
  accounts: AccountsService;
  catalog: CatalogService;
  procurement: ProcurementService;
  /** Tabular resources as queryable tables, and the jobs that load them. */
  datastore: {
    tables: DatastoreService;
    ingest: IngestService;
    dictionary: DictionaryService;
    views: ViewsService;
  };
  /** The business registry: editions imported, changes, search. */
  registry: {
    imports: RegistryImport;
    exports: RegistryExports;
    service: RegistryService;
    persons: PersonsService;
  };
  /** Stops the workers and closes everything; `keepDatabase` leaves a database given by the caller open. */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * Opens the database (unless one is given, as tests do), brings its schema up to date, wires the
 * services. With `work`, this process also works the job queues (the server does; one-shot
 * commands do not).
 */
export async function createContext(
  config: Config,
  options: { db?: Db; work?: boolean; log?: Logger } = {},
): Promise<Context> {
  const db =
    options.db ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
    }));
  await migrate(db, MIGRATIONS);
  const log = options.log ?? createLogger(config.logLevel);
  const blobs = await openLocalBlobStore(path.join(config.dataDir, 'blobs'));
  const uploads = await openResumableUploads(path.join(config.dataDir, 'uploads'), {
    blobs,
    maxBytes: config.maxUploadBytes,
  });
  const jobs = await openJobs(db);
  const datastoreRoot = path.join(config.dataDir, 'datastore');
  const duck = await openDuck({ tempDir: path.join(datastoreRoot, 'tmp', 'duckdb') });
  let ingest: IngestService | null = null;
  const catalog = createCatalogService({
    db,
    blobs,
    searchCacheSize: config.searchCacheSize,
    datasetWritten: async (datasetId) => {
      // A load that cannot be queued must not undo the publisher's change: it is reported instead.
      await ingest
        ?.datasetWritten(datasetId)
        .catch((error: unknown) => console.error('datastore: queueing failed', error));
    },
  });
  ingest = createIngestService({
    db,
    blobs,
    duck,
    jobs,
    catalog,
    root: datastoreRoot,
    limits: config.datastoreLoads,
    log,
  });
  const loads = ingest;
  if (options.work) {
    await jobs.work<{ loadId: string }>(LOAD_QUEUE, ({ loadId }) => loads.run(loadId), {
      concurrency: config.datastoreLoads.concurrency,
    });
    if (db.engine === 'pglite') await loads.resumeInterrupted();
  }
  const tables = createDatastoreService({
    db,
    duck,
    catalog,
    root: datastoreRoot,
    sqlTimeoutMs: config.datastoreSqlSeconds * 1000,
  });
  const registryRoot = path.join(config.dataDir, 'registry');
  const registryExports = createRegistryExports({
    db,
    duck,
    root: registryRoot,
    publisher: { name: config.siteTitle, url: config.baseUrl },
  });
  return {
    config,
    log,
    db,
    blobs,
    uploads,
    accounts: createAccountsService({ db }),
    catalog,
    procurement: createProcurementService({
      db,
      baseUrl: config.baseUrl,
      ocidPrefix: config.ocdsOcidPrefix,
      publisherName: config.siteTitle,
      catalog,
      organizationName: config.procurementOrganization,
    }),
    datastore: {
      tables,
      ingest: loads,
      dictionary: createDictionaryService({ db, datastore: tables, ingest: loads }),
      views: createViewsService({ db, duck, catalog, datastore: tables, root: datastoreRoot }),
    },
    registry: {
      imports: createRegistryImport({
        db,
        duck,
        root: registryRoot,
        exports: registryExports,
        imported: (edition) =>
          syncRegistryDataset({
            catalog,
            baseUrl: config.baseUrl,
            organization: {
              name: config.registryOrganization,
              title: 'Registraire des entreprises du Québec',
            },
            editionDate: edition.publishedOn,
          }),
      }),
      exports: registryExports,
      service: createRegistryService({ db }),
      persons: createPersonsService({ db }),
    },
    async close({ keepDatabase = false } = {}) {
      await loads.stop();
      await jobs.stop();
      await catalog.views.flush();
      duck.close();
      await blobs.close();
      if (!keepDatabase) await db.close();
    },
  };
}
