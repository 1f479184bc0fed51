import type { Jobs } from '../../../platform/jobs/index.js';
import { ANONYMOUS } from '../../accounts/index.js';
import { type CatalogService, type Dataset, searchRequest } from '../../catalog/index.js';
import type { ProcurementService } from '../../procurement/index.js';
import type { RegistryService } from '../../registry/index.js';
import type { DiscussionAnswered } from '../discussions/discussions.service.js';
import type { AnsweredEvent } from '../requests/requests.service.js';
import { statusWords } from '../requests/requests-mail.js';
import type { AlertsRepo } from './alerts.repo.js';
import type { AlertEventType, FollowKind, WebhookEventType } from './alerts.types.js';
import { changeWords } from './change-words.js';

export const DIGEST_QUEUE = 'community.digest';
/** Saved searches tried against a new dataset at most (the distinct ones, each a query). */
const SEARCHES_TRIED = 500;
/** Enterprises whose changes are looked for, at most. */
const FOLLOWED_ENTERPRISES = 50_000;
/** Rows of another module's feed read per step. */
const FEED_PAGE = 1000;

/** Where an event also goes: the webhooks listening to its type (narrowed to an organisation or dataset). */
export type Dispatch = (
  type: WebhookEventType,
  data: object,
  scope: { organizationId: string | null; datasetId: string | null },
) => Promise<void>;

export interface EventsDeps {
  repo: AlertsRepo;
  jobs: Jobs;
  catalog: CatalogService;
  procurement: ProcurementService;
  registry: RegistryService;
  baseUrl: string;
  dispatch: Dispatch;
}

/**
 * What changed, from the other modules' announcements: each change is recorded once as an event,
 * fanned out to its followers in one statement (10,000 followers cost one statement, not 10,000
 * sends), then the digests of those who want them at once are queued as one job; the webhooks
 * listening get their deliveries. Only public data: a private dataset makes no event.
 */
export function createEventsService(deps: EventsDeps) {
  const { repo } = deps;

  async function tell(
    event: {
      sourceKey: string;
      type: AlertEventType;
      subject?: string;
      title: { fr: string; en: string };
      url: string;
    },
    targets: { kind: FollowKind; target: string }[],
  ): Promise<number | null> {
    const id = await repo.recordEvent(event);
    if (id === null) return null;
    if ((await repo.fanOut(id, targets)) > 0) await queueDigests('immediate');
    return id;
  }

  const queueDigests = (frequency: 'immediate' | 'daily' | 'weekly') =>
    deps.jobs.send(DIGEST_QUEUE, { frequency }, { key: `digest-${frequency}` });

  /** The saved searches a dataset matches (each run as the public would, on this dataset alone). */
  async function searchesMatching(dataset: Dataset): Promise<string[]> {
    const matched: string[] = [];
    for (const q of await repo.savedSearches(SEARCHES_TRIED)) {
      try {
        const result = await deps.catalog.search.search(
          ANONYMOUS,
          searchRequest({ q, fq: [`id:${dataset.id}`], rows: 0 }),
        );
        if (result.count > 0) matched.push(q);
      } catch {
        // A saved search the query language no longer accepts matches nothing.
      }
    }
    return matched;
  }

  /**
   * Reads another module's feed after this module's cursor, a page at a time, then moves the
   * cursor to where the feed ended when the read began. The positions read, or null the first
   * time (the cursor is set at the feed's end: what was there before is not news).
   */
  async function readFeed<Row extends { seq: number }>(
    source: string,
    end: () => Promise<number>,
    page: (after: number) => Promise<Row[]>,
    each: (row: Row) => Promise<void>,
  ): Promise<{ from: number; to: number } | null> {
    const start = await repo.cursor(source);
    const last = await end();
    if (start === null) {
      await repo.setCursor(source, last);
      return null;
    }
    let after = start;
    for (;;) {
      const rows = (await page(after)).filter((row) => row.seq <= last);
      for (const row of rows) await each(row);
      if (rows.length === 0) break;
      after = (rows[rows.length - 1] as Row).seq;
      await repo.setCursor(source, after);
      if (rows.length < FEED_PAGE) break;
    }
    await repo.setCursor(source, last);
    return { from: start, to: last };
  }

  return {
    queueDigests,

    /** Sets the cursors on the feeds' ends, when first started (history is not news). */
    async start(): Promise<void> {
      if ((await repo.cursor('procurement')) === null)
        await repo.setCursor('procurement', await deps.procurement.publication.lastReleaseSeq());
      if ((await repo.cursor('registry')) === null)
        await repo.setCursor('registry', await deps.registry.lastChangeSeq());
    },

    /** The job after a catalog write: a public dataset was created, opened or changed. */
    async datasetWritten(datasetId: string): Promise<void> {
      let dataset: Dataset | null = null;
      try {
        dataset = await deps.catalog.datasets.get(ANONYMOUS, datasetId);
      } catch {
        dataset = null;
      }
      if (!dataset || dataset.private || dataset.state !== 'active') {
        // Private, draft, deleted or gone: nobody is told, and what was told while it was
        // public is taken back from feeds and digests (published by mistake, then withdrawn).
        await repo.retract(`dataset:${datasetId}`);
        return;
      }
      const [latest] = await deps.catalog.activity.forDataset(ANONYMOUS, dataset.id, { limit: 1, offset: 0 });
      if (!latest) return;
      const changes = latest.data.changes ?? [];
      // Opened to the public (private → public, draft → active) is new to followers too.
      const created =
        latest.activityType.startsWith('new') || changes.includes('private') || changes.includes('state');
      const type: AlertEventType = created ? 'dataset.created' : 'dataset.updated';
      const fr = dataset.title.fr;
      const en = dataset.title.en ?? dataset.title.fr;
      const title = created
        ? { fr: `Nouveau jeu de données : ${fr}`, en: `New dataset: ${en}` }
        : changes.includes('resources')
          ? { fr: `Nouvelles données : ${fr}`, en: `New data: ${en}` }
          : { fr: `Jeu de données mis à jour : ${fr}`, en: `Dataset updated: ${en}` };
      const targets: { kind: FollowKind; target: string }[] = [
        { kind: 'dataset', target: dataset.id },
        { kind: 'organization', target: dataset.organization.id },
        ...dataset.groups.map((group) => ({ kind: 'theme' as const, target: group.id })),
      ];
      if (created)
        for (const q of await searchesMatching(dataset)) targets.push({ kind: 'search', target: q });
      const id = await tell(
        {
          sourceKey: `activity:${latest.id}`,
          type,
          subject: `dataset:${dataset.id}`,
          title,
          url: `${deps.baseUrl}/fr/jeux-de-donnees/${dataset.name}`,
        },
        targets,
      );
      if (id === null) return; // told already (a retried job)
      await deps.dispatch(type, datasetPayload(dataset, deps.baseUrl), {
        organizationId: dataset.organization.id,
        datasetId: dataset.id,
      });
    },

    /** The job after procurement imports: tenders opened since the last read. */
    tendersPublished: () =>
      readFeed(
        'procurement',
        () => deps.procurement.publication.lastReleaseSeq(),
        (after) => deps.procurement.publication.tendersOpenedAfter(after, FEED_PAGE),
        async (tender) => {
          const label = tender.title ?? tender.ocid;
          const targets: { kind: FollowKind; target: string }[] = [];
          if (tender.buyerId) targets.push({ kind: 'buyer', target: tender.buyerId });
          if (tender.category) targets.push({ kind: 'category', target: tender.category });
          const url = `${deps.baseUrl}/fr/appels-d-offres/${encodeURIComponent(tender.ocid)}`;
          const id = await tell(
            {
              sourceKey: `tender:${tender.ocid}`,
              type: 'tender.published',
              title: {
                fr: `Nouvel appel d’offres${tender.buyerName ? ` (${tender.buyerName})` : ''} : ${label}`,
                en: `New tender${tender.buyerName ? ` (${tender.buyerName})` : ''}: ${tender.titleEn ?? label}`,
              },
              url,
            },
            targets,
          );
          if (id !== null)
            await deps.dispatch(
              'tender.published',
              {
                ocid: tender.ocid,
                title: tender.title,
                buyer: tender.buyerId ? { id: tender.buyerId, name: tender.buyerName } : null,
                mainProcurementCategory: tender.category,
                url,
                record: `${deps.baseUrl}/api/v1/procurement/records/${encodeURIComponent(tender.ocid)}`,
              },
              { organizationId: null, datasetId: null },
            );
        },
      ),

    /** A data request was answered: in its author's and supporters' feeds (mailed apart), and to webhooks. */
    async requestAnswered(answer: AnsweredEvent): Promise<void> {
      const words = statusWords(answer.status);
      const id = await repo.recordEvent({
        sourceKey: `request-event:${answer.eventId}`,
        type: 'request.answered',
        subject: `request:${answer.number}`,
        title: {
          fr: `Demande n° ${answer.number} ${words.fr} : ${answer.title}`,
          en: `Request #${answer.number} ${words.en}: ${answer.title}`,
        },
        url: answer.url,
      });
      if (id === null) return;
      await repo.fanOut(id, [], { mailed: true, userIds: answer.people });
      await deps.dispatch(
        'request.answered',
        {
          number: answer.number,
          title: answer.title,
          status: answer.status,
          message: answer.message,
          url: answer.url,
          dataset: answer.dataset
            ? { name: answer.dataset.name, api: `${deps.baseUrl}/api/v1/datasets/${answer.dataset.name}` }
            : null,
        },
        { organizationId: answer.organizationId, datasetId: answer.dataset?.id ?? null },
      );
    },

    /** A publisher's answer in a discussion on a public dataset: its followers and the thread's people. */
    async discussionAnswered(answer: DiscussionAnswered): Promise<void> {
      const id = await repo.recordEvent({
        sourceKey: `post:${answer.postId}`,
        type: 'discussion.answered',
        // Taken back with the dataset's other events if it stops being public.
        subject: `dataset:${answer.dataset.id}`,
        title: {
          fr: `Réponse du producteur dans la discussion « ${answer.title} »`,
          en: `The publisher answered in the discussion "${answer.title}"`,
        },
        url: answer.url,
      });
      if (id === null) return;
      const told = await repo.fanOut(id, [{ kind: 'dataset', target: answer.dataset.id }], {
        userIds: answer.people,
      });
      if (told > 0) await queueDigests('immediate');
      await deps.dispatch(
        'discussion.answered',
        {
          discussion: answer.threadId,
          title: answer.title,
          url: answer.url,
          api: `${deps.baseUrl}/api/v1/discussions/${answer.threadId}`,
          dataset: {
            name: answer.dataset.name,
            api: `${deps.baseUrl}/api/v1/datasets/${answer.dataset.name}`,
          },
        },
        { organizationId: answer.dataset.organizationId, datasetId: answer.dataset.id },
      );
    },

    /**
     * The job after a registry edition: each change of an enterprise someone follows is an
     * event; webhooks get one event per edition pointing at the change feed (an edition may hold
     * 100,000 changes: a consumer reads them by cursor).
     */
    async registryChanged(edition: string | null): Promise<void> {
      const followed = await repo.followedTargets('enterprise', FOLLOWED_ENTERPRISES);
      const read = await readFeed(
        'registry',
        () => deps.registry.lastChangeSeq(),
        async (after) => (followed.length > 0 ? deps.registry.changesOf(followed, after, FEED_PAGE) : []),
        async (change) => {
          const words = changeWords(change.kind);
          const who = change.name ?? `NEQ ${change.neq}`;
          await tell(
            {
              sourceKey: `registry:${change.seq}`,
              type: 'enterprise.changed',
              title: { fr: `${who} : ${words.fr}`, en: `${who}: ${words.en}` },
              url: `${deps.baseUrl}/fr/registre-des-entreprises/${change.neq}`,
            },
            [{ kind: 'enterprise', target: change.neq }],
          );
        },
      );
      if (read && read.to > read.from)
        await deps.dispatch(
          'registry.edition-published',
          {
            edition,
            changes: read.to - read.from,
            feed: `${deps.baseUrl}/api/v1/registry/changes?since=${read.from}`,
          },
          { organizationId: null, datasetId: null },
        );
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;

/** A public dataset as events carry it (webhook payloads). */
export function datasetPayload(dataset: Dataset, baseUrl: string) {
  return {
    id: dataset.id,
    name: dataset.name,
    title: dataset.title,
    organization: dataset.organization.name,
    url: `${baseUrl}/fr/jeux-de-donnees/${dataset.name}`,
    api: `${baseUrl}/api/v1/datasets/${dataset.name}`,
    modified: dataset.metadataModified.toISOString(),
    resources: dataset.resources.map((resource) => ({
      id: resource.id,
      name: resource.name,
      format: resource.format,
      url: resource.url,
    })),
  };
}
