/** Where the catalogue's version comes from (search-version.repo.ts). */
export interface VersionSource {
  current(): Promise<string>;
  bump(): Promise<void>;
  stop?(): Promise<void>;
}

export interface SearchCacheOptions {
  maxEntries: number;
  /** A safety net: even without a change, an entry is recomputed after this long. */
  ttlMs: number;
}

interface Entry<T> {
  version: string;
  storedAt: number;
  value: T;
}

/**
 * Results of public searches, reused until the catalogue changes. Only what anyone may see goes in
 * here (the caller decides), so no private data can be served from it. The catalogue's version is
 * a database sequence bumped after each committed write and announced to every process
 * (search-version.repo.ts): a lookup costs no query while the announcements are heard. Identical searches arriving together run once: the later ones
 * wait for the first one's answer (a burst of the same new query costs one database search).
 */
export function createSearchCache<T>(versions: VersionSource, options: SearchCacheOptions) {
  const entries = new Map<string, Entry<T>>();
  /** Searches being computed, by version and key: the same search asked meanwhile waits for it. */
  const computing = new Map<string, Promise<T>>();
  let hits = 0;
  let misses = 0;

  return {
    /** The cached value for `key` at the current version, or `compute()` stored for the next caller. */
    async remember(key: string, compute: () => Promise<T>): Promise<T> {
      const current = await versions.current();
      const entry = entries.get(key);
      if (entry && entry.version === current && Date.now() - entry.storedAt < options.ttlMs) {
        hits++;
        entries.delete(key);
        entries.set(key, entry);
        return entry.value;
      }
      const flight = `${current} ${key}`;
      const running = computing.get(flight);
      if (running) {
        hits++;
        return running;
      }
      misses++;
      const pending = compute();
      computing.set(flight, pending);
      try {
        const value = await pending;
        entries.set(key, { version: current, storedAt: Date.now(), value });
        if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
        return value;
      } finally {
        computing.delete(flight);
      }
    },

    /** After a committed change: every cached result, here and in other processes, is stale. */
    async invalidate(): Promise<void> {
      entries.clear();
      computing.clear();
      await versions.bump();
    },

    stats: () => ({ hits, misses, entries: entries.size }),

    /** Stops following the catalogue's version (the process is stopping). */
    close: async (): Promise<void> => {
      await versions.stop?.();
    },
  };
}

export type SearchCache<T> = ReturnType<typeof createSearchCache<T>>;
