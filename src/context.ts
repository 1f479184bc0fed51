import path from 'node:path';
import type { Config } from './config.js';
import { type AccountsService, accountsMigrations, createAccountsService } from './modules/accounts/index.js';
import { type CatalogService, catalogMigrations, createCatalogService } from './modules/catalog/index.js';
import {
  createProcurementService,
  type ProcurementService,
  procurementMigrations,
} from './modules/procurement/index.js';
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

/** Every module's migrations, in the order they must run. */
export const MIGRATIONS: readonly MigrationSource[] = [
  platformMigrations,
  accountsMigrations,
  catalogMigrations,
  procurementMigrations,
];

/** Everything a running Quai holds open, built once: the composition root. */
export interface Context {
  config: Config;
  db: Db;
  blobs: BlobStore;
  /** Large files sent in pieces from the web pages. */
  uploads: ResumableUploads;
  accounts: AccountsService;
  catalog: CatalogService;
  procurement: ProcurementService;
  close(): Promise<void>;
}

/** Opens the database (unless one is given, as tests do), brings its schema up to date, wires the services. */
export async function createContext(config: Config, options: { db?: Db } = {}): Promise<Context> {
  const db =
    options.db ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
    }));
  await migrate(db, MIGRATIONS);
  const blobs = await openLocalBlobStore(path.join(config.dataDir, 'blobs'));
  const uploads = await openResumableUploads(path.join(config.dataDir, 'uploads'), {
    blobs,
    maxBytes: config.maxUploadBytes,
  });
  const catalog = createCatalogService({ db, blobs, searchCacheSize: config.searchCacheSize });
  return {
    config,
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
    async close() {
      await catalog.views.flush();
      await blobs.close();
      await db.close();
    },
  };
}
