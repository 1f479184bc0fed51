import { randomUUID } from 'node:crypto';
import type { Logger } from '../../platform/log.js';
import { SYSTEM } from '../accounts/index.js';
import type { CatalogService, Dataset } from '../catalog/index.js';
import { checkLink } from './link-check.js';
import type { QualityRepo } from './quality.repo.js';
import type { QualityService } from './quality.service.js';

interface Target {
  resourceId: string;
  datasetId: string;
  url: string;
}

/** Runs `work` on every item, at most `concurrency` at once, until `stopped` says to stop. */
async function inPool<T>(
  items: readonly T[],
  concurrency: number,
  stopped: () => boolean,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * The link checker: every link resource (a URL, not an uploaded file, nor the portal's own
 * address) asked for its status, type and size through the server-side request guard, bounded in
 * time and in number at once; each finding kept, a failure with the date it was first seen.
 */
export function createLinkChecker(deps: {
  repo: QualityRepo;
  catalog: CatalogService;
  quality: QualityService;
  baseUrl: string;
  timeoutMs: number;
  concurrency: number;
  allowLoopback: boolean;
  log: Logger;
}) {
  let stopping = false;

  function targetsOf(dataset: Dataset): Target[] {
    return dataset.resources.flatMap((resource) =>
      resource.state === 'active' &&
      !resource.upload &&
      resource.url &&
      !resource.url.startsWith(`${deps.baseUrl}/`)
        ? [{ resourceId: resource.id, datasetId: dataset.id, url: resource.url }]
        : [],
    );
  }

  /** Checks the targets and keeps each finding; how many failed. */
  async function check(targets: readonly Target[]): Promise<number> {
    let failed = 0;
    await inPool(
      targets,
      deps.concurrency,
      () => stopping,
      async (target) => {
        const checkedAt = new Date();
        const result = await checkLink(target.url, {
          timeoutMs: deps.timeoutMs,
          allowLoopback: deps.allowLoopback,
        });
        if (!result.ok) failed++;
        await deps.repo.saveCheck({ ...target, ...result, checkedAt });
      },
    );
    return failed;
  }

  return {
    /**
     * Every link of every dataset, then every dataset's score again (links found dead, and the
     * frequencies' deadlines that passed). Checks of links no longer there are dropped.
     */
    async checkAll(): Promise<{ checked: number; failed: number }> {
      const run = randomUUID();
      const started = new Date();
      await deps.repo.startRun(run);
      const targets: Target[] = [];
      for await (const page of deps.quality.allDatasets()) targets.push(...page.flatMap(targetsOf));
      const failed = await check(targets);
      if (stopping) return { checked: 0, failed: 0 };
      await deps.repo.removeChecksBefore(started);
      await deps.repo.finishRun(run, { checked: targets.length, failed });
      deps.log.info({ checked: targets.length, failed }, 'quality: links checked');
      await deps.quality.recomputeAll();
      return { checked: targets.length, failed };
    },

    /** A dataset's links (only those never checked at their current URL, with `onlyNew`), then its score. */
    async checkDataset(datasetId: string, options: { onlyNew?: boolean } = {}): Promise<number> {
      const dataset = await deps.catalog.datasets.get(SYSTEM, datasetId).catch(() => null);
      if (!dataset) return 0;
      let targets = targetsOf(dataset);
      if (options.onlyNew) {
        const known = new Map((await deps.repo.checks(dataset.id)).map((c) => [c.resourceId, c.url]));
        targets = targets.filter((target) => known.get(target.resourceId) !== target.url);
      }
      if (targets.length === 0) return 0;
      await check(targets);
      await deps.quality.recompute(dataset.id);
      return targets.length;
    },

    /** Whether some link of the dataset was never checked at its current URL. */
    async hasNewLinks(dataset: Dataset): Promise<boolean> {
      const targets = targetsOf(dataset);
      if (targets.length === 0) return false;
      const known = new Map((await deps.repo.checks(dataset.id)).map((c) => [c.resourceId, c.url]));
      return targets.some((target) => known.get(target.resourceId) !== target.url);
    },

    /** Stops a run under way after the links being checked (the next run checks them all again). */
    stop() {
      stopping = true;
    },
  };
}

export type LinkChecker = ReturnType<typeof createLinkChecker>;
