/**
 * bench/query: a 10-million-row table (Parquet, as the datastore writes it) queried through the
 * REST API: filter + sort + a page of 100 rows and filter + a page in the file's order (the preview;
 * target p95 < 100 ms), and an exact count with a
 * filter (target < 200 ms; CKAN takes 1.76 s on 13 million rows, ckan#9252). The baseline is the
 * same statements run directly in DuckDB in the same run.
 *
 *   npm run bench:query                          # BENCH_QUERY_ROWS=10000000
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { createDatastoreRepo } from '../src/modules/datastore/datastore.repo.js';
import { columnType } from '../src/modules/datastore/ingest/column-types.js';
import { benchDataset } from './bench-dataset.js';
import { formatMs, summarize } from './stats.js';

const ROWS = Number(process.env.BENCH_QUERY_ROWS ?? 10_000_000);
const RUNS = 40;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-bench-query-'));
  const ctx = await createContext(
    loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO_CONTENT: 'never' }),
  );
  const app = await buildApp(ctx);
  try {
    const dataset = await benchDataset(ctx, 'grande-table', {
      url: 'https://example.org/grande.csv',
      format: 'Parquet',
      mimetype: null,
      upload: null,
    });
    const resourceId = dataset.resources[0]?.id as string;
    const root = path.join(dataDir, 'datastore');
    const file = path.join(resourceId, `${randomUUID()}.parquet`);
    await mkdir(path.join(root, resourceId), { recursive: true });
    process.stdout.write(`writing ${ROWS.toLocaleString('en')} rows… `);
    const started = performance.now();
    const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
    const duck = await instance.connect();
    await duck.run(`COPY (
        SELECT i AS numero,
          ['Montréal', 'Québec', 'Lévis', 'Gatineau', 'Sherbrooke', 'Saguenay', 'Trois-Rivières', 'Rimouski'][1 + (hash(i) % 8)::BIGINT] AS municipalite,
          ['Rénovation', 'Démolition', 'Agrandissement', 'Construction neuve'][1 + (hash(i * 7) % 4)::BIGINT] AS categorie,
          (hash(i * 13) % 5000000) / 100.0 AS montant,
          DATE '2010-01-01' + CAST(hash(i * 17) % 5000 AS INTEGER) AS date_emission
        FROM range(1, ${ROWS + 1}) t(i)
      ) TO '${path.join(root, file)}' (FORMAT parquet, COMPRESSION snappy)`);
    const described = await duck.runAndReadAll(`DESCRIBE SELECT * FROM '${path.join(root, file)}'`);
    const columns = described.getRowObjectsJS().map((row) => ({
      id: String(row.column_name),
      type: columnType(String(row.column_type)),
      sourceType: String(row.column_type),
      label: null,
      description: null,
    }));
    await createDatastoreRepo(ctx.db).publish({
      resourceId,
      loadId: randomUUID(),
      file,
      rowCount: ROWS,
      columns,
      bbox: null,
    });
    console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);

    const pageQueries = Array.from({ length: RUNS }, (_, i) => {
      const city = ['Montréal', 'Québec', 'Lévis', 'Gatineau'][i % 4] as string;
      return `municipalite=${encodeURIComponent(city)}&montant__gte=${1000 + i * 500}&sort=-montant&limit=100`;
    });
    // Distinct dates: no two count queries are the same.
    const countDate = (i: number) =>
      `${2010 + (i % 10)}-${String(1 + Math.floor(i / 10)).padStart(2, '0')}-01`;
    const countQueries = Array.from(
      { length: RUNS },
      (_, i) => `categorie=Rénovation&date_emission__gte=${countDate(i)}`,
    );
    const http = async (query: string) => {
      const start = performance.now();
      const reply = await app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}/data?${query}` });
      if (reply.statusCode !== 200) throw new Error(reply.body);
      return performance.now() - start;
    };
    // count=true: the exact total is computed (without it the API counts nothing).
    const count = async (query: string) => {
      const start = performance.now();
      const reply = await app.inject({
        method: 'GET',
        url: `/api/v1/resources/${resourceId}/data?${query}&limit=1&count=true`,
      });
      if (reply.statusCode !== 200) throw new Error(reply.body);
      if (typeof (JSON.parse(reply.body) as { total?: unknown }).total !== 'number') {
        throw new Error(`no total in the answer: ${reply.body.slice(0, 200)}`);
      }
      return performance.now() - start;
    };
    const direct = async (sql: string) => {
      const start = performance.now();
      await duck.runAndReadAll(sql);
      return performance.now() - start;
    };
    const source = `read_parquet('${path.join(root, file)}')`;
    console.log(
      `  workload: ${ROWS.toLocaleString('en')} rows; ${RUNS} distinct sorted page queries, ${RUNS} distinct file-order page queries and ${RUNS} distinct count queries, each sent once, one client; one warm-up query first`,
    );
    await http(pageQueries[0] as string);
    const pages: number[] = [];
    const directPages: number[] = [];
    for (const [i, query] of pageQueries.entries()) {
      pages.push(await http(query));
      const city = ['Montréal', 'Québec', 'Lévis', 'Gatineau'][i % 4];
      directPages.push(
        await direct(
          `SELECT * FROM ${source} WHERE municipalite = '${city}' AND montant >= ${1000 + i * 500} ORDER BY montant DESC LIMIT 100`,
        ),
      );
    }
    // The preview's page: a filter, no sort (rows in the file's order), distinct cities and amounts.
    const orderedPages: number[] = [];
    const directOrdered: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const city = ['Sherbrooke', 'Saguenay', 'Trois-Rivières', 'Rimouski'][i % 4] as string;
      const amount = 2000 + i * 700;
      orderedPages.push(
        await http(`municipalite=${encodeURIComponent(city)}&montant__gte=${amount}&limit=100`),
      );
      directOrdered.push(
        await direct(
          `SELECT * FROM ${source} WHERE municipalite = '${city}' AND montant >= ${amount} LIMIT 100`,
        ),
      );
    }
    const counts: number[] = [];
    const directCounts: number[] = [];
    for (const [i, query] of countQueries.entries()) {
      counts.push(await count(query));
      directCounts.push(
        await direct(
          `SELECT count(*) FROM ${source} WHERE categorie = 'Rénovation' AND date_emission >= DATE '${countDate(i)}'`,
        ),
      );
    }
    const unfiltered: number[] = [];
    for (let i = 0; i < 10; i++) unfiltered.push(await direct(`SELECT count(*) FROM ${source}`));
    const show = (label: string, values: number[], target?: string) => {
      const stats = summarize(values, values.reduce((sum, value) => sum + value, 0) / 1000);
      console.log(
        `  ${label.padEnd(52)} p50 ${formatMs(stats.p50)}  p95 ${formatMs(stats.p95)}${target ? `  (target ${target})` : ''}`,
      );
      return stats;
    };
    const api = show('API: filter + sort + page of 100 rows', pages, 'p95 < 100 ms');
    const raw = show('DuckDB directly: the same page, no total', directPages);
    const ordered = show('API: filter + page of 100 rows in file order', orderedPages, 'p95 < 100 ms');
    const rawOrdered = show('DuckDB directly: the same page', directOrdered);
    const apiCount = show('API: exact filtered count (page of 1, count=true)', counts, '< 200 ms');
    const rawCount = show('DuckDB directly: the same count', directCounts);
    show('DuckDB: count(*) of the whole table (Parquet metadata)', unfiltered);
    console.log(
      `  API / DuckDB: page p50 ${(api.p50 / raw.p50).toFixed(2)}×, p95 ${(api.p95 / raw.p95).toFixed(2)}×; page in file order p95 ${(ordered.p95 / rawOrdered.p95).toFixed(2)}×; count p50 ${(apiCount.p50 / rawCount.p50).toFixed(2)}×`,
    );
    duck.closeSync();
    instance.closeSync();
  } finally {
    await app.close();
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
