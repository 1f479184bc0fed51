import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BlobStore } from '../../../platform/blobs/blob-store.js';
import { sendBlob } from '../../../platform/blobs/send-blob.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { isCrawler } from '../../../platform/http/robots.js';
import { parseJsonField } from '../../../platform/http/schema-issues.js';
import { localized } from '../../../platform/i18n/index.js';
import type { CatalogService } from '../catalog.service.js';
import type { UploadedFile } from '../catalog.types.js';
import type { ResourceInDataset } from '../datasets/resource.service.js';
import type { ReceivedUpload } from '../uploads/upload.service.js';
import { resourceInputFromBody } from './v1.input.js';
import { presentResource } from './v1.present.js';
import { IdParam, problemResponses, Reference, ResourceBody, ResourceOut } from './v1.schemas.js';

export interface ResourceApiDeps {
  catalog: CatalogService;
  blobs: BlobStore;
  baseUrl: string;
  maxUploadBytes: number;
}

const tags = ['Ressources / Resources'];
const multipartHelp =
  'multipart/form-data with a `file` part and, optionally, a `metadata` part: the resource as JSON ' +
  '(name, description, format, …). The file is streamed to storage; a cut upload leaves nothing behind.';

export function resourceRoutes(deps: ResourceApiDeps): FastifyPluginAsyncTypebox {
  const { catalog, baseUrl } = deps;
  const present = ({ resource }: ResourceInDataset) => presentResource(baseUrl, resource);

  return async (app) => {
    app.post(
      '/datasets/:ref/resources',
      {
        schema: {
          tags,
          summary: 'Add a resource that links to data elsewhere',
          params: Reference,
          body: ResourceBody,
          response: { 201: ResourceOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const created = await catalog.resources.create(
          request.actor,
          request.params.ref,
          resourceInputFromBody(request.body),
        );
        return reply.code(201).send(present(created));
      },
    );

    app.post(
      '/datasets/:ref/resources/upload',
      {
        schema: {
          tags,
          summary: 'Add a resource by uploading a file',
          description: multipartHelp,
          consumes: ['multipart/form-data'],
          params: Reference,
          response: { 201: ResourceOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const ref = request.params.ref;
        const upload = await catalog.uploads.receive(request, {
          allow: () => catalog.datasets.editableRef(request.actor, ref),
          fileFields: ['file'],
        });
        const created = await catalog.uploads.settle(upload, (sent) => {
          const file = required(sent);
          return catalog.resources.create(
            request.actor,
            ref,
            resourceInputFromBody(metadataOf(upload), file),
          );
        });
        return reply.code(201).send(present(created));
      },
    );

    app.get(
      '/resources/:id',
      {
        schema: {
          tags,
          summary: 'Show a resource',
          params: IdParam,
          response: { 200: ResourceOut, ...problemResponses },
        },
      },
      async (request) => present(await catalog.resources.get(request.actor, request.params.id)),
    );

    app.put(
      '/resources/:id',
      {
        schema: {
          tags,
          summary: 'Replace a resource\'s description (kind "upload" keeps its file)',
          params: IdParam,
          body: ResourceBody,
          response: { 200: ResourceOut, ...problemResponses },
        },
      },
      async (request) =>
        present(
          await catalog.resources.update(
            request.actor,
            request.params.id,
            resourceInputFromBody(request.body),
          ),
        ),
    );

    app.put(
      '/resources/:id/file',
      {
        schema: {
          tags,
          summary: 'Replace the file of a resource',
          description: multipartHelp,
          consumes: ['multipart/form-data'],
          params: IdParam,
          response: { 200: ResourceOut, ...problemResponses },
        },
      },
      async (request) => {
        const id = request.params.id;
        const current = await catalog.resources.get(request.actor, id);
        const upload = await catalog.uploads.receive(request, {
          allow: () => catalog.datasets.editableRef(request.actor, current.dataset.id),
          fileFields: ['file'],
        });
        const updated = await catalog.uploads.settle(upload, (sent) => {
          const file = required(sent);
          const given = metadataOf(upload);
          const metadata = Object.keys(given).length > 0 ? given : bodyOf(current.resource);
          return catalog.resources.update(request.actor, id, resourceInputFromBody(metadata, file));
        });
        return present(updated);
      },
    );

    app.delete(
      '/resources/:id',
      {
        schema: {
          tags,
          summary: 'Delete a resource',
          params: IdParam,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await catalog.resources.delete(request.actor, request.params.id);
        return reply.code(204).send(null);
      },
    );

    // GET and HEAD declared together: Fastify's automatic HEAD would reset Content-Length.
    app.route({
      method: ['GET', 'HEAD'],
      url: '/resources/:id/download',
      schema: {
        tags,
        summary: 'Download the file (HTTP Range supported), or be redirected to the link',
        params: IdParam,
      },
      handler: async (request, reply) =>
        download(request, reply, deps, await catalog.resources.get(request.actor, request.params.id)),
    });
  };
}

/** CKAN's download URL, kept so that links published by a CKAN portal keep working. */
export function ckanDownloadRoute(deps: ResourceApiDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.route({
      method: ['GET', 'HEAD'],
      url: '/dataset/:dataset/resource/:id/download/:filename',
      schema: {
        hide: true,
        params: Type.Object({ dataset: Type.String(), id: Type.String(), filename: Type.String() }),
      },
      handler: async (request, reply) => {
        const found = await deps.catalog.resources.get(request.actor, request.params.id);
        if (found.dataset.id !== request.params.dataset && found.dataset.name !== request.params.dataset) {
          throw new ValidationError([
            {
              path: 'dataset',
              code: 'mismatch',
              message: localized(
                "Cette ressource n'appartient pas à ce jeu de données",
                'This resource does not belong to that dataset',
              ),
            },
          ]);
        }
        return download(request, reply, deps, found);
      },
    });
  };
}

function download(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ResourceApiDeps,
  { dataset, resource }: ResourceInDataset,
) {
  if (request.method === 'GET' && !isCrawler(request.headers['user-agent']))
    deps.catalog.pageViews.count('download', dataset.id, resource.id);
  if (!resource.upload) return reply.redirect(resource.url ?? '/', 302);
  return sendBlob(request, reply, deps.blobs, {
    sha256: resource.upload.sha256,
    size: resource.size ?? 0,
    contentType: resource.mimetype ?? 'application/octet-stream',
    filename: resource.upload.filename,
    lastModified: resource.lastModified,
  });
}

/** The file an upload must carry. */
function required(file: UploadedFile | null): UploadedFile {
  if (file) return file;
  throw new ValidationError([
    { path: 'file', code: 'required', message: localized('Fichier manquant', 'Missing file') },
  ]);
}

/** The resource described in the upload's `metadata` part (JSON), checked against its schema. */
function metadataOf(upload: ReceivedUpload): ResourceBody {
  const text = upload.fields.metadata;
  return parseJsonField(ResourceBody, Array.isArray(text) ? text[0] : text, 'metadata') as ResourceBody;
}

function bodyOf(resource: ResourceInDataset['resource']): ResourceBody {
  return {
    name: resource.name,
    description: resource.description,
    format: null,
    media_type: null,
    resource_type: resource.resourceType,
    extras: resource.extras,
  };
}
