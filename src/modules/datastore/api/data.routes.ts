import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contentDisposition } from '../../../platform/blobs/send-blob.js';
import { isCrawler } from '../../../platform/http/robots.js';
import { sendRaw } from '../../../platform/http/send.js';
import { xlsxStream } from '../../../platform/xlsx.js';
import type { Actor } from '../../accounts/index.js';
import type { DatastoreService } from '../datastore.service.js';
import { downloadName } from '../encode/download-name.js';
import { featureCollection, geometryOf } from '../encode/geojson.js';
import { csvRows, jsonLines } from '../encode/rows.js';
import { presentDataPage } from './datastore.present.js';
import {
  type DataFormat,
  DataPageOut,
  DataQuery,
  problemResponses,
  ResourceId,
} from './datastore.schemas.js';

const tags = ['Datastore'];

const CONTENT_TYPES: Record<Exclude<DataFormat, 'json'>, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  geojson: 'application/geo+json; charset=utf-8',
};

/**
 * GET /api/v1/resources/{id}/data: a table's rows, filtered, sorted, grouped, paged by cursor
 * (JSON), or all of them streamed as CSV, JSON Lines, GeoJSON or Parquet (`format=`).
 */
export function dataRoutes({
  datastore,
  countUse,
}: {
  datastore: DatastoreService;
  countUse: (actor: Actor, resourceId: string, kind: 'api' | 'download') => void;
}): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/resources/:id/data',
      {
        schema: {
          tags,
          summary:
            'Query a table (count=true adds the exact total): col=v, col__gt/__gte/__lt/__lte=v, col__contains=words, q=words, select=a,b, sort=a,-b, group_by=a&agg=count,sum:b, limit, cursor; format=json|csv|jsonl|parquet|geojson (downloads are streamed; limit caps them; points=latitude,longitude makes GeoJSON points)',
          params: ResourceId,
          querystring: DataQuery,
          response: { 200: DataPageOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const {
          format = 'json',
          limit,
          cursor,
          count,
          points,
          delimiter = ',',
          bom = false,
          decimal = 'point',
          ...filters
        } = request.query;
        const params = filters as Record<string, string | string[]>;
        if (!isCrawler(request.headers['user-agent']))
          reply.raw.once('finish', () => {
            if (reply.statusCode === 200) countUse(request.actor, id, format === 'json' ? 'api' : 'download');
          });
        if (format === 'json') {
          const page = {
            limit: Math.min(Math.max(limit || 100, 1), 10_000),
            cursor: cursor ?? null,
            count: count ?? false,
          };
          const result = await datastore.query(request.actor, id, params, page);
          const self = request.url.split('?')[0] ?? '';
          // Already JSON: a page of thousands of cells is not put through the schema's serializer.
          return sendRaw(
            reply,
            'application/json; charset=utf-8',
            JSON.stringify(presentDataPage(result, self, request.query)),
          );
        }
        if (format === 'parquet') {
          reply.header('Content-Disposition', `attachment; filename="${id}.parquet"`);
          const scratch = path.join(os.tmpdir(), `quai-${randomUUID()}.parquet`);
          const file = await datastore.parquet(request.actor, id, params, scratch);
          const stream = createReadStream(file);
          if (file === scratch) stream.on('close', () => void rm(scratch, { force: true }));
          return sendRaw(reply, CONTENT_TYPES[format], stream);
        }
        const { columns, batches, names } = await datastore.export(request.actor, id, params, limit ?? null);
        reply.header('Content-Disposition', contentDisposition(downloadName(names, params, format)));
        if (format === 'xlsx') {
          const rows = xlsxStream([
            {
              name: names.resource || names.dataset,
              header: columns.map((column) => column.id),
              rows: batches,
            },
          ]);
          return sendRaw(reply, CONTENT_TYPES[format], rows);
        }
        const dialect = { delimiter, bom, decimalComma: decimal === 'comma' };
        const body =
          format === 'geojson'
            ? featureCollection(columns, geometryOf(columns, points ?? null), batches)
            : format === 'csv'
              ? csvRows(columns, batches, dialect)
              : jsonLines(columns, batches);
        return sendRaw(reply, CONTENT_TYPES[format], Readable.from(body));
      },
    );
  };
}
