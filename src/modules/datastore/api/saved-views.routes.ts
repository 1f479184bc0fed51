import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { SavedViewsService } from '../saved-views.service.js';
import {
  presentChartSpec,
  presentMapSpec,
  presentView,
  presentViewWithFigures,
} from './datastore.present.js';
import {
  problemResponses,
  ResourceId,
  ResourceView,
  ViewBody,
  ViewOut,
  ViewsOut,
  ViewWithFiguresOut,
} from './datastore.schemas.js';

const tags = ['Datastore'];

/**
 * /api/v1/resources/{id}/views: the charts and maps saved on a resource. Anyone who may read the
 * resource lists them and reads a chart's figures; its publishers add and remove them.
 */
export function savedViewsRoutes({ views }: { views: SavedViewsService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/resources/:id/views',
      {
        schema: {
          tags,
          summary: 'The charts and maps saved on a resource, and the ones its columns suggest',
          params: ResourceId,
          response: { 200: ViewsOut, ...problemResponses },
        },
      },
      async (request) => {
        const saved = await views.list(request.actor, request.params.id);
        const suggested = await views.suggested(request.actor, request.params.id).catch(() => null);
        return {
          views: saved.map(presentView),
          suggested: suggested && {
            chart: suggested.chart && presentChartSpec(suggested.chart),
            map: suggested.map && presentMapSpec(suggested.map),
          },
        };
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
          body: ViewBody,
          response: { 201: ViewOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const view = await views.create(request.actor, request.params.id, request.body);
        return reply.code(201).send(presentView(view));
      },
    );

    app.get(
      '/resources/:id/views/:view',
      {
        schema: {
          tags,
          summary: 'One saved view; a chart comes with its figures',
          params: ResourceView,
          response: { 200: ViewWithFiguresOut, ...problemResponses },
        },
      },
      async (request) => {
        const view = await views.get(request.actor, request.params.id, request.params.view);
        const figures =
          view.spec.kind === 'map' ? null : await views.chart(request.actor, request.params.id, view.spec);
        return presentViewWithFigures(view, figures);
      },
    );

    app.delete(
      '/resources/:id/views/:view',
      {
        schema: {
          tags,
          summary: 'Remove a saved view (publishers)',
          params: ResourceView,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await views.remove(request.actor, request.params.id, request.params.view);
        return reply.code(204).send(null);
      },
    );
  };
}
