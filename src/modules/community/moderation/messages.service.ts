import { ForbiddenError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { type Actor, isSysadmin } from '../../accounts/index.js';
import type { ConsultationsService } from '../consultations/consultations.service.js';
import type { DiscussionsService } from '../discussions/discussions.service.js';
import type { PostRow } from './moderation.repo.js';
import { type ModerationService, onlyAdministrators, postNotFound } from './moderation.service.js';

/** What a moderator does to a message. */
export type ModerationAction = { hide: string } | { show: true } | { release: true };

/** A message in the moderators' queue, with where it was written and why it is there. */
export interface QueuedMessage {
  id: string;
  author: string;
  body: string;
  held: boolean;
  hiddenReason: string | null;
  created: Date;
  reports: { by: string; reason: string; created: Date }[];
  /** The thread (its dataset) or the consultation it belongs to. */
  place:
    | { kind: 'thread'; threadId: string; title: string; datasetName: string }
    | { kind: 'consultation'; name: string; title: string };
}

const QUEUE_MAX = 200;

/**
 * Reports and moderation of any message, in a thread or a consultation: found where the reader
 * may see it, moderated by those who moderate that place (a dataset's publishers and the
 * portal's administrators; administrators for consultations). The queue and bans are the
 * administrators'.
 */
export function createMessagesService(deps: {
  moderation: ModerationService;
  discussions: DiscussionsService;
  consultations: ConsultationsService;
}) {
  const { moderation } = deps;

  async function locate(actor: Actor, postId: string): Promise<{ post: PostRow; moderates: boolean }> {
    const post = await moderation.repo.post(postId);
    if (!post) throw postNotFound(postId);
    return post.thread_id ? deps.discussions.postOf(actor, postId) : deps.consultations.postOf(actor, postId);
  }

  return {
    /** Reports a message the reporter may read (once each). */
    async report(actor: Actor, postId: string, reason: string | null, client: string): Promise<void> {
      const { post } = await locate(actor, postId);
      await moderation.report(actor, post, reason, client);
    },

    async moderate(actor: Actor, postId: string, action: ModerationAction): Promise<void> {
      const { post, moderates } = await locate(actor, postId);
      if (!moderates)
        throw new ForbiddenError(
          localized(
            'Seuls les éditeurs du jeu de données et les administrateurs modèrent ce message.',
            'Only the dataset’s editors and administrators moderate this message.',
          ),
        );
      if ('release' in action) await moderation.release(actor, post);
      else await moderation.hide(actor, post, 'hide' in action ? action.hide : null);
    },

    /** Held and reported messages, oldest first, with their reports (administrators). */
    async queue(actor: Actor): Promise<QueuedMessage[]> {
      if (!isSysadmin(actor)) throw onlyAdministrators();
      const [posts, reports] = await Promise.all([
        moderation.repo.queue(QUEUE_MAX),
        moderation.repo.openReports(QUEUE_MAX * 5),
      ]);
      const names = await moderation.names([
        ...posts.map((post) => post.author_id),
        ...reports.map((report) => report.reporter_id),
      ]);
      const queued: QueuedMessage[] = [];
      for (const post of posts) {
        const place = post.thread_id
          ? await deps.discussions
              .place(actor, post.thread_id)
              .then((found) =>
                found ? { kind: 'thread' as const, threadId: post.thread_id as string, ...found } : null,
              )
          : await deps.consultations
              .place(post.consultation_id as string)
              .then((found) => (found ? { kind: 'consultation' as const, ...found } : null));
        if (!place) continue;
        queued.push({
          id: post.id,
          author: names.get(post.author_id) ?? '',
          body: post.body,
          held: post.held,
          hiddenReason: post.hidden_reason,
          created: new Date(post.created),
          reports: reports
            .filter((report) => report.post_id === post.id)
            .map((report) => ({
              by: names.get(report.reporter_id) ?? '',
              reason: report.reason,
              created: new Date(report.created),
            })),
          place,
        });
      }
      return queued;
    },

    /** The newest steps of discussions and consultations (administrators). */
    async activity(actor: Actor, limit = 100) {
      if (!isSysadmin(actor)) throw onlyAdministrators();
      return moderation.activity(await moderation.repo.activity(Math.min(limit, 500)));
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
