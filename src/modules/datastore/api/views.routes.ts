import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../../platform/http/problem-schema.js';
import type { ViewsService } from '../views.service.js';

const tags = ['Datastore'];
const ResourceId = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * /api/v1/resources/{id}/views: the charts and maps saved on a resource. Anyone who may read the
 * resource lists them and reads a chart's figures; its publishers add and remove them.
 */
export function viewsRoutes({ views }: { views: ViewsService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/resources/:id/views',
      {
        schema: {
          tags,
          summary: 'The charts and maps saved on a resource, and the ones its columns suggest',
          params: ResourceId,
          response: { 200: Type.Unknown(), ...problemResponses },
        },
      },
      async (request) => {
        const saved = await views.list(request.actor, request.params.id);
        const suggested = await views.suggested(request.actor, request.params.id).catch(() => null);
        return { views: saved, suggested };
      },
    );

    app.post(
      '/resources/:id/views',
      {
        schema: {
          tags,
          summary:
            'Save a view (publishers): {title: {fr, en}, spec: {kind: bar, category, measure: {fn: count|sum|avg, column}} | {kind: line, x, measure} | {kind: scatter, x, y} | {kind: map, latitude, longitude}}',
          params: ResourceId,
          body: Type.Object({ title: Type.Unknown(), spec: Type.Unknown() }),
          response: { 201: Type.Unknown(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const view = await views.create(request.actor, request.params.id, request.body);
        return reply.code(201).send(view);
      },
    );

    app.get(
      '/resources/:id/views/:view',
      {
        schema: {
          tags,
          summary: 'One saved view; a chart comes with its figures',
          params: Type.Object({ id: Type.String({ format: 'uuid' }), view: Type.String({ format: 'uuid' }) }),
          response: { 200: Type.Unknown(), ...problemResponses },
        },
      },
      async (request) => {
        const view = await views.get(request.actor, request.params.id, request.params.view);
        if (view.spec.kind === 'map') return view;
        return { ...view, figures: await views.chart(request.actor, request.params.id, view.spec) };
      },
    );

    app.delete(
      '/resources/:id/views/:view',
      {
        schema: {
          tags,
          summary: 'Remove a saved view (publishers)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }), view: Type.String({ format: 'uuid' }) }),
        },
      },
      async (request, reply) => {
        await views.remove(request.actor, request.params.id, request.params.view);
        return reply.code(204).send();
      },
    );
  };
}
