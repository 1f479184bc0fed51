/**
 * bench/upsert: a publisher's pipeline pushing rows through CKAN's DataStore API — datastore_create,
 * then datastore_upsert (by primary key) of 1 million distinct rows in batches of 10,000, over
 * HTTP on loopback, one client — against, in the same run, the same rows written as one CSV file
 * and loaded (upload stored → queryable). Prints rows/s for each, their ratio, and the time of
 * the first and last batches (a write must not slow down as the table grows).
 *
 *   npm run bench:upsert                 # BENCH_UPSERT_ROWS=1000000 BENCH_UPSERT_BATCH=10000
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { benchDataset, storedCsv } from './bench-dataset.js';
import { summarize } from './stats.js';

const ROWS = Number(process.env.BENCH_UPSERT_ROWS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_UPSERT_BATCH ?? 10_000);
const CITIES = ['Montréal', 'Québec', 'Lévis', 'Trois-Rivières', 'Saint-Jérôme', 'Gaspé', 'Sherbrooke'];
const CATEGORIES = ['Rénovation', 'Démolition', 'Agrandissement', 'Construction neuve', 'Piscine'];

/** Row n of the workload: every row distinct (its numero is its key). */
function row(n: number) {
  return {
    numero: n,
    municipalite: CITIES[n % CITIES.length] as string,
    categorie: CATEGORIES[(n * 7) % CATEGORIES.length] as string,
    montant: Math.round(((n * 7919) % 1_000_000) * 1.37) / 100,
    date_emission: `20${String(10 + (n % 15)).padStart(2, '0')}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
    approuve: n % 3 === 0,
    description: `Travaux de ${CATEGORIES[n % CATEGORIES.length]?.toLowerCase()} n° ${n}, ${CITIES[(n * 3) % CITIES.length]}`,
  };
}

const FIELDS = [
  { id: 'numero', type: 'int' },
  { id: 'municipalite', type: 'text' },
  { id: 'categorie', type: 'text' },
  { id: 'montant', type: 'numeric' },
  { id: 'date_emission', type: 'date' },
  { id: 'approuve', type: 'bool' },
  { id: 'description', type: 'text' },
];

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-bench-upsert-'));
  const ctx = await createContext(
    loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DEMO_CONTENT: 'never',
      BASE_URL: 'http://127.0.0.1',
    }),
    { work: true },
  );
  const app = await buildApp(ctx);
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await ctx.accounts.createUser(SYSTEM, {
      name: 'pipeline',
      email: 'pipeline@quai.test',
      fullname: 'Pipeline',
      about: null,
      password: 'un-mot-de-passe-assez-long',
      sysadmin: true,
    });
    const { token } = await ctx.accounts.createToken(SYSTEM, {
      user: 'pipeline',
      name: 'bench',
      expiresAt: null,
    });
    const dataset = await benchDataset(ctx, 'permis-api', {
      url: 'https://example.org/permis.csv',
      format: null,
      mimetype: null,
      upload: null,
    });
    const action = async (name: string, body: unknown) => {
      const reply = await fetch(`${base}/api/3/action/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify(body),
      });
      const parsed = (await reply.json()) as { success: boolean; result: Record<string, unknown> };
      if (!parsed.success) throw new Error(`${name}: ${JSON.stringify(parsed).slice(0, 300)}`);
      return parsed.result;
    };

    console.log(
      `workload: ${ROWS.toLocaleString('en')} distinct rows (7 columns: int, 2 text, numeric, date, bool, French text), datastore_upsert by primary key in batches of ${BATCH.toLocaleString('en')} over HTTP (1 client), then the same rows as one CSV file loaded`,
    );
    const created = await action('datastore_create', {
      resource: { package_id: dataset.id, name: 'Permis (API)' },
      fields: FIELDS,
      primary_key: ['numero'],
    });
    const resourceId = String(created.resource_id);
    const batchSeconds: number[] = [];
    const start = performance.now();
    for (let from = 0; from < ROWS; from += BATCH) {
      const records = Array.from({ length: Math.min(BATCH, ROWS - from) }, (_, index) =>
        row(from + index + 1),
      );
      const batchStart = performance.now();
      await action('datastore_upsert', { resource_id: resourceId, records, method: 'upsert' });
      batchSeconds.push((performance.now() - batchStart) / 1000);
    }
    const apiSeconds = (performance.now() - start) / 1000;
    const total = (await action('datastore_search', { resource_id: resourceId, limit: 0 })).total;
    if (total !== ROWS) throw new Error(`the table has ${total} rows, not ${ROWS}`);

    // The same rows as a CSV file, loaded by the datastore's load job.
    const csv = path.join(dataDir, 'permis.csv');
    const lines = ['numero,municipalite,categorie,montant,date_emission,approuve,description'];
    for (let n = 1; n <= ROWS; n++) {
      const r = row(n);
      lines.push(
        `${r.numero},${r.municipalite},${r.categorie},${r.montant},${r.date_emission},${r.approuve},"${r.description}"`,
      );
    }
    await writeFile(csv, `${lines.join('\n')}\n`);
    lines.length = 0;
    const csvStart = performance.now();
    const blob = await ctx.blobs.put(createReadStream(csv, { highWaterMark: 1 << 20 }), { maxBytes: 1e12 });
    const loadedDataset = await benchDataset(ctx, 'permis-fichier', storedCsv(blob, 'permis.csv'));
    const load = await ctx.datastore.ingest.settled(loadedDataset.resources[0]?.id as string);
    if (load.state === 'failed') throw new Error(JSON.stringify(load.error));
    const csvSeconds = (performance.now() - csvStart) / 1000;

    const rate = (seconds: number) => `${Math.round(ROWS / seconds).toLocaleString('en')} rows/s`;
    const first = batchSeconds.slice(0, 10);
    const last = batchSeconds.slice(-10);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    console.log(
      `  datastore_upsert, ${batchSeconds.length} batches:  ${apiSeconds.toFixed(1)} s  ${rate(apiSeconds)}`,
    );
    const batches = summarize(
      batchSeconds.map((seconds) => seconds * 1000),
      apiSeconds,
    );
    console.log(
      `    per batch: p50 ${batches.p50.toFixed(0)} ms, p95 ${batches.p95.toFixed(0)} ms; first 10 ${(mean(first) * 1000).toFixed(0)} ms, last 10 ${(mean(last) * 1000).toFixed(0)} ms`,
    );
    console.log(`  CSV file upload → queryable:       ${csvSeconds.toFixed(1)} s  ${rate(csvSeconds)}`);
    console.log(
      `  = the API writes at ${((csvSeconds / apiSeconds) * 100).toFixed(0)} % of the CSV load's rate`,
    );
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
