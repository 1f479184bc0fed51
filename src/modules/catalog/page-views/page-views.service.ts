import type { Db } from '../../../platform/db/index.js';
import type { Actor } from '../../accounts/index.js';
import type { Dataset } from '../catalog.types.js';
import type { DatasetService } from '../datasets/dataset.service.js';
import { visibilityFor } from '../search/visibility.js';
import {
  createPageViewsRepo,
  type ResourceUsage,
  type UsageKind,
  type UsageMonth,
} from './page-views.repo.js';

const FLUSH_EVERY_MS = 10_000;

/** Months of use a dataset's page shows. */
const USAGE_MONTHS = 12;

/**
 * The use of datasets: page views, downloads and API reads, by month. Events are counted in
 * memory and written in one statement every ten seconds (and at shutdown): a popular page costs
 * no database write per view. A crash loses at most ten seconds of counts. Nothing about who
 * caused an event is kept (no address, no cookie): callers leave robots out (isRobot).
 */
export function createPageViewsService(deps: { db: Db; datasets: DatasetService }) {
  const repo = createPageViewsRepo(deps.db);
  let pending = { datasets: new Map<string, number>(), resources: new Map<string, number>() };
  let timer: NodeJS.Timeout | null = null;

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const counts = pending;
    pending = { datasets: new Map(), resources: new Map() };
    await repo.add(counts.datasets, counts.resources);
  }

  function schedule(): void {
    timer ??= setTimeout(() => void flush().catch(() => undefined), FLUSH_EVERY_MS).unref();
  }

  return {
    /** One more view of the dataset's page. */
    record(datasetId: string): void {
      this.count('view', datasetId);
    },

    /**
     * One more use of a dataset (a view, a download of a file or of data, an API read), and of
     * its resource when the use is of one.
     */
    count(kind: UsageKind, datasetId: string, resourceId?: string): void {
      const month = `${new Date().toISOString().slice(0, 7)}-01`;
      increment(pending.datasets, `${datasetId} ${kind} ${month}`);
      if (resourceId) increment(pending.resources, `${resourceId} ${kind} ${month}`);
      schedule();
    },

    /** One more view of a resource's page (it is not a view of its dataset's page). */
    recordResource(resourceId: string): void {
      const month = `${new Date().toISOString().slice(0, 7)}-01`;
      increment(pending.resources, `${resourceId} view ${month}`);
      schedule();
    },

    /** The dataset's use over the last twelve months, the latest first (public figures). */
    usage: (datasetId: string): Promise<UsageMonth[]> => repo.usage('dataset', datasetId, USAGE_MONTHS),

    /** A resource's use over the last twelve months, the latest first. */
    resourceUsage: (resourceId: string): Promise<UsageMonth[]> =>
      repo.usage('resource', resourceId, USAGE_MONTHS),

    /** Each of the dataset's resources' use over the last twelve months, in the dataset's order. */
    byResource: (datasetId: string): Promise<ResourceUsage[]> => repo.byResource(datasetId, USAGE_MONTHS),

    /** Writes the counts gathered so far. */
    flush,

    /** The most viewed datasets among those the actor may see (public, active ones for lists). */
    async mostViewed(actor: Actor, limit: number): Promise<Dataset[]> {
      const visibility = visibilityFor(actor, {
        includePrivate: false,
        includeDrafts: false,
        includeDeleted: false,
      });
      return deps.datasets.loadMany(await repo.mostViewed(visibility, limit));
    },
  };
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export type PageViewsService = ReturnType<typeof createPageViewsService>;
