import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { NotFoundError, TooManyRequestsError } from '../../../platform/http/errors.js';
import type { RateLimiter } from '../../../platform/http/rate-limit.js';
import { sendRaw } from '../../../platform/http/send.js';
import { localized } from '../../../platform/i18n/index.js';
import { BULK_FILES, type BulkExportService } from '../exports/exports.service.js';
import type { RegistryService } from '../registry.service.js';
import { presentEdition } from './registry.present.js';
import { ChangesOut, EditionOut, EnterpriseOut, problemResponses, SearchOut } from './registry.schemas.js';

const tags = ['Registry'];
const list = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];

const CSV_COLUMNS = [
  'neq',
  'name',
  'status',
  'statusLabel',
  'statusOn',
  'legalForm',
  'legalFormLabel',
  'registeredOn',
  'activityCode',
  'activity',
  'address',
  'municipality',
  'postalCode',
  'matchedName',
  'former',
] as const;

/**
 * /api/v1/registry: the current edition of the business registry. Enterprises by NEQ, searched
 * by name or filtered; the change feed. Every answer carries an ETag that changes with the
 * edition; searches are rate-limited per client (429 with Retry-After).
 */
export function registryRoutes(deps: {
  registry: RegistryService;
  exports: BulkExportService;
  limiter: RateLimiter;
}): FastifyPluginAsyncTypebox {
  const { registry, exports, limiter } = deps;

  async function limited(request: FastifyRequest): Promise<void> {
    const client = request.actor?.user?.id ?? request.ip;
    const wait = await limiter.take(client);
    if (wait > 0) {
      throw new TooManyRequestsError(
        localized(
          'Trop de requêtes au registre : réessayez dans un moment.',
          'Too many registry requests: try again shortly.',
        ),
        wait,
      );
    }
  }

  /** An ETag of the edition and the request: 304 when the client has it already. */
  async function notModified(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const edition = await registry.currentEdition();
    const tag = `"${createHash('sha256')
      .update(`${edition?.id ?? 'none'} ${request.url}`)
      .digest('base64url')
      .slice(0, 27)}"`;
    reply.header('ETag', tag).header('Cache-Control', 'public, max-age=300');
    return request.headers['if-none-match'] === tag;
  }

  return async (app) => {
    app.addHook('preHandler', async (request) => limited(request));

    app.get(
      '/registry/editions',
      {
        schema: {
          tags,
          summary: 'Editions imported: the current one and earlier imports (with failures)',
          response: { 200: Type.Array(EditionOut), ...problemResponses },
        },
      },
      async () => (await registry.editions()).map(presentEdition),
    );

    app.get(
      '/registry/enterprises',
      {
        schema: {
          tags,
          summary:
            'Search enterprises: q (a name, current or former: accents and case ignored, prefixes and typos tolerated; or a NEQ), status, legal_form (comma-separated codes), municipality, activity (CAE code prefix), registered_from, registered_to, limit ≤ 100, offset, count=true (filters only); format=json|csv',
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 200 })),
            status: Type.Optional(Type.String()),
            legal_form: Type.Optional(Type.String()),
            municipality: Type.Optional(Type.String()),
            activity: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
            registered_from: Type.Optional(Type.String({ format: 'date' })),
            registered_to: Type.Optional(Type.String({ format: 'date' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
            count: Type.Optional(Type.Boolean()),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
          }),
          response: { 200: SearchOut, 304: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        if (await notModified(request, reply)) return reply.code(304).send(null);
        const query = request.query;
        const result = await registry.search({
          q: query.q ?? '',
          filters: {
            status: list(query.status),
            legalForm: list(query.legal_form),
            municipality: query.municipality?.trim() || null,
            activity: query.activity ?? null,
            registeredFrom: query.registered_from ?? null,
            registeredTo: query.registered_to ?? null,
          },
          limit: query.limit ?? 20,
          offset: query.offset ?? 0,
          count: query.count ?? false,
        });
        if (query.format === 'csv') {
          const rows = result.hits.map((hit) => CSV_COLUMNS.map((column) => hit[column] ?? ''));
          return sendRaw(reply, 'text/csv; charset=utf-8', `\uFEFF${stringify([[...CSV_COLUMNS], ...rows])}`);
        }
        return { total: result.total, results: result.hits };
      },
    );

    app.get(
      '/registry/enterprises/:neq',
      {
        schema: {
          tags,
          summary:
            'One enterprise by NEQ: current state, every name with its period, establishments, mergers and continuations, history of changes',
          params: Type.Object({ neq: Type.String({ maxLength: 20 }) }),
          response: { 200: EnterpriseOut, 304: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        if (await notModified(request, reply)) return reply.code(304).send(null);
        return registry.enterprise(request.params.neq);
      },
    );

    app.get(
      '/registry/bulk/:file',
      {
        schema: {
          tags,
          summary: `The current edition in bulk (no data about people): ${Object.keys(BULK_FILES).join(', ')}`,
          params: Type.Object({ file: Type.String({ maxLength: 100 }) }),
        },
      },
      async (request, reply) => {
        const file = await exports.file(request.params.file);
        if (!file) {
          throw new NotFoundError(
            'bulk file',
            request.params.file,
            localized(
              'Ce fichier n’existe pas (ou pas encore) pour l’édition en cours.',
              'No such file (yet) for the current edition.',
            ),
          );
        }
        const tag = `"${file.edition}-${request.params.file}"`;
        reply.header('ETag', tag).header('Cache-Control', 'public, max-age=3600');
        if (request.headers['if-none-match'] === tag) return reply.code(304).send(null);
        reply.header('Content-Disposition', `attachment; filename="${request.params.file}"`);
        reply.header('Content-Length', String(file.size));
        return sendRaw(reply, file.type, createReadStream(file.path));
      },
    );

    app.get(
      '/registry/changes',
      {
        schema: {
          tags,
          summary:
            'The change feed: changes recorded after `since` (the `next` of the previous page; empty for the beginning), oldest first; a page with no change keeps the cursor',
          querystring: Type.Object({
            since: Type.Optional(Type.String({ maxLength: 20 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          }),
          response: { 200: ChangesOut, 304: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        if (await notModified(request, reply)) return reply.code(304).send(null);
        const { changes, next } = await registry.changes(
          request.query.since ?? null,
          request.query.limit ?? 100,
        );
        return { changes, next, more: changes.length === (request.query.limit ?? 100) };
      },
    );
  };
}
