import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NotFoundError } from '../../../platform/http/errors.js';
import { problemResponses } from '../../../platform/http/problem-schema.js';
import { localized } from '../../../platform/i18n/index.js';
import type { CallsService } from '../reuses/calls.service.js';
import { IMAGE_MAX_BYTES } from '../reuses/image.js';
import type { ReusesService } from '../reuses/reuses.service.js';
import type { Call, Reuse } from '../reuses/reuses.types.js';

const tags = ['Réutilisations / Reuses'];
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const DatasetRef = Type.Object({ id: Type.String(), name: Type.String(), title: Type.String() });
const ReuseOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  title: Type.String(),
  description: Type.String(),
  type: Type.Union([
    Type.Literal('application'),
    Type.Literal('visualization'),
    Type.Literal('article'),
    Type.Literal('api'),
    Type.Literal('other'),
  ]),
  url: Type.String(),
  image: Nullable(Type.String()),
  author: Type.String(),
  topics: Type.Array(Type.String()),
  call: Type.Union([Type.Object({ name: Type.String(), title: Type.String() }), Type.Null()]),
  datasets: Type.Array(DatasetRef, { description: 'The public datasets it uses' }),
  state: Type.Union([Type.Literal('pending'), Type.Literal('published'), Type.Literal('refused')]),
  moderation_reason: Nullable(Type.String()),
  created: Type.String({ format: 'date-time' }),
  published: Nullable(Type.String({ format: 'date-time' })),
});
const CallOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  kind: Type.Union([Type.Literal('call'), Type.Literal('hackathon'), Type.Literal('webinar')]),
  title: Type.String(),
  description: Type.String(),
  participation: Type.String(),
  starts_on: Type.String({ format: 'date' }),
  ends_on: Type.String({ format: 'date' }),
  datasets: Type.Array(DatasetRef),
  reuse_count: Type.Integer(),
});
const Ref = Type.Object({ ref: Type.String({ maxLength: 200 }) });
const ReuseIn = Type.Object(
  {
    title: Type.String({ maxLength: 300 }),
    description: Type.String({ maxLength: 6000 }),
    type: Type.String({
      maxLength: 20,
      description: 'application, visualization, article, api, other',
    }),
    url: Type.String({ maxLength: 2000 }),
    topics: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    datasets: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
    call: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);

export const presentReuse = (reuse: Reuse) => ({
  id: reuse.id,
  name: reuse.name,
  title: reuse.title,
  description: reuse.description,
  type: reuse.type,
  url: reuse.url,
  image: reuse.image,
  author: reuse.author.name,
  topics: reuse.topics,
  call: reuse.call,
  datasets: reuse.datasets,
  state: reuse.state,
  moderation_reason: reuse.moderationReason,
  created: reuse.created.toISOString(),
  published: reuse.publishedAt?.toISOString() ?? null,
});
const presentCall = (call: Call) => ({
  id: call.id,
  name: call.name,
  kind: call.kind,
  title: call.title,
  description: call.description,
  participation: call.participation,
  starts_on: call.startsOn,
  ends_on: call.endsOn,
  datasets: call.datasets,
  reuse_count: call.reuseCount,
});

/** /api/v1/reuses and /api/v1/calls: what people made with the data, and calls for projects. */
export function reuseRoutes(deps: { reuses: ReusesService; calls: CallsService }): FastifyPluginAsyncTypebox {
  const { reuses, calls } = deps;
  return async (app) => {
    app.addContentTypeParser(
      ['image/jpeg', 'image/png', 'image/webp'],
      { parseAs: 'buffer', bodyLimit: IMAGE_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.get(
      '/reuses',
      {
        schema: {
          tags,
          summary: 'Published reuses, newest first (and one’s own, whatever their state)',
          querystring: Type.Object(
            {
              type: Type.Optional(Type.String({ maxLength: 20 })),
              topic: Type.Optional(Type.String({ maxLength: 40 })),
              dataset: Type.Optional(Type.String({ maxLength: 200 })),
              call: Type.Optional(Type.String({ maxLength: 100 })),
              state: Type.Optional(
                Type.Union([Type.Literal('pending'), Type.Literal('published'), Type.Literal('refused')], {
                  description: 'Administrators: the reuses in this state',
                }),
              ),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
              offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ total: Type.Integer(), reuses: Type.Array(ReuseOut) }),
            ...problemResponses,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const type = ['application', 'visualization', 'article', 'api', 'other'].includes(q.type ?? '')
          ? (q.type as Reuse['type'])
          : null;
        const { reuses: list, total } = await reuses.list(request.actor, {
          type,
          topic: q.topic?.toLowerCase() ?? null,
          dataset: q.dataset ?? null,
          call: q.call ?? null,
          state: q.state ?? null,
          limit: q.limit ?? 20,
          offset: q.offset ?? 0,
        });
        return { total, reuses: list.map(presentReuse) };
      },
    );

    app.post(
      '/reuses',
      {
        schema: {
          tags,
          summary:
            'Show a reuse (address confirmed): published at once for publishers and administrators, after moderation for others. Its image: PUT /reuses/{ref}/image',
          body: ReuseIn,
          response: { 201: ReuseOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const created = await reuses.create(request.actor, {
          ...body,
          topics: body.topics ?? [],
          call: body.call ?? null,
        });
        reply.code(201);
        return presentReuse(created);
      },
    );

    app.get(
      '/reuses/:ref',
      { schema: { tags, summary: 'A reuse', params: Ref, response: { 200: ReuseOut, ...problemResponses } } },
      async (request) => presentReuse(await reuses.get(request.actor, request.params.ref)),
    );

    app.put(
      '/reuses/:ref',
      {
        schema: {
          tags,
          summary:
            'Edit a reuse (its author or an administrator); an edit by someone who is neither a publisher nor an administrator waits for moderation again',
          params: Ref,
          body: ReuseIn,
          response: { 200: ReuseOut, ...problemResponses },
        },
      },
      async (request) => {
        const body = request.body;
        return presentReuse(
          await reuses.update(request.actor, request.params.ref, {
            ...body,
            topics: body.topics ?? [],
            call: body.call ?? null,
          }),
        );
      },
    );

    app.put(
      '/reuses/:ref/image',
      {
        schema: {
          tags,
          summary:
            'Its image (JPEG, PNG or WebP, 5 MB at most): resized within 1200 × 800, re-encoded as WebP, every metadata removed',
          params: Ref,
          response: { 200: ReuseOut, ...problemResponses },
        },
      },
      async (request) => {
        const body = request.body;
        if (!Buffer.isBuffer(body))
          throw new NotFoundError('image', 'body', localized('Envoyez une image.', 'Send an image.'));
        return presentReuse(await reuses.setImage(request.actor, request.params.ref, body));
      },
    );

    app.get(
      '/reuses/:ref/image',
      { schema: { tags, summary: 'Its image (WebP)', params: Ref } },
      async (request, reply) => {
        const image = await reuses.image(request.actor, request.params.ref);
        if (!image)
          throw new NotFoundError('image', request.params.ref, localized('Aucune image', 'No image'));
        const etag = `"${image.sha256}"`;
        reply.header('ETag', etag).header('Cache-Control', 'public, max-age=3600');
        if (request.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.type('image/webp').send(image.read());
      },
    );

    app.post(
      '/reuses/:ref/moderation',
      {
        schema: {
          tags,
          summary: 'Administrators: publish a reuse, or refuse it with a reason',
          params: Ref,
          body: Type.Object(
            {
              state: Type.String({ maxLength: 20 }),
              reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            },
            { additionalProperties: false },
          ),
          response: { 200: ReuseOut, ...problemResponses },
        },
      },
      async (request) =>
        presentReuse(
          await reuses.moderate(request.actor, request.params.ref, {
            state: request.body.state,
            reason: request.body.reason ?? null,
          }),
        ),
    );

    app.get(
      '/calls',
      {
        schema: {
          tags,
          summary: 'Calls for projects, hackathons and webinars, the latest first',
          response: { 200: Type.Array(CallOut), ...problemResponses },
        },
      },
      async () => (await calls.list()).map(presentCall),
    );

    app.post(
      '/calls',
      {
        schema: {
          tags,
          summary: 'Administrators: open a call for projects, a hackathon or a webinar',
          body: Type.Object(
            {
              name: Type.String({ maxLength: 100 }),
              kind: Type.String({ maxLength: 20, description: 'call, hackathon, webinar' }),
              title: Type.String({ maxLength: 300 }),
              description: Type.String({ maxLength: 10_000 }),
              participation: Type.String({ maxLength: 10_000 }),
              starts_on: Type.String({ maxLength: 10 }),
              ends_on: Type.String({ maxLength: 10 }),
              datasets: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: CallOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const call = await calls.create(request.actor, {
          name: body.name,
          kind: body.kind,
          title: body.title,
          description: body.description,
          participation: body.participation,
          startsOn: body.starts_on,
          endsOn: body.ends_on,
          datasets: body.datasets ?? [],
        });
        reply.code(201);
        return presentCall(call);
      },
    );

    app.get(
      '/calls/:ref',
      {
        schema: {
          tags,
          summary: 'A call for projects',
          params: Ref,
          response: { 200: CallOut, ...problemResponses },
        },
      },
      async (request) => presentCall(await calls.get(request.params.ref)),
    );
  };
}
