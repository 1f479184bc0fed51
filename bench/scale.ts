/**
 * bench/scale (issue 23), on PostgreSQL:
 *
 * 1. The same mixed read load (searches, dataset pages, the datasets' API, the home page: each
 *    request distinct within a run) against one web process, then against two — separate
 *    `quai serve` processes on one database, the load split evenly between their ports — with
 *    the same total of connections. Requests per second and p95 of each, and the ratio.
 * 2. Upload → queryable for one large CSV with the files in an S3-compatible store (s3rver on
 *    loopback, standing in for MinIO or AWS) against the local directory, in the same run.
 *
 * Settings: BENCH_DATASETS (20000), BENCH_SECONDS (15), BENCH_CONNECTIONS (10), BENCH_CSV_MB (1024).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { CONNECTIONS, openBenchDatabase, prepareCatalogue, runLoad, SECONDS } from './bench-app.js';
import { benchDataset, storedCsv } from './bench-dataset.js';
import { distinctQueries } from './catalogue-generator.js';
import { writePermitsCsv } from './permits-csv.js';
import { formatMs, summarize } from './stats.js';

const DATASETS = Number(process.env.BENCH_DATASETS ?? 20_000);
const CSV_MB = Number(process.env.BENCH_CSV_MB ?? 1024);
const DATABASE = 'quai_bench_scale';
const serverUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const databaseUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();

/** A `quai serve` process on the bench database; resolves once /readyz says it is ready. */
async function startWeb(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_CONTENT: 'never',
      REFERENCE_PROBE_SECONDS: '0',
      LINK_CHECK_HOURS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`quai serve on ${port} exited (${child.exitCode})`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
    if (ready?.ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Searches, dataset pages and API reads, each distinct, mixed. */
async function mixedPaths(count: number): Promise<string[]> {
  const db = await openBenchDatabase('postgres', DATABASE);
  const names = (
    await db.query<{ name: string }>(
      `SELECT name FROM catalog.datasets WHERE state = 'active' AND NOT private ORDER BY md5(name) LIMIT $1`,
      [count],
    )
  ).map((row) => row.name);
  await db.close();
  const queries = distinctQueries(count, 23);
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = names[i % names.length] as string;
    const query = queries[i % queries.length] as { q: string };
    switch (i % 5) {
      case 0:
        paths.push(`/api/3/action/package_search?${new URLSearchParams({ q: query.q, rows: '10' })}`);
        break;
      case 1:
        paths.push(`/fr/jeux-de-donnees?${new URLSearchParams({ q: query.q })}`);
        break;
      case 2:
        paths.push(`/fr/jeux-de-donnees/${name}`);
        break;
      case 3:
        paths.push(`/api/v1/datasets/${name}`);
        break;
      default:
        paths.push(i % 10 === 4 ? '/fr' : `/en/datasets/${name}`);
    }
  }
  return paths;
}

async function readLoad(ports: number[], paths: string[]) {
  const share = Math.ceil(paths.length / ports.length);
  const results = await Promise.all(
    ports.map((port, index) =>
      runLoad({
        url: `http://127.0.0.1:${port}`,
        paths: paths.slice(index * share, (index + 1) * share),
        connections: Math.max(1, Math.round(CONNECTIONS / ports.length)),
        seconds: SECONDS,
        order: 'global',
      }),
    ),
  );
  const failures = results.reduce((sum, result) => sum + result.failures + result.errors, 0);
  if (failures > 0) throw new Error(`${failures} requests failed`);
  const seconds = Math.max(...results.map((result) => result.seconds));
  return {
    ...summarize(
      results.flatMap((result) => result.times),
      seconds,
    ),
    sent: results.reduce((sum, result) => sum + result.sent, 0),
  };
}

/** Upload → queryable of one CSV, the files in the local directory or in S3. */
async function uploadToQueryable(file: string, store: 'local' | 's3', endpoint: string): Promise<number> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `quai-bench-scale-${store}-`));
  const ctx = await createContext(
    loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      DEMO_CONTENT: 'never',
      REFERENCE_PROBE_SECONDS: '0',
      LINK_CHECK_HOURS: '0',
      ...(store === 's3' ? { BLOB_STORE: 's3://quai/bench', S3_ENDPOINT: endpoint } : {}),
    }),
    { work: true },
  );
  try {
    const start = performance.now();
    const blob = await ctx.blobs.put(createReadStream(file, { highWaterMark: 1 << 20 }), { maxBytes: 1e12 });
    const dataset = await benchDataset(ctx, `echelle-${store}-${Date.now()}`, storedCsv(blob, 'permis.csv'));
    const load = await ctx.datastore.ingest.settled(dataset.resources[0]?.id as string);
    if (load.state === 'failed') throw new Error(JSON.stringify(load.error));
    return (performance.now() - start) / 1000;
  } finally {
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const work = await mkdtemp(path.join(os.tmpdir(), 'quai-bench-scale-'));
try {
  console.log(`bench/scale on PostgreSQL (${os.cpus().length} cores)`);
  const db = await openBenchDatabase('postgres', DATABASE);
  await prepareCatalogue(db, DATASETS);
  await db.close();
  // Two lists of distinct requests: one per run, so that neither is served from the other's cache.
  const paths = await mixedPaths(24_000);
  const [first, second] = [paths.slice(0, 12_000), paths.slice(12_000)];
  console.log(
    `  workload: ${DATASETS.toLocaleString('en')} datasets; mixed reads (package_search, search page, dataset page FR/EN, /api/v1/datasets, home), ${CONNECTIONS} connections in all, ${SECONDS} s per run, each request distinct within its run (12,000 listed per run)`,
  );

  const web1 = await startWeb(18_081, path.join(work, 'web-1'));
  const one = await readLoad([18_081], first as string[]);
  const web2 = await startWeb(18_082, path.join(work, 'web-2'));
  const two = await readLoad([18_081, 18_082], second as string[]);
  await Promise.all([stop(web1), stop(web2)]);
  console.log(
    `  one web process:   ${one.perSecond.toFixed(0)} req/s, p95 ${formatMs(one.p95)} (${one.sent} sent)`,
  );
  console.log(
    `  two web processes: ${two.perSecond.toFixed(0)} req/s, p95 ${formatMs(two.p95)} (${two.sent} sent, split evenly between the two ports)`,
  );
  console.log(
    `  ratio two / one: ${(two.perSecond / one.perSecond).toFixed(2)}× req/s (goal: close to 2× given the cores; this machine has ${os.cpus().length}, shared with PostgreSQL and the load generator)`,
  );

  const file = path.join(work, 'permis.csv');
  const rows = Math.round((CSV_MB * 1024 * 1024) / 105);
  await writePermitsCsv(file, rows, 'utf8');
  const size = (await stat(file)).size;
  const directory = path.join(work, 's3');
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: [{ name: 'quai', configs: [] }],
  });
  const address = await server.run();
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  const endpoint = `http://127.0.0.1:${address.port}`;
  const local = await uploadToQueryable(file, 'local', endpoint);
  const s3 = await uploadToQueryable(file, 's3', endpoint);
  await server.close();
  console.log(
    `  upload → queryable, ${(size / 1024 ** 2).toFixed(0)} MiB CSV (${rows.toLocaleString('en')} rows):`,
  );
  console.log(`    local directory: ${local.toFixed(1)} s`);
  console.log(
    `    S3 (s3rver on loopback): ${s3.toFixed(1)} s = ${(s3 / local).toFixed(2)}× the local store`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
