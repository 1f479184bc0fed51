/**
 * A per-client request budget per fixed window: generous for people and scripts that read,
 * stopping bulk scraping. In memory, per process (each web process counts its own requests).
 */
export function createRateLimiter(options: { limit: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  let current = 0;

  return {
    /** Counts one request; the seconds to wait when the budget is spent, 0 when it may go. */
    take(key: string): number {
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

export type RateLimiter = ReturnType<typeof createRateLimiter>;
