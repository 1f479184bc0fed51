import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../../platform/http/problem-schema.js';
import type { DatastoreService } from '../datastore.service.js';
import { COLUMN_TYPES, type DictionaryService } from '../dictionary.service.js';

const tags = ['Datastore'];

const Localized = Type.Object({ fr: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });

/**
 * /api/v1/resources/{id}/datastore: the load's progress or failure, and the table's columns;
 * its data dictionary (labels, descriptions, chosen types) for publishers.
 */
export function datastoreRoutes({
  datastore,
  dictionary,
}: {
  datastore: DatastoreService;
  dictionary: DictionaryService;
}): FastifyPluginAsyncTypebox {
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
            types: load.types,
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
              type_override: column.typeOverride ?? null,
              label: column.label,
              description: column.description,
            })),
          },
        };
      },
    );

    app.put(
      '/resources/:id/datastore/dictionary',
      {
        schema: {
          tags,
          summary:
            'Edit the data dictionary (publishers): labels and descriptions in French and English, and column types ("auto" keeps the guess; a new type loads the file again)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object({
            columns: Type.Array(
              Type.Object({
                id: Type.String(),
                label: Type.Optional(Localized),
                description: Type.Optional(Localized),
                type: Type.Optional(
                  Type.Union([Type.Literal('auto'), ...COLUMN_TYPES.map((type) => Type.Literal(type))]),
                ),
              }),
              { maxItems: 2000 },
            ),
          }),
          response: { 200: Type.Unknown(), ...problemResponses },
        },
      },
      async (request) => {
        const entries = request.body.columns.map((column) => ({
          id: column.id,
          label: column.label ?? {},
          description: column.description ?? {},
          type: column.type ?? 'auto',
        }));
        const result = await dictionary.update(request.actor, request.params.id, entries);
        return {
          columns: result.columns.map((column) => ({
            id: column.id,
            type: column.type,
            type_override: column.typeOverride ?? null,
            label: column.label,
            description: column.description,
          })),
          reload: result.reloading,
        };
      },
    );
  };
}
