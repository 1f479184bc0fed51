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

/**
 * `ckanapi dump datasets --all [--datastore-fields] [--resource-views]`: package_list, then
 * package_show of each name; with the options, each resource gets `datastore_fields` (from
 * datastore_search limit 0, when datastore_active) and `resource_views` (when it has any).
 */
export async function dumpDatasets(
  remote: RemoteCkan,
  options: { datastoreFields?: boolean; resourceViews?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const names = (await remote.action('package_list', { all_fields: false })) as string[];
  const dumped = [];
  for (const name of names) {
    const record = await remote.action('package_show', {
      id: name,
      include_datasets: false,
      include_password_hash: true,
      include_users: false,
    });
    for (const resource of record.resources as Record<string, unknown>[]) {
      if (options.datastoreFields && resource.datastore_active) {
        const search = await remote.action('datastore_search', { resource_id: resource.id, limit: 0 });
        resource.datastore_fields = search.fields;
      }
      if (options.resourceViews) {
        const views = await remote
          .action('resource_view_list', { id: resource.id, limit: 0 })
          .catch(() => []);
        if (views.length > 0) resource.resource_views = views;
      }
    }
    dumped.push(record);
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
 * `ckanapi load <things> [--upload-resources] [--datastore-fields] [--resource-views]`: show by
 * id, then by name; update if found, else create (resource_views and datastore_fields taken out
 * of the resources first); then datastore_create of each table's fields (force), the uploads
 * (resource_patch with the file fetched from the source), then each view: resource_view_show by
 * id, update if found, else create.
 */
export async function load(
  target: RemoteCkan,
  thing: 'dataset' | 'organization' | 'group',
  records: Record<string, unknown>[],
  uploads?: (url: string) => Promise<Buffer>,
  options: { datastoreFields?: boolean; resourceViews?: boolean } = {},
): Promise<void> {
  const prefix = thing === 'dataset' ? 'package' : thing;
  for (const record of records) {
    const object = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
    const views = new Map<string, Record<string, unknown>[]>();
    const fields = new Map<string, unknown[]>();
    for (const resource of (object.resources ?? []) as Record<string, unknown>[]) {
      if (options.resourceViews) views.set(String(resource.id), (resource.resource_views as never) ?? []);
      if (options.datastoreFields)
        fields.set(String(resource.id), (resource.datastore_fields as never) ?? []);
      delete resource.resource_views;
      delete resource.datastore_fields;
    }
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
    if (thing !== 'dataset') continue;
    for (const [resourceId, datastoreFields] of fields) {
      if (datastoreFields.length === 0) continue;
      await target.action('datastore_create', {
        resource_id: resourceId,
        fields: datastoreFields,
        force: true,
      });
    }
    for (const resource of uploads ? ((object.resources ?? []) as Record<string, unknown>[]) : []) {
      if (resource.url_type !== 'upload' || !uploads) continue;
      const url = String(resource.url);
      await target.action(
        'resource_patch',
        { id: resource.id },
        { field: 'upload', filename: url.split('/').pop() ?? 'file', content: await uploads(url) },
      );
    }
    for (const [resourceId, resourceViews] of views) {
      for (const view of resourceViews) {
        const dict: Record<string, unknown> = { ...view, resource_id: resourceId };
        let found = false;
        try {
          await target.action('resource_view_show', { id: dict.id });
          found = true;
        } catch (error) {
          if (!(error instanceof CkanapiError && error.type === 'Not Found Error')) throw error;
        }
        await target.action(found ? 'resource_view_update' : 'resource_view_create', dict);
      }
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
