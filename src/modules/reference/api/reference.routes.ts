import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BlobStore } from '../../../platform/blobs/blob-store.js';
import { sendBlob } from '../../../platform/blobs/send-blob.js';
import { ForbiddenError, NotFoundError, TooManyRequestsError } from '../../../platform/http/errors.js';
import type { RateLimiter } from '../../../platform/http/rate-limit.js';
import { sendRaw } from '../../../platform/http/send.js';
import { localized } from '../../../platform/i18n/index.js';
import { isSysadmin } from '../../accounts/index.js';
import { BULK_FILES, type BulkFileName } from '../bulk-files.js';
import type { ProbeService } from '../probe.service.js';
import type { PublishService } from '../publish.service.js';
import type { ReferenceService } from '../reference.service.js';
import type { EntityView, Version } from '../reference.types.js';
import { csvOf, fieldsOf, geojsonOf, presentVersion, project } from './reference.present.js';
import {
  ChangeOut,
  EntityOut,
  ListOut,
  problemResponses,
  SetOut,
  StatusOut,
  VersionOut,
} from './reference.schemas.js';
import { referenceDcat } from './reference-dcat.js';

const tags = ['Reference data'];
const ETAGS_KEPT = 20_000;
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const KNOWN_PARAMS = new Set(['q', 'asOf', 'version', 'status', 'fields', 'format', 'limit', 'offset']);
const SetParams = Type.Object({ set: Type.String({ maxLength: 40 }) });

/**
 * /api/v1/reference: the reference sets, their versions and change logs, lookups by code, date,
 * version, name and attribute. Every answer names its version (`Reference-Version`) and carries
 * an ETag of the version and the request; a pinned version's answers never change.
 */
export function referenceRoutes(deps: {
  reference: ReferenceService;
  publishing: PublishService;
  probes: ProbeService;
  blobs: BlobStore;
  baseUrl: string;
  /** The catalog's IRI of a set's dataset (DCAT), when the catalog has it. */
  datasetIri: (set: string) => Promise<string | null>;
  /** The budget of the module that serves an external set (the registry's, per client). */
  externalLimiter: RateLimiter;
}): FastifyPluginAsyncTypebox {
  const { reference, baseUrl } = deps;
  // The ETags of recent answers (a hash per request adds up at thousands of lookups a second).
  const etags = new Map<string, string>();

  /** Headers of a versioned answer; true when the client already has it (304). */
  function versioned(
    request: FastifyRequest,
    reply: FastifyReply,
    version: Version | null,
    pinned: boolean,
  ): boolean {
    if (!version) return false;
    const key = `${version.id} ${request.url}`;
    let tag = etags.get(key);
    if (!tag) {
      if (etags.size >= ETAGS_KEPT) etags.clear();
      tag = `"${createHash('sha1').update(key).digest('base64url')}"`;
      etags.set(key, tag);
    }
    reply
      .header('Reference-Version', version.id)
      .header('ETag', tag)
      .header('Cache-Control', pinned ? 'public, max-age=31536000, immutable' : 'public, max-age=60');
    return request.headers['if-none-match'] === tag;
  }

  /** An external set's lookups count against its own module's per-client budget. */
  async function limited(request: FastifyRequest, set: string): Promise<void> {
    if (!reference.definition(set).external) return;
    const wait = await deps.externalLimiter.take(request.actor?.user?.id ?? request.ip);
    if (wait > 0)
      throw new TooManyRequestsError(
        localized('Trop de requêtes : réessayez dans un moment.', 'Too many requests: try again shortly.'),
        wait,
      );
  }

  return async (app) => {
    app.get(
      '/reference',
      {
        schema: {
          tags,
          summary: 'The reference sets: definition, commitment, current version',
          response: { 200: Type.Array(SetOut), ...problemResponses },
        },
      },
      async () =>
        (await reference.sets()).map(({ set, current }) => ({
          ...set,
          current: current ? presentVersion(current, baseUrl) : null,
        })),
    );

    app.get(
      '/reference/:set',
      {
        schema: {
          tags,
          summary:
            'Entities of a set: q (a name: accents, case, « st »/« ste » and typos ignored), asOf=YYYY-MM-DD (the entities valid that day), version (a label: what was published then), status=current|all, a declared attribute as filter (mrc=460), fields, format=json|csv|geojson, limit ≤ 1000, offset',
          params: SetParams,
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ maxLength: 200 })),
              asOf: Type.Optional(Type.String({ pattern: DATE })),
              version: Type.Optional(Type.String({ maxLength: 40 })),
              status: Type.Optional(Type.Union([Type.Literal('current'), Type.Literal('all')])),
              fields: Type.Optional(Type.String({ maxLength: 300 })),
              format: Type.Optional(
                Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('geojson')]),
              ),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
              offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
            },
            { additionalProperties: Type.String({ maxLength: 100 }) },
          ),
          response: { 200: ListOut, 304: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const query = request.query as Record<string, string | number | undefined> & typeof request.query;
        const filters = Object.fromEntries(
          Object.entries(query)
            .filter(([name]) => !KNOWN_PARAMS.has(name))
            .map(([name, value]) => [name, String(value)]),
        );
        await limited(request, request.params.set);
        const fields = fieldsOf(query.fields);
        const result = await reference.list(request.params.set, {
          q: query.q,
          asOf: query.asOf,
          version: query.version,
          status: query.status,
          filters,
          limit: query.limit ?? 100,
          offset: query.offset ?? 0,
        });
        if (versioned(request, reply, result.version, Boolean(query.version)))
          return reply.code(304).send(null);
        const definition = reference.definition(request.params.set);
        if (query.format === 'csv')
          return sendRaw(
            reply,
            'text/csv; charset=utf-8',
            csvOf(
              result.entities,
              definition.attributes.map((a) => a.name),
            ),
          );
        if (query.format === 'geojson')
          return sendRaw(reply, 'application/geo+json', geojsonOf(result.entities));
        return {
          set: request.params.set,
          version: result.version ? presentVersion(result.version, baseUrl) : null,
          total: result.total,
          entities: result.entities.map((entity) => project(entity, fields) as EntityView),
        };
      },
    );

    app.get(
      '/reference/:set/:code',
      {
        schema: {
          tags,
          summary:
            'One code: the entity valid at asOf (default: today) or in a version; a retired code answers 200 with status "retired", its end, reason, successors and the codes current today',
          params: Type.Object({ set: Type.String({ maxLength: 40 }), code: Type.String({ maxLength: 40 }) }),
          querystring: Type.Object({
            asOf: Type.Optional(Type.String({ pattern: DATE })),
            version: Type.Optional(Type.String({ maxLength: 40 })),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')])),
          }),
          response: { 200: EntityOut, 304: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await limited(request, request.params.set);
        const { entity, version } = await reference.entity(
          request.params.set,
          request.params.code,
          request.query,
        );
        if (versioned(request, reply, version, Boolean(request.query.version)))
          return reply.code(304).send(null);
        if (request.query.format === 'geojson')
          return sendRaw(
            reply,
            'application/geo+json',
            JSON.stringify({ type: 'Feature', id: entity.code, geometry: null, properties: entity }),
          );
        return entity;
      },
    );

    app.get(
      '/reference/:set/versions',
      {
        schema: {
          tags,
          summary: 'Versions of a set, newest first',
          params: SetParams,
          response: { 200: Type.Array(VersionOut), ...problemResponses },
        },
      },
      async (request) =>
        (await reference.versions(request.params.set)).map((v) => presentVersion(v, baseUrl)),
    );

    const VersionParams = Type.Object({
      set: Type.String({ maxLength: 40 }),
      label: Type.String({ maxLength: 40 }),
    });
    app.get(
      '/reference/:set/versions/:label',
      {
        schema: {
          tags,
          summary: 'One version: sources with checksums, counts, bulk files',
          params: VersionParams,
          response: { 200: VersionOut, ...problemResponses },
        },
      },
      async (request) =>
        presentVersion(await reference.version(request.params.set, request.params.label), baseUrl),
    );

    app.get(
      '/reference/:set/versions/:label/changes',
      {
        schema: {
          tags,
          summary:
            'The change log of a version against the previous one: created, retired, renamed, designation_changed, moved, merged, split, updated',
          params: VersionParams,
          response: {
            200: Type.Object({
              set: Type.String(),
              version: Type.String(),
              previous: Type.Union([Type.String(), Type.Null()]),
              changes: Type.Array(ChangeOut),
            }),
            ...problemResponses,
          },
        },
      },
      async (request, reply) => {
        const version = await reference.version(request.params.set, request.params.label);
        reply
          .header('Reference-Version', version.id)
          .header('Cache-Control', 'public, max-age=31536000, immutable');
        return {
          set: version.set,
          version: version.label,
          previous: version.previous,
          changes: await reference.changes(version),
        };
      },
    );

    app.get(
      '/reference/:set/versions/:label/files/:name',
      {
        schema: {
          tags,
          summary:
            'A version’s bulk file at a permanent URL: entities.csv, entities.json, entities.parquet, datapackage.json (Frictionless v2)',
          params: Type.Object({
            set: Type.String({ maxLength: 40 }),
            label: Type.String({ maxLength: 40 }),
            name: Type.Union(Object.keys(BULK_FILES).map((name) => Type.Literal(name))),
          }),
        },
      },
      async (request, reply) => {
        const definition = reference.definition(request.params.set);
        const version = await reference.version(request.params.set, request.params.label);
        const files = definition.external ? {} : await deps.publishing.ensureFiles(definition, version);
        const file = files[request.params.name as BulkFileName];
        if (!file) throw new NotFoundError('file', request.params.name);
        reply
          .header('Reference-Version', version.id)
          .header('Cache-Control', 'public, max-age=31536000, immutable');
        return sendBlob(request, reply, deps.blobs, {
          sha256: file.sha256,
          size: file.bytes,
          contentType: file.contentType,
          filename: `${version.set}-${version.label}-${request.params.name}`,
          lastModified: new Date(version.publishedAt),
        });
      },
    );

    app.get(
      '/reference/:set/status',
      {
        schema: {
          tags,
          summary:
            'The commitments measured: freshness, availability over 30 days (per day), notices of structure changes',
          params: SetParams,
          response: { 200: StatusOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const definition = reference.definition(request.params.set);
        const [current] = await reference.versions(definition.id);
        reply.header('Cache-Control', 'no-cache');
        const notices = await deps.publishing.notices(definition.id);
        return {
          ...(await deps.probes.status(definition, current ?? null)),
          notices: notices.map(({ effectiveOn, announcedAt, description }) => ({
            effectiveOn,
            announcedAt,
            description,
          })),
        };
      },
    );

    app.get(
      '/reference/:set/dcat.ttl',
      {
        schema: {
          tags,
          summary:
            'The set in DCAT 3 and DQV (Turtle): versions, files, the lookup API as a DataService, the commitment and the availability measured',
          params: SetParams,
        },
      },
      async (request, reply) => {
        const definition = reference.definition(request.params.set);
        const versions = await reference.versions(definition.id);
        const status = await deps.probes.status(definition, versions[0] ?? null);
        const turtle = await referenceDcat({
          set: definition,
          versions,
          status,
          datasetIri:
            (await deps.datasetIri(definition.id)) ?? `${baseUrl}/api/v1/reference/${definition.id}`,
          baseUrl,
        });
        return sendRaw(reply, 'text/turtle; charset=utf-8', turtle);
      },
    );

    app.post(
      '/reference/:set/notices',
      {
        schema: {
          tags,
          summary:
            'Announce a structure change (sysadmins): it may be published once the set’s notice period has run',
          params: SetParams,
          body: Type.Object({
            effectiveOn: Type.String({ pattern: DATE }),
            description: Type.Object({
              fr: Type.String({ minLength: 1, maxLength: 2000 }),
              en: Type.String({ minLength: 1, maxLength: 2000 }),
            }),
          }),
          response: {
            201: Type.Object({ set: Type.String(), effectiveOn: Type.String() }),
            ...problemResponses,
          },
        },
      },
      async (request, reply) => {
        if (!isSysadmin(request.actor))
          throw new ForbiddenError(localized('Réservé aux administrateurs.', 'Administrators only.'));
        reference.definition(request.params.set);
        await deps.publishing.announce({
          set: request.params.set,
          effectiveOn: request.body.effectiveOn,
          description: request.body.description,
          announcedBy: request.actor.user?.name ?? 'system',
        });
        return reply.code(201).send({ set: request.params.set, effectiveOn: request.body.effectiveOn });
      },
    );
  };
}
