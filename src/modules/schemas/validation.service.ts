import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../../platform/blobs/blob-store.js';
import type { Db } from '../../platform/db/index.js';
import type { Duck } from '../../platform/duckdb/index.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { createKeyedQueue } from '../../platform/keyed-queue.js';
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
  const perResource = createKeyedQueue();
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
    kept = resourceId !== null,
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
      expiresAt: kept ? null : new Date(Date.now() + KEPT_MS).toISOString(),
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

  /** Validates a resource's file against the schema it declares (nothing when it declares none). */
  async function validateResourceNow(resourceId: string): Promise<StoredReport | null> {
    // Gone since (deleted, or refused with its first file): nothing to check.
    const found = await deps.catalog.resources.get(SYSTEM, resourceId).catch(() => null);
    if (!found) return null;
    const { resource } = found;
    const declared = resource.extras.schema;
    if (!declared || resource.state !== 'active') return null;
    const ref = parseSchemaRef(declared);
    if (!ref) return null;
    const strict = resource.extras.schema_refuse_invalid === 'true' && resource.upload !== null;
    return withResourceFile(resource, async (file) => {
      if (!strict || !resource.upload)
        return run(
          file,
          ref,
          resource.upload
            ? { kind: 'resource', name: resource.upload.filename, sha256: resource.upload.sha256 }
            : { kind: 'url', name: resource.url ?? '', url: resource.url ?? '' },
          resourceId,
        );
      const upload = resource.upload;
      const refused = await run(
        file,
        ref,
        { kind: 'refused', name: upload.filename, sha256: upload.sha256 },
        null,
        true,
      );
      if (refused.report.valid) {
        // Accepted: the resource's report (the check is not run twice).
        await repo.saveReport({
          ...refused,
          id: randomUUID(),
          resourceId,
          source: { kind: 'resource', name: upload.filename, sha256: upload.sha256 },
        });
        await repo.deleteReport(refused.id);
        return repo.report({ resourceId });
      }
      await refuseVersion(resource, refused);
      return refused;
    });
  }

  /**
   * A file that failed its schema on a resource that refuses such versions: recorded with its
   * report, and the resource goes back to its last valid file (or to no file, when none was).
   */
  async function refuseVersion(resource: Resource, refused: StoredReport) {
    const upload = resource.upload as NonNullable<Resource['upload']>;
    const previous = await repo.report({ resourceId: resource.id });
    const fallback =
      previous?.report.valid && previous.source.sha256 && previous.source.sha256 !== upload.sha256
        ? { sha256: previous.source.sha256, filename: previous.source.name }
        : null;
    const size = fallback ? await deps.blobs.size(fallback.sha256) : null;
    const keep = fallback && size !== null ? fallback : null;
    // A resource always has a file or a link: a first file that fails goes with its resource.
    if (!keep) await deps.catalog.resources.delete(SYSTEM, resource.id);
    else
      await deps.catalog.resources.update(SYSTEM, resource.id, {
        id: resource.id,
        url: null,
        name: resource.name,
        description: resource.description,
        format: resource.format,
        mimetype: resource.mimetype,
        resourceType: resource.resourceType,
        extras: resource.extras,
        upload: {
          sha256: keep.sha256,
          size: size as number,
          filename: keep.filename,
          mimetype: resource.mimetype,
          created: false,
        },
      });
    await repo.refuse({
      id: randomUUID(),
      resourceId: resource.id,
      datasetId: resource.datasetId,
      reportId: refused.id,
      sha256: upload.sha256,
      filename: upload.filename,
      keptSha256: keep?.sha256 ?? null,
    });
    deps.log.info(
      { resourceId: resource.id, refused: upload.sha256, kept: keep?.sha256 ?? null },
      'a version that fails its schema was refused',
    );
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
      // A resource's reports follow the resource's visibility: never by id alone.
      if (!found || found.resourceId || found.source.kind === 'refused')
        throw new NotFoundError('report', id);
      return found;
    },

    /** A resource's latest report, for whoever may read the resource. */
    async resourceReport(actor: Actor, resourceId: string): Promise<StoredReport | null> {
      await deps.catalog.resources.get(actor, resourceId);
      return repo.report({ resourceId });
    },

    /** Validates a resource's file against the schema it declares (nothing when it declares none). */
    // One check at a time per resource: a new file is announced by its write and by its load.
    validateResource: (resourceId: string): Promise<StoredReport | null> =>
      perResource.run(resourceId, () => validateResourceNow(resourceId)),

    /** The files a resource (or a dataset's resources) refused, newest first, for whoever may read it. */
    async refusedVersions(actor: Actor, where: { resourceId: string } | { datasetId: string }) {
      let query: { resourceId?: string; datasetId?: string };
      if ('resourceId' in where) {
        await deps.catalog.resources.get(actor, where.resourceId);
        query = { resourceId: where.resourceId };
      } else query = { datasetId: (await deps.catalog.datasets.get(actor, where.datasetId)).id };
      const refused = await repo.refused(query, 20);
      return Promise.all(
        refused.map(async (entry) => ({ ...entry, report: await repo.report({ id: entry.reportId }) })),
      );
    },

    /** Runs `work` on a resource's file as a local path (its blob, or its link downloaded); null without one. */
    withResourceFile,

    /**
     * After a write to a dataset: each resource declaring a schema whose report is missing or
     * names another schema is checked (a new file is checked after its load instead). The
     * resources checked.
     */
    async datasetWritten(datasetId: string): Promise<string[]> {
      const checked: string[] = [];
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
        if (!same || !sameFile) {
          const stored = await this.validateResource(resource.id).catch((error: unknown) => {
            deps.log.warn({ err: error, resourceId: resource.id }, 'validation failed');
            return null;
          });
          if (stored) checked.push(resource.id);
        }
      }
      return checked;
    },

    sweep: () => repo.sweep(),
  };
}

export type ValidationService = ReturnType<typeof createValidationService>;
