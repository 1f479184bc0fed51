import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';

/**
 * The process's structured logger (JSON lines, pino): the HTTP server logs through it, and every
 * module is given it. Each line carries the id of the request it belongs to, also inside the jobs
 * that request queued: a load's failure can be traced to the upload that started it.
 */
export type Logger = FastifyBaseLogger;

const current = new AsyncLocalStorage<{ requestId: string }>();

/** The logger, writing JSON lines to standard output (or to `destination`, as tests read them). */
export function createLogger(level: string, destination?: { write(line: string): void }): Logger {
  const options = {
    level,
    mixin: () => {
      const requestId = current.getStore()?.requestId;
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Runs work as part of a request (or of a job that request queued), for the logs. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return current.run({ requestId }, work);
}

/** The request the running code belongs to, if any. */
export function currentRequestId(): string | undefined {
  return current.getStore()?.requestId;
}
