/**
 * What publishers add to a table and readers see of it: the data dictionary (labels,
 * descriptions, chosen types that load the file again), saved charts and maps with their
 * figures, GeoJSON points from latitude and longitude, and the resource page that shows them.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { CITIES, datastoreClient, permitsCsv } from './helpers/datastore.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { WebClient } from './helpers/web-client.js';

/** Sites with coordinates around Québec City, one in five without any. */
function sitesCsv(rows: number): string {
  const lines = ['site,categorie,latitude,longitude,visiteurs'];
  for (let i = 1; i <= rows; i++) {
    const coordinates =
      i % 5 === 0 ? ',' : `${(46.8 + i / 1000).toFixed(4)},${(-71.2 - i / 1000).toFixed(4)}`;
    lines.push(`Site ${i},${['parc', 'musée', 'plage'][i % 3]},${coordinates},${i * 10}`);
  }
  return `${lines.join('\n')}\n`;
}

describeEachEngine('datastore views and dictionary', (current) => {
  let editor: Caller;
  let reader: Caller;
  const { upload, loaded } = datastoreClient(current, () => editor, 'permis-vues');
  let permits: string;

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'ville-vues');
    editor = await seedUser(ctx, 'editrice-vues', { roles: [[organization, 'editor']] });
    reader = await seedUser(ctx, 'lectrice-vues');
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('permis-vues', 'ville-vues'),
    });
    assert.equal(created.status, 201, created.body);
    permits = await upload('permis.csv', permitsCsv(600));
    assert.equal((await loaded(permits)).load.state, 'done');
  });

  const dictionary = (id: string, columns: unknown[], token = editor.token) =>
    call(current().app, 'PUT', `/api/v1/resources/${id}/datastore/dictionary`, { token, body: { columns } });

  test('the dictionary labels and describes columns; a chosen type loads the file again, a wrong one keeps the table', async () => {
    const { app } = current();
    const labelled = await dictionary(permits, [
      {
        id: 'montant',
        label: { fr: 'Montant des travaux', en: 'Cost of the work' },
        description: { fr: 'En dollars, taxes comprises', en: 'In dollars, taxes included' },
      },
    ]);
    assert.equal(labelled.status, 200, labelled.body);
    assert.equal(labelled.json.reload, null, 'labels alone do not reload the file');
    const status = await call(app, 'GET', `/api/v1/resources/${permits}/datastore`);
    const montant = status.json.table.columns.find((column: { id: string }) => column.id === 'montant');
    assert.deepEqual(montant.label, { fr: 'Montant des travaux', en: 'Cost of the work' });
    const page = await app.inject({ url: `/en/datasets/permis-vues/resources/${permits}` });
    assert.match(page.body, /<th[^>]*>Cost of the work<\/th>/);

    // The permit number as text: the file is loaded again, the labels stay.
    const typed = await dictionary(permits, [{ id: 'numero', type: 'text' }]);
    assert.equal(typed.status, 200, typed.body);
    assert.ok(typed.json.reload, 'a new type queues a load');
    const reloaded = await loaded(permits, status.json.load.id);
    assert.equal(reloaded.load.state, 'done', JSON.stringify(reloaded.load.error));
    assert.deepEqual(reloaded.load.types, { numero: 'text' });
    const numero = reloaded.table.columns.find((column: { id: string }) => column.id === 'numero');
    assert.equal(numero.type, 'text');
    assert.equal(numero.type_override, 'text');
    assert.equal(
      reloaded.table.columns.find((column: { id: string }) => column.id === 'montant').label.fr,
      'Montant des travaux',
    );
    const rows = await call(app, 'GET', `/api/v1/resources/${permits}/data?numero=7&select=numero`);
    assert.deepEqual(rows.json.records, [{ numero: '7' }]);

    // The city as an integer cannot be: the load fails naming the row, the column and the value,
    // and the table in use (with its text number) keeps serving.
    const wrong = await dictionary(permits, [
      { id: 'numero', type: 'text' },
      { id: 'ville', type: 'integer' },
    ]);
    const failed = await loaded(permits, reloaded.load.id);
    assert.equal(wrong.status, 200);
    assert.equal(failed.load.state, 'failed');
    assert.equal(failed.load.error.column, 'ville');
    assert.equal(failed.load.error.row, 1);
    assert.match(failed.load.error.message.fr, /« Québec » de la colonne ville .* n’est pas du type choisi/);
    assert.equal(failed.table.columns.find((column: { id: string }) => column.id === 'ville').type, 'text');
    assert.equal(failed.table.row_count, 600);

    // Back to the guess: "auto" for every column.
    await dictionary(permits, [
      { id: 'numero', type: 'auto' },
      { id: 'ville', type: 'auto' },
    ]);
    const guessed = await loaded(permits, failed.load.id);
    assert.equal(
      guessed.table.columns.find((column: { id: string }) => column.id === 'numero').type,
      'integer',
    );
  });

  test('the dictionary refuses unknown columns and long labels by field, and readers', async () => {
    const refused = await dictionary(permits, [
      { id: 'inconnue', label: { fr: 'x' } },
      { id: 'ville', label: { fr: 'v'.repeat(201) } },
    ]);
    assert.equal(refused.status, 422);
    const paths = refused.json.errors.map((error: { field: string }) => error.field).sort();
    assert.deepEqual(paths, ['columns.0.id', 'columns.1.label.fr']);
    const forbidden = await dictionary(permits, [{ id: 'ville', label: { fr: 'Ville' } }], reader.token);
    assert.equal(forbidden.status, 403);
    const anonymous = await call(current().app, 'PUT', `/api/v1/resources/${permits}/datastore/dictionary`, {
      body: { columns: [] },
    });
    assert.ok([401, 403].includes(anonymous.status), String(anonymous.status));
  });

  test('saved views: bar, line and scatter figures match the data; bad views are refused by field', async () => {
    const { app } = current();
    const save = (body: unknown, token = editor.token) =>
      call(app, 'POST', `/api/v1/resources/${permits}/views`, { token, body });
    const bar = await save({
      title: { fr: 'Montant par ville', en: 'Cost by city' },
      spec: { kind: 'bar', category: 'ville', measure: { fn: 'sum', column: 'montant' } },
    });
    assert.equal(bar.status, 201, bar.body);
    const figures = await call(app, 'GET', `/api/v1/resources/${permits}/views/${bar.json.id}`);
    const expected = new Map<string, number>();
    for (let i = 1; i <= 600; i++) {
      const city = CITIES[i % CITIES.length] as string;
      expected.set(city, (expected.get(city) ?? 0) + i * 12.5);
    }
    assert.equal(figures.json.figures.points.length, CITIES.length);
    for (const point of figures.json.figures.points) assert.equal(point.value, expected.get(point.label));
    const values = figures.json.figures.points.map((point: { value: number }) => point.value);
    assert.deepEqual(
      values,
      [...values].sort((a, b) => b - a),
      'largest first',
    );

    const line = await save({
      title: { fr: 'Permis par jour' },
      spec: { kind: 'line', x: 'date_emission', measure: { fn: 'count' } },
    });
    const days = (await call(app, 'GET', `/api/v1/resources/${permits}/views/${line.json.id}`)).json.figures;
    assert.equal(days.interval, 'day');
    assert.equal(days.points.length, 28);
    assert.equal(
      days.points.reduce((sum: number, point: { value: number }) => sum + point.value, 0),
      600,
    );
    assert.equal(days.points[0].x, '2025-03-01');

    const scatter = await save({
      title: { fr: 'Montant et numéro' },
      spec: { kind: 'scatter', x: 'numero', y: 'montant' },
    });
    const dots = (await call(app, 'GET', `/api/v1/resources/${permits}/views/${scatter.json.id}`)).json
      .figures;
    assert.equal(dots.total, 600);
    assert.equal(dots.points.length, 600);
    for (const [x, y] of dots.points) assert.equal(y, x * 12.5);

    const bad = await save({
      title: { fr: '' },
      spec: { kind: 'scatter', x: 'ville', y: 'absente' },
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.json.errors.map((error: { field: string }) => error.field).sort(), [
      'spec.x',
      'spec.y',
      'title.fr',
    ]);
    const noMap = await save({ title: { fr: 'Carte' }, spec: { kind: 'map' } });
    assert.equal(noMap.status, 422);
    assert.match(noMap.json.errors[0].message, /géométrie|geometry/);
    assert.equal(
      (await save({ title: { fr: 'x' }, spec: { kind: 'bar', category: 'ville' } }, reader.token)).status,
      403,
    );

    const listed = await call(app, 'GET', `/api/v1/resources/${permits}/views`);
    assert.deepEqual(
      listed.json.views.map((view: { title: { fr: string } }) => view.title.fr),
      ['Montant par ville', 'Permis par jour', 'Montant et numéro'],
    );
    assert.equal(
      (
        await call(app, 'DELETE', `/api/v1/resources/${permits}/views/${line.json.id}`, {
          token: reader.token,
        })
      ).status,
      403,
    );
    assert.equal(
      (
        await call(app, 'DELETE', `/api/v1/resources/${permits}/views/${line.json.id}`, {
          token: editor.token,
        })
      ).status,
      204,
    );
    assert.equal((await call(app, 'GET', `/api/v1/resources/${permits}/views`)).json.views.length, 2);
  });

  test('latitude and longitude columns become GeoJSON points; the map suggests itself', async () => {
    const { app } = current();
    const sites = await upload('sites.csv', sitesCsv(50));
    assert.equal((await loaded(sites)).load.state, 'done');
    const geojson = await app.inject({ url: `/api/v1/resources/${sites}/data?format=geojson` });
    assert.equal(geojson.statusCode, 200, geojson.body);
    const collection = JSON.parse(geojson.body);
    assert.equal(collection.features.length, 50);
    assert.deepEqual(collection.features[0].geometry, { type: 'Point', coordinates: [-71.201, 46.801] });
    assert.equal(collection.features[4].geometry, null, 'a row without coordinates has no geometry');
    assert.deepEqual(Object.keys(collection.features[0].properties), [
      '_id',
      'site',
      'categorie',
      'latitude',
      'longitude',
      'visiteurs',
    ]);
    const limited = JSON.parse(
      (await app.inject({ url: `/api/v1/resources/${sites}/data?format=geojson&limit=3&categorie=parc` }))
        .body,
    );
    assert.deepEqual(
      limited.features.map((feature: { properties: { site: string } }) => feature.properties.site),
      ['Site 3', 'Site 6', 'Site 9'],
    );
    const explicit = await app.inject({
      url: `/api/v1/resources/${sites}/data?format=geojson&points=visiteurs,latitude`,
    });
    assert.equal(JSON.parse(explicit.body).features.length, 50);
    const none = await app.inject({ url: `/api/v1/resources/${permits}/data?format=geojson` });
    assert.equal(none.statusCode, 422);
    const suggested = await call(app, 'GET', `/api/v1/resources/${sites}/views`);
    assert.deepEqual(suggested.json.suggested.map, {
      kind: 'map',
      latitude: 'latitude',
      longitude: 'longitude',
    });

    const page = await app.inject({ url: `/fr/jeux-de-donnees/permis-vues/ressources/${sites}?vue=carte` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<section class="quai-map" id="carte"[^>]* data-map /);
    assert.match(
      page.body,
      new RegExp(
        `data-geojson="/api/v1/resources/${sites}/data\\?format=geojson&amp;limit=5000&amp;points=latitude%2Clongitude"`,
      ),
    );
    assert.match(page.body, /<script[^>]+src="\/assets\/map\.[0-9a-f]+\.js"/);
    assert.match(
      String(page.headers['content-security-policy']),
      /img-src 'self' data: https:\/\/tile\.openstreetmap\.org/,
    );
  });

  test('the resource page: saved views by address, a publisher adds and removes one through the form', async () => {
    const { app } = current();
    const web = new WebClient(app);
    await web.signIn('editrice-vues');
    const address = `/fr/jeux-de-donnees/permis-vues/ressources/${permits}`;
    const page = await web.get(address);
    assert.match(page.body, /<h3 id="graphique-titre">Montant par ville<\/h3>/, 'the first saved view shows');
    assert.match(page.body, /href="[^"]*vue=[0-9a-f-]{36}#vues"[^>]*>Montant et numéro/);
    assert.match(page.body, /id="formulaire-vue"/);

    const refused = await web.post(`${address}/vues`, {
      title_fr: 'Sans colonne',
      kind: 'line',
      x: '',
      measure: 'count',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /class="quai-error-summary"/);
    assert.match(refused.body, /href="#champ-x"/);
    assert.match(refused.body, /value="Sans colonne"/, 'the form keeps what was typed');

    const saved = await web.post(`${address}/vues`, {
      title_fr: 'Moyenne par ville',
      title_en: 'Mean by city',
      kind: 'bar',
      category: 'ville',
      measure: 'avg',
      measure_column: 'montant',
    });
    assert.equal(saved.status, 303);
    const shown = await web.get(saved.location ?? '');
    assert.match(shown.body, /<h3 id="graphique-titre">Moyenne par ville<\/h3>/);
    assert.match(shown.body, /La vue est enregistrée/);
    const viewId = /vue=([0-9a-f-]{36})/.exec(saved.location ?? '')?.[1] ?? '';
    const removed = await web.post(`${address}/vues/${viewId}/retirer`, {});
    assert.equal(removed.status, 303);
    const views = await call(app, 'GET', `/api/v1/resources/${permits}/views`);
    assert.ok(!views.json.views.some((view: { id: string }) => view.id === viewId));

    // A reader sees the views, not the form; an anonymous form post is refused.
    const anonymous = await app.inject({ url: address });
    assert.doesNotMatch(anonymous.body, /formulaire-vue/);
    assert.match(anonymous.body, /Montant par ville/);
  });

  test('the dictionary page: a publisher edits labels through the form; errors are named by column', async () => {
    const { app } = current();
    const web = new WebClient(app);
    await web.signIn('editrice-vues');
    const address = `/fr/jeux-de-donnees/permis-vues/ressources/${permits}/dictionnaire`;
    const form = await web.get(address);
    assert.equal(form.status, 200);
    assert.match(form.body, /<legend class="quai-label">Colonne ville<\/legend>/);
    const ville = /Colonne ville<\/legend>[\s\S]*?name="(c\d+)_label_fr"/.exec(form.body)?.[1] ?? '';
    const tooLong = await web.post(address, { [`${ville}_label_fr`]: 'x'.repeat(300) });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.body, new RegExp(`href="#champ-${ville}_label_fr"`));
    const saved = await web.post(address, {
      [`${ville}_label_fr`]: 'Municipalité',
      [`${ville}_label_en`]: 'Municipality',
      [`${ville}_type`]: 'auto',
    });
    assert.equal(saved.status, 303);
    const status = await call(app, 'GET', `/api/v1/resources/${permits}/datastore`);
    const column = status.json.table.columns.find((entry: { id: string }) => entry.id === 'ville');
    assert.deepEqual(column.label, { fr: 'Municipalité', en: 'Municipality' });
    const readerWeb = new WebClient(app);
    assert.equal((await readerWeb.get(address)).status, 303, 'anonymous: to the sign-in page');
  });
});
