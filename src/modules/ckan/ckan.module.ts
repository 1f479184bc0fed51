import type { Config } from '../../config.js';
import type { Module, Platform } from '../../platform/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { DatastoreServices } from '../datastore/index.js';
import { ckanRoutes } from './ckan.routes.js';

/** The CKAN Action API v3 facade at /api/3/action/… (and /api/action/…); no services, no tables. */
export function createCkanModule(
  _platform: Platform,
  config: Config,
  deps: { accounts: AccountsService; catalog: CatalogService; datastore: DatastoreServices },
): Module<null> {
  return {
    name: 'ckan',
    services: null,
    routes: ckanRoutes({
      catalog: deps.catalog,
      accounts: deps.accounts,
      datastore: deps.datastore.tables,
      views: deps.datastore.savedViews,
      writes: deps.datastore.writes,
      config,
      baseUrl: config.baseUrl,
    }),
  };
}
