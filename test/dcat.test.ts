import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import jsonld from 'jsonld';
import { Parser, type Quad, Writer } from 'n3';
import { describeEachEngine, TEST_BASE_URL } from './helpers/app.js';
import {
  type Caller,
  call,
  datasetBody,
  multipart,
  seedOrganization,
  seedTheme,
  seedUser,
} from './helpers/fixtures.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';

function parseTurtle(text: string): Quad[] {
  return new Parser({ format: 'text/turtle' }).parse(text);
}

async function canonical(quads: Quad[]): Promise<string> {
  const nquads = new Writer({ format: 'N-Quads' }).quadsToString(quads);
  const canonize = jsonld.canonize as unknown as (
    input: string,
    options: Record<string, string>,
  ) => Promise<string>;
  return canonize(nquads, {
    algorithm: 'URDNA2015',
    inputFormat: 'application/n-quads',
    format: 'application/n-quads',
  });
}

/** Objects of (subject, predicate) in a graph. */
function objects(quads: Quad[], subject: string, predicate: string): string[] {
  return quads
    .filter((q) => q.subject.value === subject && q.predicate.value === predicate)
    .map((q) => q.object.value);
}

function subjectsOfType(quads: Quad[], type: string): string[] {
  return quads
    .filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type)
    .map((q) => q.subject.value);
}

describeEachEngine('DCAT-AP and schema.org', (current) => {
  let editor: Caller;
  let datasetId: string;

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'isq', 'Institut de la statistique');
    await seedTheme(ctx, 'territoire', 'Territoire', 'REGI');
    editor = await seedUser(ctx, 'editeur', { roles: [[organization, 'editor']] });
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('municipalites', 'isq', {
        title: { fr: 'Municipalités', en: 'Municipalities' },
        notes: { fr: 'Répertoire "officiel".\nDeuxième ligne.', en: 'Directory.' },
        groups: ['territoire'],
        tags: ['référence'],
        keywords_en: ['reference'],
        update_frequency: 'annual',
        time_coverage_start: '2016-01-01',
        time_coverage_end: '2016-12-31',
        spatial: { west: -79.76, south: 44.99, east: -57.1, north: 62.59 },
        maintainer: 'Direction des données',
        maintainer_email: 'donnees@quai.test',
        version: '1.0',
        extras: { spatial_place: 'regions:06' },
      }),
    });
    datasetId = created.json.id;
    const form = multipart(
      {},
      { field: 'file', filename: 'municipalites.csv', content: 'code,nom\n66023,Montréal\n' },
    );
    await app.inject({
      method: 'POST',
      url: '/api/v1/datasets/municipalites/resources/upload',
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    for (let i = 0; i < 3; i++)
      await call(app, 'POST', '/api/v1/datasets', {
        token: editor.token,
        body: datasetBody(`autre-${i}`, 'isq'),
      });
  });

  test('a dataset in Turtle and in JSON-LD is the same RDF graph', async () => {
    const { app } = current();
    const turtle = await call(app, 'GET', '/dataset/municipalites.ttl');
    assert.equal(turtle.headers['content-type'], 'text/turtle; charset=utf-8');
    const json = await call(app, 'GET', '/dataset/municipalites.jsonld');
    assert.equal(json.headers['content-type'], 'application/ld+json; charset=utf-8');
    const fromJson = (await jsonld.toRDF(json.json, { format: 'application/n-quads' })) as unknown as string;
    const jsonQuads = new Parser({ format: 'N-Quads' }).parse(fromJson);
    const turtleQuads = parseTurtle(turtle.body);
    assert.ok(turtleQuads.length > 40);
    assert.equal(await canonical(jsonQuads), await canonical(turtleQuads));
  });

  test("the dataset carries DCAT-AP 3's mandatory and recommended properties", async () => {
    const quads = parseTurtle((await call(current().app, 'GET', '/dataset/municipalites.ttl')).body);
    const dataset = `${TEST_BASE_URL}/dataset/${datasetId}`;
    assert.deepEqual(subjectsOfType(quads, `${DCAT}Dataset`), [dataset]);
    const titles = quads.filter((q) => q.subject.value === dataset && q.predicate.value === `${DCT}title`);
    assert.deepEqual(
      titles.map((q) => [q.object.value, (q.object as { language: string }).language]),
      [
        ['Municipalités', 'fr'],
        ['Municipalities', 'en'],
      ],
    );
    assert.deepEqual(objects(quads, dataset, `${DCT}description`), [
      'Répertoire "officiel".\nDeuxième ligne.',
      'Directory.',
    ]);
    assert.deepEqual(objects(quads, dataset, `${DCAT}keyword`), ['référence', 'reference']);
    assert.deepEqual(objects(quads, dataset, `${DCT}accrualPeriodicity`), [
      'http://publications.europa.eu/resource/authority/frequency/ANNUAL',
    ]);
    assert.ok(
      objects(quads, dataset, `${DCAT}theme`).includes(
        'http://publications.europa.eu/resource/authority/data-theme/REGI',
      ),
    );
    assert.deepEqual(objects(quads, dataset, `${DCT}language`), [
      'http://publications.europa.eu/resource/authority/language/FRA',
    ]);
    assert.deepEqual(objects(quads, dataset, `${DCT}publisher`), [`${TEST_BASE_URL}/organization/isq`]);
    assert.equal(objects(quads, dataset, `${DCAT}version`)[0], '1.0');
    const [period] = objects(quads, dataset, `${DCT}temporal`);
    assert.deepEqual(objects(quads, period as string, `${DCAT}startDate`), ['2016-01-01']);
    // Its box, and its territory by name: the reference entity's address (here a region).
    const [location, place] = objects(quads, dataset, `${DCT}spatial`);
    assert.match(
      objects(quads, location as string, `${DCAT}bbox`)[0] as string,
      /^POLYGON\(\(-79\.76 44\.99, /,
    );
    assert.equal(place, `${TEST_BASE_URL}/api/v1/reference/regions/06`);
    assert.deepEqual(objects(quads, place as string, RDF_TYPE), [`${DCT}Location`]);
    const [contact] = objects(quads, dataset, `${DCAT}contactPoint`);
    assert.deepEqual(objects(quads, contact as string, 'http://www.w3.org/2006/vcard/ns#hasEmail'), [
      'mailto:donnees@quai.test',
    ]);

    const [distribution] = objects(quads, dataset, `${DCAT}distribution`);
    assert.equal(
      objects(quads, distribution as string, `${DCAT}accessURL`).length,
      1,
      'accessURL is mandatory',
    );
    assert.deepEqual(objects(quads, distribution as string, `${DCT}format`), [
      'http://publications.europa.eu/resource/authority/file-type/CSV',
    ]);
    assert.deepEqual(objects(quads, distribution as string, `${DCAT}mediaType`), [
      'http://www.iana.org/assignments/media-types/text/csv',
    ]);
    assert.deepEqual(objects(quads, distribution as string, `${DCT}license`), [
      'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
    ]);
    const [checksum] = objects(quads, distribution as string, 'http://spdx.org/rdf/terms#checksum');
    assert.match(
      objects(quads, checksum as string, 'http://spdx.org/rdf/terms#checksumValue')[0] as string,
      /^[0-9a-f]{64}$/,
    );
  });

  test('the catalogue pages the Hydra way and filters by modification date', async () => {
    const { app } = current();
    const quads = parseTurtle((await call(app, 'GET', '/catalog.ttl')).body);
    const catalog = `${TEST_BASE_URL}/catalog`;
    assert.deepEqual(subjectsOfType(quads, `${DCAT}Catalog`), [catalog]);
    assert.equal(objects(quads, catalog, `${DCAT}dataset`).length, 4);
    assert.equal(objects(quads, catalog, `${HYDRA}totalItems`)[0], '4');
    assert.equal(
      objects(quads, catalog, `${DCT}publisher`).length,
      1,
      "DCAT-AP requires the catalogue's publisher",
    );
    const [view] = objects(quads, catalog, `${HYDRA}view`);
    assert.equal(view, `${TEST_BASE_URL}/catalog.ttl?page=1`);
    assert.deepEqual(objects(quads, view as string, `${HYDRA}last`), [`${TEST_BASE_URL}/catalog.ttl?page=1`]);
    assert.deepEqual(objects(quads, view as string, `${HYDRA}next`), []);

    const future = await call(
      app,
      'GET',
      `/catalog.jsonld?modified_since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    const futureQuads = new Parser({ format: 'N-Quads' }).parse(
      (await jsonld.toRDF(future.json, { format: 'application/n-quads' })) as unknown as string,
    );
    assert.equal(objects(futureQuads, catalog, `${HYDRA}totalItems`)[0], '0');
    const bad = await call(app, 'GET', '/catalog.jsonld?modified_since=hier');
    assert.equal(bad.status, 422);
    const second = await call(app, 'GET', '/api/v1/catalog?page=2', { headers: { accept: 'text/turtle' } });
    assert.equal(objects(parseTurtle(second.body), catalog, `${DCAT}dataset`).length, 0);
  });

  test('schema.org Dataset JSON-LD for search engines', async () => {
    const reply = await call(current().app, 'GET', '/dataset/municipalites.jsonld?profiles=schemaorg');
    const dataset = reply.json;
    assert.equal(dataset['@type'], 'Dataset');
    assert.equal(dataset.name, 'Municipalités');
    assert.equal(dataset.license, 'https://creativecommons.org/licenses/by/4.0/');
    assert.equal(dataset.temporalCoverage, '2016-01-01/2016-12-31');
    assert.equal(dataset.spatialCoverage.geo.box, '44.99 -79.76 62.59 -57.1', 'south west north east');
    assert.equal(dataset.distribution[0]['@type'], 'DataDownload');
    assert.equal(dataset.distribution[0].encodingFormat, 'text/csv');
    assert.equal(dataset.publisher.name, 'Institut de la statistique');
    const expanded = await jsonld.expand(dataset, { documentLoader: offlineSchemaOrg });
    assert.equal(expanded.length, 1, 'valid JSON-LD');
  });
});

/** The schema.org context without the network: "@vocab" is all the expansion needs here. */
async function offlineSchemaOrg(url: string) {
  if (!url.startsWith('https://schema.org')) throw new Error(`unexpected remote context ${url}`);
  return {
    contextUrl: undefined,
    documentUrl: url,
    document: { '@context': { '@vocab': 'https://schema.org/' } },
  };
}
