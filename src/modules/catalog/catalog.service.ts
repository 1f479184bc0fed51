import type { BlobStore } from '../../platform/blobs/blob-store.js';
import type { Db } from '../../platform/db/index.js';
import { createActivityService } from './activity/activity.service.js';
import { createDatasetService } from './datasets/dataset.service.js';
import { createResourceService } from './datasets/resource.service.js';
import { createGroupService } from './groups/group.service.js';
import { createSearchService, type SearchResult } from './search/search.service.js';
import { createSearchCache } from './search/search-cache.js';
import { createSearchVersionRepo } from './search/search-version.repo.js';
import { createViewsService } from './views/views.service.js';

/** The catalog's services, wired together once by the composition root. */
export function createCatalogService({
  db,
  blobs,
  searchCacheSize,
  datasetWritten,
}: {
  db: Db;
  blobs: BlobStore;
  searchCacheSize: number;
  /** Told after each committed write to a dataset or its resources (the datastore loads new files). */
  datasetWritten?: (datasetId: string) => Promise<void>;
}) {
  const cache =
    searchCacheSize > 0
      ? createSearchCache<SearchResult>(createSearchVersionRepo(db), {
          maxEntries: searchCacheSize,
          ttlMs: 5 * 60_000,
        })
      : null;
  // Every committed write calls this: cached searches of the old catalogue are dropped everywhere.
  const changed = async (datasetId?: string) => {
    if (cache) await cache.invalidate();
    if (datasetId && datasetWritten) await datasetWritten(datasetId);
  };
  const datasets = createDatasetService({ db, blobs, changed });
  const groups = createGroupService({ db, changed });
  return {
    datasets,
    resources: createResourceService({ db, blobs, datasets, changed }),
    groups,
    search: createSearchService({ db, datasets, cache }),
    activity: createActivityService({ db, datasets, groups }),
    views: createViewsService({ db, datasets }),
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
