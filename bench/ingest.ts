/**
 * bench/ingest: upload-to-queryable time of a 5-million-row CSV (~250 MB, mixed types, French
 * text) and of its Windows-1252 twin, against, in the same run: (a) DuckDB's own CSV → Parquet
 * conversion of the same file (the near-limit baseline) and (b) PostgreSQL COPY of the same file
 * into a typed table (the fastest path XLoader-style loaders can take). Targets: at least 70 % of
 * DuckDB's raw throughput, so at least 2× PostgreSQL COPY; peak memory under 1.5 GB.
 *
 *   npm run bench:ingest                         # BENCH_INGEST_ROWS=5000000
 */
import { createReadStream } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { benchDataset, storedCsv } from './bench-dataset.js';
import { writePermitsCsv } from './permits-csv.js';

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 5_000_000);
const SERVER =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { seconds: (performance.now() - start) / 1000, value };
}

async function duckdbRaw(file: string, output: string, latin1: boolean): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
  const connection = await instance.connect();
  const { seconds } = await timed(() =>
    connection.run(
      `COPY (SELECT * FROM read_csv('${file}'${latin1 ? ", encoding = 'latin-1'" : ''})) TO '${output}' (FORMAT parquet, COMPRESSION zstd)`,
    ),
  );
  connection.closeSync();
  instance.closeSync();
  return seconds;
}

async function postgresCopy(file: string, encoding: 'UTF8' | 'WIN1252'): Promise<number> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  await client.query('DROP TABLE IF EXISTS bench_ingest');
  await client.query(
    'CREATE UNLOGGED TABLE bench_ingest (numero bigint, municipalite text, categorie text, montant numeric, date_emission date, approuve boolean, latitude double precision, longitude double precision, description text)',
  );
  const { seconds } = await timed(() =>
    client.query(
      `COPY bench_ingest FROM '${file}' WITH (FORMAT csv, HEADER true, DELIMITER ';', ENCODING '${encoding}')`,
    ),
  );
  await client.query('DROP TABLE bench_ingest');
  await client.end();
  return seconds;
}

/** Quai's path: the upload stored (hashed) as a resource, then the load job until the table is queryable. */
async function quai(
  file: string,
  name: string,
): Promise<{ seconds: number; afterUpload: number; peakRss: number; rows: number }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-bench-ingest-'));
  const ctx = await createContext(
    loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO_CONTENT: 'never' }),
    { work: true },
  );
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  try {
    let stored = 0;
    let afterUpload = 0;
    const { seconds, value: rows } = await timed(async () => {
      const blob = await ctx.blobs.put(createReadStream(file, { highWaterMark: 1 << 20 }), {
        maxBytes: 1e12,
      });
      stored = performance.now();
      const dataset = await benchDataset(
        ctx,
        name.replace(/[^a-z0-9-]/g, '-'),
        storedCsv(blob, `${name}.csv`),
      );
      const resourceId = dataset.resources[0]?.id as string;
      const load = await ctx.datastore.ingest.settled(resourceId);
      if (load.state === 'failed') throw new Error(JSON.stringify(load.error));
      afterUpload = (performance.now() - stored) / 1000;
      return load.rowsDone;
    });
    return { seconds, afterUpload, peakRss, rows };
  } finally {
    clearInterval(sampler);
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'quai-ingest-'));
  // PostgreSQL's COPY runs as the server's own user: it must be able to read the files.
  await chmod(work, 0o755);
  try {
    for (const [label, encoding, pgEncoding] of [
      ['UTF-8', 'utf8', 'UTF8'],
      ['Windows-1252', 'latin1', 'WIN1252'],
    ] as const) {
      const file = path.join(work, `permis-${encoding}.csv`);
      process.stdout.write(`generating ${ROWS.toLocaleString('en')} rows (${label})… `);
      await writePermitsCsv(file, ROWS, encoding);
      await chmod(file, 0o644);
      const size = (await stat(file)).size;
      console.log(`${(size / 1e6).toFixed(0)} MB`);
      // DuckDB reads Latin-1 natively; the generated file has no byte where Windows-1252 differs.
      const duck = await duckdbRaw(file, path.join(work, 'raw.parquet'), encoding === 'latin1').catch(
        () => Number.NaN,
      );
      const copy = await postgresCopy(file, pgEncoding);
      const ours = await quai(file, `permis-${encoding}`);
      const rate = (seconds: number) => `${Math.round(ROWS / seconds).toLocaleString('en')} rows/s`;
      console.log(
        `  DuckDB raw CSV → Parquet: ${duck.toFixed(1)} s  ${Number.isNaN(duck) ? '(fails on this encoding)' : rate(duck)}`,
      );
      console.log(`  PostgreSQL COPY (typed):  ${copy.toFixed(1)} s  ${rate(copy)}`);
      console.log(
        `  Quai upload → queryable:  ${ours.seconds.toFixed(1)} s  ${rate(ours.seconds)}  (${ours.rows.toLocaleString('en')} rows)`,
      );
      console.log(
        `    of which from the stored upload to queryable: ${ours.afterUpload.toFixed(1)} s  ${rate(ours.afterUpload)}`,
      );
      if (!Number.isNaN(duck)) {
        console.log(
          `    = ${((duck / ours.seconds) * 100).toFixed(0)} % of DuckDB's raw throughput counting the upload's storage, ${((duck / ours.afterUpload) * 100).toFixed(0)} % from the stored upload (target ≥ 70 %)`,
        );
      }
      console.log(
        `    = ${(copy / ours.seconds).toFixed(2)}× PostgreSQL COPY counting the upload's storage, ${(copy / ours.afterUpload).toFixed(2)}× from the stored upload (target ≥ 2×); peak RSS ${(ours.peakRss / 1e6).toFixed(0)} MB (target < 1,500)`,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
