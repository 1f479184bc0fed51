/**
 * bench/reference: the reference data service on PostgreSQL (a `quai_bench_reference` database,
 * emptied each run), with the 2016 sets and the fictitious second version of the municipalities.
 *
 * 1. Single-code lookups over HTTP (autocannon in its own process): every code of the
 *    municipalities (current and retired, 1,288 distinct paths, each sent once per pass, the
 *    connections sharing the passes), one client and 10 connections — against a static file
 *    served by the same process (the version's datapackage.json, with ETag and Range), in the
 *    same run. Targets: p95 < 5 ms and ≥ 2,000 req/s at 10 connections.
 * 2. Name search: 400 distinct queries (whole names, prefixes, names without accents or with
 *    « st » for « saint », one transposed letter), one client. Target p95 < 20 ms.
 * 3. Integrity check of a 1-million-row table's code column (distinct rows: valid, retired,
 *    unknown codes, numbers to pad, dates), against a plain DuckDB scan of the same column in
 *    the same run. Target < 2 s.
 *
 *   npm run bench:reference          # BENCH_SECONDS=15 BENCH_CONNECTIONS=10 BENCH_REFERENCE_ROWS=1000000
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext, MIGRATIONS } from '../src/context.js';
import { checkColumn } from '../src/modules/datastore/reference-checks/check.duckdb.js';
import { builtinSnapshots, fictitiousMunicipalities } from '../src/modules/reference/index.js';
import { migrate } from '../src/platform/db/index.js';
import { openDuck } from '../src/platform/duckdb/index.js';
import { CONNECTIONS, openBenchDatabase, runLoad, SECONDS } from './bench-app.js';
import { formatMs, summarize } from './stats.js';

const ROWS = Number(process.env.BENCH_REFERENCE_ROWS ?? 1_000_000);

async function load(url: string, paths: string[], connections: number, what: string) {
  const result = await runLoad({ url, paths, connections, seconds: SECONDS, order: 'global' });
  if (result.failures > 0)
    throw new Error(`${what}: ${result.failures} requests failed ${JSON.stringify(result.statuses)}`);
  const stats = summarize(result.times, result.seconds);
  const passes = stats.requests / paths.length;
  console.log(
    `  ${what}: p50 ${formatMs(stats.p50)}  p95 ${formatMs(stats.p95)}  ${stats.perSecond.toFixed(0)} req/s — ${paths.length} distinct paths, ${connections} connection(s), ${SECONDS} s, ${stats.requests} requests (${passes.toFixed(1)} passes)`,
  );
  return stats;
}

async function main(): Promise<void> {
  const db = await openBenchDatabase('postgres', 'quai_bench_reference');
  await db
    .exec("DROP SCHEMA IF EXISTS reference CASCADE; DELETE FROM quai_migrations WHERE module = 'reference';")
    .catch(() => undefined);
  await migrate(db, MIGRATIONS);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-bench-reference-'));
  const ctx = await createContext(
    loadConfig({
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      DEMO_CONTENT: 'never',
      BASE_URL: 'http://127.0.0.1',
      REFERENCE_PROBE_SECONDS: '0',
    }),
    { db },
  );
  try {
    const snapshots = await builtinSnapshots();
    for (const snapshot of snapshots) await ctx.reference.publishing.publish(snapshot, { by: 'bench' });
    const municipalities = snapshots.find((s) => s.set === 'municipalites');
    if (!municipalities) throw new Error('no municipalities');
    await ctx.reference.publishing.publish(fictitiousMunicipalities(municipalities), { by: 'bench' });
    const index = await ctx.reference.reference.index('municipalites');
    const current = index?.current;
    if (!index || !current) throw new Error('no version');
    const codes = [...new Set(index.history(current).map((e) => e.code))];

    const app = await buildApp(ctx);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const lookups = codes.map((code) => `/api/v1/reference/municipalites/${code}`);
    const staticFile = [`/api/v1/reference/municipalites/versions/${current.label}/files/datapackage.json`];
    for (const p of [...lookups.slice(0, 20), ...staticFile]) await app.inject({ url: p });
    console.log('Single-code lookups (PostgreSQL; the index of each set is held in memory):');
    const file1 = await load(url, staticFile, 1, 'static file (datapackage.json), one client');
    const one = await load(url, lookups, 1, 'lookup by code, one client');
    const file10 = await load(url, staticFile, CONNECTIONS, `static file, ${CONNECTIONS} connections`);
    const many = await load(url, lookups, CONNECTIONS, `lookup by code, ${CONNECTIONS} connections`);
    console.log(
      `  lookup / static file p95: ${(one.p95 / file1.p95).toFixed(2)}× (one client), ${(many.p95 / file10.p95).toFixed(2)}× (${CONNECTIONS} connections); targets p95 < 5 ms, ≥ 2,000 req/s`,
    );

    const names = index.list({ version: current }).map((e) => e.name);
    const queries = names.slice(0, 400).map((name, i) => {
      if (i % 4 === 0) return name;
      if (i % 4 === 1) return name.slice(0, Math.max(4, Math.floor(name.length / 2)));
      if (i % 4 === 2)
        return name
          .normalize('NFD')
          .replace(/\p{M}/gu, '')
          .replace(/^Saint-/, 'St-')
          .replace(/^Sainte-/, 'Ste-');
      const at = Math.floor(name.length / 2);
      return `${name.slice(0, at)}${name[at + 1] ?? ''}${name[at] ?? ''}${name.slice(at + 2)}`;
    });
    const searches = [...new Set(queries)].map(
      (q) => `/api/v1/reference/municipalites?q=${encodeURIComponent(q)}&limit=10`,
    );
    console.log('Name search:');
    await load(url, searches, 1, 'name search, one client (target p95 < 20 ms)');
    await load(url, searches, CONNECTIONS, `name search, ${CONNECTIONS} connections`);
    await app.close();

    console.log(`Integrity check of a ${ROWS.toLocaleString('en')}-row table:`);
    const duck = await openDuck({ tempDir: path.join(dataDir, 'duck') });
    const connection = await duck.connect();
    const table = path.join(dataDir, 'table.parquet');
    // The codes and official names (every period known), then rows drawn from them with a
    // multiplier prime to their number (every code used): 1 in 97 unknown, 1 in 13 written as a
    // number (leading zeros lost), 1 in 5 with a name that is not the official one.
    const periods = index.history(current);
    const codesFile = path.join(dataDir, 'codes.csv');
    await writeFile(
      codesFile,
      `idx,code,name\n${periods.map((p, i) => `${i},${p.code},"${p.name.replace(/"/g, '""')}"`).join('\n')}\n`,
    );
    await connection.run(
      `COPY (SELECT i AS id,
         CASE WHEN i % 97 = 0 THEN 'X' || i WHEN i % 13 = 0 THEN CAST(CAST(c.code AS INTEGER) AS VARCHAR) ELSE c.code END AS code,
         DATE '2015-01-01' + CAST(i % 3000 AS INTEGER) AS day,
         CASE WHEN i % 5 = 0 THEN 'Nom ' || i ELSE c.name END AS nom
       FROM range(${ROWS}) t(i)
       JOIN read_csv('${codesFile}', header = true, all_varchar = true) c ON CAST(c.idx AS INTEGER) = (i * 7919) % ${periods.length})
       TO '${table}' (FORMAT parquet)`,
    );
    const source = await ctx.reference.checkSource('municipalites');
    if (!source) throw new Error('no check source');
    let started = performance.now();
    await connection.run(`SELECT count(DISTINCT code) FROM read_parquet('${table}')`);
    const scan = performance.now() - started;
    connection.closeSync();
    started = performance.now();
    const result = await checkColumn(duck, {
      table,
      column: 'code',
      reference: source.file,
      width: source.width,
      asOfColumn: 'day',
      nameColumn: 'nom',
    });
    const check = performance.now() - started;
    console.log(
      `  check: ${(check / 1000).toFixed(2)} s (target < 2 s); a plain count(DISTINCT code) over the same column: ${(scan / 1000).toFixed(2)} s; ratio ${(check / scan).toFixed(1)}× — ${result.rows.toLocaleString('en')} rows, findings ${JSON.stringify(result.counts)}`,
    );
    duck.close();
  } finally {
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
