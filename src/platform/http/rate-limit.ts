import type { Db } from '../db/index.js';
import { countInWindow, forgetOldWindows } from './rate-limit.sql.js';

/** A budget of actions per key and fixed window: the seconds to wait when spent, 0 when one may go. */
export interface RateLimiter {
  take(key: string): Promise<number>;
}

/**
 * A per-client request budget per fixed window: generous for people and scripts that read,
 * stopping bulk scraping. In memory: for one process (the embedded database allows no other).
 */
export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  let current = 0;

  return {
    async take(key: string): Promise<number> {
      const at = now();
      const start = at - (at % options.windowMs);
      if (start !== current) {
        // A new window: the old counts are of no use any more.
        windows.clear();
        current = start;
      }
      const window = windows.get(key) ?? { start, count: 0 };
      windows.set(key, window);
      if (window.count >= options.limit)
        return Math.max(1, Math.ceil((start + options.windowMs - at) / 1000));
      window.count++;
      return 0;
    },
  };
}

/**
 * The same budget counted in PostgreSQL, so that every web process behind a load balancer
 * shares it (one statement per action: an upsert of the key's window). Old windows are swept
 * now and then by whichever process passes.
 */
export function createSharedRateLimiter(
  db: Db,
  options: { name: string; limit: number; windowMs: number; now?: () => number },
): RateLimiter {
  const now = options.now ?? Date.now;
  let lastSweep = 0;
  return {
    async take(key: string): Promise<number> {
      const at = now();
      const start = at - (at % options.windowMs);
      if (at - lastSweep > options.windowMs) {
        lastSweep = at;
        await forgetOldWindows(db, options.name, new Date(start - options.windowMs));
      }
      const count = await countInWindow(db, options.name, key.slice(0, 300), new Date(start), options.limit);
      if (count > options.limit) return Math.max(1, Math.ceil((start + options.windowMs - at) / 1000));
      return 0;
    },
  };
}

/** The limiter a portal's processes share: in the database on PostgreSQL, in memory on PGlite. */
export function rateLimiterFor(db: Db) {
  return (options: { name: string; limit: number; windowMs: number }): RateLimiter =>
    db.engine === 'postgres' ? createSharedRateLimiter(db, options) : createRateLimiter(options);
}
