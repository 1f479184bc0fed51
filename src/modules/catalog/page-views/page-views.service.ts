import type { Db } from '../../../platform/db/index.js';
import type { Actor } from '../../accounts/index.js';
import type { Dataset } from '../catalog.types.js';
import type { DatasetService } from '../datasets/dataset.service.js';
import { visibilityFor } from '../search/visibility.js';
import { createPageViewsRepo, type UsageKind, type UsageMonth } from './page-views.repo.js';

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
  let pending = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const counts = pending;
    pending = new Map();
    await repo.add(counts);
  }

  return {
    /** One more view of the dataset's page. */
    record(datasetId: string): void {
      this.count('view', datasetId);
    },

    /** One more use of a dataset (a view, a download of a file or of data, an API read). */
    count(kind: UsageKind, datasetId: string): void {
      const key = `${datasetId} ${kind} ${new Date().toISOString().slice(0, 7)}-01`;
      pending.set(key, (pending.get(key) ?? 0) + 1);
      timer ??= setTimeout(() => void flush().catch(() => undefined), FLUSH_EVERY_MS).unref();
    },

    /** The dataset's use over the last twelve months, the latest first (public figures). */
    usage: (datasetId: string): Promise<UsageMonth[]> => repo.usage(datasetId, USAGE_MONTHS),

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

export type PageViewsService = ReturnType<typeof createPageViewsService>;
