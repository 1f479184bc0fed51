import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { checkChannel, copyStatement, copyText, type Db, type ListenHandlers, type Queryable } from './db.js';

// int8 (counts, sums) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

/**
 * Planner settings for Quai's queries, set on each connection (the server's defaults are for
 * spinning disks and tiny memory): random reads are nearly as cheap as sequential ones on SSDs, so
 * searches use their indexes; a search's matches fit in memory; no JIT compile on short queries.
 * See docs/decisions/0004-search-in-postgresql.md.
 */
const SESSION_OPTIONS = '-c random_page_cost=1.1 -c work_mem=32MB -c jit=off';

/** Opens a pool of connections to PostgreSQL. */
export function openPostgres(options: { url: string; poolSize: number }): Db {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    options: SESSION_OPTIONS,
  });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return {
    engine: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    query: async (sql, params) => (await pool.query(sql, params ? [...params] : undefined)).rows,
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrapClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    listen: (channel, handlers) => listenOn(options.url, checkChannel(channel), handlers),
    async copyRows(table, columns, batches) {
      const client = await pool.connect();
      let rows = 0;
      async function* text() {
        for await (const batch of batches) {
          rows += batch.length;
          yield copyText(batch);
        }
      }
      try {
        await pipeline(Readable.from(text()), client.query(copyFrom(copyStatement(table, columns, 'STDIN'))));
        client.release();
        return rows;
      } catch (error) {
        // A connection whose COPY broke off is not given back to the pool.
        client.release(error as Error);
        throw error;
      }
    },
    close: () => pool.end(),
  };
}

/** How long to wait before connecting again after a listening connection is lost. */
const RELISTEN_MS = 1000;

/**
 * A connection of its own (outside the pool: it stays open, waiting) listening on the channel,
 * connected again after a loss until stopped.
 */
async function listenOn(
  url: string,
  channel: string,
  handlers: ListenHandlers,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const current = new pg.Client({ connectionString: url });
    client = current;
    let lost = false;
    const onLost = () => {
      if (lost || stopped) return;
      lost = true;
      handlers.lost();
      current.end().catch(() => {});
      retry = setTimeout(() => void connect().catch(onLost), RELISTEN_MS);
      retry.unref();
    };
    current.on('error', onLost);
    current.on('end', onLost);
    current.on('notification', (message) => {
      if (message.channel === channel) handlers.notify(message.payload ?? '');
    });
    await current.connect();
    await current.query(`LISTEN ${channel}`);
    if (!stopped) handlers.ready();
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

function wrapClient(client: pg.PoolClient): Queryable {
  return {
    query: async (sql, params) => (await client.query(sql, params ? [...params] : undefined)).rows,
    exec: async (sql) => {
      await client.query(sql);
    },
  };
}
