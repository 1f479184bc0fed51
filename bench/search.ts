/**
 * bench/search: package_search over HTTP against the same SQL run directly, on a generated
 * catalogue of 100,000 datasets. Targets on PostgreSQL (2 cores): p95 < 30 ms, ≥ 500 req/s,
 * API within 1.5× of the SQL time.
 *
 *   npm run bench:search                 # PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL) and PGlite
 *   npm run bench:search -- postgres     # one engine
 *   BENCH_DATASETS=20000 BENCH_SECONDS=10 npm run bench:search
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
import { ANONYMOUS } from '../src/modules/accounts/index.js';
import { createDatasetRepo } from '../src/modules/catalog/datasets/dataset.repo.js';
import { parseQuery } from '../src/modules/catalog/search/query-syntax.js';
import { FACET_FIELDS, runSearch, type SearchStatement } from '../src/modules/catalog/search/search.repo.js';
import { parseSort } from '../src/modules/catalog/search/search.service.js';
import { visibilityFor } from '../src/modules/catalog/search/visibility.js';
import { type Db, migrate } from '../src/platform/db/index.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { generateCatalogue, popularQueries, QUERY_MIX, realisticTraffic } from './catalogue-generator.js';
import { formatMs, type LatencySummary, summarize } from './stats.js';

const DATASETS = Number(process.env.BENCH_DATASETS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const FACETS = JSON.stringify([...FACET_FIELDS]);

async function openBenchDatabase(engine: 'postgres' | 'pglite'): Promise<Db> {
  if (engine === 'pglite') return openPglite({ dataDir: path.resolve('var/bench/pglite') });
  const serverUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'quai_bench'");
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE quai_bench');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/quai_bench';
  return openPostgres({ url: url.toString(), poolSize: CONNECTIONS });
}

/** The catalogue, generated once and kept between runs (regenerated if its size differs). */
async function prepare(db: Db): Promise<void> {
  await migrate(db, MIGRATIONS);
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog.datasets');
  if (row?.n === DATASETS) return;
  if ((row?.n ?? 0) > 0)
    await db.exec('TRUNCATE catalog.resources, catalog.activities, catalog.datasets, catalog.groups CASCADE');
  process.stdout.write(`  generating ${DATASETS.toLocaleString('en')} datasets… `);
  const generated = await generateCatalogue(db, DATASETS);
  console.log(`${generated.seconds.toFixed(0)} s`);
}

function searchPath(query: { q: string; fq?: string }): string {
  const params = new URLSearchParams({ q: query.q, rows: '10', 'facet.field': FACETS, 'facet.limit': '50' });
  if (query.fq) params.set('fq', query.fq);
  return `/api/3/action/package_search?${params}`;
}

/** What package_search runs in the database for one query: the search statement, then the page. */
function sqlStatement(query: { q: string; fq?: string }): SearchStatement {
  return {
    query: { kind: 'and', nodes: [parseQuery(query.q), ...(query.fq ? [parseQuery(query.fq)] : [])] },
    visibility: visibilityFor(ANONYMOUS, {
      includePrivate: false,
      includeDrafts: false,
      includeDeleted: false,
    }),
    sort: parseSort(null),
    rows: 10,
    start: 0,
    facets: FACET_FIELDS,
    facetLimit: 50,
  };
}

/** Load from a separate process (autocannon), so that it does not compete with the server's event loop. */
async function loadOverHttp(
  url: string,
  queries: { q: string; fq?: string }[],
  connections: number,
): Promise<LatencySummary> {
  const plan = path.join(os.tmpdir(), `quai-bench-${process.pid}.json`);
  await writeFile(
    plan,
    JSON.stringify({ url, paths: queries.map(searchPath), connections, seconds: SECONDS }),
  );
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/load.ts', plan], {
    maxBuffer: 256 * 1024 * 1024,
  });
  await rm(plan, { force: true });
  const result = JSON.parse(stdout) as { times: number[]; failures: number; seconds: number };
  if (result.failures > 0) throw new Error(`${result.failures} requests failed`);
  return summarize(result.times, result.seconds);
}

/** The same statements straight to the database, `connections` at a time, for the same duration. */
async function loadOverSql(db: Db, connections: number): Promise<LatencySummary> {
  const statements = QUERY_MIX.map(sqlStatement);
  const repo = createDatasetRepo(db);
  const times: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      for (let i = worker; performance.now() < deadline; i++) {
        const begin = performance.now();
        const rows = await runSearch(db, statements[i % statements.length] as SearchStatement);
        await repo.load(rows.ids);
        times.push(performance.now() - begin);
      }
    }),
  );
  return summarize(times, (performance.now() - started) / 1000);
}

function line(label: string, summary: LatencySummary): string {
  return `  ${label.padEnd(34)} ${summary.perSecond.toFixed(0).padStart(6)} req/s   p50 ${formatMs(summary.p50).padStart(9)}   p95 ${formatMs(summary.p95).padStart(9)}   p99 ${formatMs(summary.p99).padStart(9)}`;
}

/** The application on this database, listening; `cacheSize` 0 turns the search cache off. */
async function startApp(db: Db, cacheSize: number) {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: path.resolve('var/bench'),
    DEMO_CONTENT: 'never',
    SEARCH_CACHE_SIZE: String(cacheSize),
  });
  const ctx = await createContext(config, { db });
  const app = await buildApp(ctx);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { ctx, app, url };
}

async function benchEngine(engine: 'postgres' | 'pglite') {
  console.log(
    `\n${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} — ${DATASETS.toLocaleString('en')} datasets, package_search with 5 facets, ${SECONDS} s per run`,
  );
  const db = await openBenchDatabase(engine);
  await prepare(db);

  // Cold: no cache, every request searches the database; compared with the same SQL run directly.
  console.log(`  Cold (cache off), ${QUERY_MIX.length} text queries in turn:`);
  const cold = await startApp(db, 0);
  for (const query of QUERY_MIX) await cold.app.inject({ method: 'GET', url: searchPath(query) });
  const results: Record<string, LatencySummary> = {};
  for (const connections of [1, CONNECTIONS]) {
    results[`sql-${connections}`] = await loadOverSql(db, connections);
    results[`api-${connections}`] = await loadOverHttp(cold.url, QUERY_MIX, connections);
    console.log(
      line(`SQL directly, ${connections} at a time`, results[`sql-${connections}`] as LatencySummary),
    );
    console.log(
      line(`API over HTTP, ${connections} at a time`, results[`api-${connections}`] as LatencySummary),
    );
  }
  await cold.app.close();
  const api1 = results['api-1'] as LatencySummary;
  const sql1 = results['sql-1'] as LatencySummary;
  const apiN = results[`api-${CONNECTIONS}`] as LatencySummary;
  const sqlN = results[`sql-${CONNECTIONS}`] as LatencySummary;
  console.log(
    `  ratio API / SQL, one at a time: p50 ${(api1.p50 / sql1.p50).toFixed(2)}×, p95 ${(api1.p95 / sql1.p95).toFixed(2)}×`,
  );
  console.log(
    `  ratio API / SQL, ${CONNECTIONS} at a time: p50 ${(apiN.p50 / sqlN.p50).toFixed(2)}×, throughput ${(apiN.perSecond / sqlN.perSecond).toFixed(2)}×`,
  );

  // Warm: the cache on, in its steady state (each popular query asked once since the catalogue last
  // changed), then traffic as a portal sees it: popular queries, and a tail of one-off queries.
  const popular = popularQueries(500);
  const warm = await startApp(db, 1000);
  for (const query of popular) await warm.app.inject({ method: 'GET', url: searchPath(query) });
  const before = warm.ctx.catalog.search.cacheStats() ?? { hits: 0, misses: 0 };
  const served = await loadOverHttp(warm.url, realisticTraffic(popular, 30_000, 2), CONNECTIONS);
  const after = warm.ctx.catalog.search.cacheStats() ?? { hits: 0, misses: 0 };
  const hits = after.hits - before.hits;
  const hitRate = hits / Math.max(1, hits + after.misses - before.misses);
  console.log(
    `  Warm (cache on, the 500 popular queries asked once): 70 % popular (Zipf), 30 % one-off queries; ${CONNECTIONS} at a time, cache hits ${(hitRate * 100).toFixed(0)} %:`,
  );
  console.log(line('API over HTTP', served));
  await warm.app.close();
  if (engine === 'postgres') {
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `  targets (warm traffic): p95 < 30 ms ${verdict(served.p95 < 30)}; ≥ 500 req/s ${verdict(served.perSecond >= 500)}`,
    );
    console.log(
      `  target (cold, one at a time): API ≤ 1.5× SQL ${verdict(api1.p50 / sql1.p50 <= 1.5 && api1.p95 / sql1.p95 <= 1.5)}`,
    );
  }
  await warm.ctx.close();
}

const only = process.argv[2];
for (const engine of ['postgres', 'pglite'] as const) {
  if (!only || only === engine) await benchEngine(engine);
}
