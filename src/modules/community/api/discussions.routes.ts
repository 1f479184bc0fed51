import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../../platform/http/problem-schema.js';
import type { DiscussionsService } from '../discussions/discussions.service.js';
import type { Post, Thread, ThreadDetail } from '../discussions/discussions.types.js';
import type { MessagesService } from '../moderation/messages.service.js';
import { BODY_MAX } from '../moderation/moderation.service.js';

const tags = ['Discussions'];
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const PostOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  author: Type.String(),
  body: Nullable(Type.String({ description: 'Markdown; null when a moderator hid it' })),
  official: Type.Boolean({ description: 'Written for the organisation or the portal' }),
  held: Type.Boolean({ description: 'Waiting for a moderator: seen by its author and moderators only' }),
  hidden_reason: Nullable(Type.String()),
  reports: Type.Integer({ description: 'Open reports (moderators only)' }),
  theme: Nullable(Type.String({ format: 'uuid' })),
  created: Type.String({ format: 'date-time' }),
});
const ThreadOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  author: Type.String(),
  closed: Nullable(Type.String({ format: 'date-time' })),
  closed_by: Nullable(Type.String()),
  created: Type.String({ format: 'date-time' }),
  last_post: Type.String({ format: 'date-time' }),
  posts: Type.Integer(),
  answered: Type.Boolean({ description: 'A publisher or an administrator answered' }),
});
const ThreadDetailOut = Type.Object({
  ...ThreadOut.properties,
  dataset: Type.String(),
  messages: Type.Array(PostOut),
  may_reply: Type.Boolean(),
  may_close: Type.Boolean(),
  may_moderate: Type.Boolean(),
});
export const WritingIn = {
  body: Type.String({ maxLength: BODY_MAX + 1000, description: 'Markdown' }),
  website: Type.Optional(Type.String({ maxLength: 500, description: 'Leave empty (a field robots fill)' })),
};

export const presentPost = (post: Post) => ({
  id: post.id,
  author: post.author.name,
  body: post.body,
  official: post.official,
  held: post.held,
  hidden_reason: post.hiddenReason,
  reports: post.reports,
  theme: post.themeId,
  created: post.created.toISOString(),
});
const presentThread = (thread: Thread) => ({
  id: thread.id,
  title: thread.title,
  author: thread.author.name,
  closed: thread.closed?.at.toISOString() ?? null,
  closed_by: thread.closed?.by ?? null,
  created: thread.created.toISOString(),
  last_post: thread.lastPostAt.toISOString(),
  posts: thread.posts,
  answered: thread.answered,
});
const presentDetail = (detail: ThreadDetail) => ({
  ...presentThread(detail.thread),
  dataset: detail.dataset.name,
  messages: detail.posts.map(presentPost),
  may_reply: detail.mayReply,
  may_close: detail.mayClose,
  may_moderate: detail.mayModerate,
});

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });

/** /api/v1/datasets/:ref/discussions, /api/v1/discussions and a message's report and moderation. */
export function discussionRoutes(deps: {
  discussions: DiscussionsService;
  messages: MessagesService;
}): FastifyPluginAsyncTypebox {
  const { discussions, messages } = deps;
  return async (app) => {
    app.get(
      '/datasets/:ref/discussions',
      {
        schema: {
          tags,
          summary: 'A dataset’s discussions (as the reader may read the dataset), most recently active first',
          params: Type.Object({ ref: Type.String({ maxLength: 200 }) }),
          response: { 200: Type.Object({ threads: Type.Array(ThreadOut) }), ...problemResponses },
        },
      },
      async (request) => {
        const found = await discussions.ofDataset(request.actor, request.params.ref);
        return { threads: found.threads.map(presentThread) };
      },
    );

    app.post(
      '/datasets/:ref/discussions',
      {
        schema: {
          tags,
          summary:
            'Open a discussion (signed in, address confirmed): a new account’s message with a link waits for a moderator',
          params: Type.Object({ ref: Type.String({ maxLength: 200 }) }),
          body: Type.Object(
            { title: Type.String({ maxLength: 1000 }), ...WritingIn },
            { additionalProperties: false },
          ),
          response: { 201: ThreadDetailOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const detail = await discussions.open(request.actor, request.params.ref, request.body, request.ip);
        reply.code(201);
        return presentDetail(detail);
      },
    );

    app.get(
      '/discussions/:id',
      {
        schema: {
          tags,
          summary: 'A discussion and its messages',
          params: Id,
          response: { 200: ThreadDetailOut, ...problemResponses },
        },
      },
      async (request) => presentDetail(await discussions.get(request.actor, request.params.id)),
    );

    app.post(
      '/discussions/:id/messages',
      {
        schema: {
          tags,
          summary: 'Reply; a publisher’s or an administrator’s reply is marked as official',
          params: Id,
          body: Type.Object(WritingIn, { additionalProperties: false }),
          response: { 201: PostOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const post = await discussions.reply(request.actor, request.params.id, request.body, request.ip);
        reply.code(201);
        return presentPost(post);
      },
    );

    app.post(
      '/discussions/:id/closing',
      {
        schema: {
          tags,
          summary:
            'Close a discussion (closed: true) or open it again: its author, the dataset’s editors, administrators',
          params: Id,
          body: Type.Object({ closed: Type.Boolean() }, { additionalProperties: false }),
          response: { 200: ThreadDetailOut, ...problemResponses },
        },
      },
      async (request) =>
        presentDetail(await discussions.close(request.actor, request.params.id, request.body.closed)),
    );

    app.post(
      '/messages/:id/report',
      {
        schema: {
          tags,
          summary: 'Report a message to the moderators (once per person)',
          params: Id,
          body: Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await messages.report(request.actor, request.params.id, request.body.reason, request.ip);
        reply.code(204);
        return null;
      },
    );

    app.post(
      '/messages/:id/moderation',
      {
        schema: {
          tags,
          summary:
            'Moderate a message: hide it with a reason, show it again, or let a held message through (the place’s moderators)',
          params: Id,
          body: Type.Object(
            {
              action: Type.Union([Type.Literal('hide'), Type.Literal('show'), Type.Literal('release')]),
              reason: Type.Optional(Type.String({ maxLength: 2000 })),
            },
            { additionalProperties: false },
          ),
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { action, reason } = request.body;
        await messages.moderate(
          request.actor,
          request.params.id,
          action === 'hide' ? { hide: reason ?? '' } : action === 'show' ? { show: true } : { release: true },
        );
        reply.code(204);
        return null;
      },
    );
  };
}
