/**
 * bench/search: package_search over HTTP against the same SQL run directly, on a generated
 * catalogue of 100,000 datasets. Targets on PostgreSQL (2 cores): cold distinct queries p95 < 50 ms
 * one at a time, p95 < 150 ms and ≥ 200 req/s ten at a time, the API within 1.5× of the SQL time;
 * warm traffic p95 < 30 ms, ≥ 500 req/s. Each run prints its workload (requests, distinct queries).
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
import {
  broadQueries,
  distinctQueries,
  popularQueries,
  QUERY_MIX,
  realisticTraffic,
} from './catalogue-generator.js';
import { formatMs, type LatencySummary, summarize } from './stats.js';

const FACETS = JSON.stringify([...FACET_FIELDS]);

function searchPath(query: { q: string; fq?: string }): string {
  const params = new URLSearchParams({ q: query.q, rows: '10', 'facet.field': FACETS, 'facet.limit': '50' });
  if (query.fq) params.set('fq', query.fq);
  return `/api/3/action/package_search?${params}`;
}

/** What package_search runs in the database for one query: the search statement, then the page. */
function sqlStatement(query: Query): SearchStatement {
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

/**
 * The same kind of statements straight to the database, `connections` at a time, for the same
 * duration: the connections share one pass over the list, so no query is run twice.
 */
async function loadOverSql(
  db: Db,
  queries: Query[],
  connections: number,
  onePass = false,
): Promise<LatencySummary & { sent: number; listed: number }> {
  const repo = createDatasetRepo(db);
  const times: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && !(onePass && next >= queries.length)) {
        const query = queries[next++ % queries.length] as Query;
        const begin = performance.now();
        const rows = await runSearch(db, sqlStatement(query));
        await repo.load(rows.ids);
        times.push(performance.now() - begin);
      }
    }),
  );
  return { ...summarize(times, (performance.now() - started) / 1000), sent: next, listed: queries.length };
}

/** What a run sent: distinct queries, requests, and whether any query was sent twice. */
function workload(run: { sent: number; listed: number }): string {
  return run.sent <= run.listed
    ? `${run.sent.toLocaleString('en')} requests, all distinct`
    : `${run.sent.toLocaleString('en')} requests over ${run.listed.toLocaleString('en')} distinct queries (REPEATED: list too short)`;
}

type Query = { q: string; fq?: string };

/** Distinct queries per run: more than a run can send, so none is sent twice. */
const PER_RUN = 12_000;

function line(label: string, summary: LatencySummary): string {
  return `  ${label.padEnd(34)} ${summary.perSecond.toFixed(0).padStart(6)} req/s   p50 ${formatMs(summary.p50).padStart(9)}   p95 ${formatMs(summary.p95).padStart(9)}   p99 ${formatMs(summary.p99).padStart(9)}`;
}

async function benchEngine(engine: Engine) {
  console.log(
    `\n${engineName(engine)} — ${DATASETS.toLocaleString('en')} datasets, package_search with 5 facets, ${SECONDS} s per run`,
  );
  const db = await openBenchDatabase(engine);
  await prepareCatalogue(db);

  // Cold: no cache, distinct queries never repeated (what new visitors and crawlers send): every
  // request searches the database; compared with the same kind of SQL run directly. Each run has
  // its own queries, so none was seen by an earlier run either.
  const distinct = distinctQueries(PER_RUN * 4);
  console.log(
    `  Cold (cache off): ${distinct.length.toLocaleString('en')} distinct queries (a word; a word with a place, a year or another word; 25 % filtered by theme), each sent at most once, ${PER_RUN.toLocaleString('en')} per run; a warm-up of the 16 QUERY_MIX queries first`,
  );
  const cold = await startBenchApp(db, 0);
  for (const query of QUERY_MIX) await cold.app.inject({ method: 'GET', url: searchPath(query) });
  const results: Record<string, LatencySummary> = {};
  let run = 0;
  const slice = () => distinct.slice(PER_RUN * run, PER_RUN * ++run);
  for (const connections of [1, CONNECTIONS]) {
    const sql = await loadOverSql(db, slice(), connections);
    const api = await loadOverHttp(cold.url, slice().map(searchPath), connections, SECONDS, 'global');
    results[`sql-${connections}`] = sql;
    results[`api-${connections}`] = api;
    console.log(`${line(`SQL directly, ${connections} at a time`, sql)}   ${workload(sql)}`);
    console.log(`${line(`API over HTTP, ${connections} at a time`, api)}   ${workload(api)}`);
  }
  // The worst case: broad words alone (thousands of matches to rank and count facets over).
  const broad = broadQueries();
  const broadSql = await loadOverSql(db, broad, 1, true);
  const broadApi = await loadOverHttp(cold.url, broad.map(searchPath), 1, SECONDS, 'global', broad.length);
  console.log(
    `  Broad words (cache off): each of the ${(broad.length / 2).toLocaleString('en')} words of the vocabulary alone, then with a theme filter, one pass, one at a time:`,
  );
  console.log(`${line('SQL directly', broadSql)}   ${workload(broadSql)}`);
  console.log(`${line('API over HTTP', broadApi)}   ${workload(broadApi)}`);
  await cold.app.close();
  await cold.ctx.close({ keepDatabase: true });
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
  const traffic = realisticTraffic(popular, 30_000, 2);
  const served = await loadOverHttp(warm.url, traffic.map(searchPath), CONNECTIONS, SECONDS, 'global');
  const sentQueries = traffic.slice(0, served.sent).map((query) => JSON.stringify(query));
  const after = warm.ctx.catalog.search.cacheStats() ?? { hits: 0, misses: 0 };
  const hits = after.hits - before.hits;
  const hitRate = hits / Math.max(1, hits + after.misses - before.misses);
  console.log(
    `  Warm (cache on, the 500 popular queries asked once): 70 % popular (Zipf), 30 % one-off queries; ${CONNECTIONS} at a time, one shared pass over the list; cache hits ${(hitRate * 100).toFixed(0)} %:`,
  );
  console.log(
    `${line('API over HTTP', served)}   ${served.sent.toLocaleString('en')} requests, ${new Set(sentQueries).size.toLocaleString('en')} distinct queries among them${served.sent > served.listed ? ' (the list went round: one-offs REPEATED)' : ', no one-off repeated'}`,
  );
  await warm.app.close();
  if (engine === 'postgres') {
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `  targets (warm traffic): p95 < 30 ms ${verdict(served.p95 < 30)}; ≥ 500 req/s ${verdict(served.perSecond >= 500)}`,
    );
    console.log(
      `  targets (cold, distinct queries): one at a time p95 < 50 ms ${verdict(api1.p95 < 50)}; ${CONNECTIONS} at a time p95 < 150 ms ${verdict(apiN.p95 < 150)}, ≥ 200 req/s ${verdict(apiN.perSecond >= 200)}; API ≤ 1.5× SQL ${verdict(api1.p50 / sql1.p50 <= 1.5 && api1.p95 / sql1.p95 <= 1.5)}`,
    );
  }
  await warm.ctx.close();
}

const only = process.argv[2];
for (const engine of ['postgres', 'pglite'] as const) {
  if (!only || only === engine) await benchEngine(engine);
}
// Every server, context and database is closed; say so if something still holds the process.
setTimeout(() => {
  console.error('bench:search: something is still open after the runs', process.getActiveResourcesInfo());
  process.exit(1);
}, 10_000).unref();
