/**
 * bench/pages: server time of the portal's pages (home, search, dataset) on the generated
 * catalogue of 100,000 datasets, each against its JSON equivalent in the CKAN API over the same
 * HTTP path (the baseline: the page's cost over the data it shows), one request at a time. Then
 * the weight of each page type: HTML, CSS and JavaScript, gzipped.
 * Target on PostgreSQL (2 cores): p50 under 30 ms and p95 under 80 ms.
 *
 *   npm run bench:pages                 # PostgreSQL and PGlite
 *   npm run bench:pages -- postgres     # one engine
 */
import type { FastifyInstance } from 'fastify';
import { loadAssets } from '../src/modules/web/shell/assets.js';
import type { Db } from '../src/platform/db/index.js';
import {
  DATASETS,
  type Engine,
  engineName,
  loadOverHttp,
  openBenchDatabase,
  prepareCatalogue,
  SECONDS,
  startBenchApp,
} from './bench-app.js';
import { distinctQueries, popularQueries, realisticTraffic } from './catalogue-generator.js';
import { formatMs, type LatencySummary } from './stats.js';

type Query = { q: string; fq?: string };

const FACETS = JSON.stringify(['organization', 'groups', 'tags', 'res_format', 'license_id']);
const FILTER_PARAMS: Record<string, string> = {
  organization: 'organization',
  groups: 'theme',
  tags: 'tag',
  res_format: 'format',
  license_id: 'license',
};

/** The search page for a query: `fq` becomes the page's filter parameter. */
function searchPage(query: Query): string {
  const params = new URLSearchParams({ q: query.q });
  if (query.fq) {
    const [field = '', value = ''] = query.fq.split(':');
    params.set(FILTER_PARAMS[field] ?? field, value);
  }
  return `/fr/jeux-de-donnees?${params}`;
}

/** What the search page asks of the catalogue, as a CKAN API call. */
function searchApi(query: Query): string {
  const params = new URLSearchParams({ q: query.q, rows: '20', 'facet.field': FACETS, 'facet.limit': '10' });
  if (query.fq) params.set('fq', query.fq);
  return `/api/3/action/package_search?${params}`;
}

const HOME_API = `/api/3/action/package_search?${new URLSearchParams({
  rows: '5',
  sort: 'metadata_modified desc',
  'facet.field': JSON.stringify(['organization', 'groups', 'res_format']),
  'facet.limit': '-1',
})}`;

async function publicNames(db: Db, count: number): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT name FROM catalog.datasets WHERE state = 'active' AND NOT private ORDER BY md5(name) LIMIT ${count}`,
  );
  return rows.map((row) => row.name);
}

function line(label: string, page: LatencySummary, api: LatencySummary): string {
  return `  ${label.padEnd(30)} page p50 ${formatMs(page.p50).padStart(9)}  p95 ${formatMs(page.p95).padStart(9)}   JSON p50 ${formatMs(api.p50).padStart(9)}  p95 ${formatMs(api.p95).padStart(9)}   ratio p50 ${(page.p50 / api.p50).toFixed(2)}×  p95 ${(page.p95 / api.p95).toFixed(2)}×`;
}

async function gzippedBytes(app: FastifyInstance, url: string): Promise<number> {
  const response = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
  return response.rawPayload.length;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function pageWeights(app: FastifyInstance, datasetName: string): Promise<void> {
  const { urls } = await loadAssets();
  const css = (await Promise.all(urls.stylesheets.map((url) => gzippedBytes(app, url)))).reduce(
    (a, b) => a + b,
    0,
  );
  const uploadScript = await gzippedBytes(app, urls.scripts.upload);
  const tabsScript = await gzippedBytes(app, urls.scripts.tabs);
  console.log('  Page weight, gzipped (fonts excluded: the browser fetches only the ones a page uses):');
  for (const [label, url, js] of [
    ['home', '/fr', 0],
    ['search', searchPage({ q: 'eau' }), 0],
    ['dataset', `/fr/jeux-de-donnees/${datasetName}`, tabsScript],
    ['resource form (publishers)', null, uploadScript],
  ] as const) {
    const html = url ? await gzippedBytes(app, url) : null;
    console.log(
      `  ${label.padEnd(30)} HTML ${(html === null ? 'n/a' : kb(html)).padStart(8)}   CSS ${kb(css).padStart(8)}   JS ${kb(js).padStart(8)}${js > 30 * 1024 ? '  (over the 30 KB budget)' : ''}`,
    );
  }
}

async function benchEngine(engine: Engine) {
  console.log(
    `\n${engineName(engine)} — ${DATASETS.toLocaleString('en')} datasets, one request at a time, ${SECONDS} s per run`,
  );
  const db = await openBenchDatabase(engine);
  await prepareCatalogue(db);
  const names = await publicNames(db, 3000);
  const results: {
    label: string;
    page: LatencySummary & { sent: number };
    api: LatencySummary & { sent: number };
  }[] = [];
  const run = async (url: string, label: string, pages: string[], apis: string[]) => {
    const page = await loadOverHttp(url, pages, 1, SECONDS, 'global');
    const api = await loadOverHttp(url, apis, 1, SECONDS, 'global');
    results.push({ label, page, api });
    console.log(line(label, page, api));
  };

  // A running portal: the search cache on, and the popular queries asked since the last change.
  const warm = await startBenchApp(db, 1000);
  const popular = popularQueries(500);
  for (const query of popular) await warm.app.inject({ method: 'GET', url: searchPage(query) });
  await warm.app.inject({ method: 'GET', url: '/fr' });
  await run(warm.url, 'home', ['/fr', '/en'], [HOME_API]);
  const traffic = realisticTraffic(popular, 20_000, 3);
  await run(warm.url, 'search (portal traffic, cache)', traffic.map(searchPage), traffic.map(searchApi));
  await run(
    warm.url,
    'dataset',
    names.map((name, index) => (index % 2 ? `/en/datasets/${name}` : `/fr/jeux-de-donnees/${name}`)),
    names.map((name) => `/api/3/action/package_show?id=${name}`),
  );
  await pageWeights(warm.app, names[0] ?? '');
  await warm.app.close();
  await warm.ctx.close();

  // The worst case: no cache, every search goes to the database.
  // Distinct queries, none sent twice (the page and the JSON each get their own), as new
  // visitors and crawlers send them.
  const cold = await startBenchApp(await openBenchDatabase(engine), 0);
  const distinct = distinctQueries(20_000, 17);
  await run(
    cold.url,
    'search (cold, no cache)',
    distinct.slice(0, 10_000).map(searchPage),
    distinct.slice(10_000).map(searchApi),
  );
  const last = results[results.length - 1];
  console.log(
    `  workload (cold search): 10,000 distinct queries each for the page and the JSON, one client; sent ${last?.page.sent ?? 0} and ${last?.api.sent ?? 0}: ${Math.max(last?.page.sent ?? 0, last?.api.sent ?? 0) <= 10_000 ? 'none repeated' : 'REPEATED'}`,
  );
  await cold.app.close();
  await cold.ctx.close();

  if (engine === 'postgres') {
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    for (const { label, page } of results) {
      // Issue 21: a search page with no cache within p95 60 ms; the other pages within 80 ms.
      const p95 = label.startsWith('search (cold') ? 60 : 80;
      console.log(
        `  target ${label}: p50 < 30 ms ${verdict(page.p50 < 30)}, p95 < ${p95} ms ${verdict(page.p95 < p95)}`,
      );
    }
  }
}

const only = process.argv[2];
for (const engine of ['postgres', 'pglite'] as const) {
  if (!only || only === engine) await benchEngine(engine);
}
