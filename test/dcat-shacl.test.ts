/**
 * DCAT-AP 3.0.0 as the standard's own SHACL shapes check it (test/fixtures/dcat-ap), on Quai's
 * output alone: the demo catalogue, a dataset with every optional field filled and one with every
 * field empty; every page of /catalog.ttl as a harvester reads it, and each dataset's document.
 * The JSON-LD and RDF/XML forms are the same graph as the Turtle (test/dcat.test.ts,
 * test/ckan-dropin.test.ts), so their conformance follows.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Parser, Writer } from 'n3';
import { loadDemoContent } from '../src/demo/index.js';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, multipart, seedUser } from './helpers/fixtures.js';
import { checkDcatAp, summarize } from './helpers/shacl.js';

const HYDRA_NEXT = 'http://www.w3.org/ns/hydra/core#next';

describeEachEngine('DCAT-AP 3.0.0 SHACL shapes', (current) => {
  let editor: Caller;

  before(async () => {
    const { ctx, app } = current();
    await loadDemoContent(ctx);
    editor = await seedUser(ctx, 'editrice-shacl', { sysadmin: true });
    const full = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('tout-rempli', 'ministere-environnement', {
        title: { fr: 'Tout rempli', en: 'Everything filled' },
        notes: { fr: 'Chaque champ facultatif a une valeur.', en: 'Every optional field has a value.' },
        groups: ['environnement', 'territoire'],
        tags: ['eau', 'qualité'],
        keywords_en: ['water', 'quality'],
        update_frequency: 'monthly',
        time_coverage_start: '2020-01-01',
        time_coverage_end: '2025-12-31',
        spatial: { west: -79.76, south: 44.99, east: -57.1, north: 62.59 },
        maintainer: 'Direction de la qualité de l’eau',
        maintainer_email: 'eau@quai.test',
        author: 'Laboratoire de l’environnement',
        url: 'https://environnement.example/eau',
        version: '2.1',
        language: ['fr', 'en'],
        license_id: 'cc-by',
        extras: { source: 'réseau de surveillance', spatial_place: 'municipalites:46078' },
      }),
    });
    assert.equal(full.status, 201, full.body);
    const form = multipart({}, { field: 'file', filename: 'mesures.csv', content: 'station,ph\nA,7.1\n' });
    const upload = await app.inject({
      method: 'POST',
      url: '/api/v1/datasets/tout-rempli/resources/upload',
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const link = await call(app, 'POST', '/api/3/action/resource_create', {
      token: editor.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        package_id: 'tout-rempli',
        url: 'https://environnement.example/eau/carte.geojson',
        name: 'Carte',
        description: 'Les stations',
        format: 'GeoJSON',
        mimetype: 'application/geo+json',
        size: 2048,
      }),
    });
    assert.equal(link.status, 200, link.body);
    const empty = await call(app, 'POST', '/api/3/action/package_create', {
      token: editor.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'presque-vide', title: 'Presque vide', owner_org: 'culture' }),
    });
    assert.equal(empty.status, 200, empty.body);
  });

  /** Violations by property and constraint: a regression names itself. */
  async function violations(url: string): Promise<Record<string, number>> {
    const reply = await call(current().app, 'GET', url);
    assert.equal(reply.status, 200, `${url}: ${reply.body.slice(0, 200)}`);
    const findings = await checkDcatAp(reply.body);
    return summarize(findings.filter((finding) => finding.severity === 'Violation'));
  }

  test('every page of /catalog.ttl conforms, as a harvester reads them one after the other', async () => {
    let url: string | undefined = '/catalog.ttl?page=1';
    let pages = 0;
    while (url) {
      assert.deepEqual(await violations(url), {}, url);
      const body: string = (await call(current().app, 'GET', url)).body;
      const next = new Parser().parse(body).find((quad) => quad.predicate.value === HYDRA_NEXT) as
        | { object: { value: string } }
        | undefined;
      url = next ? new URL(next.object.value).pathname + new URL(next.object.value).search : undefined;
      pages++;
    }
    assert.ok(pages >= 1);
    assert.deepEqual(await violations('/catalog.ttl?modified_since=2000-01-01'), {});
  });

  test('each dataset document conforms: the demo, every optional field filled, every field empty', async () => {
    const names = (await call(current().app, 'GET', '/api/3/action/package_list')).json.result as string[];
    assert.ok(names.includes('tout-rempli') && names.includes('presque-vide'));
    for (const name of names) assert.deepEqual(await violations(`/dataset/${name}.ttl`), {}, name);
  });

  test('the shapes do find what is missing (the check is not empty)', async () => {
    const reply = await call(current().app, 'GET', '/dataset/tout-rempli.ttl');
    // Without the typing Quai adds, a licence is a bare IRI, as the shapes refuse.
    const quads = new Parser().parse(reply.body);
    const kept = quads.filter((quad) => quad.object.value !== 'http://purl.org/dc/terms/LicenseDocument');
    assert.ok(kept.length < quads.length);
    const stripped = new Writer().quadsToString(kept);
    const findings = summarize(await checkDcatAp(stripped));
    assert.ok(
      Object.keys(findings).some((key) => key.includes('license') && key.includes('ClassConstraint')),
      JSON.stringify(findings),
    );
  });
});
