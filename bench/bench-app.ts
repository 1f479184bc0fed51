/**
 * What every HTTP benchmark needs: the generated catalogue in a bench database (kept between
 * runs), the application listening on it, and load from a separate process.
 */
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext, MIGRATIONS } from '../src/context.js';
import { type Db, migrate } from '../src/platform/db/index.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { generateCatalogue } from './catalogue-generator.js';
import { type LatencySummary, summarize } from './stats.js';

export type Engine = 'postgres' | 'pglite';

export const DATASETS = Number(process.env.BENCH_DATASETS ?? 100_000);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

export function engineName(engine: Engine): string {
  return engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
}

/** The `quai_bench` database (or another name) on the test server, or PGlite under var/bench. */
export async function openBenchDatabase(engine: Engine, name = 'quai_bench'): Promise<Db> {
  if (engine === 'pglite')
    return openPglite({
      dataDir: path.resolve(`var/bench/${name === 'quai_bench' ? 'pglite' : `${name}-pglite`}`),
    });
  const serverUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return openPostgres({ url: url.toString(), poolSize: CONNECTIONS });
}

/** The catalogue, generated once and kept between runs (regenerated if its size differs). */
export async function prepareCatalogue(db: Db, count = DATASETS): Promise<void> {
  await migrate(db, MIGRATIONS);
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM catalog.datasets WHERE owner_org NOT IN (SELECT id FROM catalog.groups WHERE name = 'banc')",
  );
  if (row?.n === count) return;
  if ((row?.n ?? 0) > 0)
    await db.exec('TRUNCATE catalog.resources, catalog.activities, catalog.datasets, catalog.groups CASCADE');
  process.stdout.write(`  generating ${count.toLocaleString('en')} datasets… `);
  const generated = await generateCatalogue(db, count);
  console.log(`${generated.seconds.toFixed(0)} s`);
}

/** The application on this database, listening; `cacheSize` 0 turns the search cache off. */
export async function startBenchApp(
  db: Db,
  cacheSize: number,
  options: { work?: boolean; dataDir?: string } = {},
) {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: options.dataDir ?? path.resolve('var/bench'),
    DEMO_CONTENT: 'never',
    SEARCH_CACHE_SIZE: String(cacheSize),
  });
  const ctx = await createContext(config, { db, work: options.work ?? false });
  const app = await buildApp(ctx);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { ctx, app, url };
}

export interface LoadPlan {
  url: string;
  paths?: string[];
  requests?: { method?: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }[];
  connections: number;
  seconds: number;
  /** "global": the connections share one pass over the list (each entry sent once per pass). */
  order?: 'per-connection' | 'global';
  /** Replace "#" in bodies with a number of its own (writes that must not collide). */
  unique?: boolean;
  /** How long one request may take before the client gives up (10 s by default). */
  timeoutSeconds?: number;
  /** Stop after this many requests instead of after `seconds`. */
  amount?: number;
}

export interface LoadResult {
  times: number[];
  failures: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  seconds: number;
  /** Entries in the plan's list, and requests taken from it (with `order: "global"`). */
  listed: number;
  sent: number;
}

let plans = 0;

/** Runs a plan in a separate process (autocannon) and returns every response's time and status. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const file = path.join(os.tmpdir(), `quai-bench-${process.pid}-${plans++}.json`);
  await writeFile(file, JSON.stringify(plan));
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/load.ts', file],
      {
        maxBuffer: 512 * 1024 * 1024,
      },
    );
    return JSON.parse(stdout) as LoadResult;
  } finally {
    await rm(file, { force: true });
  }
}

/** Load from a separate process (autocannon), so that it does not compete with the server's event loop. */
export async function loadOverHttp(
  url: string,
  paths: string[],
  connections: number,
  seconds = SECONDS,
  order: LoadPlan['order'] = 'per-connection',
  amount?: number,
): Promise<LatencySummary & { sent: number; listed: number }> {
  const result = await runLoad({ url, paths, connections, seconds, order, amount });
  if (result.failures > 0) throw new Error(`${result.failures} requests failed`);
  return { ...summarize(result.times, result.seconds), sent: result.sent, listed: result.listed };
}
