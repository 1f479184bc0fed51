import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { BlobStore } from '../../platform/blobs/blob-store.js';
import type { Duck } from '../../platform/duckdb/index.js';
import { csvToParquet } from './bulk-files.duckdb.js';
import type { BulkFileRef, EntityView, SetDefinition, Version } from './reference.types.js';

export const BULK_FILES = {
  'entities.csv': 'text/csv; charset=utf-8',
  'entities.json': 'application/json',
  'entities.parquet': 'application/vnd.apache.parquet',
  'datapackage.json': 'application/json',
} as const;
export type BulkFileName = keyof typeof BULK_FILES;

const MAX_BYTES = 512 * 1024 * 1024;

/** The columns of a version's files: the period, its status and successors, then the attributes. */
export function bulkColumns(version: Version): string[] {
  return [
    'id',
    'code',
    'name',
    'name_en',
    'status',
    'valid_from',
    'valid_to',
    'start_reason',
    'end_reason',
    'successors',
    ...version.attributes.map((a) => a.name),
  ];
}

function row(entity: EntityView, version: Version): Record<string, string | number | null> {
  return {
    id: `${entity.code}@${entity.validFrom ?? 'origine'}`,
    code: entity.code,
    name: entity.name,
    name_en: entity.nameEn,
    status: entity.status,
    valid_from: entity.validFrom,
    valid_to: entity.validTo,
    start_reason: entity.startReason,
    end_reason: entity.endReason,
    successors: entity.status === 'retired' ? entity.current.join(' ') : null,
    ...Object.fromEntries(version.attributes.map((a) => [a.name, entity.attributes[a.name] ?? null])),
  };
}

/**
 * Writes a version's bulk files (every period known in it: CSV, JSON, Parquet) and a Frictionless
 * Data Package (v2) describing them, into the blob store; returns what the version records.
 */
export async function writeBulkFiles(deps: {
  blobs: BlobStore;
  duck: Duck;
  set: SetDefinition;
  version: Version;
  entities: EntityView[];
  baseUrl: string;
}): Promise<Record<string, BulkFileRef>> {
  const { set, version } = deps;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'quai-reference-'));
  try {
    const columns = bulkColumns(version);
    const rows = deps.entities.map((entity) => row(entity, version));
    const files: Record<string, BulkFileRef> = {};
    const store = async (name: BulkFileName) => {
      const stored = await deps.blobs.put(createReadStream(path.join(directory, name)), {
        maxBytes: MAX_BYTES,
      });
      files[name] = { sha256: stored.sha256, bytes: stored.size, contentType: BULK_FILES[name] };
    };
    await writeFile(path.join(directory, 'entities.csv'), stringify(rows, { header: true, columns }));
    await writeFile(path.join(directory, 'entities.json'), `${JSON.stringify(rows)}\n`);
    await csvToParquet(
      deps.duck,
      path.join(directory, 'entities.csv'),
      path.join(directory, 'entities.parquet'),
      columns,
    );
    for (const name of ['entities.csv', 'entities.json', 'entities.parquet'] as const) await store(name);
    const base = `${deps.baseUrl}/api/v1/reference/${set.id}/versions/${encodeURIComponent(version.label)}/files`;
    const fields = columns.map((name) => {
      const attribute = version.attributes.find((a) => a.name === name);
      return {
        name,
        type: name === 'valid_from' || name === 'valid_to' ? 'date' : 'string',
        ...(attribute ? { title: attribute.title.fr, description: attribute.title.en } : {}),
        ...(name === 'code' ? { constraints: { required: true, pattern: set.scheme.pattern } } : {}),
        ...(name === 'status' ? { constraints: { required: true, enum: ['current', 'retired'] } } : {}),
      };
    });
    const resource = (name: 'entities.csv' | 'entities.json' | 'entities.parquet', format: string) => ({
      name: name.replace('.', '-'),
      path: `${base}/${name}`,
      format,
      mediatype: BULK_FILES[name].split(';')[0],
      bytes: files[name]?.bytes,
      hash: `sha256:${files[name]?.sha256}`,
      ...(format === 'csv' ? { encoding: 'utf-8' } : {}),
      schema: { fields, primaryKey: ['id'] },
    });
    const descriptor = {
      $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
      name: `${set.id}-${version.label}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
      title: set.title.fr,
      description: `${set.description.fr}${version.fictitious ? ' VERSION FICTIVE (démonstration) : ne pas utiliser.' : ''}`,
      version: version.label,
      created: version.publishedAt,
      licenses: [{ name: set.source.licence, title: set.source.title, path: set.source.url }],
      sources: version.sources.map((source) => ({ title: source.name, path: source.url })),
      keywords: [set.id, 'référentiel', 'reference data'],
      resources: [
        resource('entities.csv', 'csv'),
        resource('entities.json', 'json'),
        resource('entities.parquet', 'parquet'),
      ],
    };
    await writeFile(path.join(directory, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`);
    await store('datapackage.json');
    return files;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
