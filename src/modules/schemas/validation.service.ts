import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../../platform/blobs/blob-store.js';
import type { Db } from '../../platform/db/index.js';
import type { Duck } from '../../platform/duckdb/index.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { createLimiter } from '../../platform/limiter.js';
import type { Logger } from '../../platform/log.js';
import { type Actor, SYSTEM } from '../accounts/index.js';
import type { CatalogService, Resource } from '../catalog/index.js';
import { downloadGuarded, inDirectory } from './fetch-file.js';
import { createSchemasRepo } from './schemas.repo.js';
import type { SchemaCatalogue } from './schemas.service.js';
import type { StoredReport } from './schemas.types.js';
import { type ReferenceResolver, validateCsv } from './validation/validate.duckdb.js';

/** The largest file the validator reads (a link or an upload). */
export const VALIDATE_MAX_BYTES = 200 * 1024 * 1024;
const KEPT_MS = 24 * 3600 * 1000;
const bad = (field: string, fr: string, en: string) =>
  new ValidationError([{ path: field, code: 'invalid', message: localized(fr, en) }]);

/** `name@version` (or `name` for the latest) as a resource declares the schema it follows. */
export function parseSchemaRef(ref: string): { name: string; version: string } | null {
  const match = /^([a-z0-9][a-z0-9-]{1,60})(?:@([0-9A-Za-z.+-]{1,40}|latest))?$/.exec(ref.trim());
  return match ? { name: match[1] as string, version: match[2] ?? 'latest' } : null;
}

/**
 * Validation reports: the public validator (a file or a link, checked against a published
 * schema; nothing published, the report kept a day) and each resource that declares the schema
 * it follows (`schema` in its extras: `name@version`), checked again after every load of its file.
 */
export function createValidationService(deps: {
  db: Db;
  duck: Duck;
  blobs: BlobStore;
  catalog: CatalogService;
  schemas: SchemaCatalogue;
  resolve: ReferenceResolver;
  dataDir: string;
  allowLoopback: boolean;
  log: Logger;
}) {
  const repo = createSchemasRepo(deps.db);
  const work = path.join(deps.dataDir, 'schemas', 'tmp');
  // The public validator reads whole files in DuckDB (the API and the page alike): two at a time
  // per process, eight waiting, then 429.
  const limiter = createLimiter({
    concurrency: 2,
    queue: 8,
    busy: localized(
      'Le validateur est occupé : réessayez dans un moment.',
      'The validator is busy: try again shortly.',
    ),
  });

  /** Validates a local file against name@version and saves the report. */
  async function run(
    file: string,
    ref: { name: string; version: string },
    source: StoredReport['source'],
    resourceId: string | null,
  ): Promise<StoredReport> {
    const version = await deps.schemas.version(ref.name, ref.version);
    let report: StoredReport['report'];
    try {
      report = await validateCsv(deps.duck, file, version.descriptor, deps.resolve);
    } catch (error) {
      // A file DuckDB cannot read as CSV (not UTF-8, not text…) is a report with one error.
      const message = (error as Error).message.split('\n')[0] ?? '';
      report = {
        valid: false,
        rows: 0,
        errorCount: 1,
        byType: { 'source-error': 1 },
        byField: {},
        errors: [
          {
            type: 'source-error',
            field: null,
            count: 1,
            samples: [],
            message: localized(
              `Le fichier n’a pas pu être lu comme un CSV en UTF-8 : ${message}`,
              `The file could not be read as UTF-8 CSV: ${message}`,
            ),
          },
        ],
        timings: {},
      };
    }
    const stored: Omit<StoredReport, 'createdAt'> = {
      id: randomUUID(),
      resourceId,
      schema: { name: version.name, version: version.version },
      source,
      report,
      expiresAt: resourceId ? null : new Date(Date.now() + KEPT_MS).toISOString(),
    };
    await repo.saveReport(stored);
    return (await repo.report({ id: stored.id })) as StoredReport;
  }

  const download = (url: string, directory: string) =>
    downloadGuarded(url, directory, { allowLoopback: deps.allowLoopback, maxBytes: VALIDATE_MAX_BYTES });
  const withDirectory = <T>(work_: (directory: string) => Promise<T>) => inDirectory(work, work_);

  async function withResourceFile<T>(
    resource: Resource,
    work_: (file: string) => Promise<T>,
  ): Promise<T | null> {
    if (!resource.upload && !resource.url) return null;
    return withDirectory(async (directory) => {
      if (resource.upload) {
        const local = deps.blobs.localPath(resource.upload.sha256);
        const file = local ?? path.join(directory, 'source.csv');
        if (!local) await pipeline(deps.blobs.read(resource.upload.sha256), createWriteStream(file));
        return work_(file);
      }
      return work_(await download(resource.url as string, directory));
    });
  }

  function refOf(schema: string): { name: string; version: string } {
    const ref = parseSchemaRef(schema);
    if (!ref) throw bad('schema', 'un schéma publié : nom@version', 'a published schema: name@version');
    return ref;
  }

  return {
    work,

    /** The public validator, on a file already written to `file` (an upload). */
    validateFile: (file: string, schema: string, name: string) =>
      limiter.run(() => run(file, refOf(schema), { kind: 'upload', name }, null)),

    /** The public validator, on a link (fetched with the server-side request guard). */
    validateUrl: (url: string, schema: string) =>
      limiter.run(() =>
        withDirectory(async (directory) => {
          const ref = refOf(schema);
          await deps.schemas.version(ref.name, ref.version);
          return run(
            await download(url, directory),
            ref,
            { kind: 'url', name: url.split('/').pop() || url, url },
            null,
          );
        }),
      ),

    async report(id: string): Promise<StoredReport> {
      const found = await repo.report({ id });
      if (!found || found.resourceId) throw new NotFoundError('report', id);
      return found;
    },

    /** A resource's latest report, for whoever may read the resource. */
    async resourceReport(actor: Actor, resourceId: string): Promise<StoredReport | null> {
      await deps.catalog.resources.get(actor, resourceId);
      return repo.report({ resourceId });
    },

    /** Validates a resource's file against the schema it declares (nothing when it declares none). */
    async validateResource(resourceId: string): Promise<StoredReport | null> {
      const { resource } = await deps.catalog.resources.get(SYSTEM, resourceId);
      const declared = resource.extras.schema;
      if (!declared || resource.state !== 'active') return null;
      const ref = parseSchemaRef(declared);
      if (!ref) return null;
      return withResourceFile(resource, (file) =>
        run(
          file,
          ref,
          resource.upload
            ? { kind: 'resource', name: resource.upload.filename, sha256: resource.upload.sha256 }
            : { kind: 'url', name: resource.url ?? '', url: resource.url ?? '' },
          resourceId,
        ),
      );
    },

    /** Runs `work` on a resource's file as a local path (its blob, or its link downloaded); null without one. */
    withResourceFile,

    /**
     * After a write to a dataset: each resource declaring a schema whose report is missing or
     * names another schema is checked (a new file is checked after its load instead).
     */
    async datasetWritten(datasetId: string): Promise<void> {
      const dataset = await deps.catalog.datasets.get(SYSTEM, datasetId).catch(() => null);
      for (const resource of dataset?.resources ?? []) {
        const ref = resource.extras.schema ? parseSchemaRef(resource.extras.schema) : null;
        if (!ref) continue;
        const report = await repo.report({ resourceId: resource.id });
        const same =
          report &&
          report.schema.name === ref.name &&
          (ref.version === 'latest' || report.schema.version === ref.version);
        const sameFile =
          report?.source.sha256 === resource.upload?.sha256 || report?.source.url === resource.url;
        if (!same || !sameFile)
          await this.validateResource(resource.id).catch((error: unknown) =>
            deps.log.warn({ err: error, resourceId: resource.id }, 'validation failed'),
          );
      }
    },

    sweep: () => repo.sweep(),
  };
}

export type ValidationService = ReturnType<typeof createValidationService>;
