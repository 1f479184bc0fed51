import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { BlobStore } from '../../platform/blobs/blob-store.js';
import type { AccountsService } from '../accounts/index.js';
import { datasetRoutes } from './api/datasets.routes.js';
import { dcatRoutes } from './api/dcat.routes.js';
import { groupRoutes, memberRoutes } from './api/groups.routes.js';
import { resourceVersionRoutes } from './api/resource-versions.routes.js';
import { ckanDownloadRoute, resourceRoutes } from './api/resources.routes.js';
import { vocabularyRoutes } from './api/vocabularies.routes.js';
import type { CatalogService } from './catalog.service.js';
import type { SiteDescription } from './rdf/catalog.present.js';

export interface CatalogRouteDeps {
  catalog: CatalogService;
  accounts: AccountsService;
  blobs: BlobStore;
  baseUrl: string;
  maxUploadBytes: number;
  site: SiteDescription;
}

/** The catalog's REST API, mounted under /api/v1. */
export function catalogApiRoutes(deps: CatalogRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(datasetRoutes(deps));
    await app.register(resourceRoutes(deps));
    await app.register(resourceVersionRoutes(deps));
    await app.register(groupRoutes('organization', deps));
    await app.register(groupRoutes('group', deps));
    await app.register(memberRoutes(deps));
    await app.register(vocabularyRoutes(deps));
  };
}

/** URLs outside /api/v1 that CKAN and ckanext-dcat clients know: downloads, DCAT, the catalogue. */
export function catalogPublicRoutes(deps: CatalogRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(ckanDownloadRoute(deps));
    await app.register(dcatRoutes(deps));
  };
}
