import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../http/errors.js';
import { localized } from '../i18n/index.js';
import type { BlobStore } from './blob-store.js';

export interface ReceivedFile {
  /** The form field that carried the file (`upload` for CKAN clients, `file` for the REST API). */
  field: string;
  filename: string;
  mimetype: string | null;
  sha256: string;
  size: number;
  created: boolean;
}

export interface MultipartBody {
  fields: Record<string, string | string[]>;
  file: ReceivedFile | null;
}

/**
 * Reads a multipart request without buffering the file: text fields are collected and the one
 * file streams into the blob store. `beforeFile` runs when the file part starts, with the fields
 * read so far, so a caller can refuse (403, 404) before any byte is stored.
 */
export async function readMultipart(
  request: FastifyRequest,
  options: {
    blobs: BlobStore;
    maxBytes: number;
    beforeFile?: (fields: MultipartBody['fields']) => Promise<void>;
    /** Called when the request fails after its file was stored; must not remove a file in use. */
    abandon: (file: ReceivedFile) => Promise<void>;
  },
): Promise<MultipartBody> {
  const fields: MultipartBody['fields'] = {};
  let file: ReceivedFile | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        const value = String(part.value);
        const previous = fields[part.fieldname];
        fields[part.fieldname] = previous === undefined ? value : [...[previous].flat(), value];
        continue;
      }
      if (file) {
        part.file.resume();
        throw new ValidationError([
          {
            path: part.fieldname,
            code: 'one_file',
            message: localized('Un seul fichier par requête', 'Only one file per request'),
          },
        ]);
      }
      await options.beforeFile?.(fields);
      const stored = await options.blobs.put(part.file, { maxBytes: options.maxBytes });
      file = {
        field: part.fieldname,
        filename: safeFilename(part.filename),
        mimetype: part.mimetype && part.mimetype !== 'application/octet-stream' ? part.mimetype : null,
        ...stored,
      };
    }
  } catch (error) {
    // The request failed after the file was stored: nothing may stay behind.
    if (file) await options.abandon(file);
    throw error;
  }
  return { fields, file };
}

/** The last path segment, without control characters; "fichier" when nothing usable is left. */
export function safeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => char >= ' ' && char !== '\u007f')
    .join('')
    .trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'fichier' : cleaned.slice(0, 255);
}
