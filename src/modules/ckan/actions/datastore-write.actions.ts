import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { FieldInput, Row, WriteMethod } from '../../datastore/index.js';
import { fieldOf } from '../datastore-fields.js';
import { resourceInputFromDict } from '../input.js';
import { type CkanData, readBoolean, readList, readObject, readString, requireString } from '../params.js';
import { type ActionContext, type ActionTable, writeAction } from './action.js';

function invalid(field: string, fr: string, en: string): ValidationError {
  return new ValidationError([{ path: field, code: 'invalid', message: localized(fr, en) }]);
}

/** A list given as a list, a JSON list or "a,b" (primary_key, indexes). */
function names(data: CkanData, field: string): string[] | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && !value.trim().startsWith('['))
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return ((readList(data, field) ?? []) as unknown[]).map(String);
}

function records(data: CkanData): Row[] {
  const list = readList(data, 'records') ?? [];
  return list.map((record, index) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record))
      throw invalid(
        `records.${index}`,
        'Un enregistrement est un dictionnaire',
        'records must be a list of dicts',
      );
    return record as Row;
  });
}

function fields(data: CkanData): FieldInput[] | null {
  const list = readList(data, 'fields');
  if (list === null) return null;
  return list.map((field, index) => {
    if (field === null || typeof field !== 'object')
      throw invalid(
        `fields.${index}`,
        'Un champ est un dictionnaire {id, type}',
        'fields must be a list of dicts',
      );
    const record = field as Record<string, unknown>;
    if (typeof record.id !== 'string')
      throw invalid(`fields.${index}.id`, 'Identifiant requis', 'Missing value');
    const info = record.info && typeof record.info === 'object' ? (record.info as FieldInput['info']) : null;
    return {
      id: record.id,
      type: typeof record.type === 'string' && record.type !== '' ? record.type : null,
      info,
    };
  });
}

/** The resource of datastore_create: an existing one, or one created from the `resource` dict. */
async function targetResource({ actor, data, deps }: ActionContext): Promise<string> {
  const existing = readString(data, 'resource_id');
  if (existing !== null) return existing;
  const dict = readObject(data, 'resource');
  if (!dict) throw invalid('resource_id', 'resource_id ou resource requis', 'Missing value');
  const id = randomUUID();
  const packageId = requireString(dict as CkanData, 'package_id');
  // A table written through the API: the resource's file is its dump, always current.
  const input = resourceInputFromDict(
    { ...dict, id, url: `${deps.baseUrl}/datastore/dump/${id}`, url_type: undefined },
    null,
  );
  const created = await deps.catalog.resources.create(actor, packageId, input);
  return created.resource.id;
}

const METHODS: readonly WriteMethod[] = ['upsert', 'insert', 'update'];

export const datastoreWriteActions: ActionTable = {
  datastore_create: writeAction(
    'Create a datastore table for a resource, or add fields and records to it (editors of its dataset).\n\n:param resource_id: the resource, or\n:param resource: a resource dict (with package_id) to create\n:param fields: [{"id": ..., "type": "text|int|numeric|bool|date|timestamp|json", "info": {"label": ..., "notes": ...}}]\n:param primary_key: (optional) fields whose values identify a row (upsert, update)\n:param records: (optional) rows to insert, as dicts (100,000 per call at most)\n:param aliases: (optional) other names of the table, for datastore_search and SQL\n:param indexes: (optional, accepted: the tables are column files and need none)\n:param force: (accepted)\n:rtype: dictionary',
    async (context) => {
      const { actor, data, deps } = context;
      const resourceId = await deps.writes.resolve(await targetResource(context));
      const created = await deps.writes.create(actor, {
        resourceId,
        fields: fields(data),
        primaryKey: names(data, 'primary_key'),
        records: records(data),
        aliases: names(data, 'aliases') ?? [],
      });
      return {
        fields: created.columns.map(fieldOf),
        method: 'insert',
        ...(created.primaryKey.length > 0 ? { primary_key: created.primaryKey } : {}),
        resource_id: resourceId,
      };
    },
  ),

  datastore_upsert: writeAction(
    'Write records to a datastore table (editors of its dataset).\n\n:param resource_id: the resource\n:param records: rows as dicts (100,000 per call at most)\n:param method: upsert (default: by the primary key, or _id), insert, or update\n:param dry_run: (optional) check everything and write nothing\n:rtype: dictionary',
    async ({ actor, data, deps }) => {
      const resourceId = await deps.writes.resolve(
        readString(data, 'resource_id') ?? requireString(data, 'id'),
      );
      const method = (readString(data, 'method') ?? 'upsert') as WriteMethod;
      if (!METHODS.includes(method))
        throw invalid(
          'method',
          'Méthode inconnue : upsert, insert ou update',
          'method must be one of upsert, insert, update',
        );
      const dryRun = readBoolean(data, 'dry_run', false);
      await deps.writes.upsert(actor, { resourceId, records: records(data), method, dryRun });
      return { method, resource_id: resourceId, ...(dryRun ? { dry_run: true } : {}) };
    },
  ),

  datastore_delete: writeAction(
    "Delete a resource's datastore table, or only the rows that match filters (editors of its dataset).\n\n:param resource_id: the resource\n:param filters: (optional) {field: value or [values]}: only these rows go\n:param force: (accepted)",
    async ({ actor, data, deps }) => {
      const resourceId = await deps.writes.resolve(
        readString(data, 'resource_id') ?? requireString(data, 'id'),
      );
      const filters = readObject(data, 'filters');
      if (filters === null) await deps.writes.drop(actor, resourceId);
      else await deps.writes.deleteRows(actor, resourceId, filters);
      return { resource_id: resourceId, ...(filters !== null ? { filters } : {}) };
    },
  ),

  datastore_records_delete: writeAction(
    'Delete rows of a datastore table that match filters; the table stays ({} deletes every row).\n\n:param resource_id: the resource\n:param filters: {field: value or [values]}',
    async ({ actor, data, deps }) => {
      const resourceId = readString(data, 'resource_id') ?? requireString(data, 'id');
      const filters = readObject(data, 'filters');
      if (filters === null)
        throw invalid('filters', 'filters requis ({} pour tout supprimer)', 'Missing value');
      await deps.writes.deleteRows(actor, resourceId, filters);
      return { filters, resource_id: resourceId };
    },
  ),
};
