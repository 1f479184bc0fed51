import type { Config } from '../../config.js';
import type { Module, Platform } from '../../platform/module.js';
import { restApi } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import { procurementRoutes } from './api/procurement.routes.js';
import { procurementMigrations } from './migrations.js';
import { createProcurementService, type ProcurementService } from './procurement.service.js';

/** Announced after an import added releases (followers of tenders are told by the community module). */
export const RELEASES_PUBLISHED = 'procurement.releases-published';

/** Public procurement in OCDS 1.1.5: imports, records, packages, tenders; its API under /api/v1. */
export function createProcurementModule(
  platform: Platform,
  config: Config,
  deps: { catalog: CatalogService },
): Module<ProcurementService> {
  const procurement = createProcurementService({
    db: platform.db,
    baseUrl: config.baseUrl,
    ocidPrefix: config.ocdsOcidPrefix,
    publisherName: config.siteTitle,
    catalog: deps.catalog,
    organizationName: config.procurementOrganization,
    announce: () => platform.jobs.publish(RELEASES_PUBLISHED, {}),
  });
  return {
    name: 'procurement',
    services: procurement,
    migrations: procurementMigrations,
    routes: restApi(procurementRoutes({ procurement })),
  };
}
