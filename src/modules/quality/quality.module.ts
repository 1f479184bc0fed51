import type { Config } from '../../config.js';
import type { Module, Platform } from '../../platform/module.js';
import { restApi, SYSTEM } from '../accounts/index.js';
import { type CatalogService, DATASET_WRITTEN } from '../catalog/index.js';
import { type DatastoreServices, DICTIONARY_CHANGED, TABLE_LOADED } from '../datastore/index.js';
import { RESOURCE_VALIDATED, type SchemasServices } from '../schemas/index.js';
import { qualityRoutes } from './api/quality.routes.js';
import { createLinkChecker, type LinkChecker } from './link-check.service.js';
import { qualityMigrations } from './migrations.js';
import { createQualityRepo } from './quality.repo.js';
import { createQualityService, type QualityService, RECOMPUTE_QUEUE } from './quality.service.js';

export interface QualityServices {
  /** Scores: computed, explained, per organisation. */
  scores: QualityService;
  /** The link checker (its runs, or one dataset's links). */
  links: LinkChecker;
}

const WRITTEN_QUEUE = 'quality.dataset-written';
const LOADED_QUEUE = 'quality.table-loaded';
const DICTIONARY_QUEUE = 'quality.dictionary-changed';
const VALIDATED_QUEUE = 'quality.resource-validated';
const LINKS_QUEUE = 'quality.link-check';
const DATASET_LINKS_QUEUE = 'quality.dataset-links';

/**
 * The metadata quality score of each dataset, explained criterion by criterion, and the link
 * checker (decision 0025, docs/quality.md). Scores are computed again after every write the
 * catalog announces, every table loaded, every dictionary saved and every run of the link checker.
 */
export function createQualityModule(
  platform: Platform,
  config: Config,
  deps: { catalog: CatalogService; datastore: DatastoreServices; schemas: SchemasServices },
): Module<QualityServices> {
  const repo = createQualityRepo(platform.db);
  const scores = createQualityService({
    repo,
    jobs: platform.jobs,
    catalog: deps.catalog,
    datastore: deps.datastore.tables,
    schemas: deps.schemas,
    baseUrl: config.baseUrl,
  });
  const links = createLinkChecker({
    repo,
    catalog: deps.catalog,
    quality: scores,
    baseUrl: config.baseUrl,
    timeoutMs: config.linkCheck.timeoutSeconds * 1000,
    concurrency: config.linkCheck.concurrency,
    allowLoopback: config.fetchAllowLoopback,
    log: platform.log,
  });
  const every = config.linkCheck.hours * 3600 * 1000;
  let timer: NodeJS.Timeout | null = null;
  let closing = false;
  let sweeping: Promise<void> = Promise.resolve();

  /** One run per period, whichever process queues it first. */
  const queueRun = () => {
    const at = Math.floor(Date.now() / every) * every;
    return platform.jobs.send(LINKS_QUEUE, { at }, { key: `links:${at}`, retryLimit: 0 });
  };

  /** The dataset of a resource, or null when the resource is gone. */
  const datasetOf = async (resourceId: string) =>
    (await deps.catalog.resources.get(SYSTEM, resourceId).catch(() => null))?.dataset.id ?? null;

  return {
    name: 'quality',
    services: { scores, links },
    migrations: qualityMigrations,
    routes: restApi(qualityRoutes({ quality: scores })),
    jobs: {
      [WRITTEN_QUEUE]: {
        events: [DATASET_WRITTEN],
        handler: async (data: { datasetId: string }) => {
          await scores.recompute(data.datasetId);
          // New links are checked at once when the link checker runs by itself.
          if (every === 0) return;
          const dataset = await deps.catalog.datasets.get(SYSTEM, data.datasetId).catch(() => null);
          if (dataset && (await links.hasNewLinks(dataset)))
            await platform.jobs.send(DATASET_LINKS_QUEUE, { datasetId: dataset.id }, { key: dataset.id });
        },
      },
      [LOADED_QUEUE]: {
        events: [TABLE_LOADED],
        handler: async (data: { resourceId: string }) => {
          const datasetId = await datasetOf(data.resourceId);
          if (datasetId) await scores.recompute(datasetId);
        },
      },
      [DICTIONARY_QUEUE]: {
        events: [DICTIONARY_CHANGED],
        handler: async (data: { resourceId: string }) => {
          const datasetId = await datasetOf(data.resourceId);
          if (datasetId) await scores.recompute(datasetId);
        },
      },
      [RECOMPUTE_QUEUE]: {
        handler: (data: { datasetId: string }) => scores.recompute(data.datasetId),
      },
      // A declared schema's report is one of the criteria: recomputed once the report is in.
      [VALIDATED_QUEUE]: {
        events: [RESOURCE_VALIDATED],
        handler: (data: { datasetId: string }) => scores.recompute(data.datasetId),
      },
      [DATASET_LINKS_QUEUE]: {
        handler: async (data: { datasetId: string }) => {
          await links.checkDataset(data.datasetId, { onlyNew: true });
        },
      },
      [LINKS_QUEUE]: {
        handler: async () => {
          // Another process's run of this period may have been worked already.
          const last = await repo.lastRunStart();
          if (last && Date.now() - last.getTime() < every / 2) return;
          await links.checkAll();
        },
      },
    },
    async start() {
      // In the background: a large catalogue must not hold up the start.
      sweeping = scores
        .sweep(() => closing)
        .then(() => undefined)
        .catch((error: unknown) => platform.log.warn({ err: error }, 'quality: sweep failed'));
      if (every === 0) return;
      const last = await repo.lastRunStart();
      if (!last || Date.now() - last.getTime() >= every) await queueRun();
      timer = setInterval(() => {
        queueRun().catch((error) => platform.log.warn({ err: error }, 'quality: link check not queued'));
      }, every);
      timer.unref();
    },
    async close() {
      closing = true;
      if (timer) clearInterval(timer);
      links.stop();
      await sweeping;
    },
  };
}
