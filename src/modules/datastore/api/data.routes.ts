import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { Type } from 'typebox';
import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Column } from '../datastore.repo.js';
import type { DatastoreService } from '../datastore.service.js';
import { GEOMETRY_COLUMN, suggestMap } from '../views.js';

const tags = ['Datastore'];
const FORMATS = ['json', 'csv', 'jsonl', 'parquet', 'geojson'] as const;
type Format = (typeof FORMATS)[number];

/**
 * GET /api/v1/resources/{id}/data: a table's rows, filtered, sorted, grouped, paged by cursor
 * (JSON), or all of them streamed as CSV, JSON Lines or Parquet (`format=`).
 */
export function dataRoutes({ datastore }: { datastore: DatastoreService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/resources/:id/data',
      {
        schema: {
          tags,
          summary:
            'Query a table (count=true adds the exact total): col=v, col__gt/__gte/__lt/__lte=v, col__contains=words, q=words, select=a,b, sort=a,-b, group_by=a&agg=count,sum:b, limit, cursor; format=json|csv|jsonl|parquet|geojson (downloads are streamed; limit caps them; points=latitude,longitude makes GeoJSON points)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const query = { ...(request.query as Record<string, string | string[]>) };
        const format = (typeof query.format === 'string' ? query.format : 'json') as Format;
        if (!FORMATS.includes(format)) {
          throw new ValidationError([
            {
              path: 'format',
              code: 'invalid',
              message: localized(
                `format inconnu (${FORMATS.join(', ')})`,
                `unknown format (${FORMATS.join(', ')})`,
              ),
            },
          ]);
        }
        delete query.format;
        if (format === 'json') {
          const limit = Math.min(Math.max(Number(query.limit ?? 100) || 100, 1), 10_000);
          const cursor = typeof query.cursor === 'string' ? query.cursor : null;
          const count = query.count === 'true';
          const result = await datastore.query(request.actor, id, withoutPaging(query), {
            limit,
            cursor,
            count,
          });
          const next = result.next ? `${request.url.split('?')[0]}?${nextQuery(query, result.next)}` : null;
          return {
            columns: result.columns.map((column) => ({ id: column.id, type: column.type })),
            records: result.rows.map((row) =>
              Object.fromEntries(result.columns.map((column, index) => [column.id, row[index]])),
            ),
            total: result.total,
            next,
          };
        }
        const name = `${id}.${format}`;
        reply.header('Content-Disposition', `attachment; filename="${name}"`);
        if (format === 'parquet') {
          const scratch = path.join(os.tmpdir(), `quai-${randomUUID()}.parquet`);
          const file = await datastore.parquet(request.actor, id, withoutPaging(query), scratch);
          const stream = createReadStream(file);
          if (file === scratch) stream.on('close', () => void rm(scratch, { force: true }));
          return reply.type('application/vnd.apache.parquet').send(stream);
        }
        const points = typeof query.points === 'string' ? query.points : null;
        delete query.points;
        const limit = query.limit === undefined ? null : Math.max(Number(query.limit) || 0, 0);
        const batches = datastore.export(request.actor, id, withoutPaging(query), limit);
        const first = await batches.next();
        const columns = (first.value as { columns: Column[] }).columns;
        const shape = format === 'geojson' ? geometryOf(columns, points) : null;
        reply.type(CONTENT_TYPES[format]);
        const rows = batches as AsyncGenerator<unknown[][]>;
        return reply.send(
          Readable.from(shape ? featureCollection(columns, shape, rows) : encode(format, columns, rows)),
        );
      },
    );
  };
}

const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  geojson: 'application/geo+json; charset=utf-8',
};

async function* encode(
  format: Format,
  columns: Column[],
  batches: AsyncGenerator<unknown[][]>,
): AsyncGenerator<string> {
  if (format === 'csv') yield stringify([columns.map((column) => column.id)]);
  for await (const rows of batches) {
    if (format === 'csv') {
      yield stringify(
        rows.map((row) =>
          row.map((value) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value)),
        ),
      );
    } else {
      yield `${rows
        .map((row) =>
          JSON.stringify(Object.fromEntries(columns.map((column, index) => [column.id, row[index]]))),
        )
        .join('\n')}\n`;
    }
  }
}

type Shape = { geometry: number } | { latitude: number; longitude: number };

/**
 * Where a row's geometry is: `points=latitude,longitude` names two columns; otherwise the
 * geometry column, or the latitude and longitude columns the table's names suggest.
 */
function geometryOf(columns: Column[], points: string | null): Shape {
  const index = (id: string | null) => (id ? columns.findIndex((column) => column.id === id) : -1);
  const [latitudeId, longitudeId] = points ? points.split(',') : [null, null];
  const suggested = points ? null : suggestMap(columns);
  const geometry = index(suggested && !suggested.latitude ? GEOMETRY_COLUMN : null);
  if (geometry >= 0) return { geometry };
  const latitude = index(latitudeId ?? suggested?.latitude ?? null);
  const longitude = index(longitudeId ?? suggested?.longitude ?? null);
  if (latitude >= 0 && longitude >= 0) return { latitude, longitude };
  throw new ValidationError([
    {
      path: points ? 'points' : 'format',
      code: 'invalid',
      message: localized(
        'cette table n’a ni géométrie (colonne geometry) ni colonnes de latitude et de longitude (points=latitude,longitude)',
        'this table has neither a geometry (geometry column) nor latitude and longitude columns (points=latitude,longitude)',
      ),
    },
  ]);
}

/** Rows as a GeoJSON FeatureCollection: the geometry column, or a point, becomes each feature's geometry. */
async function* featureCollection(
  columns: Column[],
  shape: Shape,
  batches: AsyncGenerator<unknown[][]>,
): AsyncGenerator<string> {
  const used = new Set('geometry' in shape ? [shape.geometry] : []);
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const rows of batches) {
    const features = rows.map((row) => {
      const properties = Object.fromEntries(
        columns.flatMap((column, index) => (used.has(index) ? [] : [[column.id, row[index]]])),
      );
      return `{"type":"Feature","geometry":${geometryText(row, shape)},"properties":${JSON.stringify(properties)}}`;
    });
    if (features.length === 0) continue;
    yield `${first ? '' : ','}${features.join(',')}`;
    first = false;
  }
  yield ']}';
}

function geometryText(row: unknown[], shape: Shape): string {
  if ('geometry' in shape) {
    const value = row[shape.geometry];
    return typeof value === 'string' ? value : 'null';
  }
  const latitude = Number(row[shape.latitude]);
  const longitude = Number(row[shape.longitude]);
  const valid =
    row[shape.latitude] !== null &&
    row[shape.longitude] !== null &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180;
  return valid ? `{"type":"Point","coordinates":[${longitude},${latitude}]}` : 'null';
}

function withoutPaging(query: Record<string, string | string[]>): Record<string, string | string[]> {
  const { limit: _limit, cursor: _cursor, count: _count, ...rest } = query;
  return rest;
}

/** The query string of the next page: the same parameters (repeated ones kept), the new cursor. */
function nextQuery(query: Record<string, string | string[]>, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'cursor') continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  params.set('cursor', cursor);
  return params.toString();
}
