/**
 * bench/search: package_search over HTTP against the same SQL run directly, on a generated
 * catalogue of 100,000 datasets. Targets on PostgreSQL (2 cores): p95 < 30 ms, ≥ 500 req/s,
 * API within 1.5× of the SQL time.
 *
 *   npm run bench:search                 # PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL) and PGlite
 *   npm run bench:search -- postgres     # one engine
 *   BENCH_DATASETS=20000 BENCH_SECONDS=10 npm run bench:search
 */
import { ANONYMOUS } from '../src/modules/accounts/index.js';
import { createDatasetRepo } from '../src/modules/catalog/datasets/dataset.repo.js';
import { parseQuery } from '../src/modules/catalog/search/query-syntax.js';
import { FACET_FIELDS, runSearch, type SearchStatement } from '../src/modules/catalog/search/search.repo.js';
import { parseSort } from '../src/modules/catalog/search/search.service.js';
import { visibilityFor } from '../src/modules/catalog/search/visibility.js';
import type { Db } from '../src/platform/db/index.js';
import {
  CONNECTIONS,
  DATASETS,
  type Engine,
  engineName,
  loadOverHttp,
  openBenchDatabase,
  prepareCatalogue,
  SECONDS,
  startBenchApp,
} from './bench-app.js';
import { popularQueries, QUERY_MIX, realisticTraffic } from './catalogue-generator.js';
import { formatMs, type LatencySummary, summarize } from './stats.js';

const FACETS = JSON.stringify([...FACET_FIELDS]);

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

async function benchEngine(engine: Engine) {
  console.log(
    `\n${engineName(engine)} — ${DATASETS.toLocaleString('en')} datasets, package_search with 5 facets, ${SECONDS} s per run`,
  );
  const db = await openBenchDatabase(engine);
  await prepareCatalogue(db);

  // Cold: no cache, every request searches the database; compared with the same SQL run directly.
  console.log(`  Cold (cache off), ${QUERY_MIX.length} text queries in turn:`);
  const cold = await startBenchApp(db, 0);
  for (const query of QUERY_MIX) await cold.app.inject({ method: 'GET', url: searchPath(query) });
  const results: Record<string, LatencySummary> = {};
  for (const connections of [1, CONNECTIONS]) {
    results[`sql-${connections}`] = await loadOverSql(db, connections);
    results[`api-${connections}`] = await loadOverHttp(cold.url, QUERY_MIX.map(searchPath), connections);
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
  const warm = await startBenchApp(db, 1000);
  for (const query of popular) await warm.app.inject({ method: 'GET', url: searchPath(query) });
  const before = warm.ctx.catalog.search.cacheStats() ?? { hits: 0, misses: 0 };
  const served = await loadOverHttp(
    warm.url,
    realisticTraffic(popular, 30_000, 2).map(searchPath),
    CONNECTIONS,
  );
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
