import type { Config } from '../../config.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { Module, Platform } from '../../platform/module.js';
import { type AccountsService, restApi, SYSTEM } from '../accounts/index.js';
import { type CatalogService, DATASET_WRITTEN } from '../catalog/index.js';
import { TABLE_LOADED } from '../datastore/index.js';
import type { ReferenceServices } from '../reference/index.js';
import { ecosystemsApi, JOIN_REQUESTS_PER_HOUR } from './api/ecosystems.routes.js';
import { guessApi } from './api/guess.routes.js';
import { schemaFiles, schemasApi } from './api/schemas.routes.js';
import { type ConsolidationService, createConsolidationService } from './ecosystems/consolidation.service.js';
import { createEcosystemService, type EcosystemService } from './ecosystems/ecosystems.service.js';
import { createGuessService, type GuessService } from './guess/guess.service.js';
import { schemasMigrations } from './migrations.js';
import {
  createJoinRequestService,
  type JoinRequestService,
  type ReportsOf,
} from './partners/join-requests.service.js';
import { createSchemaCatalogue, type SchemaCatalogue } from './schemas.service.js';
import type { ReferenceResolver } from './validation/validate.duckdb.js';
import { createValidationService, type ValidationService } from './validation.service.js';

export interface SchemasServices {
  catalogue: SchemaCatalogue;
  validation: ValidationService;
  ecosystems: EcosystemService;
  consolidation: ConsolidationService;
  partners: JoinRequestService;
  guess: GuessService;
  /** Join requests per client and hour, counted once whether they come through the API or the page. */
  joinLimiter: RateLimiter;
  /** The latest validation verdicts of resources. */
  verdicts: ReportsOf;
}

/** Announced after a resource's file was checked against its schema (its report is stored). */
export const RESOURCE_VALIDATED = 'schemas.resource-validated';
const LOADED_QUEUE = 'schemas.table-loaded';
const WRITTEN_QUEUE = 'schemas.dataset-written';

/**
 * Shared data schemas, the validator and the resources' validation reports (decision 0024);
 * ecosystems, their consolidated tables and partners who join (decision 0026).
 */
export function createSchemasModule(
  platform: Platform,
  config: Config,
  deps: { accounts: AccountsService; catalog: CatalogService; reference: ReferenceServices },
): Module<SchemasServices> {
  const resolve: ReferenceResolver = async (set) => {
    const source = await deps.reference.checkSource(set);
    return source ? { file: source.file, width: source.width, version: source.version.id } : null;
  };
  const catalogue = createSchemaCatalogue({ db: platform.db, duck: platform.duck, resolve });
  const validation = createValidationService({
    db: platform.db,
    duck: platform.duck,
    blobs: platform.blobs,
    catalog: deps.catalog,
    schemas: catalogue,
    resolve,
    dataDir: platform.dataDir,
    allowLoopback: config.fetchAllowLoopback,
    log: platform.log,
  });
  const ecosystems = createEcosystemService({ db: platform.db, catalog: deps.catalog, schemas: catalogue });
  const consolidation = createConsolidationService({
    duck: platform.duck,
    blobs: platform.blobs,
    catalog: deps.catalog,
    schemas: catalogue,
    ecosystems,
    dataDir: platform.dataDir,
    allowLoopback: config.fetchAllowLoopback,
    maxUploadBytes: config.maxUploadBytes,
    log: platform.log,
  });
  const partners = createJoinRequestService({
    db: platform.db,
    accounts: deps.accounts,
    catalog: deps.catalog,
    reference: deps.reference,
    ecosystems,
    log: platform.log,
  });
  const guess = createGuessService({ duck: platform.duck, catalog: deps.catalog, validation });
  const verdicts: ReportsOf = (ids) => ecosystems.repo.verdicts(ids);
  const joinLimiter = platform.rateLimiter({
    name: 'join-requests',
    limit: JOIN_REQUESTS_PER_HOUR,
    windowMs: 3600_000,
  });
  /** After a member's file was validated or a dataset written: consolidations, partners' steps. */
  async function follow(datasetId: string) {
    await consolidation.afterDataset(datasetId);
    await partners.noteProgress(datasetId, verdicts);
  }
  return {
    name: 'schemas',
    services: { catalogue, validation, ecosystems, consolidation, partners, guess, verdicts, joinLimiter },
    migrations: schemasMigrations,
    routes: async (app) => {
      await app.register(restApi(schemasApi({ catalogue, validation, baseUrl: config.baseUrl })));
      await app.register(
        restApi(
          ecosystemsApi({
            ecosystems,
            consolidation,
            partners,
            catalog: deps.catalog,
            reports: verdicts,
            joinLimiter,
            baseUrl: config.baseUrl,
          }),
        ),
      );
      await app.register(restApi(guessApi({ guess })));
      await app.register(schemaFiles({ catalogue }));
    },
    jobs: {
      [LOADED_QUEUE]: {
        events: [TABLE_LOADED],
        handler: async (data: { resourceId: string }) => {
          const report = await validation.validateResource(data.resourceId);
          const found = report
            ? await deps.catalog.resources.get(SYSTEM, data.resourceId).catch(() => null)
            : null;
          if (found) {
            await platform.jobs.publish(RESOURCE_VALIDATED, {
              resourceId: data.resourceId,
              datasetId: found.dataset.id,
            });
            if (report?.resourceId) await follow(found.dataset.id);
          }
        },
      },
      // A resource that declares a schema (or another one) without a new file is checked too;
      // a dataset made private or deleted leaves the consolidated tables.
      [WRITTEN_QUEUE]: {
        events: [DATASET_WRITTEN],
        handler: async (data: { datasetId: string }) => {
          for (const resourceId of await validation.datasetWritten(data.datasetId))
            await platform.jobs.publish(RESOURCE_VALIDATED, { resourceId, datasetId: data.datasetId });
          await follow(data.datasetId);
        },
      },
    },
    async start() {
      await validation.sweep();
    },
  };
}
