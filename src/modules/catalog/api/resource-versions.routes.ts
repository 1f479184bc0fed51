import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sendBlob } from '../../../platform/blobs/send-blob.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { ResourceVersion } from '../datasets/resource-versions.repo.js';
import type { ResourceApiDeps } from './resources.routes.js';
import { IdParam, problemResponses } from './v1.schemas.js';

const tags = ['Ressources / Resources'];

const VersionOut = Type.Object({
  version: Type.Integer({ minimum: 1, description: '1 for the resource’s first file, counting up' }),
  kind: Type.Union([Type.Literal('upload'), Type.Literal('link')]),
  url: Type.String({ description: 'Download URL of that version’s file, or the link it had' }),
  filename: Type.Union([Type.String(), Type.Null()]),
  format: Type.Union([Type.String(), Type.Null()]),
  media_type: Type.Union([Type.String(), Type.Null()]),
  size: Type.Union([Type.Integer(), Type.Null()]),
  sha256: Type.Union([Type.String(), Type.Null()]),
  published: Type.String({ format: 'date-time', description: 'When it became the resource’s file' }),
  replaced: Type.String({ format: 'date-time', description: 'When a newer file replaced it' }),
});

const VersionParams = Type.Object({
  id: Type.String(),
  version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

const versionNotFound = (id: string, version: number) =>
  new NotFoundError('version', `${id}/${version}`, localized('Version introuvable', 'Version not found'));

/** A resource's earlier files: listed, and each downloadable as it was. */
export function resourceVersionRoutes(deps: ResourceApiDeps): FastifyPluginAsyncTypebox {
  const { catalog, baseUrl } = deps;
  const downloadUrl = (version: ResourceVersion) =>
    `${baseUrl}/api/v1/resources/${version.resourceId}/versions/${version.version}/download`;

  return async (app) => {
    app.get(
      '/resources/:id/versions',
      {
        schema: {
          tags,
          summary: 'The files a resource had before its current one, the latest first',
          params: IdParam,
          response: { 200: Type.Object({ versions: Type.Array(VersionOut) }), ...problemResponses },
        },
      },
      async (request) => {
        const { versions } = await catalog.resources.versions(request.actor, request.params.id);
        return {
          versions: versions.map((version) => ({
            version: version.version,
            kind: version.upload ? ('upload' as const) : ('link' as const),
            url: version.upload ? downloadUrl(version) : (version.url ?? ''),
            filename: version.upload?.filename ?? null,
            format: version.format,
            media_type: version.mimetype,
            size: version.size,
            sha256: version.upload?.sha256 ?? null,
            published: version.published.toISOString(),
            replaced: version.replaced.toISOString(),
          })),
        };
      },
    );

    app.route({
      method: ['GET', 'HEAD'],
      url: '/resources/:id/versions/:version/download',
      schema: { tags, summary: 'Download an earlier file of a resource', params: VersionParams },
      handler: async (request, reply) => {
        const { id, version: number } = request.params;
        const { versions } = await catalog.resources.versions(request.actor, id);
        const version = versions.find((candidate) => candidate.version === number);
        if (!version) throw versionNotFound(id, number);
        if (!version.upload) return reply.redirect(version.url ?? '/', 302);
        return sendBlob(request, reply, deps.blobs, {
          sha256: version.upload.sha256,
          size: version.size ?? 0,
          contentType: version.mimetype ?? 'application/octet-stream',
          filename: version.upload.filename,
          lastModified: version.published,
        });
      },
    });
  };
}
