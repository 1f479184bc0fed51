import type { Db } from '../../../platform/db/index.js';

/** The channel each bump of the catalogue's version is announced on, to every process. */
const CHANNEL = 'quai_search_version';

/**
 * The catalogue's version: a sequence bumped after each committed change, announced on a
 * notification channel. While this process listens, it knows the version without asking the
 * database (a cached search costs no query); when the listening connection is lost it reads the
 * sequence on every lookup again, until the subscription is back. Versions only grow, so the
 * highest one heard or read is the current one, whatever order they arrive in.
 */
export function createSearchVersionRepo(db: Db) {
  let known: number | null = null;
  let listening = false;
  /** Counts subscriptions made and lost: a read begun under another one is not trusted. */
  let epoch = 0;
  let stop: (() => Promise<void>) | null = null;
  let started = false;
  let closed = false;
  const learn = (version: number, since = epoch) => {
    if (listening && since === epoch) known = Math.max(known ?? 0, version);
  };

  async function read(): Promise<number> {
    const [row] = await db.query<{ last_value: string | number; is_called: boolean }>(
      'SELECT last_value, is_called FROM catalog.search_version',
    );
    return row?.is_called ? Number(row.last_value) : 0;
  }

  return {
    /** The current version; the first call starts following the announcements. */
    async current(): Promise<string> {
      if (!started) {
        started = true;
        // Without a subscription (it failed), every lookup reads the sequence: slower, still right.
        void this.start().catch(() => undefined);
      }
      if (listening && known !== null) return String(known);
      const since = epoch;
      const version = await read();
      learn(version, since);
      return String(version);
    },

    async bump(): Promise<void> {
      const [row] = await db.query<{ v: string | number }>(
        `SELECT v, pg_notify('${CHANNEL}', v::text) FROM (SELECT nextval('catalog.search_version') AS v) s`,
      );
      if (row) learn(Number(row.v));
    },

    /** Follows the announcements (then lookups stop asking the database). */
    async start(): Promise<void> {
      started = true;
      const unsubscribe = await db.listen(CHANNEL, {
        notify: (payload) => {
          const version = Number(payload);
          if (Number.isSafeInteger(version)) learn(version);
        },
        // Announcements may have been missed while not listening: the next lookup reads.
        ready: () => {
          epoch++;
          listening = true;
          known = null;
        },
        lost: () => {
          epoch++;
          listening = false;
          known = null;
        },
      });
      if (closed) await unsubscribe();
      else stop = unsubscribe;
    },

    /** Stops listening (before the database closes). */
    async stop(): Promise<void> {
      closed = true;
      started = true;
      listening = false;
      known = null;
      await stop?.();
      stop = null;
    },
  };
}

export type SearchVersionRepo = ReturnType<typeof createSearchVersionRepo>;
