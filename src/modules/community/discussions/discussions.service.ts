import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db/index.js';
import { ForbiddenError, IssueCollector, NotFoundError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Jobs } from '../../../platform/jobs/index.js';
import { messages } from '../../../platform/validation.js';
import {
  type AccountsService,
  type Actor,
  ANONYMOUS,
  isSysadmin,
  roleAtLeast,
} from '../../accounts/index.js';
import type { CatalogService, Dataset } from '../../catalog/index.js';
import { createModerationRepo, type PostRow } from '../moderation/moderation.repo.js';
import { type ModerationService, postNotFound, type Writing } from '../moderation/moderation.service.js';
import { createDiscussionsRepo, type ThreadRow } from './discussions.repo.js';
import type { NewThread, Post, Thread, ThreadDetail } from './discussions.types.js';

export const DISCUSSION_ANSWERED_QUEUE = 'community.discussion-answered';
const TITLE_MAX = 200;
/** Messages shown per thread, at most. */
const POSTS_MAX = 500;

/** A publisher's or an administrator's answer in a thread on a public dataset, as alerts tell it. */
export interface DiscussionAnswered {
  postId: string;
  threadId: string;
  title: string;
  dataset: { id: string; name: string; organizationId: string };
  url: string;
  /** Who wrote in the thread (the answerer aside). */
  people: string[];
}

export interface DiscussionsDeps {
  db: Db;
  jobs: Jobs;
  accounts: AccountsService;
  catalog: CatalogService;
  moderation: ModerationService;
  baseUrl: string;
  /** After an answer on a public dataset: the followers' and participants' event, webhooks. */
  answered: (answer: DiscussionAnswered) => Promise<void>;
}

const threadNotFound = (reference: string) =>
  new NotFoundError('discussion', reference, localized('Discussion introuvable', 'Discussion not found'));

/** Whether the actor writes for the dataset: the portal's administrators, its organisation's editors. */
export const writesFor = (actor: Actor, dataset: { organizationId: string }) =>
  isSysadmin(actor) || roleAtLeast(actor.memberships.get(dataset.organizationId), 'editor');

/** A message as this reader may see it (the moderation state decides the body). */
export function presentPost(row: PostRow, names: Map<string, string>, moderates: boolean): Post {
  return {
    id: row.id,
    author: { id: row.author_id, name: names.get(row.author_id) ?? '' },
    body: row.hidden_reason !== null && !moderates ? null : row.body,
    official: row.official,
    held: row.held,
    hiddenReason: row.hidden_reason,
    reports: moderates ? row.reports : 0,
    themeId: row.theme_id,
    created: new Date(row.created),
  };
}

/** Whether a reader sees a message at all: held ones only by their author and moderators. */
export const seesPost = (row: PostRow, reader: Actor, moderates: boolean) =>
  !row.held || moderates || reader.user?.id === row.author_id;

/**
 * Discussions on datasets (plan measure 5): threads anyone signed in opens on a dataset they may
 * read, replies, the publisher's answers marked as such, closing. Every message goes through the
 * moderation guard (limits, honeypot, bans, links held for new accounts); every step is logged.
 */
export function createDiscussionsService(deps: DiscussionsDeps) {
  const repo = createDiscussionsRepo(deps.db);
  const { moderation, catalog, accounts } = deps;

  async function readableDataset(actor: Actor, reference: string) {
    const dataset: Dataset = await catalog.datasets.get(actor, reference);
    return { id: dataset.id, name: dataset.name, organizationId: dataset.organization.id };
  }

  /** The thread and its dataset, when the reader may read the dataset (404 otherwise). */
  async function readableThread(actor: Actor, reference: string) {
    const row = await repo.get(reference);
    if (!row) throw threadNotFound(reference);
    try {
      return { row, dataset: await readableDataset(actor, row.dataset_id) };
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof ForbiddenError) throw threadNotFound(reference);
      throw error;
    }
  }

  async function present(rows: ThreadRow[]): Promise<Thread[]> {
    const names = await accounts.namesByIds(
      rows.flatMap((row) => [row.author_id, ...(row.closed_by ? [row.closed_by] : [])]),
    );
    return rows.map((row) => ({
      id: row.id,
      datasetId: row.dataset_id,
      title: row.title,
      author: { id: row.author_id, name: names.get(row.author_id) ?? '' },
      closed:
        row.closed_at && row.closed_by
          ? { at: new Date(row.closed_at), by: names.get(row.closed_by) ?? '' }
          : null,
      created: new Date(row.created),
      lastPostAt: new Date(row.last_post_at),
      posts: row.posts,
      answered: row.answered,
    }));
  }

  const threadUrl = (dataset: { name: string }, id: string) =>
    `${deps.baseUrl}/fr/jeux-de-donnees/${dataset.name}/discussions/${id}`;

  async function write(
    actor: Actor,
    thread: { id: string; dataset: { id: string; organizationId: string } },
    body: string,
    held: boolean,
    opened: { title: string } | null,
  ): Promise<string> {
    const user = actor.user as { id: string };
    const postId = randomUUID();
    const official = writesFor(actor, thread.dataset);
    await deps.db.transaction(async (tx) => {
      const threads = createDiscussionsRepo(tx);
      const posts = createModerationRepo(tx);
      if (opened)
        await threads.insert({
          id: thread.id,
          datasetId: thread.dataset.id,
          title: opened.title,
          authorId: user.id,
        });
      else await threads.touch(thread.id);
      await posts.insertPost({
        id: postId,
        threadId: thread.id,
        consultationId: null,
        themeId: null,
        authorId: user.id,
        body,
        official,
        held,
      });
      if (opened) await posts.log({ actorId: user.id, action: 'thread.opened', threadId: thread.id, postId });
      else await posts.log({ actorId: user.id, action: 'post.written', threadId: thread.id, postId });
      if (held) await posts.log({ actorId: user.id, action: 'post.held', threadId: thread.id, postId });
    });
    if (official && !opened) await deps.jobs.send(DISCUSSION_ANSWERED_QUEUE, { postId }, { key: postId });
    return postId;
  }

  return {
    /** A dataset's threads the reader may see, with whether they may open one. */
    async ofDataset(actor: Actor, datasetReference: string) {
      const dataset = await readableDataset(actor, datasetReference);
      const moderates = writesFor(actor, dataset);
      const rows = await repo.ofDataset(dataset.id, { id: actor.user?.id ?? null, all: moderates }, 200);
      return { dataset, threads: await present(rows) };
    },

    /** Threads everyone sees, per dataset id (the reader could read those datasets). */
    counts: (datasetIds: readonly string[]) => repo.countsOf(datasetIds),

    async get(actor: Actor, reference: string): Promise<ThreadDetail> {
      const { row, dataset } = await readableThread(actor, reference);
      const moderates = writesFor(actor, dataset);
      const rows = (await moderation.repo.postsOf({ threadId: row.id }, POSTS_MAX)).filter((post) =>
        seesPost(post, actor, moderates),
      );
      if (rows.length === 0 && !moderates && actor.user?.id !== row.author_id)
        throw threadNotFound(reference);
      const names = await accounts.namesByIds(rows.map((post) => post.author_id));
      const [thread] = await present([row]);
      const signedIn = actor.user !== null;
      return {
        thread: thread as Thread,
        dataset,
        posts: rows.map((post) => presentPost(post, names, moderates)),
        official: signedIn && moderates,
        mayReply: signedIn && (row.closed_at === null || moderates),
        mayClose: signedIn && (moderates || actor.user?.id === row.author_id),
        mayModerate: moderates,
      };
    },

    /** Opens a thread on a dataset the actor may read: its title and first message. */
    async open(
      actor: Actor,
      datasetReference: string,
      input: NewThread,
      client: string,
    ): Promise<ThreadDetail> {
      const dataset = await readableDataset(actor, datasetReference);
      const issues = new IssueCollector();
      const title = input.title.trim();
      if (title.length < 5) issues.add('title', 'too_short', messages.tooShort(5));
      else if (title.length > TITLE_MAX) issues.add('title', 'too_long', messages.tooLong(TITLE_MAX));
      const checked = await moderation.guard(actor, input, client, issues);
      const id = randomUUID();
      await write(actor, { id, dataset }, checked.body, checked.held, { title });
      return this.get(actor, id);
    },

    /** Replies in a thread; a closed one takes replies from its moderators only. */
    async reply(actor: Actor, reference: string, writing: Writing, client: string): Promise<Post> {
      const { row, dataset } = await readableThread(actor, reference);
      const checked = await moderation.guard(actor, writing, client);
      if (row.closed_at !== null && !writesFor(actor, dataset))
        throw new ForbiddenError(localized('Cette discussion est close.', 'This discussion is closed.'));
      const postId = await write(actor, { id: row.id, dataset }, checked.body, checked.held, null);
      const detail = await this.get(actor, row.id);
      return detail.posts.find((post) => post.id === postId) as Post;
    },

    /** Closes a thread (or opens it again): its author, the dataset's publishers, administrators. */
    async close(actor: Actor, reference: string, closed: boolean): Promise<ThreadDetail> {
      const detail = await this.get(actor, reference);
      if (!detail.mayClose)
        throw new ForbiddenError(
          localized(
            'Seuls l’auteur de la discussion, les éditeurs du jeu de données et les administrateurs la ferment.',
            'Only the discussion’s author, the dataset’s editors and administrators close it.',
          ),
        );
      const by = (actor.user as { id: string }).id;
      await deps.db.transaction(async (tx) => {
        await createDiscussionsRepo(tx).close(detail.thread.id, closed ? by : null);
        await createModerationRepo(tx).log({
          actorId: by,
          action: closed ? 'thread.closed' : 'thread.reopened',
          threadId: detail.thread.id,
        });
      });
      return this.get(actor, reference);
    },

    /** The thread a message belongs to, when the reader may see both; and whether they moderate it. */
    async postOf(actor: Actor, postId: string): Promise<{ post: PostRow; moderates: boolean }> {
      const post = await moderation.repo.post(postId);
      if (!post?.thread_id) throw postNotFound(postId);
      const { dataset } = await readableThread(actor, post.thread_id).catch(() => {
        throw postNotFound(postId);
      });
      const moderates = writesFor(actor, dataset);
      if (!seesPost(post, actor, moderates)) throw postNotFound(postId);
      return { post, moderates };
    },

    /** The job after a publisher's answer: an event for the dataset's followers and the thread's people. */
    async tellAnswered(postId: string): Promise<void> {
      const post = await moderation.repo.post(postId);
      if (!post?.thread_id || post.hidden_reason !== null || post.held) return;
      const row = await repo.get(post.thread_id);
      if (!row) return;
      let dataset: { id: string; name: string; organizationId: string };
      try {
        // Only public datasets make events.
        dataset = await readableDataset(ANONYMOUS, row.dataset_id);
      } catch {
        return;
      }
      const people = (await repo.participants(row.id)).filter((id) => id !== post.author_id);
      await deps.answered({
        postId,
        threadId: row.id,
        title: row.title,
        dataset,
        url: threadUrl(dataset, row.id),
        people,
      });
    },

    /** Where a thread is, for the moderators' queue (null when its dataset is gone). */
    async place(actor: Actor, threadId: string): Promise<{ title: string; datasetName: string } | null> {
      const row = await repo.get(threadId);
      if (!row) return null;
      try {
        return { title: row.title, datasetName: (await readableDataset(actor, row.dataset_id)).name };
      } catch {
        return null;
      }
    },

    /** The steps of one thread (moderators). */
    async activity(actor: Actor, reference: string) {
      const detail = await this.get(actor, reference);
      if (!detail.mayModerate)
        throw new ForbiddenError(localized('Réservé aux modérateurs.', 'Moderators only.'));
      return moderation.activity(await moderation.repo.activity(200, detail.thread.id));
    },
  };
}

export type DiscussionsService = ReturnType<typeof createDiscussionsService>;
