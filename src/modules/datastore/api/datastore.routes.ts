import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DatastoreService } from '../datastore.service.js';
import type { DictionaryService } from '../dictionary.service.js';
import type { ReferenceChecksService } from '../reference-checks/reference-checks.service.js';
import { presentColumn, presentStatus } from './datastore.present.js';
import {
  DictionaryBody,
  DictionaryOut,
  IntegrityOut,
  problemResponses,
  ResourceId,
  StatusOut,
} from './datastore.schemas.js';

const tags = ['Datastore'];

/**
 * /api/v1/resources/{id}/datastore: the load's progress or failure, and the table's columns;
 * its data dictionary (labels, descriptions, chosen types) for publishers.
 */
export function datastoreRoutes({
  datastore,
  dictionary,
  checks,
}: {
  datastore: DatastoreService;
  dictionary: DictionaryService;
  checks: ReferenceChecksService;
}): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/resources/:id/datastore',
      {
        schema: {
          tags,
          summary:
            'State of the resource’s table: latest load (progress, failure with row and column) and columns',
          params: ResourceId,
          response: { 200: StatusOut, ...problemResponses },
        },
      },
      async (request) => {
        const { load, table } = await datastore.status(request.actor, request.params.id);
        return presentStatus(load, table);
      },
    );

    app.put(
      '/resources/:id/datastore/dictionary',
      {
        schema: {
          tags,
          summary:
            'Edit the data dictionary (publishers): labels and descriptions in French and English, and column types ("auto" keeps the guess; a new type loads the file again)',
          params: ResourceId,
          body: DictionaryBody,
          response: { 200: DictionaryOut, ...problemResponses },
        },
      },
      async (request) => {
        const entries = request.body.columns.map((column) => ({
          id: column.id,
          label: column.label ?? {},
          description: column.description ?? {},
          type: column.type ?? 'auto',
          ...(column.reference === undefined
            ? {}
            : {
                reference: column.reference && {
                  set: column.reference.set,
                  asOfColumn: column.reference.as_of_column ?? null,
                  nameColumn: column.reference.name_column ?? null,
                },
              }),
        }));
        const result = await dictionary.update(request.actor, request.params.id, entries);
        return { columns: result.columns.map(presentColumn), reload: result.reloading };
      },
    );

    app.get(
      '/resources/:id/datastore/integrity',
      {
        schema: {
          tags,
          summary:
            'Integrity of the columns bound to reference sets (dictionary "reference"): unknown codes (errors), codes retired or not yet valid at the row’s date, names that differ from the official one (warnings); counts and the first rows of each kind',
          params: ResourceId,
          response: { 200: IntegrityOut, ...problemResponses },
        },
      },
      async (request) =>
        (await checks.report(request.actor, request.params.id)).map(({ checkedAt, ...report }) => ({
          ...report,
          checked: checkedAt.toISOString(),
        })),
    );
  };
}
