import { EventEmitter } from 'node:events';
import { NotFoundError } from '../../platform/http/errors.js';
import type { Jobs } from '../../platform/jobs/index.js';
import { type Actor, SYSTEM } from '../accounts/index.js';
import {
  type CatalogService,
  canEditDataset,
  type Dataset,
  qualityBand,
  searchRequest,
} from '../catalog/index.js';
import { CRITERIA } from './criteria.js';
import { evaluate, scoreOf } from './evaluate.js';
import { type FactSources, gatherFacts } from './facts.js';
import type { QualityRepo, StoredScore } from './quality.repo.js';
import type { CriterionResult, LinkCheck, OrganizationQuality, QualityReport } from './quality.types.js';

/** Computes a dataset's score again (data: `{ datasetId }`). */
export const RECOMPUTE_QUEUE = 'quality.recompute';
/** A declared schema's report is awaited this many times (2, 4, 8… seconds apart), then the score stays. */
const PAGE = 200;

/** The criteria as shown: each stored verdict with its definition. */
export function presentScore(stored: StoredScore): QualityReport {
  const criteria: CriterionResult[] = stored.criteria.flatMap((outcome) => {
    const definition = CRITERIA[outcome.id];
    return definition ? [{ ...outcome, ...definition }] : [];
  });
  return {
    datasetId: stored.datasetId,
    score: stored.score,
    band: qualityBand(stored.score),
    criteria,
    computedAt: stored.computedAt,
  };
}

/**
 * The metadata quality score of datasets: computed from the catalog, the datastore, the
 * validation reports and the link checks, kept with every criterion's evidence, and pushed into
 * the catalog for search to sort and facet by.
 */
export function createQualityService(
  deps: FactSources & { repo: QualityRepo; jobs: Jobs; catalog: CatalogService },
) {
  const { repo } = deps;
  // Computations finished by this process, by dataset id: what `settled` waits for.
  const finished = new EventEmitter().setMaxListeners(0);

  /** Every dataset the portal holds (drafts and private ones too), a page at a time. */
  async function* allDatasets(): AsyncGenerator<Dataset[]> {
    for (let start = 0; ; start += PAGE) {
      const page = await deps.catalog.search.search(
        SYSTEM,
        searchRequest({ sort: 'name asc', rows: PAGE, start, includePrivate: true, includeDrafts: true }),
      );
      if (page.datasets.length > 0) yield page.datasets;
      if (page.datasets.length < PAGE) return;
    }
  }

  /** Reads the facts, scores them, keeps the result and tells the catalog. */
  async function compute(datasetId: string): Promise<{ stored: StoredScore | null; awaiting: boolean }> {
    const at = new Date();
    const dataset = await deps.catalog.datasets.get(SYSTEM, datasetId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!dataset) {
      await repo.deleteScore(datasetId);
      finished.emit(datasetId);
      return { stored: null, awaiting: false };
    }
    const { facts, awaitingValidation } = await gatherFacts(deps, dataset, await repo.checks(dataset.id));
    const criteria = evaluate(facts, at);
    const score = scoreOf(criteria);
    // The catalog first: once the score is stored, search already sorts by it.
    await deps.catalog.setQualityScore(dataset.id, score);
    await repo.saveScore({ datasetId: dataset.id, score, criteria, computedAt: at });
    // What is stored now (a computation from newer facts may have won): the catalog follows it,
    // which changes nothing when it is the same score.
    const stored = await repo.score(dataset.id);
    if (stored) await deps.catalog.setQualityScore(dataset.id, stored.score);
    finished.emit(dataset.id);
    return { stored, awaiting: awaitingValidation };
  }

  /** After a change (a declared schema's report awaited comes with `schemas.resource-validated`). */
  async function recompute(datasetId: string): Promise<void> {
    await compute(datasetId);
  }

  return {
    recompute,

    /** Computes every dataset's score again (the frequencies' deadlines move with time). */
    async recomputeAll(): Promise<number> {
      let count = 0;
      for await (const page of allDatasets())
        for (const dataset of page) {
          await compute(dataset.id);
          count++;
        }
      return count;
    },

    /** At start: queues a computation for each dataset that has no score yet (until `stopped`). */
    async sweep(stopped: () => boolean = () => false): Promise<number> {
      let queued = 0;
      for await (const page of allDatasets()) {
        if (stopped()) break;
        for (const id of await repo.unscored(page.map((dataset) => dataset.id))) {
          await deps.jobs.send(RECOMPUTE_QUEUE, { datasetId: id }, { key: `recompute:${id}` });
          queued++;
        }
      }
      return queued;
    },

    /** Every dataset of the portal, a page at a time (the link checker walks them too). */
    allDatasets,

    /**
     * A dataset's score explained, for whoever may see the dataset (404 otherwise); the latest
     * checks of its links for those who may edit it. Computed now if it never was.
     */
    async report(actor: Actor, reference: string): Promise<QualityReport & { links: LinkCheck[] | null }> {
      const dataset = await deps.catalog.datasets.get(actor, reference);
      const stored = (await repo.score(dataset.id)) ?? (await compute(dataset.id)).stored;
      if (!stored) throw new NotFoundError('dataset', reference);
      const links = canEditDataset(actor, { ...dataset, ownerOrg: dataset.organization.id })
        ? await repo.checks(dataset.id)
        : null;
      return { ...presentScore(stored), links };
    },

    /** The scores of datasets the caller already holds (search results), by id. */
    async scores(ids: readonly string[]): Promise<Map<string, number>> {
      const stored = await repo.scores(ids);
      return new Map([...stored].map(([id, score]) => [id, score.score]));
    },

    /**
     * An organisation's dashboard: what the actor may see of its datasets, worst first, each with
     * its failed criteria.
     */
    async organization(
      actor: Actor,
      reference: string,
      page: { limit: number; offset: number },
    ): Promise<OrganizationQuality> {
      const organization = await deps.catalog.groups.require('organization', reference);
      const overview = await deps.catalog.search.qualityOverview(actor, organization.id, page);
      const stored = await repo.scores(overview.datasets.map((dataset) => dataset.id));
      return {
        organization: { id: organization.id, name: organization.name, title: organization.title },
        count: overview.count,
        scored: overview.scored,
        average: overview.average,
        bands: overview.bands,
        datasets: overview.datasets.map((dataset) => {
          const score = stored.get(dataset.id);
          const report = score ? presentScore(score) : null;
          return {
            id: dataset.id,
            name: dataset.name,
            title: dataset.title,
            state: dataset.state,
            private: dataset.private,
            score: report?.score ?? null,
            band: report?.band ?? null,
            computedAt: report?.computedAt ?? null,
            failed: report?.criteria.filter((criterion) => criterion.status === 'failed') ?? [],
          };
        }),
      };
    },

    /**
     * Waits until the dataset's stored score satisfies `until` (re-read after each computation in
     * this process, and every second for those of other processes).
     */
    async settled(datasetId: string, until: (report: QualityReport) => boolean): Promise<QualityReport> {
      for (;;) {
        let wake = () => {};
        const next = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          wake = () => {
            clearTimeout(timer);
            finished.off(datasetId, wake);
            resolve();
          };
          finished.on(datasetId, wake);
        });
        const stored = await repo.score(datasetId);
        const report = stored ? presentScore(stored) : null;
        if (report && until(report)) {
          wake();
          return report;
        }
        await next;
      }
    },
  };
}

export type QualityService = ReturnType<typeof createQualityService>;
