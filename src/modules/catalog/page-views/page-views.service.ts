import type { Db } from '../../../platform/db/index.js';
import type { Actor } from '../../accounts/index.js';
import type { Dataset } from '../catalog.types.js';
import type { DatasetService } from '../datasets/dataset.service.js';
import { visibilityFor } from '../search/visibility.js';
import { createPageViewsRepo } from './page-views.repo.js';

const FLUSH_EVERY_MS = 10_000;

/**
 * Page views of datasets. Views are counted in memory and written in one statement every ten
 * seconds (and at shutdown): a popular page costs no database write per view. A crash loses at
 * most ten seconds of counts, which a "most viewed" list does not notice.
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
    record(datasetId: string): void {
      pending.set(datasetId, (pending.get(datasetId) ?? 0) + 1);
      timer ??= setTimeout(() => void flush().catch(() => undefined), FLUSH_EVERY_MS).unref();
    },

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
