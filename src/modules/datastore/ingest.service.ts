import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../../platform/blobs/blob-store.js';
import type { Db } from '../../platform/db/index.js';
import type { Duck } from '../../platform/duckdb/index.js';
import { safeFetch } from '../../platform/http/safe-fetch.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log.js';
import { SYSTEM } from '../accounts/index.js';
import type { CatalogService, Resource } from '../catalog/index.js';
import { createDatastoreRepo } from './datastore.repo.js';
import type { Column, ColumnType, Load } from './datastore.types.js';
import { carriedColumns, DUCK_TYPE_OF } from './ingest/column-types.js';
import { convertToParquet, type Progress } from './ingest/convert.duckdb.js';
import { detectEncoding, textForDuck } from './ingest/encoding.js';
import { explainDuckError, failure } from './ingest/load-errors.js';
import { type TabularFormat, tabularFormat } from './ingest/source-format.js';
import { xlsxToCsv } from './ingest/xlsx.js';
import { createRetiredFiles } from './retired-files.js';

export const LOAD_QUEUE = 'datastore-load';
/** Announced after each load that published a table (other modules validate the new file). */
export const TABLE_LOADED = 'datastore.table-loaded';

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
  /** The largest file loaded into a table, and the time one load may take. */
  limits: { maxBytes: number; timeoutSeconds: number; allowLoopback: boolean };
  baseUrl: string;
  /** Columns bound to reference sets are checked after each load (a failed check never fails it). */
  checks: { checkResource(resourceId: string): Promise<void> };
  log: Logger;
}) {
  const { db, jobs, catalog, root, limits, log } = deps;
  const repo = createDatastoreRepo(db);
  const retired = createRetiredFiles();
  const workRoot = path.join(root, 'tmp');
  // Loads finished by this process, by resource id: what `settled` waits for.
  const finished = new EventEmitter().setMaxListeners(0);
  // Loads running in this process, to be interrupted when it stops.
  const active = new Map<string, AbortController>();
  const lastReport = new Map<string, number>();
  let stopping = false;

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
    if (stopping) throw new LoadsStopping();
    // The same load queued twice (a retry and a resume at start) runs once at a time.
    if (active.has(loadId)) return;
    const controller = new AbortController();
    active.set(loadId, controller);
    let resourceId: string | null = null;
    const budget = setTimeout(() => controller.abort(new LoadTimedOut()), limits.timeoutSeconds * 1000);
    try {
      const load = await repo.load(loadId);
      if (!load || load.state === 'done' || load.state === 'failed') return;
      resourceId = load.resourceId;
      await attempt(load, controller.signal);
    } finally {
      clearTimeout(budget);
      active.delete(loadId);
      lastReport.delete(loadId);
      if (resourceId) finished.emit(resourceId);
    }
  }

  /** One attempt at a load; its failure is kept in plain words, unless the process is stopping. */
  async function attempt(load: Load, signal: AbortSignal): Promise<void> {
    try {
      const attempts = await repo.attempt(load.id);
      if (attempts > MAX_ATTEMPTS) {
        throw failure(
          `Le chargement a été interrompu ${MAX_ATTEMPTS} fois sans aboutir : il est abandonné. Vérifiez le fichier, puis téléversez-le de nouveau.`,
          `The load was cut short ${MAX_ATTEMPTS} times without finishing: it is given up. Check the file, then upload it again.`,
        );
      }
      await convert(load, signal);
      log.info({ loadId: load.id, resourceId: load.resourceId }, 'datastore load done');
      await deps.checks
        .checkResource(load.resourceId)
        .catch((error: unknown) =>
          log.warn({ err: error, resourceId: load.resourceId }, 'reference check failed'),
        );
      await jobs.publish(TABLE_LOADED, { resourceId: load.resourceId, loadId: load.id });
    } catch (error) {
      // Stopping: the load is left as it is, and taken up again by the next start (or worker).
      if (stopping && signal.aborted) throw new LoadsStopping();
      const detail =
        signal.reason instanceof LoadTimedOut
          ? failure(
              `Le chargement a dépassé ${duration(limits.timeoutSeconds)} et a été arrêté. Le fichier reste téléchargeable tel quel.`,
              `The load ran past ${duration(limits.timeoutSeconds)} and was stopped. The file can still be downloaded as it is.`,
            ).detail
          : explainDuckError(error).detail;
      await repo.finished(load.id, { error: detail });
      log.info(
        { loadId: load.id, resourceId: load.resourceId, error: detail.message.en },
        'datastore load failed',
      );
    }
  }

  /** One load: the source file, checked and converted, then published in one transaction. */
  async function convert(load: Load, signal: AbortSignal): Promise<void> {
    const loadId = load.id;
    const work = path.join(workRoot, loadId);
    const target = path.join(root, load.resourceId, `${loadId}.parquet`);
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    try {
      let file = await sourceFile(load, work, signal);
      let size = (await stat(file)).size;
      if (size === 0) throw failure('Le fichier est vide.', 'The file is empty.');
      if (size > limits.maxBytes) throw tooLargeForTables(size, limits.maxBytes);
      let format = load.format as TabularFormat;
      if (format === 'xlsx') {
        await repo.started(loadId, { bytesTotal: size, encoding: null });
        const csv = path.join(work, 'sheet.csv');
        await xlsxToCsv(
          file,
          csv,
          Math.min(Math.max(100 * size, 1024 ** 3), limits.maxBytes),
          (rows) => report(loadId, { rows, percent: 0 }),
          signal,
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
      // Text DuckDB reads: the file itself (UTF-8, or a Windows-1252 CSV that is Latin-1), or a UTF-8 copy.
      const { text, latin1 } = await textForDuck(
        file,
        encoding,
        format,
        path.join(work, 'utf8'),
        (bytes) => report(loadId, { rows: 0, percent: (bytes / size) * 30 }),
        signal,
      );
      const transcoded = text !== file;
      const temporary = `${target}.tmp`;
      const previous = await repo.table(load.resourceId);
      const overrides = load.types ?? chosenTypes(previous?.columns ?? []);
      const casts = Object.fromEntries(
        Object.entries(overrides).map(([column, type]) => [column, DUCK_TYPE_OF[type]]),
      );
      const converted = await convertToParquet(
        deps.duck,
        { file: text, format, casts, latin1 },
        temporary,
        (progress) =>
          report(loadId, {
            rows: progress.rows,
            percent: transcoded ? 30 + progress.percent * 0.7 : progress.percent,
          }),
        signal,
      );
      signal.throwIfAborted();
      await rename(temporary, target);
      const columns = carriedColumns(converted.columns, previous?.columns ?? [], overrides);
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
      if (replaced) retired.retireTable(root, load.resourceId, replaced);
    } catch (error) {
      await rm(`${target}.tmp`, { force: true });
      throw error;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** Progress, at most every half second per load; a failed write is logged, never thrown. */
  function report(loadId: string, progress: Progress): void {
    const now = Date.now();
    if (now - (lastReport.get(loadId) ?? 0) < 500) return;
    lastReport.set(loadId, now);
    repo
      .progress(loadId, progress)
      .catch((error: unknown) => log.warn({ err: error, loadId }, 'load progress not saved'));
  }

  /** The file to read: the upload in the blob store, or the link downloaded into `work`. */
  async function sourceFile(load: Load, work: string, signal: AbortSignal): Promise<string> {
    if (load.source.startsWith('sha256:')) {
      const sha256 = load.source.slice('sha256:'.length);
      const local = deps.blobs.localPath(sha256);
      if (local) return local;
      const copy = path.join(work, 'source');
      await pipeline(deps.blobs.read(sha256), createWriteStream(copy), { signal });
      return copy;
    }
    const url = load.source.slice('url:'.length);
    const copy = path.join(work, 'source');
    let response: Awaited<ReturnType<typeof safeFetch>>;
    try {
      // A link is a URL a user gave: internal addresses are refused (and so are their redirects).
      response = await safeFetch(url, {
        allowLoopback: limits.allowLoopback,
        signal: AbortSignal.any([signal, AbortSignal.timeout(10 * 60_000)]),
      });
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
      if (bytes > limits.maxBytes) limited.destroy(tooLargeForTables(bytes, limits.maxBytes));
    });
    await pipeline(limited, createWriteStream(copy), { signal });
    return copy;
  }

  return {
    queue,
    run,

    /**
     * The resource's latest load once it has finished (done or failed), other than `after`.
     * Woken when this process finishes a load of the resource, and checked every second for
     * loads finished by another worker; it waits as long as the load takes.
     */
    async settled(resourceId: string, after?: string): Promise<Load> {
      for (;;) {
        let wake = () => {};
        const next = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          wake = () => {
            clearTimeout(timer);
            finished.off(resourceId, wake);
            resolve();
          };
          finished.on(resourceId, wake);
        });
        const latest = await repo.latestLoad(resourceId);
        if (latest && latest.id !== after && (latest.state === 'done' || latest.state === 'failed')) {
          wake();
          return latest;
        }
        await next;
        wake();
      }
    },

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
        // Links under BASE_URL are the portal's own files (dumps, exports), served by its APIs.
        const own =
          resource.url?.includes('/datastore/dump/') || resource.url?.startsWith(`${deps.baseUrl}/`);
        if (own && !resource.upload) continue;
        const format = tabularFormat({
          format: resource.format,
          mimetype: resource.mimetype,
          name: resource.upload?.filename ?? resource.url,
        });
        if (format) await queue(resource, format);
      }
    },

    /**
     * Interrupts the loads running in this process and waits for them to let go: they stay
     * unfinished, and are taken up again by the next start or by another worker.
     */
    async stop(): Promise<void> {
      stopping = true;
      const running = [...active.keys()];
      for (const controller of active.values()) controller.abort(new LoadsStopping());
      await Promise.all(
        running.map(
          (id) =>
            new Promise<void>((resolve) => {
              const check = () => (active.has(id) ? setTimeout(check, 20) : resolve());
              check();
            }),
        ),
      );
      await retired.close();
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

/** Loads are tried this many times (a start cut short by a crash or a stop counts). */
const MAX_ATTEMPTS = 3;

/** Thrown by a load that the process's stop interrupted: the job is taken up again later. */
class LoadsStopping extends Error {
  override name = 'LoadsStopping';
  constructor() {
    super('the datastore loads are stopping');
  }
}

/** The reason a load's budget aborts it with. */
class LoadTimedOut extends Error {
  override name = 'LoadTimedOut';
}

/** "45 s", "60 min": the same in French and English. */
function duration(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

function tooLargeForTables(bytes: number, maxBytes: number) {
  const gb = (value: number) => (value / 1024 ** 3).toFixed(1);
  return failure(
    `Ce fichier (${gb(bytes)} Go) dépasse la taille que l’entrepôt de données charge en table (${gb(maxBytes)} Go) : il reste téléchargeable tel quel.`,
    `This file (${gb(bytes)} GB) is larger than the datastore loads into tables (${gb(maxBytes)} GB): it can still be downloaded as it is.`,
  );
}
