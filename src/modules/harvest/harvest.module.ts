import type { Config } from '../../config.js';
import type { Module, Platform } from '../../platform/module.js';
import { type AccountsService, restApi } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import { type DatastoreServices, TABLE_LOADED } from '../datastore/index.js';
import { harvestRoutes } from './api/harvest.routes.js';
import { createHarvestRepo } from './harvest.repo.js';
import { createHarvestServices } from './harvest.service.js';
import { migrateCkan } from './migrate/ckan-migrate.js';
import { createMigratedRepo } from './migrate/migrated.repo.js';
import type { MigrationReport } from './migrate/migration.types.js';
import { savePendingViews } from './migrate/views.js';
import { harvestMigrations } from './migrations.js';
import { createRunService, RUN_QUEUE } from './run.service.js';
import { createSourceService, nextRun } from './sources.service.js';

/** What the API, the pages and the command line call. */
export type HarvestServices = ReturnType<typeof createHarvestServices> & {
  migrateCkan(options: { url: string; apiKey: string | null }): Promise<MigrationReport>;
};

const TICK_MS = 30_000;
/** After each load: the charts and maps a migration brought for that table are saved. */
const VIEWS_QUEUE = 'harvest.migrated-views';

/**
 * Harvesting partners' catalogues (issue 19, decision 0027): sources of four kinds, runs as
 * durable resumable jobs, a dry run, reports, duplicates merged, withdrawal only after a complete
 * run. The catalogue keeps each harvested dataset's origins and guards its harvested fields.
 */
export function createHarvestModule(
  platform: Platform,
  config: Config,
  deps: { accounts: AccountsService; catalog: CatalogService; datastore: DatastoreServices },
): Module<HarvestServices> {
  const repo = createHarvestRepo(platform.db);
  const migrated = createMigratedRepo(platform.db);
  const views = { savedViews: deps.datastore.savedViews, tables: deps.datastore.tables };
  const fetchGuard = { allowLoopback: config.fetchAllowLoopback, allowHosts: config.harvest.allowHosts };
  const sources = createSourceService({ repo, catalog: deps.catalog, fetchGuard });
  const runs = createRunService({
    repo,
    catalog: deps.catalog,
    jobs: platform.jobs,
    log: platform.log,
    limits: {
      ...fetchGuard,
      timeoutMs: config.harvest.timeoutSeconds * 1000,
      maxBytes: config.harvest.maxResponseBytes,
    },
  });

  const services = {
    ...createHarvestServices({ repo, sources, runs, catalog: deps.catalog }),
    /** `quai ckan migrate`: a whole CKAN portal brought over (the command line; sysadmins only). */
    migrateCkan: (options: { url: string; apiKey: string | null }) =>
      migrateCkan(
        {
          catalog: deps.catalog,
          accounts: deps.accounts,
          views,
          migrated,
          limits: {
            ...fetchGuard,
            timeoutMs: config.harvest.timeoutSeconds * 1000,
            maxBytes: config.harvest.maxResponseBytes,
          },
        },
        options,
      ),
  };

  let timer: NodeJS.Timeout | null = null;
  /** Scheduled sources whose time has come get a run; runs left behind are resumed. */
  const tick = async () => {
    for (const source of await repo.dueSources()) {
      await repo.setNextRun(source.id, nextRun(source.schedule));
      await runs.start(source, { dryRun: false, requestedBy: null });
    }
    await runs.resumeAbandoned();
  };

  return {
    name: 'harvest',
    services,
    migrations: harvestMigrations,
    routes: restApi(harvestRoutes({ harvest: services })),
    jobs: {
      [RUN_QUEUE]: {
        concurrency: 2,
        handler: (data: { runId: string }) => runs.execute(data.runId),
      },
      [VIEWS_QUEUE]: {
        events: [TABLE_LOADED],
        handler: async (data: { resourceId: string }) => {
          await savePendingViews(
            { migrated, views, warn: (message) => platform.log.warn(message) },
            data.resourceId,
          );
        },
      },
    },
    async start() {
      await tick().catch((error: unknown) => platform.log.warn({ err: error }, 'harvest: tick failed'));
      timer = setInterval(() => {
        tick().catch((error: unknown) => platform.log.warn({ err: error }, 'harvest: tick failed'));
      }, TICK_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      await runs.stop();
    },
  };
}
