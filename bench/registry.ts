/**
 * bench/registry: a full-size edition of the business registry (2.9 million enterprises, as
 * generated in the Registraire's format) and the next one with realistic churn, on PostgreSQL.
 * Reports the full import time (target < 5 min), the comparison between editions (target
 * < 2 min), and the name search p95 over HTTP with autocannon (target < 20 ms), against a plain
 * ILIKE scan of the same names in the same run.
 *
 *   npm run bench:registry                         # BENCH_REGISTRY_ENTERPRISES=2903373
 *   BENCH_REGISTRY_ENTERPRISES=200000 npm run bench:registry
 *   BENCH_REGISTRY_SEARCH_ONLY=1 npm run bench:registry   # the searches again, on the editions imported last
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext, MIGRATIONS } from '../src/context.js';
import { writeEditions } from '../src/demo/registry/write-edition.js';
import { nameKey } from '../src/modules/registry/name-key.js';
import { migrate } from '../src/platform/db/index.js';
import { CONNECTIONS, loadOverHttp, openBenchDatabase } from './bench-app.js';
import { formatMs, summarize } from './stats.js';

const ENTERPRISES = Number(process.env.BENCH_REGISTRY_ENTERPRISES ?? 2_903_373);
const SEED = 2026;

async function main(): Promise<void> {
  const generated = path.resolve('var/bench/registry', String(ENTERPRISES));
  let started = performance.now();
  process.stdout.write(`generating two editions of ${ENTERPRISES.toLocaleString('en')} enterprises… `);
  const editions = existsSync(path.join(generated, 'registre-2026-01-16.zip'))
    ? null
    : await writeEditions({ seed: SEED, enterprises: ENTERPRISES, churn: 1 }, 2, generated);
  console.log(
    editions ? `${((performance.now() - started) / 1000).toFixed(0)} s` : 'kept from an earlier run',
  );
  const zips = ['registre-2026-01-02.zip', 'registre-2026-01-16.zip'].map((name) =>
    path.join(generated, name),
  );

  const db = await openBenchDatabase('postgres');
  await migrate(db, MIGRATIONS);
  const reuse = process.env.BENCH_REGISTRY_SEARCH_ONLY === '1';
  if (!reuse)
    await db.exec(
      'TRUNCATE registry.changes, registry.enterprises, registry.names, registry.establishments, registry.relations, registry.continuations, registry.codes; DELETE FROM registry.editions',
    );
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: path.resolve('var/bench/registry-data'),
    DEMO_CONTENT: 'never',
    REGISTRY_RATE_LIMIT: '1000000',
  });
  const ctx = await createContext(config, { db });
  try {
    for (const [index, zip] of (reuse ? [] : zips).entries()) {
      started = performance.now();
      const edition = await ctx.registry.imports.importEdition(zip as string);
      if (edition.state !== 'done') throw new Error(JSON.stringify(edition.error));
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `  import of edition ${index + 1}: ${seconds.toFixed(0)} s (target < 300 s) — ${edition.counts?.enterprises?.toLocaleString('en')} enterprises, ${edition.counts?.names?.toLocaleString('en')} names, ${edition.counts?.changes?.toLocaleString('en')} changes`,
      );
      console.log(`    steps (s): ${JSON.stringify(edition.timings)}`);
      // Readers have the edition once it is swapped in; the bulk files are written after.
      const serving = Object.entries(edition.timings ?? {})
        .filter(([step]) => step !== 'exports')
        .reduce((sum, [, value]) => sum + Number(value), 0);
      console.log(
        `    serving after ${serving.toFixed(0)} s (target < 180 s); bulk files written after it: ${edition.timings?.exports ?? '—'} s`,
      );
      if (index === 1)
        console.log(`  comparison between the editions: ${edition.timings?.diff} s (target < 120 s)`);
    }

    // Queries people type: whole names, prefixes, names without accents, typos.
    const sample = await db.query<{ name: string }>(
      'SELECT name FROM registry.names TABLESAMPLE SYSTEM (1) LIMIT 400',
    );
    const queries = sample.map(({ name }, i) => {
      if (i % 4 === 0) return name;
      if (i % 4 === 1) return name.slice(0, Math.max(5, Math.floor(name.length / 2)));
      if (i % 4 === 2) return nameKey(name);
      const at = Math.floor(name.length / 2);
      return `${name.slice(0, at)}${name[at + 1] ?? ''}${name[at] ?? ''}${name.slice(at + 2)}`;
    });
    const app = await buildApp(ctx);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const paths = queries.map((q) => `/api/v1/registry/enterprises?q=${encodeURIComponent(q)}`);
    for (const p of paths.slice(0, 50)) await app.inject({ url: p });
    const single = await loadOverHttp(url, paths, 1);
    const http = await loadOverHttp(url, paths, CONNECTIONS);
    await app.close();

    const time = async (sql: string, params: unknown[]) => {
      const start = performance.now();
      await db.query(sql, params);
      return performance.now() - start;
    };
    const ilike: number[] = [];
    for (const q of queries.slice(0, 40)) {
      ilike.push(
        await time(
          `SELECT e.neq, e.name FROM registry.names n JOIN registry.enterprises e ON e.neq = n.neq WHERE n.name ILIKE '%' || $1 || '%' LIMIT 20`,
          [q],
        ),
      );
    }
    const ilikeStats = summarize(ilike, ilike.reduce((sum, value) => sum + value, 0) / 1000);
    console.log(
      `  name search over HTTP, one client: p50 ${formatMs(single.p50)}  p95 ${formatMs(single.p95)}  ${single.perSecond.toFixed(0)} req/s (target p95 < 20 ms)`,
    );
    console.log(
      `  name search over HTTP, ${CONNECTIONS} connections: p50 ${formatMs(http.p50)}  p95 ${formatMs(http.p95)}  ${http.perSecond.toFixed(0)} req/s`,
    );
    console.log(
      `  plain ILIKE '%…%' scan, SQL only: p50 ${formatMs(ilikeStats.p50)}  p95 ${formatMs(ilikeStats.p95)}`,
    );
    console.log(`  ILIKE p95 / search p95 (one client): ${(ilikeStats.p95 / single.p95).toFixed(1)}×`);
  } finally {
    await ctx.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
