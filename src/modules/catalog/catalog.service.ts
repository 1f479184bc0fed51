import type { BlobStore } from '../../platform/blobs/blob-store.js';
import type { Db } from '../../platform/db/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log.js';
import { createActivityService } from './activity/activity.service.js';
import type { DatasetOrigin } from './catalog.types.js';
import { createDatasetRepo } from './datasets/dataset.repo.js';
import { createDatasetService } from './datasets/dataset.service.js';
import { createOriginsRepo } from './datasets/origins.repo.js';
import { createResourceService } from './datasets/resource.service.js';
import { createGroupService } from './groups/group.service.js';
import { createPageViewsService } from './page-views/page-views.service.js';
import { createSearchService, type SearchResult } from './search/search.service.js';
import { createSearchCache } from './search/search-cache.js';
import { createSearchVersionRepo } from './search/search-version.repo.js';
import { createUploadService } from './uploads/upload.service.js';

/**
 * Published after each committed write to a dataset or its resources, with `{ datasetId }`:
 * other modules react in their own job handlers (the datastore loads new files).
 */
export const DATASET_WRITTEN = 'catalog.dataset-written';

/** The catalog's services, wired together once by its module. */
export function createCatalogService({
  db,
  blobs,
  jobs,
  log,
  searchCacheSize,
  maxUploadBytes,
}: {
  db: Db;
  blobs: BlobStore;
  jobs: Jobs;
  log: Logger;
  searchCacheSize: number;
  /** The largest file a resource may have. */
  maxUploadBytes: number;
}) {
  // The catalogue's version: what cached searches and catalogue-wide figures are kept for.
  const versions = createSearchVersionRepo(db);
  const cache =
    searchCacheSize > 0
      ? createSearchCache<SearchResult>(versions, {
          maxEntries: searchCacheSize,
          ttlMs: 5 * 60_000,
        })
      : null;
  // Every committed write calls this: cached searches of the old catalogue are dropped everywhere,
  // and the write is announced. An announcement that fails must not undo the publisher's change:
  // it is logged.
  const changed = async (datasetId?: string) => {
    await (cache ? cache.invalidate() : versions.bump());
    if (datasetId) {
      await jobs
        .publish(DATASET_WRITTEN, { datasetId })
        .catch((error: unknown) =>
          log.error({ err: error, datasetId }, 'catalog: the write was not announced'),
        );
    }
  };
  const datasets = createDatasetService({ db, blobs, changed });
  const groups = createGroupService({ db, changed });
  const resources = createResourceService({ db, blobs, datasets, changed });
  return {
    datasets,
    resources,
    /** The one way in for a resource's file (REST, CKAN, the portal's form). */
    uploads: createUploadService({ blobs, maxBytes: maxUploadBytes, discard: resources.discardUpload }),
    groups,
    search: createSearchService({ db, datasets, cache, versions }),
    activity: createActivityService({ db, datasets, groups }),
    /** How often each dataset's page is seen ("most viewed"). */
    pageViews: createPageViewsService({ db, datasets }),
    /**
     * Where harvested datasets come from (written by the harvest module): an origin makes the
     * dataset's harvested fields read-only except to its authoritative source.
     */
    origins: {
      /** Records a source that reaches the dataset without writing it (a duplicate merged). */
      async put(datasetId: string, origin: Omit<DatasetOrigin, 'harvestedAt'>): Promise<void> {
        await db.transaction((tx) => createOriginsRepo(tx).put(datasetId, origin));
        await changed();
      },
      /** Detaches a source; returns how many origins the dataset keeps. */
      async remove(datasetId: string, sourceId: string): Promise<number> {
        const left = await db.transaction((tx) => createOriginsRepo(tx).remove(datasetId, sourceId));
        await changed();
        return left;
      },
      findDuplicate: createOriginsRepo(db).findDuplicate,
    },
    /**
     * Keeps the score the quality module computed for a dataset (0–100), for search to sort and
     * facet by. Not a change to the dataset: nothing is announced, no date moves; cached searches
     * are dropped when the score changed.
     */
    async setQualityScore(datasetId: string, score: number | null): Promise<void> {
      if (score !== null && !(Number.isInteger(score) && score >= 0 && score <= 100))
        throw new RangeError(`a quality score is an integer from 0 to 100 (got ${score})`);
      const changedScore = await createDatasetRepo(db).setQualityScore(datasetId, score);
      if (changedScore) await (cache ? cache.invalidate() : versions.bump());
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
