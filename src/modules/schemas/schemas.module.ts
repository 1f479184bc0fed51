import type { Config } from '../../config.js';
import type { Module, Platform } from '../../platform/module.js';
import { restApi } from '../accounts/index.js';
import { type CatalogService, DATASET_WRITTEN } from '../catalog/index.js';
import { TABLE_LOADED } from '../datastore/index.js';
import type { ReferenceServices } from '../reference/index.js';
import { schemaFiles, schemasApi } from './api/schemas.routes.js';
import { schemasMigrations } from './migrations.js';
import { createSchemaCatalogue, type SchemaCatalogue } from './schemas.service.js';
import type { ReferenceResolver } from './validation/validate.duckdb.js';
import { createValidationService, type ValidationService } from './validation.service.js';

export interface SchemasServices {
  catalogue: SchemaCatalogue;
  validation: ValidationService;
}

const LOADED_QUEUE = 'schemas.table-loaded';
const WRITTEN_QUEUE = 'schemas.dataset-written';

/** Shared data schemas, the validator and the resources' validation reports (decision 0024). */
export function createSchemasModule(
  platform: Platform,
  config: Config,
  deps: { catalog: CatalogService; reference: ReferenceServices },
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
  return {
    name: 'schemas',
    services: { catalogue, validation },
    migrations: schemasMigrations,
    routes: async (app) => {
      await app.register(restApi(schemasApi({ catalogue, validation, baseUrl: config.baseUrl })));
      await app.register(schemaFiles({ catalogue }));
    },
    jobs: {
      [LOADED_QUEUE]: {
        events: [TABLE_LOADED],
        handler: async (data: { resourceId: string }) => {
          await validation.validateResource(data.resourceId);
        },
      },
      // A resource that declares a schema (or another one) without a new file is checked too.
      [WRITTEN_QUEUE]: {
        events: [DATASET_WRITTEN],
        handler: async (data: { datasetId: string }) => {
          await validation.datasetWritten(data.datasetId);
        },
      },
    },
    async start() {
      await validation.sweep();
    },
  };
}
