import PgBoss from 'pg-boss';
import type { Db } from '../db/index.js';
import { currentRequestId, withRequestId } from '../log.js';

/**
 * Durable jobs in the database (pg-boss, schema `jobs`), on PGlite and PostgreSQL alike: a job
 * survives a restart, is retried when it fails, and expires when a worker dies holding it.
 * `npm start` works them in the same process; more processes may work the same queues.
 */
export interface Jobs {
  /** Handles the jobs of a queue in this process: one at a time, or `concurrency` at once. */
  work<T extends object>(
    queue: string,
    handler: (data: T, jobId: string) => Promise<void>,
    options?: { concurrency?: number },
  ): Promise<void>;
  /** Queues a job; with `key`, a job already waiting under that key is not queued twice. */
  send<T extends object>(
    queue: string,
    data: T,
    options?: { key?: string; retryLimit?: number; backoff?: boolean },
  ): Promise<string | null>;
  /** Queues many jobs of one queue in one statement (a digest for each of 10,000 people). */
  sendMany<T extends object>(
    queue: string,
    data: readonly T[],
    options?: { retryLimit?: number; backoff?: boolean },
  ): Promise<void>;
  /**
   * Announces that something happened: every queue subscribed to the event gets a job with the
   * data (a module tells others without knowing them; they react in their own handlers).
   */
  publish(event: string, data: object): Promise<void>;
  /** Routes an event to a queue of this module's (idempotent: every process may subscribe). */
  subscribe(event: string, queue: string): Promise<void>;
  stop(): Promise<void>;
}

export async function openJobs(db: Db, options: { pollingSeconds?: number } = {}): Promise<Jobs> {
  // pg-boss completes and fails jobs without awaiting the queries (its worker loop fires them
  // and moves on), and a maintenance cycle under way goes on after its stop: the queries are
  // tracked here, so that stopping waits for them, and after the stop they are left unanswered
  // (a late one would otherwise hit a closed database; an empty answer would break pg-boss).
  const inflight = new Set<Promise<unknown>>();
  let stopped = false;
  const track = <T>(query: Promise<T>): Promise<T> => {
    inflight.add(query);
    return query.finally(() => inflight.delete(query));
  };
  const boss = new PgBoss({
    db: {
      // pg-boss sends several statements in one string for its own migrations and locks.
      async executeSql(text: string, values?: unknown[]) {
        if (stopped) return new Promise<never>(() => {});
        if ((!values || values.length === 0) && isScript(text)) {
          await track(db.exec(text));
          return { rows: [] };
        }
        return { rows: await track(db.query(text, values ?? [])) };
      },
    },
    schema: 'jobs',
    schedule: false,
    supervise: true,
  });
  const failures: Error[] = [];
  boss.on('error', (error) => failures.push(error));
  await boss.start();
  const queues = new Set<string>();
  // Workers of this process, woken as soon as a job is queued here (no wait for the next poll).
  const workers = new Map<string, string[]>();
  const ensureQueue = async (name: string) => {
    if (queues.has(name)) return;
    await boss.createQueue(name);
    queues.add(name);
  };
  return {
    async work(queue, handler, workOptions = {}) {
      await ensureQueue(queue);
      // pg-boss 10 works one batch at a time per worker: several workers, several jobs at once.
      for (let i = 0; i < (workOptions.concurrency ?? 1); i++) {
        let self: string | null = null;
        const id = await boss.work(
          queue,
          { pollingIntervalSeconds: options.pollingSeconds ?? 1, batchSize: 1 },
          async (jobs) => {
            // A worker that found a job looks for the next at once: pg-boss otherwise waits the
            // polling interval after every batch, one job a second per worker (10,000 digests
            // would take hours to leave). An empty fetch still waits the interval.
            if (self) boss.notifyWorker(self);
            for (const job of jobs) {
              const { [TRACE_KEY]: requestId } = job.data as { [TRACE_KEY]?: string };
              await withRequestId(requestId ?? `job:${job.id}`, () => handler(job.data as never, job.id));
            }
          },
        );
        self = id;
        workers.set(queue, [...(workers.get(queue) ?? []), id]);
      }
    },
    async send(queue, data, sendOptions = {}) {
      await ensureQueue(queue);
      const id = await boss.send(queue, traced(data), {
        retryLimit: sendOptions.retryLimit ?? 2,
        retryDelay: 5,
        // Exponential: 5 s, 10 s, 20 s… (deliveries to other systems that may be down for a while).
        ...(sendOptions.backoff ? { retryBackoff: true } : {}),
        expireInSeconds: 6 * 3600,
        ...(sendOptions.key ? { singletonKey: sendOptions.key } : {}),
      });
      for (const workerId of workers.get(queue) ?? []) boss.notifyWorker(workerId);
      return id;
    },
    async sendMany(queue, data, sendOptions = {}) {
      if (data.length === 0) return;
      await ensureQueue(queue);
      await boss.insert(
        data.map((item) => ({
          name: queue,
          data: traced(item),
          retryLimit: sendOptions.retryLimit ?? 2,
          retryDelay: 5,
          ...(sendOptions.backoff ? { retryBackoff: true } : {}),
          expireInSeconds: 6 * 3600,
        })),
      );
      for (const workerId of workers.get(queue) ?? []) boss.notifyWorker(workerId);
    },
    async publish(event, data) {
      await boss.publish(event, traced(data), { retryLimit: 2, retryDelay: 5, expireInSeconds: 6 * 3600 });
      // Workers of this process on the subscribed queues are woken at once.
      for (const ids of workers.values()) for (const id of ids) boss.notifyWorker(id);
    },
    async subscribe(event, queue) {
      await ensureQueue(queue);
      await boss.subscribe(event, queue);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
      stopped = true;
    },
  };
}

/**
 * The id of the request that queued a job, carried in its data under a key no module uses (a
 * module's own `requestId`, such as a data request's, is left alone).
 */
const TRACE_KEY = '__quaiRequestId';

function traced<T extends object>(data: T): T {
  const requestId = currentRequestId();
  return requestId ? { ...data, [TRACE_KEY]: requestId } : data;
}

/** More than one statement (pg-boss's scripts); those go through `exec`, which takes no parameters. */
function isScript(text: string): boolean {
  return text.trim().replace(/;\s*$/, '').includes(';');
}
