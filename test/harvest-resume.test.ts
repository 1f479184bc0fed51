/**
 * A harvest run stopped half-way resumes where it stopped (issue 19): the portal is shut down while
 * the source's second page is being read; the run stays under way with its first page kept; the
 * next start takes it up at the second page (the first is not read again) and finishes it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { TEST_BASE_URL } from './helpers/app.js';
import { createTestDatabase, enginesUnderTest } from './helpers/database.js';
import { until } from './helpers/wait.js';

let server: Server;
let base = '';
const hits = new Map<number, number>();
let releaseSecondPage: () => void = () => {};
let secondPageHeld = new Promise<void>((resolve) => {
  releaseSecondPage = resolve;
});

const page = (number: number) => `
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<${base}/v?page=${number}> a hydra:PartialCollectionView ${number === 1 ? `; hydra:next <${base}/catalogue.ttl?page=2>` : ''} .
<${base}/jeux/${number}> a dcat:Dataset ; dct:identifier "jeu-${number}" ; dct:title "Jeu repris ${number}"@fr ;
  dcat:distribution [ dcat:downloadURL <${base}/f/${number}.csv> ] .`;

before(async () => {
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', base);
    if (url.pathname !== '/catalogue.ttl') {
      // The files the datasets link to (the link checker asks for them).
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.end('a,b\n1,2\n');
      return;
    }
    const number = Number(url.searchParams.get('page') ?? '1');
    hits.set(number, (hits.get(number) ?? 0) + 1);
    if (number === 2) await secondPageHeld;
    if (response.destroyed) return;
    response.writeHead(200, { 'content-type': 'text/turtle' });
    response.end(page(number));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(async () => {
  releaseSecondPage();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

for (const engine of enginesUnderTest()) {
  test(`a stopped run resumes at the page where it stopped [${engine}]`, async () => {
    hits.clear();
    secondPageHeld = new Promise<void>((resolve) => {
      releaseSecondPage = resolve;
    });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-resume-'));
    const database = await createTestDatabase(engine);
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      BASE_URL: TEST_BASE_URL,
      DEMO_CONTENT: 'never',
      REFERENCE_PROBE_SECONDS: '0',
      LINK_CHECK_HOURS: '0',
      FETCH_ALLOW_LOOPBACK: 'true',
    });
    let ctx = await createContext(config, { db: database.db, work: true });
    let app: Awaited<ReturnType<typeof buildApp>> | null = await buildApp(ctx);
    try {
      const organization = await ctx.catalog.groups.create(SYSTEM, 'organization', {
        name: 'reprise',
        title: { fr: 'Reprise', en: null },
        description: { fr: null, en: null },
        imageUrl: null,
        euTheme: null,
        extras: {},
      });
      const source = await ctx.harvest.sources.create(SYSTEM, {
        name: 'reprise',
        title: 'Reprise',
        organization: organization.name,
        kind: 'dcat',
        url: `${base}/catalogue.ttl`,
        schedule: null,
        filters: {},
        licenseDefault: null,
      });
      const run = await ctx.harvest.startRun(SYSTEM, source.name, { dryRun: false });
      await until(() => (hits.get(2) ?? 0) > 0);
      await app.close();
      app = null;
      await ctx.close({ keepDatabase: true });

      ctx = await createContext(config, { db: database.db, work: false });
      const stopped = await ctx.harvest.findRun(run.id);
      assert.equal(stopped?.status, 'running');
      assert.equal(stopped?.pages, 1, 'the first page is kept');
      await ctx.close({ keepDatabase: true });

      releaseSecondPage();
      ctx = await createContext(config, { db: database.db, work: true });
      app = await buildApp(ctx);
      await until(async () => (await ctx.harvest.findRun(run.id))?.status !== 'running');
      const finished = await ctx.harvest.findRun(run.id);
      assert.equal(finished?.status, 'succeeded', finished?.error ?? '');
      assert.equal(finished?.counts.created, 2);
      assert.equal(hits.get(1), 1, 'the first page was not read again');
      assert.equal(hits.get(2), 2, 'the second page: once cut short, once whole');
    } finally {
      await app?.close();
      await ctx.close({ keepDatabase: true });
      await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
}
