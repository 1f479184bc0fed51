/**
 * Harvest source kinds and faults (issue 19). A loopback server plays the partners: a DCAT-US
 * data.json (ArcGIS Hub, Socrata), an Opendatasoft Explore API v2.1 catalogue, and portals that
 * break — an error status, invalid JSON, invalid RDF, a redirect loop, an answer larger than the
 * cap, a source that never answers, a second page that fails, an empty catalogue. Each broken run
 * fails with a report that says why and changes nothing, and withdraws nothing it had brought.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, seedOrganization, seedTheme, seedUser } from './helpers/fixtures.js';
import { harvestRun } from './helpers/harvest.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/harvest/${name}`, import.meta.url), 'utf8');
const DATA_JSON = fixture('data.json');
const ODS = fixture('opendatasoft-catalog.json');
let server: Server;
let base = '';
/** What the paged DCAT source's second page does: answer, or fail. */
let secondPage: 'ok' | 'fail' = 'ok';
let emptyCatalogue = false;

const turtlePage = (page: number, next: boolean) => `
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<${base}/dcat.ttl> a dcat:Catalog, hydra:Collection ; hydra:view <${base}/dcat.ttl?page=${page}> ;
  dcat:dataset <${base}/jeux/${page}> .
<${base}/dcat.ttl?page=${page}> a hydra:PartialCollectionView ${next ? `; hydra:next <${base}/dcat.ttl?page=${page + 1}>` : ''} .
<${base}/jeux/${page}> a dcat:Dataset ; dct:identifier "jeu-${page}" ; dct:title "Jeu ${page}"@fr, "Dataset ${page}"@en ;
  dct:description "Page ${page}."@fr ; dcat:keyword "essai"@fr ;
  dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ENVI>, <https://ailleurs.example/themes/inconnu> ;
  dcat:distribution [ a dcat:Distribution ; dcat:downloadURL <${base}/fichiers/${page}.csv> ; dct:title "Fichier"@fr ] .`;

// A source whose files are copied: one CSV served with an ETag (304 when unchanged), one missing.
let mirrorTitle = 'Arbres publics';
let treesCsv = 'espece;hauteur\nérable;12\nchêne;18\n';
let treesTag = '"v1"';
let treesDownloads = 0;
const mirrorTurtle = () => `
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<${base}/miroir.ttl> a dcat:Catalog ; dcat:dataset <${base}/jeux/arbres> .
<${base}/jeux/arbres> a dcat:Dataset ; dct:identifier "arbres" ; dct:title "${mirrorTitle}"@fr ;
  dct:description "Les arbres des parcs."@fr ;
  dcat:distribution [ a dcat:Distribution ; dcat:downloadURL <${base}/fichiers/arbres.csv> ;
    dct:title "Arbres (CSV)"@fr ; dcat:mediaType "text/csv" ],
  [ a dcat:Distribution ; dcat:downloadURL <${base}/fichiers/absent.csv> ; dct:title "Absent"@fr ] .`;

before(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', base);
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    switch (url.pathname) {
      case '/data.json':
        return send(200, 'application/json', DATA_JSON);
      case '/api/explore/v2.1/catalog/datasets':
        return send(200, 'application/json', ODS);
      case '/dcat.ttl': {
        const page = Number(url.searchParams.get('page') ?? '1');
        if (emptyCatalogue) return send(200, 'text/turtle', '@prefix dcat: <http://www.w3.org/ns/dcat#> .');
        if (page === 2 && secondPage === 'fail') return send(500, 'text/plain', 'erreur interne');
        return send(200, 'text/turtle', turtlePage(page, page < 2));
      }
      case '/miroir.ttl':
        return send(200, 'text/turtle', mirrorTurtle());
      case '/fichiers/arbres.csv':
        if (request.headers['if-none-match'] === treesTag) {
          response.writeHead(304, { etag: treesTag });
          return response.end();
        }
        treesDownloads++;
        response.writeHead(200, { 'content-type': 'text/csv', etag: treesTag });
        return response.end(treesCsv);
      case '/erreur.json':
        return send(503, 'text/plain', 'indisponible');
      case '/invalide.json':
        return send(200, 'application/json', '{"dataset": [ {"identifier": ');
      case '/invalide.ttl':
        return send(200, 'text/turtle', '<a> <b> "pas fini .');
      case '/boucle.json':
        response.writeHead(302, { location: '/boucle2.json' });
        return response.end();
      case '/boucle2.json':
        response.writeHead(302, { location: '/boucle.json' });
        return response.end();
      case '/enorme.json': {
        // An endless "metadata" answer: the cap cuts it, whatever its size.
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 32);
        const write = () => {
          while (response.write(chunk)) {}
          response.once('drain', write);
        };
        response.on('error', () => {});
        write();
        return;
      }
      case '/muet.json':
        return; // Never answers.
      default:
        return send(404, 'text/plain', 'introuvable');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describeEachEngine(
  'harvest source kinds and faults',
  (current) => {
    let sysadmin: Caller;
    const addSource = async (name: string, kind: string, url: string, organization = 'partenaires') => {
      const created = await call(current().app, 'POST', '/api/v1/harvest/sources', {
        token: sysadmin.token,
        body: { name, title: name, organization, kind, url, license_default: 'cc-by' },
      });
      assert.equal(created.status, 201, created.body);
    };
    const count = async (organization: string) =>
      (
        await call(
          current().app,
          'GET',
          `/api/3/action/package_search?fq=organization:${organization}&rows=0`,
        )
      ).json.result.count as number;

    before(async () => {
      const { ctx } = current();
      await seedOrganization(ctx, 'partenaires', 'Partenaires');
      await seedOrganization(ctx, 'pannes', 'Pannes');
      await seedOrganization(ctx, 'miroirs', 'Miroirs');
      // Themes here that upstream themes map to: by title (Opendatasoft) and by EU code (DCAT).
      await seedTheme(ctx, 'transport', 'Transport', 'TRAN');
      await seedTheme(ctx, 'milieux-naturels', 'Milieux naturels', 'ENVI');
      sysadmin = await seedUser(ctx, 'admin-moisson', { sysadmin: true });
    });

    test('a DCAT-US data.json: public datasets only, fields mapped', async () => {
      await addSource('gatineau', 'dcat-us', `${base}/data.json`);
      const report = await harvestRun(current().app, sysadmin.token, 'gatineau');
      assert.equal(report.run.status, 'succeeded', report.run.error);
      assert.equal(report.run.counts.created, 2, 'the non-public dataset is not read');
      const found = (
        await call(current().app, 'GET', '/api/3/action/package_search?q=permis&fq=organization:partenaires')
      ).json.result.results[0];
      assert.equal(found.title, 'Permis de construction émis');
      assert.equal(found.license_id, 'cc-by');
      assert.equal(found.maintainer_email, 'donnees@gatineau.example');
      assert.equal(found.resources[0].url, 'https://gatineau.example/datasets/permis-2026.csv');
    });

    test('an Opendatasoft catalogue: each dataset with its exports', async () => {
      await addSource('longueuil', 'opendatasoft', `${base}/api/explore/v2.1`);
      const report = await harvestRun(current().app, sysadmin.token, 'longueuil');
      assert.equal(report.run.status, 'succeeded', report.run.error);
      assert.equal(report.run.counts.created, 2);
      const bikes = (await call(current().app, 'GET', '/api/3/action/package_show?id=stationnements-velos'))
        .json.result;
      assert.equal(bikes.notes, 'Emplacements des supports à vélos de la ville.');
      assert.deepEqual(
        bikes.resources.map((resource: { format: string }) => resource.format),
        ['CSV', 'JSON', 'GeoJSON'],
      );
      assert.equal(bikes.license_id, 'cc-by');
      assert.deepEqual(
        bikes.groups.map((group: { name: string }) => group.name),
        ['transport'],
        'the upstream theme « Transport » is the theme of that name here',
      );
    });

    test('a paged DCAT catalogue is read through hydra:next', async () => {
      await addSource('pages', 'dcat', `${base}/dcat.ttl`);
      const report = await harvestRun(current().app, sysadmin.token, 'pages');
      assert.equal(report.run.status, 'succeeded', report.run.error);
      assert.equal(report.run.pages, 2);
      assert.equal(report.run.counts.created, 2);
      const id = report.items.find((item) => item.action === 'created')?.dataset_id;
      const first = (await call(current().app, 'GET', `/api/3/action/package_show?id=${id}`)).json.result;
      assert.deepEqual(
        first.groups.map((group: { name: string }) => group.name),
        ['milieux-naturels'],
        'the EU data theme ENVI is the theme with that code here; an unknown theme is left out',
      );
    });

    test('a mirroring source copies the files here, loads the tables, and downloads a file again only when it changed', async () => {
      const { app, ctx } = current();
      // The upstream server is shared by both engines' runs: it starts over.
      mirrorTitle = 'Arbres publics';
      treesCsv = 'espece;hauteur\nérable;12\nchêne;18\n';
      treesTag = '"v1"';
      treesDownloads = 0;
      const created = await call(app, 'POST', '/api/v1/harvest/sources', {
        token: sysadmin.token,
        body: {
          name: 'miroir',
          title: 'Miroir',
          organization: 'miroirs',
          kind: 'dcat',
          url: `${base}/miroir.ttl`,
          mirror: true,
        },
      });
      assert.equal(created.status, 201, created.body);
      assert.equal(created.json.mirror, true);
      const first = await harvestRun(app, sysadmin.token, 'miroir');
      assert.equal(first.run.status, 'succeeded', first.run.error);
      const item = first.items.find((entry) => entry.action === 'created');
      assert.match(item.reason, /absent\.csv: not copied \(.*404.*\); kept as a link/);
      const shown = async () =>
        (await call(app, 'GET', `/api/3/action/package_show?id=${item.dataset_id}`)).json.result;
      let dataset = await shown();
      const [copy, link] = dataset.resources;
      assert.equal(copy.url_type, 'upload');
      assert.ok(!copy.url.startsWith(base), 'the copy is served here');
      assert.equal(copy.harvest_mirrored_from, `${base}/fichiers/arbres.csv`);
      assert.equal(link.url, `${base}/fichiers/absent.csv`);
      assert.equal((await call(app, 'GET', new URL(copy.url).pathname)).body, treesCsv);
      await ctx.datastore.ingest.settled(copy.id);
      const rows = async () =>
        (await call(app, 'GET', `/api/3/action/datastore_search?resource_id=${copy.id}`)).json.result.total;
      assert.equal(await rows(), 2);
      assert.equal(treesDownloads, 1);

      // The dataset changes upstream, not its file: asked again with its ETag, not downloaded.
      mirrorTitle = 'Arbres publics (révisé)';
      const second = await harvestRun(app, sysadmin.token, 'miroir');
      assert.equal(second.run.counts.updated, 1);
      assert.equal(treesDownloads, 1);
      dataset = await shown();
      assert.equal(dataset.resources[0].url, copy.url, 'the same copy');

      // The file changes: downloaded again, stored, and loaded again.
      const loaded = await ctx.datastore.ingest.settled(copy.id);
      treesCsv = 'espece;hauteur\nérable;12\nchêne;18\nfrêne;9\n';
      treesTag = '"v2"';
      mirrorTitle = 'Arbres publics (2e révision)';
      const third = await harvestRun(app, sysadmin.token, 'miroir');
      assert.equal(third.run.counts.updated, 1);
      assert.equal(treesDownloads, 2);
      await ctx.datastore.ingest.settled(copy.id, loaded.id);
      assert.equal(await rows(), 3);
      dataset = await shown();
      assert.equal((await call(app, 'GET', new URL(dataset.resources[0].url).pathname)).body, treesCsv);
    });

    test('a source that fails half-way changes nothing and withdraws nothing', async () => {
      const before = await count('partenaires');
      secondPage = 'fail';
      try {
        const report = await harvestRun(current().app, sysadmin.token, 'pages');
        assert.equal(report.run.status, 'failed');
        assert.match(report.run.error, /answered 500/);
        assert.equal(report.run.counts.withdrawn, 0);
      } finally {
        secondPage = 'ok';
      }
      assert.equal(await count('partenaires'), before);
      emptyCatalogue = true;
      try {
        const empty = await harvestRun(current().app, sysadmin.token, 'pages');
        assert.equal(empty.run.status, 'failed');
        assert.match(empty.run.error, /listed no datasets/);
      } finally {
        emptyCatalogue = false;
      }
      assert.equal(await count('partenaires'), before);
    });

    test('broken sources get a clear report and change nothing', async () => {
      const cases: [string, string, string, RegExp][] = [
        ['erreur', 'dcat-us', '/erreur.json', /answered 503/],
        ['invalide', 'dcat-us', '/invalide.json', /did not answer valid JSON/],
        ['rdf-invalide', 'dcat', '/invalide.ttl', /is not valid turtle/],
        ['boucle', 'dcat-us', '/boucle.json', /more than 5 redirects/],
        ['enorme', 'dcat-us', '/enorme.json', /answered more than/],
        ['muet', 'dcat-us', '/muet.json', /did not answer within/],
      ];
      for (const [name, kind, path, reason] of cases) {
        await addSource(name, kind, `${base}${path}`, 'pannes');
        const report = await harvestRun(current().app, sysadmin.token, name);
        assert.equal(report.run.status, 'failed', name);
        assert.match(report.run.error, reason, name);
      }
      assert.equal(await count('pannes'), 0);
    });

    test('one run at a time per source', async () => {
      const { app } = current();
      const first = await call(app, 'POST', '/api/v1/harvest/sources/muet/run', { token: sysadmin.token });
      assert.equal(first.status, 202);
      const second = await call(app, 'POST', '/api/v1/harvest/sources/muet/run', { token: sysadmin.token });
      assert.equal(second.status, 409);
      await harvestRunFinished(first.json.id);
    });

    async function harvestRunFinished(id: string) {
      const { until } = await import('./helpers/wait.js');
      await until(async () => {
        const report = (
          await call(current().app, 'GET', `/api/v1/harvest/runs/${id}`, { token: sysadmin.token })
        ).json;
        return report.run.status === 'failed' || report.run.status === 'succeeded';
      });
    }
  },
  { HARVEST_REQUEST_SECONDS: '1', HARVEST_MAX_RESPONSE_BYTES: '2000000' },
);
