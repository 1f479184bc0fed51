import type { FastifyInstance } from 'fastify';
import { multipart } from './fixtures.js';

/**
 * A replay of what the Python client `ckanapi` (4.x, RemoteCKAN) sends, read from its source:
 * POST /api/action/<name>; the key raw in both X-CKAN-API-Key and Authorization; a JSON body
 * from json.dumps (", " and ": " separators, non-ASCII as \uXXXX); with files, multipart whose
 * other values are str(v) ("True", "3") and None dropped. Errors are read from `error.__type`.
 */
export class CkanapiError extends Error {
  constructor(
    readonly type: string,
    readonly error: Record<string, unknown>,
  ) {
    super(`${type}: ${JSON.stringify(error)}`);
  }
}

/** Python's json.dumps with default options. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([key, item]) => `${pythonJsonDumps(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
}

function pythonStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

export class RemoteCkan {
  constructor(
    private readonly app: FastifyInstance,
    private readonly apikey: string | null,
  ) {}

  async action(
    name: string,
    data: Record<string, unknown> = {},
    files?: { field: string; filename: string; content: Buffer },
  ) {
    const headers: Record<string, string> = {
      'user-agent': 'ckanapi/4.10 (+https://github.com/ckan/ckanapi)',
    };
    if (this.apikey) {
      headers['x-ckan-api-key'] = this.apikey;
      headers.authorization = this.apikey;
    }
    let payload: string | Buffer;
    if (files) {
      const fields = Object.fromEntries(
        Object.entries(data)
          .filter(([, value]) => value !== null && value !== undefined)
          .map(([key, value]) => [key, pythonStr(value)]),
      );
      const form = multipart(fields, files);
      headers['content-type'] = form.contentType;
      payload = form.payload;
    } else {
      headers['content-type'] = 'application/json';
      payload = Buffer.from(pythonJsonDumps(data), 'ascii');
    }
    const response = await this.app.inject({ method: 'POST', url: `/api/action/${name}`, headers, payload });
    const parsed = JSON.parse(response.body);
    if (parsed?.success) return parsed.result;
    const error = (parsed?.error ?? {}) as Record<string, unknown>;
    throw new CkanapiError(String(error.__type ?? `HTTP ${response.statusCode}`), error);
  }
}

/** `ckanapi dump datasets --all`: package_list, then package_show of each name. */
export async function dumpDatasets(remote: RemoteCkan): Promise<Record<string, unknown>[]> {
  const names = (await remote.action('package_list', { all_fields: false })) as string[];
  const dumped = [];
  for (const name of names) {
    dumped.push(
      await remote.action('package_show', {
        id: name,
        include_datasets: false,
        include_password_hash: true,
        include_users: false,
      }),
    );
  }
  return dumped;
}

/** `ckanapi dump organizations --all`. */
export async function dumpOrganizations(remote: RemoteCkan): Promise<Record<string, unknown>[]> {
  const names = (await remote.action('organization_list', { all_fields: false })) as string[];
  const dumped = [];
  for (const name of names) {
    dumped.push(
      await remote.action('organization_show', {
        id: name,
        include_datasets: false,
        include_password_hash: true,
        include_users: false,
      }),
    );
  }
  return dumped;
}

/**
 * `ckanapi load <things> [--upload-resources]`: show by id, then by name; update if found, else
 * create; then, for each uploaded resource, fetch the file from the source and resource_patch it.
 */
export async function load(
  target: RemoteCkan,
  thing: 'dataset' | 'organization' | 'group',
  records: Record<string, unknown>[],
  uploads?: (url: string) => Promise<Buffer>,
): Promise<void> {
  const prefix = thing === 'dataset' ? 'package' : thing;
  for (const record of records) {
    const object = { ...record };
    let existing: Record<string, unknown> | null = null;
    for (const query of [
      { id: object.id, include_datasets: false, include_password_hash: true, include_users: true },
      { id: object.name },
    ]) {
      if (existing || !query.id) continue;
      try {
        existing = await target.action(`${prefix}_show`, query);
      } catch (error) {
        if (!(error instanceof CkanapiError && error.type === 'Not Found Error')) throw error;
      }
    }
    if (existing) object.id = existing.id;
    await target.action(`${prefix}_${existing ? 'update' : 'create'}`, object);
    if (!uploads || thing !== 'dataset') continue;
    for (const resource of (object.resources ?? []) as Record<string, unknown>[]) {
      if (resource.url_type !== 'upload') continue;
      const url = String(resource.url);
      await target.action(
        'resource_patch',
        { id: resource.id },
        { field: 'upload', filename: url.split('/').pop() ?? 'file', content: await uploads(url) },
      );
    }
  }
}

/** `ckanapi search datasets q=…`: pages of 1000 until an empty page. */
export async function searchAll(
  remote: RemoteCkan,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const results: Record<string, unknown>[] = [];
  let start = 0;
  for (;;) {
    const page = (await remote.action('package_search', { ...args, start, rows: 1000 })) as {
      results: Record<string, unknown>[];
    };
    if (page.results.length === 0) return results;
    results.push(...page.results);
    start += page.results.length;
  }
}
