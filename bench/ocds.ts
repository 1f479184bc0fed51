/**
 * bench/ocds: compile OCDS records from 1,000,000 releases over 200,000 contracting processes,
 * against the floor any compiler pays: parsing and re-serialising the same releases without
 * merging, measured in the same run. Target: compiling costs at most 3× that floor.
 * Then, in a database, adding one day's releases recompiles only the records they touch.
 *
 *   npm run bench:ocds                       # in memory, then incremental on PGlite
 *   npm run bench:ocds -- postgres           # incremental on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL)
 *   BENCH_OCDS_PROCESSES=50000 BENCH_OCDS_DB_PROCESSES=5000 npm run bench:ocds
 */

import { MIGRATIONS } from '../src/context.js';
import { generateProcesses } from '../src/demo/procurement-generator.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { createImportService } from '../src/modules/procurement/import.service.js';
import type { JsonObject } from '../src/modules/procurement/ocds/json.js';
import { Merger } from '../src/modules/procurement/ocds/merge.js';
import { releaseMergeRules } from '../src/modules/procurement/ocds/standard.js';
import { migrate } from '../src/platform/db/index.js';
import { type Engine, engineName, openBenchDatabase } from './bench-app.js';

const PROCESSES = Number(process.env.BENCH_OCDS_PROCESSES ?? 200_000);
const DB_PROCESSES = Number(process.env.BENCH_OCDS_DB_PROCESSES ?? 20_000);
const engine: Engine = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const YEAR = 365 * 86_400_000;
const now = Date.parse('2026-11-26T12:00:00Z');

function generate(count: number, lifecycle: 'full' | 'realistic', first = 1): string[][] {
  const options = {
    ocidPrefix: 'ocds-bench1',
    seed: 7,
    from: now - 2 * YEAR,
    to: now,
    now: lifecycle === 'full' ? Number.POSITIVE_INFINITY : now,
    lifecycle,
  };
  return [...generateProcesses(options, first, count)].map((releases) =>
    releases.map((release) => JSON.stringify(release)),
  );
}

function seconds(work: () => void): number {
  const start = performance.now();
  work();
  return (performance.now() - start) / 1000;
}

/** Best of `runs` (the machine is shared: the fastest run is the least disturbed). */
function best(runs: number, work: () => void): number {
  return Math.min(...Array.from({ length: runs }, () => seconds(work)));
}

async function inMemory(): Promise<void> {
  process.stdout.write(`generating ${PROCESSES.toLocaleString('en')} processes… `);
  const started = performance.now();
  const processes = generate(PROCESSES, 'full');
  const releases = processes.reduce((sum, group) => sum + group.length, 0);
  const bytes = processes.reduce((sum, group) => sum + group.reduce((s, text) => s + text.length, 0), 0);
  console.log(
    `${releases.toLocaleString('en')} releases, ${(bytes / 1e6).toFixed(0)} MB, ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const merger = new Merger(releaseMergeRules());
  let sink = 0;
  const floor = () => {
    for (const group of processes) for (const text of group) sink += JSON.stringify(JSON.parse(text)).length;
  };
  const compiled = () => {
    for (const group of processes)
      sink += JSON.stringify(merger.compiled(group.map((text) => JSON.parse(text) as JsonObject))).length;
  };
  const both = () => {
    for (const group of processes) {
      const parsed = group.map((text) => JSON.parse(text) as JsonObject);
      sink +=
        JSON.stringify(merger.compiled(parsed)).length + JSON.stringify(merger.versioned(parsed)).length;
    }
  };
  const floorSeconds = best(3, floor);
  const compiledSeconds = best(3, compiled);
  const bothSeconds = best(2, both);
  const rate = (s: number) => `${Math.round(releases / s).toLocaleString('en')} releases/s`;
  console.log(
    `  floor (parse + serialise each release):        ${floorSeconds.toFixed(2)} s  ${rate(floorSeconds)}`,
  );
  console.log(
    `  compile (parse, merge, serialise the record):  ${compiledSeconds.toFixed(2)} s  ${rate(compiledSeconds)}  ${(compiledSeconds / floorSeconds).toFixed(2)}× the floor (target ≤ 3×)`,
  );
  console.log(
    `  compiled + versioned releases:                 ${bothSeconds.toFixed(2)} s  ${rate(bothSeconds)}  ${(bothSeconds / floorSeconds).toFixed(2)}× the floor`,
  );
  if (sink === 0) console.log('');
}

async function incremental(): Promise<void> {
  const db = await openBenchDatabase(engine);
  await migrate(db, MIGRATIONS);
  await db.exec('TRUNCATE procurement.releases, procurement.records');
  const imports = createImportService({
    db,
    merger: new Merger(releaseMergeRules()),
    ocidPrefix: 'ocds-bench1',
  });
  const base = generate(DB_PROCESSES, 'realistic')
    .flat()
    .map((text) => JSON.parse(text) as JsonObject);
  let started = performance.now();
  for (let start = 0; start < base.length; start += 20_000)
    await imports.importReleases(SYSTEM, base.slice(start, start + 20_000));
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(
    `\n${engineName(engine)}: ${base.length.toLocaleString('en')} releases of ${DB_PROCESSES.toLocaleString('en')} processes imported and compiled in ${loadSeconds.toFixed(1)} s (${Math.round(base.length / loadSeconds).toLocaleString('en')} releases/s)`,
  );

  // One day: 60 new notices and an update to 400 processes already published.
  const day = now + 86_400_000;
  const fresh = generate(60, 'realistic', DB_PROCESSES + 1).map(
    (group) => JSON.parse(group[0] as string) as JsonObject,
  );
  const updates = Array.from({ length: 400 }, (_, i) => {
    const n = 1 + Math.floor((i * DB_PROCESSES) / 400);
    const ocid = `ocds-bench1-${String(n).padStart(7, '0')}`;
    return {
      ocid,
      id: `${ocid}-maj-1`,
      date: new Date(day).toISOString(),
      tag: ['tenderUpdate'],
      initiationType: 'tender',
      tender: { id: `AO-${n}`, description: 'Mise à jour du jour.' },
    } as JsonObject;
  });
  const [before] = await db.query<{ at: string }>('SELECT now()::text AS at');
  started = performance.now();
  const report = await imports.importReleases(SYSTEM, [...fresh, ...updates]);
  const daySeconds = (performance.now() - started) / 1000;
  const [changed] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM procurement.records WHERE compiled_at >= $1::timestamptz',
    [before?.at],
  );
  const [total] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM procurement.records');
  console.log(
    `  one day: ${report.added} releases → ${report.recompiled} records recompiled (${changed?.n} rows rewritten of ${total?.n}) in ${(daySeconds * 1000).toFixed(0)} ms; a full recompile would touch all ${total?.n}`,
  );
  await db.close();
}

inMemory()
  .then(incremental)
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
