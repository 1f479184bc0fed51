import type { FastifyRequest } from 'fastify';
import type { ReceivedUpload, UploadService } from '../catalog/index.js';
import type { CkanData } from './params.js';

/** A request CKAN would answer with a bare "Bad request - …" string. */
export class BadCkanRequest extends Error {
  override name = 'BadCkanRequest';
}

export interface CkanRequestData {
  data: CkanData;
  /** A multipart request's file, stored (settle it with the upload service), or none. */
  upload: ReceivedUpload | null;
}

/**
 * CKAN's `_get_request_data`: a form whose single key is JSON is that JSON; other forms are their
 * fields; GET (and POST to read actions) take the query string; otherwise the JSON body; files
 * of a multipart request come as `upload`.
 */
export async function readRequestData(
  request: FastifyRequest<{ Querystring: CkanData }>,
  options: {
    sideEffectFree: boolean;
    uploads: UploadService;
    /** Checks, when a file part starts, that the caller may send it (from the fields sent first). */
    allowFile: (fields: CkanData) => Promise<void>;
  },
): Promise<CkanRequestData> {
  const query = request.query;
  if (request.method === 'GET') return { data: { ...query }, upload: null };
  if (request.isMultipart()) {
    const upload = await options.uploads.receive(request, {
      allow: options.allowFile,
      fileFields: ['upload'],
    });
    return { data: upload.fields, upload };
  }
  if (options.sideEffectFree && Object.keys(query).length > 0) return { data: { ...query }, upload: null };
  const body = request.body;
  if (typeof body === 'object' && body !== null)
    return { data: formOrJson(body as Record<string, unknown>), upload: null };
  if (typeof body === 'string' && body.trim() !== '') return { data: parseJsonObject(body), upload: null };
  return { data: {}, upload: null };
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
