import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../../platform/http/problem-schema.js';
import type { DatastoreService } from '../datastore.service.js';

const tags = ['Datastore'];

/** /api/v1/resources/{id}/datastore: the load's progress or failure, and the table's columns. */
export function datastoreRoutes({ datastore }: { datastore: DatastoreService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/resources/:id/datastore',
      {
        schema: {
          tags,
          summary:
            'State of the resource’s table: latest load (progress, failure with row and column) and columns',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Type.Unknown(), ...problemResponses },
        },
      },
      async (request) => {
        const { load, table } = await datastore.status(request.actor, request.params.id);
        return {
          load: load && {
            id: load.id,
            state: load.state,
            format: load.format,
            encoding: load.encoding,
            rows: load.rowsDone,
            bytes: load.bytesTotal,
            percent: load.percent,
            error: load.error,
            created: load.createdAt,
            started: load.startedAt,
            finished: load.finishedAt,
          },
          table: table && {
            row_count: table.rowCount,
            bbox: table.bbox,
            loaded: table.loadedAt,
            columns: table.columns.map((column) => ({
              id: column.id,
              type: column.type,
              label: column.label,
              description: column.description,
            })),
          },
        };
      },
    );
  };
}
