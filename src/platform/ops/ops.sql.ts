import type { Queryable } from '../db/index.js';

/** Jobs waiting or running, per queue and state (pg-boss's `jobs.job`). */
export async function queueDepth(db: Queryable): Promise<{ queue: string; state: string; n: number }[]> {
  return db.query<{ queue: string; state: string; n: number }>(
    `SELECT name AS queue, state::text AS state, count(*)::int AS n FROM jobs.job
      WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
  );
}

/** Whether the database answers. */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/** The migrations recorded as applied, as `module/name`. */
export async function appliedMigrations(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ module: string; name: string }>('SELECT module, name FROM quai_migrations');
  return new Set(rows.map((row) => `${row.module}/${row.name}`));
}

/** The database server's version and the extensions installed in it. */
export async function serverFacts(db: Queryable): Promise<{ version: string; extensions: string[] }> {
  const [version] = await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  const extensions = await db.query<{ extname: string }>('SELECT extname FROM pg_extension ORDER BY extname');
  return { version: version?.v ?? '', extensions: extensions.map((row) => row.extname) };
}
