import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../../platform/blobs/blob-store.js';
import type { Db } from '../../platform/db/index.js';
import type { Duck } from '../../platform/duckdb/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import { SYSTEM } from '../accounts/index.js';
import type { CatalogService, Resource } from '../catalog/index.js';
import { type Column, type ColumnType, createDatastoreRepo, type LoadRow } from './datastore.repo.js';
import { columnType, DUCK_TYPE_OF } from './ingest/column-types.js';
import { convertToParquet, type Progress } from './ingest/convert.duckdb.js';
import { detectEncoding, transcodeToUtf8 } from './ingest/encoding.js';
import { explainDuckError, failure } from './ingest/load-errors.js';
import { type TabularFormat, tabularFormat } from './ingest/source-format.js';
import { xlsxToCsv } from './ingest/xlsx.js';

export const LOAD_QUEUE = 'datastore-load';

/**
 * Turns tabular resources into Parquet files: one durable job per resource version. A job
 * reads the file (an upload, or a link it downloads), converts Windows-1252 to UTF-8, lets
 * DuckDB write Parquet beside the old file, and only then points the table at the new file:
 * readers never see a half table. A failure is kept with its line and column, in plain words.
 */
export function createIngestService(deps: {
  db: Db;
  blobs: BlobStore;
  duck: Duck;
  jobs: Jobs;
  catalog: CatalogService;
  /** DATA_DIR/datastore: Parquet files by resource, and working files under tmp/. */
  root: string;
  maxDownloadBytes: number;
}) {
  const { db, jobs, catalog, root } = deps;
  const repo = createDatastoreRepo(db);
  const workRoot = path.join(root, 'tmp');

  async function queue(resource: Resource, format: TabularFormat): Promise<string | null> {
    const source = resource.upload
      ? `sha256:${resource.upload.sha256}`
      : resource.url
        ? `url:${resource.url}`
        : null;
    if (!source) return null;
    const latest = await repo.latestLoad(resource.id);
    if (latest && latest.source === source) return null;
    const id = randomUUID();
    await repo.createLoad({ id, resourceId: resource.id, source, format });
    await jobs.send(LOAD_QUEUE, { loadId: id }, { key: id });
    return id;
  }

  async function run(loadId: string): Promise<void> {
    const load = await repo.load(loadId);
    if (!load || load.state === 'done' || load.state === 'failed') return;
    const work = path.join(workRoot, loadId);
    const target = path.join(root, load.resourceId, `${loadId}.parquet`);
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    try {
      let file = await sourceFile(load, work);
      let size = (await stat(file)).size;
      if (size === 0) throw failure('Le fichier est vide.', 'The file is empty.');
      let format = load.format as TabularFormat;
      if (format === 'xlsx') {
        await repo.started(loadId, { bytesTotal: size, encoding: null });
        const csv = path.join(work, 'sheet.csv');
        await xlsxToCsv(
          file,
          csv,
          Math.max(100 * size, 1024 ** 3),
          (rows) => void repo.progress(loadId, { rows, percent: 0 }),
        );
        file = csv;
        size = (await stat(file)).size;
        format = 'csv';
      }
      const encoding = await detectEncoding(file);
      if (encoding === 'binary') {
        throw failure(
          'Ce fichier n’est pas un fichier texte (il contient des octets nuls) : est-ce bien du CSV ou du JSON ?',
          'This is not a text file (it holds NUL bytes): is it really CSV or JSON?',
        );
      }
      await repo.started(loadId, { bytesTotal: size, encoding });
      const report = throttled((progress: Progress) => repo.progress(loadId, progress));
      let text = file;
      if (encoding === 'windows-1252') {
        text = path.join(work, 'utf8');
        await transcodeToUtf8(file, text, (bytes) => report({ rows: 0, percent: (bytes / size) * 30 }));
      }
      const temporary = `${target}.tmp`;
      const previous = await repo.table(load.resourceId);
      const overrides = load.types ?? chosenTypes(previous?.columns ?? []);
      const casts = Object.fromEntries(
        Object.entries(overrides).map(([column, type]) => [column, DUCK_TYPE_OF[type]]),
      );
      const converted = await convertToParquet(
        deps.duck,
        { file: text, format, casts },
        temporary,
        (progress) =>
          report({
            rows: progress.rows,
            percent: encoding === 'windows-1252' ? 30 + progress.percent * 0.7 : progress.percent,
          }),
      );
      await rename(temporary, target);
      const columns = converted.columns.map((column): Column => {
        const kept = previous?.columns.find((old) => old.id === column.id);
        return {
          id: column.id,
          type: columnType(column.sourceType),
          sourceType: column.sourceType,
          label: kept?.label ?? null,
          description: kept?.description ?? null,
          typeOverride: overrides[column.id] ?? null,
        };
      });
      const replaced = await db.transaction(async (tx) => {
        const txRepo = createDatastoreRepo(tx);
        const old = await txRepo.publish({
          resourceId: load.resourceId,
          loadId,
          file: path.relative(root, target),
          rowCount: converted.rows,
          columns,
          bbox: converted.bbox,
        });
        await txRepo.finished(loadId, { rows: converted.rows });
        return old;
      });
      if (replaced) await rm(path.join(root, replaced), { force: true });
    } catch (error) {
      await rm(`${target}.tmp`, { force: true });
      await repo.finished(loadId, { error: explainDuckError(error).detail });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** The file to read: the upload in the blob store, or the link downloaded into `work`. */
  async function sourceFile(load: LoadRow, work: string): Promise<string> {
    if (load.source.startsWith('sha256:')) {
      const sha256 = load.source.slice('sha256:'.length);
      const local = deps.blobs.localPath(sha256);
      if (local) return local;
      const copy = path.join(work, 'source');
      await pipeline(deps.blobs.read(sha256), createWriteStream(copy));
      return copy;
    }
    const url = load.source.slice('url:'.length);
    const copy = path.join(work, 'source');
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(10 * 60_000) });
    } catch (error) {
      throw failure(
        `Le lien n’a pas pu être téléchargé : ${(error as Error).message}`,
        `The link could not be downloaded: ${(error as Error).message}`,
      );
    }
    if (!response.ok || !response.body) {
      throw failure(
        `Le lien répond ${response.status} : le fichier n’a pas pu être téléchargé.`,
        `The link answers ${response.status}: the file could not be downloaded.`,
      );
    }
    let bytes = 0;
    const limited = Readable.fromWeb(response.body as never).on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > deps.maxDownloadBytes)
        limited.destroy(failure('Le fichier lié est trop gros.', 'The linked file is too large.'));
    });
    await pipeline(limited, createWriteStream(copy));
    return copy;
  }

  return {
    queue,
    run,

    /**
     * Loads the resource's current file again with the column types the publisher chose (every
     * chosen type; the others guessed). The table in use stays until the new one is complete.
     */
    async reload(resourceId: string, types: Record<string, ColumnType>): Promise<string | null> {
      const table = await repo.table(resourceId);
      const loaded = table ? await repo.load(table.loadId) : null;
      if (!loaded) return null;
      const id = randomUUID();
      await repo.createLoad({ id, resourceId, source: loaded.source, format: loaded.format, types });
      await jobs.send(LOAD_QUEUE, { loadId: id }, { key: id });
      return id;
    },

    /** Queues a load for each tabular resource of the dataset whose file changed. */
    async datasetWritten(datasetId: string): Promise<void> {
      const dataset = await catalog.datasets.get(SYSTEM, datasetId).catch(() => null);
      for (const resource of dataset?.resources ?? []) {
        const format = tabularFormat({
          format: resource.format,
          mimetype: resource.mimetype,
          name: resource.upload?.filename ?? resource.url,
        });
        if (format) await queue(resource, format);
      }
    },

    /** Loads cut by a stop (the embedded database is one process's): queued again at start. */
    async resumeInterrupted(): Promise<number> {
      const interrupted = await repo.unfinishedLoads();
      for (const id of interrupted) await jobs.send(LOAD_QUEUE, { loadId: id }, { key: `${id}-resume` });
      return interrupted.length;
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;

/** The types a publisher chose for a table's columns (kept across new versions of its file). */
export function chosenTypes(columns: Column[]): Record<string, ColumnType> {
  return Object.fromEntries(
    columns.flatMap((column) => (column.typeOverride ? [[column.id, column.typeOverride]] : [])),
  );
}

/** At most one progress write every half second; the last one waits for the one before. */
function throttled(write: (progress: Progress) => Promise<void>): (progress: Progress) => void {
  let last = 0;
  let pending: Promise<void> = Promise.resolve();
  return (progress) => {
    const now = Date.now();
    if (now - last < 500) return;
    last = now;
    pending = pending.then(() => write(progress)).catch(() => {});
  };
}
