import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { PartialUpload } from '../../../platform/blobs/resumable-uploads.js';
import { UnauthorizedError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { WebDeps } from '../shell/page-routes.js';
import { CSRF_HEADER } from '../shell/web-cookies.js';

/** The content type of a piece of a file, as tus names it. */
const PIECE_TYPE = 'application/offset+octet-stream';

const present = (upload: PartialUpload) => ({ id: upload.id, offset: upload.offset, size: upload.size });

/**
 * Pieces of large files sent by the upload script of the resource form: start an upload, send
 * pieces at the right offset, ask where it stands after a network cut. Signed-in browsers only,
 * with the page's CSRF token in a header. Errors are problem+json, for the script to read.
 */
const UploadId = Type.Object({ id: Type.String({ maxLength: 100 }) });

export function uploadRoutes(deps: Pick<WebDeps, 'uploads' | 'cookies'>): FastifyPluginAsyncTypebox {
  const { uploads, cookies } = deps;

  function owner(request: FastifyRequest, checkCsrf: boolean): string {
    const user = request.actor.user;
    if (!user)
      throw new UnauthorizedError(localized('Connectez-vous pour téléverser.', 'Sign in to upload.'));
    if (checkCsrf) cookies.checkCsrf(request, request.headers[CSRF_HEADER]);
    return user.id;
  }

  return async (app) => {
    // The piece's bytes go to disk as they arrive: the body is handed over as a stream.
    app.addContentTypeParser(PIECE_TYPE, (_request, payload, done) => done(null, payload));

    app.post(
      '/uploads',
      {
        config: { sessionForms: true },
        schema: {
          hide: true,
          body: Type.Object(
            {
              filename: Type.String({ maxLength: 500 }),
              size: Type.Integer({ minimum: 1 }),
              type: Type.Optional(Type.String({ maxLength: 200 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const body = request.body;
        const upload = await uploads.create(owner(request, true), {
          filename: body.filename,
          size: body.size,
          mimetype: body.type ?? null,
        });
        return reply.code(201).header('Location', `/uploads/${upload.id}`).send(present(upload));
      },
    );

    app.get('/uploads/:id', { schema: { hide: true, params: UploadId } }, async (request) =>
      present(await uploads.status(owner(request, false), request.params.id)),
    );

    app.patch(
      '/uploads/:id',
      { config: { sessionForms: true }, schema: { hide: true, params: UploadId } },
      async (request) => {
        const user = owner(request, true);
        const offset = Number(request.headers['upload-offset']);
        const piece = request.body;
        if (
          request.headers['content-type'] !== PIECE_TYPE ||
          !Number.isSafeInteger(offset) ||
          offset < 0 ||
          !(piece instanceof Readable)
        ) {
          throw new ValidationError([
            {
              path: 'Upload-Offset',
              code: 'piece',
              message: localized(
                `Un morceau s'envoie en ${PIECE_TYPE} avec l'en-tête Upload-Offset.`,
                `A piece is sent as ${PIECE_TYPE} with an Upload-Offset header.`,
              ),
            },
          ]);
        }
        const upload = await uploads.append(user, request.params.id, offset, piece);
        return present(upload);
      },
    );
  };
}
