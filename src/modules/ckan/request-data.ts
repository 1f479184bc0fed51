import type { FastifyRequest } from 'fastify';
import type { BlobStore } from '../../platform/blobs/blob-store.js';
import { readMultipart } from '../../platform/blobs/multipart.js';
import { ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { type CatalogService, type UploadedFile, uploadedFile } from '../catalog/index.js';
import type { CkanData } from './params.js';

/** A request CKAN would answer with a bare "Bad request - …" string. */
export class BadCkanRequest extends Error {
  override name = 'BadCkanRequest';
}

export interface CkanRequestData {
  data: CkanData;
  file: UploadedFile | null;
}

/**
 * CKAN's `_get_request_data`: a form whose single key is JSON is that JSON; other forms are their
 * fields; GET (and POST to read actions) take the query string; otherwise the JSON body; files
 * of a multipart request come as `upload`.
 */
export async function readRequestData(
  request: FastifyRequest,
  options: {
    sideEffectFree: boolean;
    blobs: BlobStore;
    catalog: CatalogService;
    maxUploadBytes: number;
    beforeFile: (fields: CkanData) => Promise<void>;
  },
): Promise<CkanRequestData> {
  const query = request.query as CkanData;
  if (request.method === 'GET') return { data: { ...query }, file: null };
  if (request.isMultipart()) {
    const body = await readMultipart(request, {
      blobs: options.blobs,
      maxBytes: options.maxUploadBytes,
      beforeFile: options.beforeFile,
      abandon: (file) => options.catalog.resources.discardUpload(file),
    });
    if (body.file && body.file.field !== 'upload') {
      await options.catalog.resources.discardUpload(body.file);
      throw new ValidationError([
        {
          path: body.file.field,
          code: 'field',
          message: localized(
            'Le fichier doit être envoyé dans le champ « upload ».',
            'Files are sent in the "upload" field.',
          ),
        },
      ]);
    }
    return { data: body.fields, file: body.file ? uploadedFile(body.file) : null };
  }
  if (options.sideEffectFree && Object.keys(query).length > 0) return { data: { ...query }, file: null };
  const body = request.body;
  if (typeof body === 'object' && body !== null)
    return { data: formOrJson(body as Record<string, unknown>), file: null };
  if (typeof body === 'string' && body.trim() !== '') return { data: parseJsonObject(body), file: null };
  return { data: {}, file: null };
}

/** `curl -d '{"a": 1}'` posts a form with one key that is the JSON; CKAN reads it as JSON. */
function formOrJson(form: Record<string, unknown>): CkanData {
  const keys = Object.keys(form);
  if (keys.length === 1 && (form[keys[0] as string] === '' || form[keys[0] as string] === '1')) {
    const key = keys[0] as string;
    if (/^\s*[{[]/.test(key)) return parseJsonObject(key);
  }
  return form;
}

function parseJsonObject(text: string): CkanData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BadCkanRequest(
      `JSON Error: Error decoding JSON data. Error: ${(error as Error).message} JSON data extracted from the request: ${JSON.stringify(text.slice(0, 200))}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadCkanRequest(
      `JSON Error: Request data JSON decoded to ${JSON.stringify(parsed)} but it needs to be a dictionary.`,
    );
  }
  return parsed as CkanData;
}
