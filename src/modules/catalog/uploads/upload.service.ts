import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { BlobStore } from '../../../platform/blobs/blob-store.js';
import { type ReceivedFile, readMultipart } from '../../../platform/blobs/multipart.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { UploadedFile } from '../catalog.types.js';

/** A multipart request read: its text fields, and its file once stored (or none). */
export interface ReceivedUpload {
  fields: Record<string, string | string[]>;
  file: UploadedFile | null;
}

/**
 * The one way in for a resource's file, whoever sends it (the REST API, CKAN's resource_create
 * and resource_update, the portal's form): the caller's right to send it is checked once, when
 * the file part starts and before any byte is stored; the file streams into the blob store; and
 * whatever happens next, a stored file that no resource uses in the end is removed.
 */
export function createUploadService(deps: {
  blobs: BlobStore;
  maxBytes: number;
  /** Removes a stored file unless a resource uses it (this request's or another's). */
  discard: (file: Pick<UploadedFile, 'sha256' | 'created'>) => Promise<void>;
}) {
  return {
    async receive(
      request: FastifyRequest,
      options: {
        /** Runs when the file part starts, with the fields read so far: refuse (403, 404…) by throwing. */
        allow: (fields: ReceivedUpload['fields']) => Promise<unknown>;
        /** The form fields a file may come in (`file` for the REST API, `upload` for CKAN clients). */
        fileFields: readonly string[];
        /** A browser sends an empty file part when no file was chosen: then there is no file. */
        emptyIsNone?: boolean;
      },
    ): Promise<ReceivedUpload> {
      const body = await readMultipart(request, {
        blobs: deps.blobs,
        maxBytes: deps.maxBytes,
        beforeFile: async (fields) => {
          await options.allow(fields);
        },
        abandon: deps.discard,
      });
      const file = body.file;
      if (file && !options.fileFields.includes(file.field)) {
        await deps.discard(file);
        throw new ValidationError([
          {
            path: file.field,
            code: 'field',
            message: localized(
              `Le fichier doit être envoyé dans le champ « ${options.fileFields[0]} ».`,
              `Files are sent in the "${options.fileFields[0]}" field.`,
            ),
          },
        ]);
      }
      if (file && file.size === 0 && options.emptyIsNone) {
        await deps.discard(file);
        return { fields: body.fields, file: null };
      }
      return { fields: body.fields, file: file ? uploadedFile(file) : null };
    },

    /**
     * A file that comes from elsewhere than a form (a portal being migrated): stored like an upload,
     * within the same size limit, then used through `settle`.
     */
    async fromStream(
      source: Readable,
      meta: { filename: string; mimetype: string | null },
    ): Promise<ReceivedUpload> {
      const stored = await deps.blobs.put(source, { maxBytes: deps.maxBytes });
      return {
        fields: {},
        file: { ...stored, filename: meta.filename, mimetype: meta.mimetype },
      };
    },

    /**
     * Runs the work that uses an upload (creating or updating a resource), then removes the file
     * unless a resource uses it: refused, failed, or not needed after all (a link was chosen).
     */
    async settle<T>(upload: ReceivedUpload, work: (file: UploadedFile | null) => Promise<T>): Promise<T> {
      try {
        return await work(upload.file);
      } finally {
        if (upload.file) await deps.discard(upload.file);
      }
    },
  };
}

export type UploadService = ReturnType<typeof createUploadService>;

export function uploadedFile(file: ReceivedFile): UploadedFile {
  return {
    sha256: file.sha256,
    size: file.size,
    filename: file.filename,
    mimetype: file.mimetype,
    created: file.created,
  };
}
