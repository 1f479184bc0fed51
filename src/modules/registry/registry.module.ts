import path from 'node:path';
import type { Config } from '../../config.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { Module, Platform } from '../../platform/module.js';
import { restApi } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import { personsRoutes } from './api/persons.routes.js';
import { registryRoutes } from './api/registry.routes.js';
import { type BulkExportService, createBulkExportService } from './exports/exports.service.js';
import { createEditionImportService, type EditionImportService } from './import/import.service.js';
import { registryMigrations } from './migrations.js';
import { createPersonsService, type PersonsService } from './persons.service.js';
import { createRegistryService, type RegistryService } from './registry.service.js';
import { syncRegistryDataset } from './registry-dataset.js';

export interface RegistryServices {
  imports: EditionImportService;
  exports: BulkExportService;
  service: RegistryService;
  persons: PersonsService;
  /** The per-client budget of registry requests, shared by the API and the portal's pages. */
  limiter: RateLimiter;
}

/** Announced after an edition was swapped in (followers of its enterprises are told). */
export const REGISTRY_CHANGED = 'registry.edition-imported';

/** The business registry: editions imported, changes, search, BODS; its API under /api/v1. */
export function createRegistryModule(
  platform: Platform,
  config: Config,
  deps: { catalog: CatalogService },
): Module<RegistryServices> {
  const root = path.join(platform.dataDir, 'registry');
  const { db, duck } = platform;
  const publisher = { name: config.siteTitle, url: config.baseUrl };
  const exports = createBulkExportService({ db, duck, root, publisher });
  const imports = createEditionImportService({
    db,
    duck,
    root,
    exports,
    imported: async (edition) => {
      await syncRegistryDataset({
        catalog: deps.catalog,
        baseUrl: config.baseUrl,
        organization: { name: config.registryOrganization, title: 'Registraire des entreprises du Québec' },
        editionDate: edition.publishedOn,
      });
      await platform.jobs.publish(REGISTRY_CHANGED, { edition: edition.publishedOn });
    },
  });
  const service = createRegistryService({ db });
  const persons = createPersonsService({ db });
  const limiter = platform.rateLimiter({
    name: 'registry',
    limit: config.registryRateLimit,
    windowMs: 60_000,
  });
  return {
    name: 'registry',
    services: { imports, exports, service, persons, limiter },
    migrations: registryMigrations,
    routes: restApi(async (api) => {
      await api.register(registryRoutes({ registry: service, exports, limiter }));
      await api.register(
        personsRoutes({
          registry: service,
          persons,
          limiter: platform.rateLimiter({
            name: 'person-search',
            limit: config.personSearchRateLimit,
            windowMs: 3_600_000,
          }),
          publisher,
        }),
      );
    }),
  };
}
