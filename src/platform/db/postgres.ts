import pg from 'pg';
import type { Db, Queryable } from './db.js';

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
    close: () => pool.end(),
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
