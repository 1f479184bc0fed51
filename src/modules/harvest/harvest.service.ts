import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import type { Actor } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import { type FetchText, SourceError } from './fetch.js';
import type { HarvestRepo } from './harvest.repo.js';
import type { HarvestRun, ItemAction } from './harvest.types.js';
import type { RunService } from './run.service.js';
import type { SourceService } from './sources.service.js';

/** What the API, the pages and the CLI call: sources, runs and reports, each behind its permission. */
export function createHarvestServices({
  repo,
  sources,
  runs,
  catalog,
}: {
  repo: HarvestRepo;
  sources: SourceService;
  runs: RunService;
  catalog: CatalogService;
}) {
  /**
   * The datasets among these the actor may see: a merged dataset may be another organisation's
   * private one, which a source's admin must not learn of.
   */
  async function readableOf(
    actor: Actor,
    rows: readonly { datasetId: string | null }[],
  ): Promise<Set<string>> {
    const ids = [...new Set(rows.flatMap((row) => (row.datasetId ? [row.datasetId] : [])))];
    const refs = await Promise.all(
      ids.map((id) => catalog.datasets.readableRef(actor, id).catch(() => null)),
    );
    return new Set(refs.flatMap((ref) => (ref ? [ref.id] : [])));
  }

  const runNotFound = (id: string) =>
    new NotFoundError('harvest run', id, localized('Moissonnage introuvable', 'Harvest run not found'));

  return {
    sources,
    /**
     * Queues a run (or a test run) of the source; refused while another is under way. With `here`,
     * it is not queued: the caller works it in its own process.
     */
    async startRun(
      actor: Actor,
      reference: string,
      options: { dryRun: boolean; here?: boolean },
    ): Promise<HarvestRun> {
      const source = await sources.manageable(actor, reference);
      const started = await runs.start(source, {
        dryRun: options.dryRun,
        requestedBy: actor.user?.id ?? null,
        here: options.here ?? false,
      });
      if (!started.started)
        throw new ConflictError(
          localized(
            `Un moissonnage de cette source est déjà en cours (${started.id})`,
            `A run of this source is already under way (${started.id})`,
          ),
        );
      return (await repo.findRun(started.id as string)) as HarvestRun;
    },
    /** Runs the source in this process and waits for the end (the CLI, which works no queue). */
    async runHere(actor: Actor, reference: string, options: { dryRun: boolean }): Promise<HarvestRun> {
      const run = await this.startRun(actor, reference, { ...options, here: true });
      await runs.execute(run.id);
      return (await repo.findRun(run.id)) as HarvestRun;
    },
    /**
     * Runs the source in this process on recorded answers instead of the network (URL → media type
     * and body): the demo's partner, whose portal is fictitious. Everything else is a real run.
     */
    async replay(
      actor: Actor,
      reference: string,
      options: { dryRun: boolean; recordings: Record<string, { contentType: string; body: string }> },
    ): Promise<HarvestRun> {
      const run = await this.startRun(actor, reference, { dryRun: options.dryRun, here: true });
      const fetch: FetchText = async (url) => {
        const recorded = options.recordings[url];
        if (!recorded) throw new SourceError(`${url} answered 404 Not Found (not recorded)`);
        return { text: recorded.body, contentType: recorded.contentType, url };
      };
      await runs.execute(run.id, { fetch });
      return (await repo.findRun(run.id)) as HarvestRun;
    },
    async runs(actor: Actor, reference: string): Promise<HarvestRun[]> {
      const source = await sources.manageable(actor, reference);
      return repo.listRuns(source.id, 50);
    },
    async report(
      actor: Actor,
      runId: string,
      page: { action: ItemAction | null; limit: number; offset: number },
    ) {
      const run = await repo.findRun(runId);
      const source = run ? await repo.findSource(run.sourceId) : null;
      if (!run || !source || !sources.manages(actor, source.organizationId)) throw runNotFound(runId);
      const items = await repo.runItems(runId, page.action, page.limit, page.offset);
      const readable = await readableOf(actor, items);
      return {
        run,
        items: items.map((item) =>
          item.datasetId && !readable.has(item.datasetId) ? { ...item, datasetId: null } : item,
        ),
      };
    },
    /** What the source reached that another source brought first (only the datasets the actor may see). */
    async merged(actor: Actor, reference: string) {
      const source = await sources.manageable(actor, reference);
      const merged = await repo.mergedRecords(source.id);
      const readable = await readableOf(actor, merged);
      return merged.filter((row) => readable.has(row.datasetId));
    },
    /** A run's state, for those who already hold its id (the CLI). */
    findRun: (id: string) => repo.findRun(id),
  };
}

export type HarvestServices = ReturnType<typeof createHarvestServices>;
