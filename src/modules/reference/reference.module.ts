import path from 'node:path';
import type { Config } from '../../config.js';
import { localFile } from '../../platform/blobs/s3-blob-store.js';
import type { Module, Platform } from '../../platform/module.js';
import { ANONYMOUS, restApi } from '../accounts/index.js';
import { type CatalogService, datasetIri } from '../catalog/index.js';
import type { RegistryServices } from '../registry/index.js';
import { referenceRoutes } from './api/reference.routes.js';
import { enterprisesSet } from './enterprises-set.js';
import { referenceMigrations } from './migrations.js';
import { createProbeService, type ProbeService } from './probe.service.js';
import { createPublishService, type PublishService, REFERENCE_VERSION_PUBLISHED } from './publish.service.js';
import { createReferenceService, type ReferenceService } from './reference.service.js';
import type { Version } from './reference.types.js';
import { referenceDatasetName, syncReferenceDataset } from './reference-datasets.js';
import { findSet } from './sets.js';

export interface ReferenceServices {
  reference: ReferenceService;
  publishing: PublishService;
  probes: ProbeService;
  /** What other data is checked against: a set's current version and its periods as a local Parquet file. */
  checkSource(set: string): Promise<CheckSource | null>;
}

export interface CheckSource {
  version: Version;
  /** Every period known in the version (code, name, valid_from, valid_to, successors…). */
  file: string;
  /** Codes are this many digits (numbers read from a file are padded back). */
  width: number | null;
}

const PROBE_QUEUE = 'reference.probe';
const CATALOG_QUEUE = 'reference.catalog';

/** Reference data: sets of official codes, versions, lookups, commitments measured (decision 0023). */
export function createReferenceModule(
  platform: Platform,
  config: Config,
  deps: { catalog: CatalogService; registry: RegistryServices },
): Module<ReferenceServices> {
  const reference = createReferenceService({
    db: platform.db,
    external: { entreprises: enterprisesSet(deps.registry.service) },
  });
  const publishing = createPublishService({
    db: platform.db,
    blobs: platform.blobs,
    duck: platform.duck,
    jobs: platform.jobs,
    baseUrl: config.baseUrl,
    index: reference.index,
    invalidate: reference.invalidate,
  });
  const probes = createProbeService({ db: platform.db, reference, url: config.referenceProbe.url });
  let timer: NodeJS.Timeout | null = null;

  async function checkSource(setId: string): Promise<CheckSource | null> {
    const set = findSet(setId);
    if (!set || set.external) return null;
    const [current] = await reference.versions(set.id);
    if (!current) return null;
    const parquet = (await publishing.ensureFiles(set, current))['entities.parquet'];
    // A copy kept locally when the files are in object storage (DuckDB opens files).
    const file = parquet
      ? await localFile(platform.blobs, parquet.sha256, path.join(platform.dataDir, 'cache', 'blobs'))
      : null;
    return file ? { version: current, file, width: set.scheme.width } : null;
  }

  return {
    name: 'reference',
    services: { reference, publishing, probes, checkSource },
    migrations: referenceMigrations,
    routes: restApi(
      referenceRoutes({
        reference,
        publishing,
        probes,
        blobs: platform.blobs,
        baseUrl: config.baseUrl,
        externalLimiter: deps.registry.limiter,
        datasetIri: async (set) => {
          const dataset = await deps.catalog.datasets
            .get(ANONYMOUS, referenceDatasetName(set))
            .catch(() => null);
          return dataset ? datasetIri(config.baseUrl, dataset) : null;
        },
      }),
    ),
    jobs: {
      [PROBE_QUEUE]: {
        handler: async (data: { at: number }) => probes.probe(data.at),
      },
      [CATALOG_QUEUE]: {
        events: [REFERENCE_VERSION_PUBLISHED],
        handler: async (data: { set: string; version: string }) => {
          const set = findSet(data.set);
          const [current] = await reference.versions(data.set);
          // A later version may have been published since: the catalog follows the latest.
          if (set && current)
            await syncReferenceDataset({
              catalog: deps.catalog,
              baseUrl: config.baseUrl,
              set,
              version: current,
            });
        },
      },
    },
    async start() {
      const every = config.referenceProbe.seconds * 1000;
      if (every === 0) return;
      // One probe job per period, whichever process queues it first (the key), then one sample
      // per set and minute (the table's key).
      timer = setInterval(() => {
        const at = Math.floor(Date.now() / every) * every;
        platform.jobs
          .send(PROBE_QUEUE, { at }, { key: `probe:${at}`, retryLimit: 0 })
          .catch((error) => platform.log.warn({ err: error }, 'reference probe not queued'));
      }, every);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
    },
  };
}
