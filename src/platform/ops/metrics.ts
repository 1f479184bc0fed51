import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/index.js';
import type { Duck } from '../duckdb/index.js';
import { duckMemoryBytes } from './ops.duckdb.js';
import { queueDepth } from './ops.sql.js';

/**
 * The process's Prometheus metrics (prom-client): requests by route, method and status with
 * their latency, errors, job durations and failures, the job queue's depth, the database pool,
 * DuckDB's memory, and Node's own (memory, event loop, garbage collection). One registry per
 * process (tests open several portals in one process: each has its own).
 */
export function createMetrics(deps: { db: Db; duck: Duck }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'quai_node_' });
  const registers = [registry];
  const requests = new Counter({
    name: 'quai_http_requests_total',
    help: 'HTTP requests answered, by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'quai_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const jobDuration = new Histogram({
    name: 'quai_job_duration_seconds',
    help: 'Time a job took, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    registers,
  });
  new Gauge({
    name: 'quai_jobs_waiting',
    help: 'Jobs waiting or running, by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await queueDepth(deps.db).catch(() => []))
        this.set({ queue: row.queue, state: row.state }, row.n);
    },
  });
  new Gauge({
    name: 'quai_db_pool_connections',
    help: 'Database pool connections, by state (PostgreSQL; the embedded database has one)',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const pool = deps.db.poolStats?.();
      if (!pool) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });
  new Gauge({
    name: 'quai_duckdb_memory_bytes',
    help: 'Bytes DuckDB holds in memory',
    registers,
    async collect() {
      this.set(await duckMemoryBytes(deps.duck).catch(() => 0));
    },
  });

  return {
    registry,
    /** Counts an answered request (`route` is the route's pattern, not the address: bounded labels). */
    request(route: string, method: string, status: number, seconds: number): void {
      requests.inc({ route, method, status: String(status) });
      latency.observe({ route, method }, seconds);
    },
    /** Wraps a job handler: its duration and outcome are recorded, its error rethrown. */
    timed<T extends unknown[]>(queue: string, handler: (...args: T) => Promise<void>) {
      return async (...args: T): Promise<void> => {
        const end = jobDuration.startTimer({ queue });
        try {
          await handler(...args);
          end({ outcome: 'completed' });
        } catch (error) {
          end({ outcome: 'failed' });
          throw error;
        }
      };
    },
    /** The text Prometheus scrapes. */
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
