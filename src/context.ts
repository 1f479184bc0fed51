import path from 'node:path';
import type { Config } from './config.js';
import { type AccountsService, accountsMigrations, createAccountsService } from './modules/accounts/index.js';
import { type CatalogService, catalogMigrations, createCatalogService } from './modules/catalog/index.js';
import type { BlobStore } from './platform/blobs/blob-store.js';
import { openLocalBlobStore } from './platform/blobs/local-blob-store.js';
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
];

/** Everything a running Quai holds open, built once: the composition root. */
export interface Context {
  config: Config;
  db: Db;
  blobs: BlobStore;
  accounts: AccountsService;
  catalog: CatalogService;
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
  return {
    config,
    db,
    blobs,
    accounts: createAccountsService({ db }),
    catalog: createCatalogService({ db, blobs, searchCacheSize: config.searchCacheSize }),
    async close() {
      await blobs.close();
      await db.close();
    },
  };
}
