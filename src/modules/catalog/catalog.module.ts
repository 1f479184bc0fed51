import type { Config } from '../../config.js';
import type { Module, Platform } from '../../platform/module.js';
import { type AccountsService, restApi } from '../accounts/index.js';
import { catalogApiRoutes, catalogPublicRoutes } from './catalog.routes.js';
import { type CatalogService, createCatalogService } from './catalog.service.js';
import { catalogMigrations } from './migrations.js';

/**
 * The catalog: organisations, themes, datasets and resources, their search, activity and DCAT.
 * Its REST API is under /api/v1; CKAN's download URLs and the DCAT documents at the root.
 */
export function createCatalogModule(
  platform: Platform,
  config: Config,
  deps: { accounts: AccountsService },
): Module<CatalogService> {
  const catalog = createCatalogService({
    db: platform.db,
    blobs: platform.blobs,
    jobs: platform.jobs,
    log: platform.log,
    searchCacheSize: config.searchCacheSize,
    maxUploadBytes: config.maxUploadBytes,
  });
  const routeDeps = {
    catalog,
    accounts: deps.accounts,
    blobs: platform.blobs,
    baseUrl: config.baseUrl,
    maxUploadBytes: config.maxUploadBytes,
    site: { baseUrl: config.baseUrl, title: config.siteTitle, description: config.siteDescription },
  };
  return {
    name: 'catalog',
    services: catalog,
    migrations: catalogMigrations,
    routes: async (app) => {
      await app.register(restApi(catalogApiRoutes(routeDeps)));
      await app.register(catalogPublicRoutes(routeDeps));
    },
    // Page views are counted in memory and written every few seconds: the last ones now; the
    // search cache stops listening for the catalogue's version.
    close: async () => {
      await catalog.pageViews.flush();
      await catalog.search.close();
    },
  };
}
