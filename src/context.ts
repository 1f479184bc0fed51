import path from 'node:path';
import type { Config } from './config.js';
import { type AccountsService, accountsMigrations, createAccountsModule } from './modules/accounts/index.js';
import { type CatalogService, catalogMigrations, createCatalogModule } from './modules/catalog/index.js';
import { createCkanModule } from './modules/ckan/index.js';
import {
  type CommunityServices,
  communityMigrations,
  createCommunityModule,
} from './modules/community/index.js';
import {
  createDatastoreModule,
  type DatastoreServices,
  datastoreMigrations,
} from './modules/datastore/index.js';
import { createHarvestModule, type HarvestServices, harvestMigrations } from './modules/harvest/index.js';
import { createMailModule, type MailService, mailMigrations } from './modules/mail/index.js';
import {
  createProcurementModule,
  type ProcurementService,
  procurementMigrations,
} from './modules/procurement/index.js';
import { createQualityModule, type QualityServices, qualityMigrations } from './modules/quality/index.js';
import {
  createReferenceModule,
  type ReferenceServices,
  referenceMigrations,
} from './modules/reference/index.js';
import { createRegistryModule, type RegistryServices, registryMigrations } from './modules/registry/index.js';
import { createSchemasModule, type SchemasServices, schemasMigrations } from './modules/schemas/index.js';
import { createWebModule } from './modules/web/index.js';
import type { BlobStore } from './platform/blobs/blob-store.js';
import { openLocalBlobStore } from './platform/blobs/local-blob-store.js';
import { openResumableUploads, type ResumableUploads } from './platform/blobs/resumable-uploads.js';
import { openS3BlobStore } from './platform/blobs/s3-blob-store.js';
import {
  type Db,
  type MigrationSource,
  migrate,
  openDatabase,
  platformMigrations,
} from './platform/db/index.js';
import { openDuck } from './platform/duckdb/index.js';
import { rateLimiterFor } from './platform/http/rate-limit.js';
import { type Jobs, openJobs } from './platform/jobs/index.js';
import { createLogger, type Logger } from './platform/log.js';
import type { Module, Platform } from './platform/module.js';
import { type Readiness, readiness } from './platform/ops/health.js';
import { createMetrics, type Metrics } from './platform/ops/metrics.js';

/** Every module's migrations, in the order they must run (the modules' order). */
export const MIGRATIONS: readonly MigrationSource[] = [
  platformMigrations,
  accountsMigrations,
  catalogMigrations,
  procurementMigrations,
  datastoreMigrations,
  registryMigrations,
  referenceMigrations,
  schemasMigrations,
  qualityMigrations,
  harvestMigrations,
  mailMigrations,
  communityMigrations,
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
  jobs: Jobs;
  /** Prometheus metrics of this process. */
  metrics: Metrics;
  /** Whether this process can serve (database, migrations, blob store, job queue). */
  ready(): Promise<Readiness>;
  /** Every module, in the order they are assembled (each depends only on those before it). */
  modules: readonly Module[];
  accounts: AccountsService;
  catalog: CatalogService;
  procurement: ProcurementService;
  /** Tabular resources as queryable tables, and the jobs that load them. */
  datastore: DatastoreServices;
  /** The business registry: editions imported, changes, search. */
  registry: RegistryServices;
  /** Reference data: official codes, versions, lookups, commitments measured. */
  reference: ReferenceServices;
  /** Shared schemas, the validator, the resources' validation reports. */
  schemas: SchemasServices;
  /** Datasets' metadata quality scores and the link checker. */
  quality: QualityServices;
  /** Partners' catalogues harvested on a schedule. */
  harvest: HarvestServices;
  /** The outbox: messages delivered by SMTP, or kept for the administrator. */
  mail: MailService;
  /** Accounts for the public and what people bring to the portal. */
  community: CommunityServices;
  /** Stops the workers and closes everything; `keepDatabase` leaves a database given by the caller open. */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * Opens the database (unless one is given, as tests do), brings its schema up to date, opens the
 * platform and assembles the modules. With `work`, this process also works the modules' job
 * queues (the server does; one-shot commands do not).
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
  const blobs = config.blobStore
    ? openS3BlobStore(config.blobStore)
    : await openLocalBlobStore(path.join(config.dataDir, 'blobs'));
  const duck = await openDuck({ tempDir: path.join(config.dataDir, 'datastore', 'tmp', 'duckdb') });
  const platform: Platform = {
    db,
    blobs,
    uploads: await openResumableUploads(path.join(config.dataDir, 'uploads'), {
      blobs,
      maxBytes: config.maxUploadBytes,
    }),
    jobs: await openJobs(db),
    duck,
    log,
    metrics: createMetrics({ db, duck }),
    rateLimiter: rateLimiterFor(db),
    dataDir: config.dataDir,
  };

  const accounts = createAccountsModule(platform);
  const mail = createMailModule(platform, config);
  const catalog = createCatalogModule(platform, config, { accounts: accounts.services });
  const registry = createRegistryModule(platform, config, { catalog: catalog.services });
  const reference = createReferenceModule(platform, config, {
    catalog: catalog.services,
    registry: registry.services,
  });
  const datastore = createDatastoreModule(platform, config, {
    catalog: catalog.services,
    reference: reference.services,
  });
  const procurement = createProcurementModule(platform, config, { catalog: catalog.services });
  const schemas = createSchemasModule(platform, config, {
    accounts: accounts.services,
    catalog: catalog.services,
    reference: reference.services,
  });
  const quality = createQualityModule(platform, config, {
    catalog: catalog.services,
    datastore: datastore.services,
    schemas: schemas.services,
  });
  const harvest = createHarvestModule(platform, config, {
    accounts: accounts.services,
    catalog: catalog.services,
    datastore: datastore.services,
  });
  const community = createCommunityModule(platform, config, {
    accounts: accounts.services,
    catalog: catalog.services,
    mail: mail.services,
    procurement: procurement.services,
    registry: registry.services.service,
  });
  const uses = {
    accounts: accounts.services,
    catalog: catalog.services,
    datastore: datastore.services,
    procurement: procurement.services,
    registry: registry.services,
    reference: reference.services,
    schemas: schemas.services,
    quality: quality.services,
    harvest: harvest.services,
    mail: mail.services,
    community: community.services,
  };
  const modules: Module[] = [
    accounts,
    mail,
    catalog,
    registry,
    reference,
    datastore,
    procurement,
    schemas,
    quality,
    harvest,
    community,
    createCkanModule(platform, config, uses),
    createWebModule(platform, config, uses),
  ];

  for (const module of modules) {
    for (const [queue, job] of Object.entries(module.jobs ?? {})) {
      for (const event of job.events ?? []) await platform.jobs.subscribe(event, queue);
      if (options.work)
        await platform.jobs.work(queue, platform.metrics.timed(queue, job.handler), {
          concurrency: job.concurrency ?? 1,
        });
    }
  }
  if (options.work) for (const module of modules) await module.start?.();

  return {
    config,
    log,
    db,
    blobs,
    uploads: platform.uploads,
    jobs: platform.jobs,
    metrics: platform.metrics,
    ready: () => readiness({ db, blobs, migrations: MIGRATIONS }),
    modules,
    ...uses,
    async close({ keepDatabase = false } = {}) {
      for (const module of [...modules].reverse()) await module.close?.();
      await platform.jobs.stop();
      platform.duck.close();
      await blobs.close();
      if (!keepDatabase) await db.close();
    },
  };
}
