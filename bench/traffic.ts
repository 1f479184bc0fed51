/**
 * bench/traffic: what a public portal meets all day, on PGlite and on PostgreSQL.
 *
 * 1. Mixed reads for BENCH_SECONDS (60) at 10 and at 50 connections: the home page, the search
 *    API with varied words, dataset pages, CKAN package_show and datastore_search pages, in one
 *    shuffled list that the connections share (each request distinct within a pass). Prints
 *    req/s, p50/p95/p99, errors and 5xx, and the server's memory after each run.
 * 2. Writes: package_create with distinct names, 10 connections.
 * 3. The reads at 10 connections again while a 5-million-row CSV loads into the datastore and
 *    two clients send abusive SQL (a query that runs into the 10 s limit, again and again): the
 *    reads' p95 against the quiet run's (target: within 3×).
 *
 *   npm run bench:traffic                 # both engines; -- pglite or -- postgres for one
 *   BENCH_SECONDS=60 TRAFFIC_DATASETS=20000 TRAFFIC_LOAD_ROWS=5000000
 */
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM } from '../src/modules/accounts/index.js';
import {
  type Engine,
  engineName,
  type LoadResult,
  openBenchDatabase,
  prepareCatalogue,
  runLoad,
  startBenchApp,
} from './bench-app.js';
import { benchDataset, storedCsv } from './bench-dataset.js';
import { QUERY_MIX } from './catalogue-generator.js';
import { writePermitsCsv } from './permits-csv.js';
import { formatMs, summarize } from './stats.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const DATASETS = Number(process.env.TRAFFIC_DATASETS ?? 20_000);
const LOAD_ROWS = Number(process.env.TRAFFIC_LOAD_ROWS ?? 5_000_000);
const TABLE_ROWS = 200_000;

/** A small seeded shuffle, so that runs are comparable. */
function shuffle<T>(items: T[], seed = 11): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function report(label: string, result: LoadResult, rssMb: number): { p95: number } {
  const summary = summarize(result.times, result.seconds);
  const fivexx = Object.entries(result.statuses)
    .filter(([status]) => Number(status) >= 500)
    .reduce((sum, [, count]) => sum + count, 0);
  console.log(
    `  ${label.padEnd(44)} ${summary.perSecond.toFixed(0).padStart(5)} req/s  p50 ${formatMs(summary.p50)}  p95 ${formatMs(summary.p95)}  p99 ${formatMs(summary.p99)}  errors ${result.failures + result.errors + result.timeouts} (5xx ${fivexx})  server RSS ${rssMb.toFixed(0)} MB`,
  );
  return { p95: summary.p95 };
}

const rss = () => process.memoryUsage().rss / 1e6;

async function run(engine: Engine): Promise<void> {
  console.log(`\n${engineName(engine)}`);
  const db = await openBenchDatabase(engine, 'quai_traffic');
  await prepareCatalogue(db, DATASETS);
  const dataDir = path.resolve('var/bench/traffic');
  await mkdir(dataDir, { recursive: true });
  const { ctx, app, url } = await startBenchApp(db, 1000, { work: true, dataDir });
  const work = await mkdtemp(path.join(os.tmpdir(), 'quai-traffic-'));
  try {
    // One datastore table to page through (made once, kept between runs).
    let table = await ctx.catalog.datasets.get(SYSTEM, 'trafic-permis').catch(() => null);
    if (!table) {
      const file = path.join(work, 'permis.csv');
      await writePermitsCsv(file, TABLE_ROWS, 'utf8');
      const blob = await ctx.blobs.put(createReadStream(file), { maxBytes: 1e12 });
      table = await benchDataset(ctx, 'trafic-permis', storedCsv(blob, 'permis.csv'));
    }
    const resourceId = table.resources[0]?.id as string;
    const loaded = await ctx.datastore.ingest.settled(resourceId);
    if (loaded.state !== 'done') throw new Error(`the table did not load: ${JSON.stringify(loaded.error)}`);

    const names = (
      await db.query<{ name: string }>(
        'SELECT name FROM catalog.datasets WHERE NOT private AND state = $1 ORDER BY name LIMIT 2000',
        ['active'],
      )
    ).map((row) => row.name);
    const words = [
      ...QUERY_MIX.map((query) => query.q),
      ...names.slice(0, 400).map((name) => name.split('-').slice(0, 2).join(' ')),
    ];
    const kinds: Record<string, string[]> = {
      home: Array.from({ length: 400 }, () => '/fr'),
      'search API': words.slice(0, 400).map((word) => `/api/v1/datasets?q=${encodeURIComponent(word)}`),
      'dataset page': names.slice(0, 400).map((name) => `/fr/jeux-de-donnees/${name}`),
      package_show: names.slice(400, 800).map((name) => `/api/3/action/package_show?id=${name}`),
      datastore_search: Array.from(
        { length: 400 },
        (_, i) =>
          `/api/3/action/datastore_search?resource_id=${resourceId}&limit=20&offset=${(i * 487) % TABLE_ROWS}`,
      ),
    };
    const reads = shuffle(Object.values(kinds).flat());
    console.log(
      `  workload: ${reads.length} requests per pass (400 each: home, search API with ${new Set(words.slice(0, 400)).size} distinct queries, dataset pages, package_show, datastore_search pages), shared by the connections; ${SECONDS} s per run; catalogue of ${DATASETS.toLocaleString('en')} datasets`,
    );
    await runLoad({ url, paths: reads, connections: 10, seconds: 5, order: 'global' });

    for (const [kind, paths] of Object.entries(kinds)) {
      report(
        `  ${kind} alone, 10 connections, 5 s`,
        await runLoad({ url, paths, connections: 10, seconds: 5, order: 'global' }),
        rss(),
      );
    }
    const quiet = report(
      'reads, 10 connections',
      await runLoad({ url, paths: reads, connections: 10, seconds: SECONDS, order: 'global' }),
      rss(),
    );
    report(
      'reads, 50 connections',
      await runLoad({ url, paths: reads, connections: 50, seconds: SECONDS, order: 'global' }),
      rss(),
    );
    report(
      'reads, 10 connections (again: memory)',
      await runLoad({ url, paths: reads, connections: 10, seconds: SECONDS, order: 'global' }),
      rss(),
    );

    const { token } = await ctx.accounts
      .createUser(SYSTEM, {
        name: `trafic-${Date.now()}`,
        email: null,
        fullname: null,
        about: null,
        password: null,
        sysadmin: true,
      })
      .then((user) => ctx.accounts.createToken(SYSTEM, { user: user.name, name: 'trafic', expiresAt: null }));
    report(
      'writes: package_create, 10 connections',
      await runLoad({
        url,
        connections: 10,
        seconds: Math.min(SECONDS, 30),
        order: 'global',
        unique: true,
        requests: [
          {
            method: 'POST',
            path: '/api/3/action/package_create',
            headers: { 'content-type': 'application/json', authorization: token },
            body: JSON.stringify({
              name: 'trafic-#',
              title: 'Jeu créé sous charge #',
              notes: 'Un jeu de données créé par le banc d’essai de trafic.',
              owner_org: 'banc',
              tags: [{ name: 'trafic' }],
            }),
          },
        ],
      }),
      rss(),
    );

    // Under pressure: a big load and abusive SQL while the same reads go on.
    const big = path.join(work, 'gros.csv');
    process.stdout.write(`  generating ${LOAD_ROWS.toLocaleString('en')} rows for the load… `);
    await writePermitsCsv(big, LOAD_ROWS, 'utf8');
    console.log('done');
    const blob = await ctx.blobs.put(createReadStream(big, { highWaterMark: 1 << 20 }), { maxBytes: 1e12 });
    const heavy = await benchDataset(ctx, `trafic-gros-${Date.now()}`, storedCsv(blob, 'gros.csv'));
    const abusive = runLoad({
      url,
      connections: 2,
      seconds: SECONDS,
      timeoutSeconds: 120,
      requests: [
        {
          method: 'POST',
          path: '/api/3/action/datastore_search_sql',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            sql: `SELECT sum(hash(i)) FROM range(10000000000) t(i), (SELECT count(*) FROM "${resourceId}") c`,
          }),
        },
      ],
    });
    const pressed = report(
      'reads, 10 connections, during load + SQL',
      await runLoad({ url, paths: reads, connections: 10, seconds: SECONDS, order: 'global' }),
      rss(),
    );
    const sql = await abusive;
    console.log(
      `    abusive SQL meanwhile: ${sql.times.length + sql.failures} answered (${Object.entries(sql.statuses)
        .map(([status, count]) => `${count}× ${status}`)
        .join(', ')}; 409 is the time limit, 429 a full queue)`,
    );
    const load = await ctx.datastore.ingest.settled(heavy.resources[0]?.id as string);
    console.log(`    the ${LOAD_ROWS.toLocaleString('en')}-row load: ${load.state}`);
    console.log(`  p95 under pressure / quiet p95: ${(pressed.p95 / quiet.p95).toFixed(2)}× (target ≤ 3×)`);
  } finally {
    await app.close();
    await ctx.close({ keepDatabase: true });
    await db.close();
    await rm(work, { recursive: true, force: true });
  }
}

const engines = (process.argv[2] ? [process.argv[2]] : ['pglite', 'postgres']) as Engine[];
for (const engine of engines) await run(engine);
process.exit(0);
