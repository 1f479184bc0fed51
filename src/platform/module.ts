import type { FastifyPluginAsync } from 'fastify';
import type { BlobStore } from './blobs/blob-store.js';
import type { ResumableUploads } from './blobs/resumable-uploads.js';
import type { Db, MigrationSource } from './db/index.js';
import type { Duck } from './duckdb/index.js';
import type { RateLimiter } from './http/rate-limit.js';
import type { Jobs } from './jobs/index.js';
import type { Logger } from './log.js';
import type { Metrics } from './ops/metrics.js';

/**
 * What the platform lends every module: the database, the blob store, the job queues, DuckDB and
 * the logger, opened once by the composition root (`context.ts`). A module takes what it needs.
 */
export interface Platform {
  db: Db;
  blobs: BlobStore;
  /** Large files sent in pieces from the web pages, kept until they are whole. */
  uploads: ResumableUploads;
  jobs: Jobs;
  /** DuckDB for the work the portal does itself (loads, exports), on its own threads. */
  duck: Duck;
  log: Logger;
  /** Prometheus metrics: modules may count what they do (the requests and jobs are counted for them). */
  metrics: Metrics;
  /**
   * A budget per key and window, shared by every process of the portal (counted in PostgreSQL;
   * in memory on the embedded database, which has one process). `name` keeps limiters apart.
   */
  rateLimiter(options: { name: string; limit: number; windowMs: number }): RateLimiter;
  /** Where the module may keep files: `DATA_DIR`. */
  dataDir: string;
}

/** A job handler: idempotent, retried when it throws (`Jobs.work`). */
export type JobHandler = (data: never, jobId: string) => Promise<void>;

/**
 * One domain module, as `createXModule(platform, deps)` in its `index.ts` returns it: its
 * services (what other modules and the routes call), its routes, the job queues it works and
 * its migrations. `context.ts` and `app.ts` only assemble modules, in one list.
 */
export interface Module<Services = unknown> {
  name: string;
  services: Services;
  /** The tables it owns (run in the modules' order, before any module starts). */
  migrations?: MigrationSource;
  /** Its HTTP routes: one plugin registered at the root (the module chooses its prefixes). */
  routes?: FastifyPluginAsync;
  /**
   * The queues it works: each with its handler, how many of its jobs run at once, and the events
   * (other modules' `Jobs.publish`) routed to it.
   */
  jobs?: Record<string, { handler: JobHandler; concurrency?: number; events?: string[] }>;
  /** Once the database is up to date and the queues are worked (resume what a stop cut short). */
  start?(): Promise<void>;
  /** Before the database closes: stop running work, write what is buffered. */
  close?(): Promise<void>;
}
