/**
 * bench/harvest: a partner's CKAN portal of 20,000 datasets (replayed on loopback by a small
 * server that answers package_search and package_show as CKAN does, fl and metadata_modified
 * included) harvested from scratch into an empty portal, then harvested again after 50 datasets
 * changed upstream. Prints, for each run: its time, the requests made to the source, and the
 * datasets written; and, as the baseline measured in the same run, the time to only read the
 * whole source (every page fetched and parsed, nothing written).
 *
 *   npm run bench:harvest                 # BENCH_HARVEST_DATASETS=20000 BENCH_HARVEST_CHANGED=50
 *   BENCH_DATABASE_URL=postgres://…/empty npm run bench:harvest   # on PostgreSQL (an empty database)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { SYSTEM } from '../src/modules/accounts/index.js';

const DATASETS = Number(process.env.BENCH_HARVEST_DATASETS ?? 20_000);
const CHANGED = Number(process.env.BENCH_HARVEST_CHANGED ?? 50);
const THEMES = ['environnement', 'transport', 'culture', 'finances', 'urbanisme', 'santé'];

type Package = Record<string, unknown> & { name: string; metadata_modified: string };

/** Dataset n of the source: every one distinct (its own title, notes, tags and files). */
function makePackage(n: number, version = 0): Package {
  const name = `jeu-${String(n).padStart(6, '0')}`;
  const modified = new Date(Date.UTC(2026, 0, 1) + n * 1000 + version * 86_400_000 * 100).toISOString();
  const theme = THEMES[n % THEMES.length] as string;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name,
    title: `Jeu de données ${n} — ${theme}${version ? ` (révision ${version})` : ''}`,
    notes: `Description du jeu ${n}, thème ${theme}, publié par la ville partenaire.`,
    license_id: 'cc-by',
    url: `https://partenaire.example/donnees/${name}`,
    author: 'Ville partenaire',
    maintainer_email: 'donnees@partenaire.example',
    metadata_modified: modified.replace('Z', ''),
    tags: [{ name: theme }, { name: `lot-${n % 100}` }],
    extras: [{ key: 'numero', value: String(n) }],
    resources: [
      { url: `https://partenaire.example/fichiers/${name}.csv`, name: `${name}.csv`, format: 'CSV' },
      { url: `https://partenaire.example/fichiers/${name}.json`, name: `${name}.json`, format: 'JSON' },
    ],
  };
}

async function main(): Promise<void> {
  const packages: Package[] = Array.from({ length: DATASETS }, (_, n) => makePackage(n));
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    const url = new URL(request.url ?? '/', 'http://x');
    const send = (result: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ help: '', success: true, result }));
    };
    if (url.pathname.endsWith('/package_show'))
      return send(packages.find((p) => p.id === url.searchParams.get('id')));
    const since = /metadata_modified:\[(\S+) TO \*\]/.exec(url.searchParams.get('fq') ?? '')?.[1] ?? null;
    const matching = since ? packages.filter((p) => p.metadata_modified >= since) : packages;
    const start = Number(url.searchParams.get('start') ?? 0);
    const rows = Math.min(Number(url.searchParams.get('rows') ?? 10), 1000);
    const fields = url.searchParams.get('fl')?.split(/[\s,]+/) ?? null;
    const page = matching.slice(start, start + rows);
    send({
      count: matching.length,
      results: fields ? page.map((p) => Object.fromEntries(fields.map((f) => [f, p[f]]))) : page,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sourceUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  // Baseline: the whole source read (pages fetched and parsed), nothing written.
  const readStart = performance.now();
  for (let start = 0; start < DATASETS; start += 1000) {
    const response = await fetch(
      `${sourceUrl}/api/3/action/package_search?q=*:*&rows=1000&start=${start}&sort=name+asc`,
    );
    await response.json();
  }
  const readSeconds = (performance.now() - readStart) / 1000;

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-bench-harvest-'));
  const ctx = await createContext(
    loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DEMO_CONTENT: 'never',
      BASE_URL: 'http://127.0.0.1',
      LINK_CHECK_HOURS: '0',
      REFERENCE_PROBE_SECONDS: '0',
      FETCH_ALLOW_LOOPBACK: 'true',
      ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
    }),
    { work: true },
  );
  try {
    const organization = await ctx.catalog.groups.create(SYSTEM, 'organization', {
      name: 'partenaire',
      title: { fr: 'Ville partenaire', en: null },
      description: { fr: null, en: null },
      imageUrl: null,
      euTheme: null,
      extras: {},
    });
    await ctx.harvest.sources.create(SYSTEM, {
      name: 'partenaire-ckan',
      title: 'Ville partenaire (CKAN)',
      organization: organization.name,
      kind: 'ckan',
      url: sourceUrl,
      schedule: null,
      filters: {},
      licenseDefault: null,
    });
    const harvest = async () => {
      requests = 0;
      const started = performance.now();
      const run = await ctx.harvest.startRun(SYSTEM, 'partenaire-ckan', { dryRun: false });
      let state = await ctx.harvest.findRun(run.id);
      while (state && (state.status === 'queued' || state.status === 'running')) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = await ctx.harvest.findRun(run.id);
      }
      if (state?.status !== 'succeeded') throw new Error(`the run failed: ${state?.error}`);
      return { seconds: (performance.now() - started) / 1000, requests, counts: state.counts };
    };

    const full = await harvest();
    for (let i = 0; i < CHANGED; i++) {
      const n = Math.floor((i * DATASETS) / CHANGED);
      packages[n] = makePackage(n, 1);
    }
    const incremental = await harvest();

    const written = (counts: typeof full.counts) => counts.created + counts.updated + counts.restored;
    console.log(
      `workload: a CKAN source of ${DATASETS} distinct datasets (2 resources each), replayed on loopback; ` +
        `database: ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)'}`,
    );
    console.log(
      `          then ${CHANGED} of them changed upstream (new title, new metadata_modified); one run at a time`,
    );
    console.log(
      `baseline: reading the whole source (${Math.ceil(DATASETS / 1000)} pages, nothing written): ${readSeconds.toFixed(2)} s`,
    );
    console.log(
      `first run:       ${full.seconds.toFixed(1)} s, ${full.requests} requests, ${written(full.counts)} datasets written ` +
        `(${(DATASETS / full.seconds).toFixed(0)} datasets/s; ${(full.seconds / readSeconds).toFixed(1)}× the read alone)`,
    );
    console.log(
      `incremental run: ${incremental.seconds.toFixed(2)} s, ${incremental.requests} requests, ${written(incremental.counts)} datasets written, ` +
        `${incremental.counts.unchanged} unchanged (${(full.seconds / incremental.seconds).toFixed(0)}× faster than the first run)`,
    );
    if (written(incremental.counts) !== CHANGED)
      throw new Error(`the incremental run wrote ${written(incremental.counts)}, not ${CHANGED}`);
  } finally {
    await ctx.close();
    server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
