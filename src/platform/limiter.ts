import { TooManyRequestsError } from './http/errors.js';
import type { Localized } from './i18n/index.js';

/**
 * At most `concurrency` tasks at once; up to `queue` more wait their turn; beyond that the task
 * is refused at once (429) instead of piling up. For work that holds a scarce resource: the
 * libuv threads that scrypt and DuckDB run on, or an untrusted SQL query's DuckDB.
 */
export function createLimiter(options: { concurrency: number; queue: number; busy: Localized }) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= options.concurrency) {
        if (waiting.length >= options.queue) throw new TooManyRequestsError(options.busy, 5);
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
  };
}
