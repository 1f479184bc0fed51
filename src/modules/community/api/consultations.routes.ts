import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../../platform/http/problem-schema.js';
import type { Consultation, ConsultationsService } from '../consultations/consultations.service.js';
import type { MessagesService } from '../moderation/messages.service.js';
import type { ModerationService } from '../moderation/moderation.service.js';
import { PostOut, presentPost, WritingIn } from './discussions.routes.js';

const tags = ['Consultations'];
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const ConsultationOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  title: Type.String(),
  description: Type.String({ description: 'Markdown' }),
  opens_at: Type.String({ format: 'date-time' }),
  closes_at: Type.String({ format: 'date-time' }),
  state: Type.Union([
    Type.Literal('upcoming'),
    Type.Literal('open'),
    Type.Literal('closed'),
    Type.Literal('concluded'),
  ]),
  summary: Nullable(Type.String({ description: 'Published at the end' })),
  concluded: Nullable(Type.String({ format: 'date-time' })),
  comments: Type.Integer(),
});
const ThemeOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  position: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  answer: Nullable(Type.String({ description: 'The answer, published at the end' })),
});
const DetailOut = Type.Object({
  ...ConsultationOut.properties,
  themes: Type.Array(ThemeOut),
  messages: Type.Array(PostOut),
  may_comment: Type.Boolean(),
});
const Name = Type.Object({ name: Type.String({ maxLength: 200 }) });

const present = (consultation: Consultation) => ({
  id: consultation.id,
  name: consultation.name,
  title: consultation.title,
  description: consultation.description,
  opens_at: consultation.opensAt.toISOString(),
  closes_at: consultation.closesAt.toISOString(),
  state: consultation.state,
  summary: consultation.summary,
  concluded: consultation.concludedAt?.toISOString() ?? null,
  comments: consultation.comments,
});

/** /api/v1/consultations, and the moderators' queue, log and bans (/api/v1/moderation). */
export function consultationRoutes(deps: {
  consultations: ConsultationsService;
  messages: MessagesService;
  moderation: ModerationService;
}): FastifyPluginAsyncTypebox {
  const { consultations } = deps;
  const detail = async (actor: Parameters<ConsultationsService['get']>[0], name: string) => {
    const found = await consultations.get(actor, name);
    return {
      ...present(found.consultation),
      themes: found.themes,
      messages: found.comments.map(presentPost),
      may_comment: found.mayComment,
    };
  };
  return async (app) => {
    app.get(
      '/consultations',
      {
        schema: {
          tags,
          summary: 'Public consultations, the latest opened first',
          querystring: Type.Object(
            {
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
              offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ consultations: Type.Array(ConsultationOut) }), ...problemResponses },
        },
      },
      async (request) => ({
        consultations: (await consultations.list(request.query.limit, request.query.offset)).map(present),
      }),
    );

    app.post(
      '/consultations',
      {
        schema: {
          tags,
          summary: 'Open a consultation on a proposal for a period, with its themes (administrators)',
          body: Type.Object(
            {
              title: Type.String({ maxLength: 1000 }),
              description: Type.String({ maxLength: 30_000 }),
              opens_at: Type.String({ maxLength: 40, description: 'YYYY-MM-DD or an ISO 8601 date-time' }),
              closes_at: Type.String({ maxLength: 40 }),
              themes: Type.Array(
                Type.Object(
                  {
                    title: Type.String({ maxLength: 1000 }),
                    description: Type.Optional(Type.String({ maxLength: 10_000 })),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 50 },
              ),
            },
            { additionalProperties: false },
          ),
          response: { 201: DetailOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { title, description, opens_at, closes_at, themes } = request.body;
        const created = await consultations.create(request.actor, {
          title,
          description,
          opensAt: opens_at,
          closesAt: closes_at,
          themes,
        });
        reply.code(201);
        return detail(request.actor, created.id);
      },
    );

    app.get(
      '/consultations/:name',
      {
        schema: {
          tags,
          summary: 'A consultation, its themes, its comments; the summary and answers once concluded',
          params: Name,
          response: { 200: DetailOut, ...problemResponses },
        },
      },
      async (request) => detail(request.actor, request.params.name),
    );

    app.post(
      '/consultations/:name/comments',
      {
        schema: {
          tags,
          summary: 'Comment during the period, on the proposal or one theme (signed in, address confirmed)',
          params: Name,
          body: Type.Object(
            {
              ...WritingIn,
              theme: Type.Optional(Type.String({ maxLength: 100, description: 'A theme’s id or position' })),
            },
            { additionalProperties: false },
          ),
          response: { 201: PostOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const post = await consultations.comment(
          request.actor,
          request.params.name,
          request.body,
          request.ip,
        );
        reply.code(201);
        return presentPost(post);
      },
    );

    app.post(
      '/consultations/:name/closing',
      {
        schema: {
          tags,
          summary: 'End the comment period now (administrators)',
          params: Name,
          response: { 200: ConsultationOut, ...problemResponses },
        },
      },
      async (request) => present(await consultations.closeNow(request.actor, request.params.name)),
    );

    app.post(
      '/consultations/:name/conclusion',
      {
        schema: {
          tags,
          summary: 'Publish the summary and the answer to each theme, after the period (administrators)',
          params: Name,
          body: Type.Object(
            {
              summary: Type.String({ maxLength: 30_000 }),
              answers: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 30_000 }), {
                description: 'The answer to each theme, by its id or position',
                maxProperties: 50,
              }),
            },
            { additionalProperties: false },
          ),
          response: { 200: DetailOut, ...problemResponses },
        },
      },
      async (request) => {
        const done = await consultations.conclude(request.actor, request.params.name, request.body);
        return detail(request.actor, done.id);
      },
    );

    registerModeration(app, deps);
  };
}

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** /api/v1/moderation: held and reported messages, the activity log, bans (administrators). */
function registerModeration(app: App, deps: { messages: MessagesService; moderation: ModerationService }) {
  const mtags = ['Modération / Moderation'];
  app.get(
    '/moderation',
    {
      schema: {
        tags: mtags,
        summary: 'Held and reported messages, oldest first, and the latest steps of the activity log',
        response: {
          200: Type.Object({
            queue: Type.Array(
              Type.Object({
                id: Type.String({ format: 'uuid' }),
                author: Type.String(),
                body: Type.String(),
                held: Type.Boolean(),
                hidden_reason: Nullable(Type.String()),
                created: Type.String({ format: 'date-time' }),
                reports: Type.Array(
                  Type.Object({
                    by: Type.String(),
                    reason: Type.String(),
                    created: Type.String({ format: 'date-time' }),
                  }),
                ),
                place: Type.String({ description: 'The thread’s or the consultation’s address' }),
              }),
            ),
            activity: Type.Array(
              Type.Object({
                at: Type.String({ format: 'date-time' }),
                actor: Type.String(),
                action: Type.String(),
                thread: Nullable(Type.String()),
                message: Nullable(Type.String()),
                consultation: Nullable(Type.String()),
                user: Nullable(Type.String()),
                reason: Nullable(Type.String()),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const [queue, activity] = await Promise.all([
        deps.messages.queue(request.actor),
        deps.messages.activity(request.actor),
      ]);
      return {
        queue: queue.map((item) => ({
          id: item.id,
          author: item.author,
          body: item.body,
          held: item.held,
          hidden_reason: item.hiddenReason,
          created: item.created.toISOString(),
          reports: item.reports.map((r) => ({ ...r, created: r.created.toISOString() })),
          place:
            item.place.kind === 'thread'
              ? `/api/v1/discussions/${item.place.threadId}`
              : `/api/v1/consultations/${item.place.name}`,
        })),
        activity: activity.map((step) => ({
          at: step.at.toISOString(),
          actor: step.actor,
          action: step.action,
          thread: step.threadId,
          message: step.postId,
          consultation: step.consultationId,
          user: step.user,
          reason: step.reason,
        })),
      };
    },
  );

  const BanOut = Type.Object({
    user: Type.String(),
    reason: Type.String(),
    by: Type.String(),
    created: Type.String({ format: 'date-time' }),
  });
  app.get(
    '/moderation/bans',
    {
      schema: {
        tags: mtags,
        summary: 'Banned accounts',
        response: { 200: Type.Array(BanOut), ...problemResponses },
      },
    },
    async (request) =>
      (await deps.moderation.bans(request.actor)).map((ban) => ({
        ...ban,
        created: ban.created.toISOString(),
      })),
  );
  app.put(
    '/moderation/bans/:user',
    {
      schema: {
        tags: mtags,
        summary:
          'Ban an account from writing (threads, replies, comments, reports), with the reason shown to them',
        params: Type.Object({ user: Type.String({ maxLength: 200 }) }),
        body: Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await deps.moderation.ban(request.actor, request.params.user, request.body.reason);
      reply.code(204);
      return null;
    },
  );
  app.delete(
    '/moderation/bans/:user',
    {
      schema: {
        tags: mtags,
        summary: 'Lift a ban',
        params: Type.Object({ user: Type.String({ maxLength: 200 }) }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await deps.moderation.unban(request.actor, request.params.user);
      reply.code(204);
      return null;
    },
  );
}
