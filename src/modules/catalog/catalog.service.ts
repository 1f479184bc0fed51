import type { BlobStore } from '../../platform/blobs/blob-store.js';
import type { Db } from '../../platform/db/index.js';
import { createActivityService } from './activity/activity.service.js';
import { createDatasetService } from './datasets/dataset.service.js';
import { createResourceService } from './datasets/resource.service.js';
import { createGroupService } from './groups/group.service.js';
import { createSearchService } from './search/search.service.js';

/** The catalog's services, wired together once by the composition root. */
export function createCatalogService({ db, blobs }: { db: Db; blobs: BlobStore }) {
  const datasets = createDatasetService({ db, blobs });
  const groups = createGroupService({ db });
  return {
    datasets,
    resources: createResourceService({ db, blobs, datasets }),
    groups,
    search: createSearchService({ db, datasets }),
    activity: createActivityService({ db, datasets, groups }),
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
