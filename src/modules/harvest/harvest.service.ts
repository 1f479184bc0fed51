import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import type { Actor } from '../accounts/index.js';
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
}: {
  repo: HarvestRepo;
  sources: SourceService;
  runs: RunService;
}) {
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
      return { run, items: await repo.runItems(runId, page.action, page.limit, page.offset) };
    },
    async merged(actor: Actor, reference: string) {
      const source = await sources.manageable(actor, reference);
      return repo.mergedRecords(source.id);
    },
    /** A run's state, for those who already hold its id (the CLI). */
    findRun: (id: string) => repo.findRun(id),
  };
}

export type HarvestServices = ReturnType<typeof createHarvestServices>;
