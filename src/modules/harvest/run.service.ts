import { randomUUID } from 'node:crypto';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log.js';
import { SYSTEM } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import { applyItem } from './apply.js';
import { createFetcher, type FetchLimits, type FetchText, SourceError } from './fetch.js';
import type { HarvestRepo } from './harvest.repo.js';
import type { HarvestSource, SourceKind } from './harvest.types.js';
import { ckanReader } from './readers/ckan.js';
import { dcatReader } from './readers/dcat.js';
import { dcatUsReader } from './readers/dcat-us.js';
import { opendatasoftReader } from './readers/opendatasoft.js';
import type { Reader, ReaderContext } from './readers/reader.js';
import { themeIndex } from './themes.js';

export const RUN_QUEUE = 'harvest.run';
/** How long a worker holds a run between two signs of life. */
const LEASE_SECONDS = 120;
const BATCH = 50;

const READERS: Record<SourceKind, (ctx: ReaderContext) => Reader> = {
  ckan: ckanReader,
  dcat: dcatReader,
  'dcat-us': dcatUsReader,
  opendatasoft: opendatasoftReader,
};

/**
 * Harvest runs as durable jobs: a run first reads the whole source, page by page, keeping what it
 * found and where the next page starts (a run resumes there after a stop or a crash); only a
 * complete read is applied, then what disappeared upstream is withdrawn. A source that fails,
 * answers nothing or answers garbage changes nothing (decision 0027).
 */
export function createRunService(deps: {
  repo: HarvestRepo;
  catalog: CatalogService;
  jobs: Jobs;
  log: Logger;
  limits: FetchLimits;
}) {
  const { repo, catalog, jobs, log } = deps;
  const active = new Map<string, { controller: AbortController; done: Promise<void> }>();

  /** A new run of the source; queued for a worker unless `here` (the caller works it itself). */
  async function start(
    source: HarvestSource,
    options: { dryRun: boolean; requestedBy: string | null; here?: boolean },
  ) {
    const id = randomUUID();
    if (
      !(await repo.insertRun({
        id,
        sourceId: source.id,
        dryRun: options.dryRun,
        requestedBy: options.requestedBy,
      }))
    )
      return { id: (await repo.activeRun(source.id))?.id ?? null, started: false };
    await repo.setRunSince(id, source.since);
    if (!options.here) await jobs.send(RUN_QUEUE, { runId: id }, { key: id, retryLimit: 0 });
    return { id, started: true };
  }

  /** Works a run; `fetch` replaces the network with recorded answers (the demo's partner). */
  async function execute(runId: string, options: { fetch?: FetchText } = {}): Promise<void> {
    if (!(await repo.lease(runId, LEASE_SECONDS))) return;
    const controller = new AbortController();
    const done = work(runId, controller.signal, options.fetch).then(
      () => undefined,
      async (error: unknown) => {
        if (controller.signal.aborted) {
          // Stopping: the run stays where it is and resumes on the next start.
          await repo.release(runId);
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        if (!(error instanceof SourceError)) log.error({ err: error, runId }, 'harvest: run failed');
        await repo.finishRun(runId, 'failed', message.slice(0, 2000));
      },
    );
    active.set(runId, { controller, done });
    try {
      await done;
    } finally {
      active.delete(runId);
    }
  }

  async function work(runId: string, signal: AbortSignal, recorded?: FetchText): Promise<void> {
    let run = await repo.findRun(runId);
    const source = run ? await repo.findSource(run.sourceId) : null;
    if (!run || !source) return;
    let requests = run.requests;
    const live = createFetcher(deps.limits, () => requests++, signal);
    const fetch: FetchText = recorded
      ? (url, accept) => {
          requests++;
          return recorded(url, accept);
        }
      : live;
    try {
      await readAndApply();
    } finally {
      // The requests made are reported, a failed run's too.
      await repo.setRequests(runId, requests);
    }

    async function readAndApply(): Promise<void> {
      if (!run || !source) return;
      const reader = READERS[source.kind]({ source, since: run.since, fetch });
      while (run.phase === 'fetching') {
        signal.throwIfAborted();
        const page = await reader.page(run.cursor);
        await repo.stagePage(runId, page.entries, { next: page.next, total: page.total, requests });
        await repo.renew(runId, LEASE_SECONDS);
        run = (await repo.findRun(runId)) ?? run;
      }
      const themes = await themeIndex(catalog);
      const applyDeps = {
        repo,
        catalog,
        source,
        reader,
        runId,
        dryRun: run.dryRun,
        themes,
        limits: deps.limits,
      };
      if (run.phase === 'applying') {
        if (!run.dryRun) await repo.settleUnchanged(runId, source.id);
        for (;;) {
          const items = await repo.pendingItems(runId, BATCH);
          if (items.length === 0) break;
          for (const item of items) {
            signal.throwIfAborted();
            const outcome = await applyItem(applyDeps, item).catch((error: unknown) => {
              if (signal.aborted) throw error;
              return { action: 'error' as const, reason: describe(error), datasetId: null };
            });
            await repo.settleItem(runId, item.upstreamId, outcome);
          }
          await repo.renew(runId, LEASE_SECONDS);
          await repo.setRequests(runId, requests);
        }
        await repo.setPhase(runId, 'withdrawing');
      }
      await repo.setRequests(runId, requests);
      if ((await repo.itemCount(runId)) === 0)
        throw new SourceError(`${source.url} listed no datasets: nothing was withdrawn`);
      for (const missing of await repo.missingRecords(source.id, runId)) {
        signal.throwIfAborted();
        let reason = 'no longer listed upstream (confirmed by this complete run)';
        if (!run.dryRun) {
          const left = await catalog.origins.remove(missing.datasetId, source.id);
          // Withdrawn (restorable) once no source reaches it any more.
          if (left === 0) await catalog.datasets.delete(SYSTEM, missing.datasetId).catch(() => undefined);
          else reason += '; the dataset stays: another source still reaches it';
          await repo.markWithdrawn(missing.id);
        }
        await repo.addWithdrawn(runId, missing.upstreamId, missing.datasetId, reason);
      }
      if (!run.dryRun) await repo.setSince(source.id, (await repo.maxModified(runId)) ?? source.since);
      await repo.finishRun(runId, 'succeeded', null);
    }
  }

  return {
    start,
    execute,
    /** Runs a worker left behind (stopped, or dead with its lease run out) are queued again. */
    async resumeAbandoned(): Promise<number> {
      const runs = await repo.abandonedRuns();
      for (const run of runs)
        if (!active.has(run.id))
          await jobs.send(RUN_QUEUE, { runId: run.id }, { key: `${run.id}:resume`, retryLimit: 0 });
      return runs.length;
    },
    /** Stops this process's runs where they are (they resume on the next start). */
    async stop(): Promise<void> {
      for (const { controller } of active.values()) controller.abort();
      await Promise.allSettled([...active.values()].map((entry) => entry.done));
    },
  };
}

export type RunService = ReturnType<typeof createRunService>;

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error) {
    const issues = (error as { issues: { path: string; message: { en?: string } | string }[] }).issues;
    return issues
      .map(
        (issue) =>
          `${issue.path}: ${typeof issue.message === 'string' ? issue.message : (issue.message.en ?? '')}`,
      )
      .join('; ')
      .slice(0, 2000);
  }
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
