import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../platform/http/errors.js';
import { sendRaw } from '../../platform/http/send.js';
import { localized } from '../../platform/i18n/index.js';
import { refuseNul } from '../../platform/validation.js';
import type { DatastoreService } from '../datastore/index.js';
import { DUMP_CONTENT_TYPES, DUMP_FORMATS, type DumpFormat, dumpRows } from './dump.js';
import { type CkanData, readBoolean, readInteger, readObject, readString } from './params.js';

/**
 * GET /datastore/dump/{resource_id}: a whole table (or what q, filters, fields, sort, limit and
 * offset select) as CSV, TSV, JSON or XML, as CKAN 2.10 writes it; streamed, never held whole.
 */
export function dumpRoutes(deps: { datastore: DatastoreService }) {
  return async (app: FastifyInstance) => {
    app.get<{ Params: { id: string }; Querystring: CkanData }>(
      '/datastore/dump/:id',
      { schema: { hide: true } },
      async (request, reply) => {
        const data = { ...request.query };
        refuseNul(data);
        const format = (readString(data, 'format') ?? 'csv').toLowerCase();
        if (!(DUMP_FORMATS as readonly string[]).includes(format)) {
          throw new ValidationError([
            {
              path: 'format',
              code: 'invalid',
              message: localized(
                'Format inconnu : csv, tsv, json ou xml',
                'format: must be one of csv, tsv, json, xml',
              ),
            },
          ]);
        }
        const fieldsText = readString(data, 'fields');
        const q =
          typeof data.q === 'string' && data.q.trim().startsWith('{')
            ? (readObject(data, 'q') as Record<string, string>)
            : readString(data, 'q');
        const limit = data.limit === undefined ? null : readInteger(data, 'limit', 0);
        const { columns, batches } = await deps.datastore.searchExport(
          request.actor,
          {
            resourceId: request.params.id,
            filters: readObject(data, 'filters') ?? {},
            q,
            fields:
              fieldsText === null
                ? null
                : fieldsText
                    .split(',')
                    .map((field) => field.trim())
                    .filter(Boolean),
            sort: readString(data, 'sort'),
            distinct: false,
          },
          { limit, offset: readInteger(data, 'offset', 0) },
        );
        reply.header('Content-Disposition', `attachment; filename="${request.params.id}.${format}"`);
        return sendRaw(
          reply,
          DUMP_CONTENT_TYPES[format as DumpFormat],
          Readable.from(dumpRows(format as DumpFormat, columns, batches, readBoolean(data, 'bom', false))),
        );
      },
    );
  };
}
