/**
 * What publishers add to a table and readers see of it: the data dictionary (labels,
 * descriptions, chosen types that load the file again, a column bound to a reference set), saved
 * charts and maps with their figures, GeoJSON points from latitude and longitude, and the
 * resource page that shows them (with the integrity of the bound column's codes).
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { builtinSnapshots, fictitiousMunicipalities } from '../src/modules/reference/index.js';
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

/** Eco-centres as the demo has them: two codes retired since (46030, 46070), one unknown, a name off. */
const ECOCENTRES_CSV = [
  'nom,code_municipalite,municipalite,date_releve',
  'Écocentre de Bromont,46078,Bromont,2026-09-01',
  'Dépôt de Stanbridge Station,46030,Stanbridge Station,2026-09-01',
  'Dépôt de Brome,46070,Brome,2026-09-01',
  'Écocentre de Sutton,46058,Sutton-Ouest,2026-09-01',
  'Dépôt sans code valide,46999,Inconnue,2026-09-01',
].join('\n');

/** What a reader sees: tags removed, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describeEachEngine('datastore views and dictionary', (current) => {
  let editor: Caller;
  let reader: Caller;
  const { upload, loaded } = datastoreClient(current, () => editor, 'permis-vues');
  let permits: string;
  const places = datastoreClient(current, () => editor, 'ecocentres-vues');

  before(async () => {
    const { ctx, app } = current();
    // The municipalities' 2016 version, then the FICTITIOUS one that retires 46030 and 46070.
    const snapshots = await builtinSnapshots();
    for (const snapshot of snapshots) await ctx.reference.publishing.publish(snapshot, { by: 'test' });
    const municipalities = snapshots.find((snapshot) => snapshot.set === 'municipalites');
    if (!municipalities) throw new Error('no municipalities');
    await ctx.reference.publishing.publish(fictitiousMunicipalities(municipalities), { by: 'test' });
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
    const places = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('ecocentres-vues', 'ville-vues'),
    });
    assert.equal(places.status, 201, places.body);
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
    assert.match(page.body, /<th[^>]*><a [^>]*>Cost of the work<span/);

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
    // The form's address, reloaded after the refusal, leads back to the page (not a 404).
    const reloaded = await web.get(`${address}/vues`);
    assert.equal(reloaded.status, 303);
    assert.equal(reloaded.location, `${address}#ajouter-vue`);

    // Column types and errors are in the page's language; each field says the kinds using it.
    assert.match(page.body, /<option value="ville">[^<]* \(texte\)<\/option>/);
    assert.match(page.body, /<option value="montant">[^<]* \((nombre entier|nombre décimal)\)<\/option>/);
    assert.doesNotMatch(page.body, /\((text|integer|decimal)\)</);
    assert.match(page.body, /<div data-view-kinds="bar line">/);
    assert.match(page.body, /<script[^>]+src="\/assets\/view-form\.[0-9a-f]+\.js"/);
    const wrongType = await web.post(`${address}/vues`, {
      title_fr: 'Somme de villes',
      kind: 'bar',
      category: 'ville',
      measure: 'sum',
      measure_column: 'ville',
    });
    assert.equal(wrongType.status, 422);
    assert.match(
      wrongType.body,
      /la colonne « ville » contient du texte ; il faut une colonne de type nombre entier ou nombre décimal/,
    );

    // A preview draws the view without saving it.
    const before = (await call(app, 'GET', `/api/v1/resources/${permits}/views`)).json.views.length;
    const preview = await web.post(`${address}/vues`, {
      title_fr: '',
      kind: 'bar',
      category: 'ville',
      measure: 'count',
      preview: '1',
    });
    assert.equal(preview.status, 200);
    assert.match(preview.body, /<h3 id="graphique-titre">Aperçu \(non enregistré\) : vue sans titre<\/h3>/);
    assert.equal((await call(app, 'GET', `/api/v1/resources/${permits}/views`)).json.views.length, before);

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

    // Any site may show a view in a frame: the embed page, and the code to copy.
    const embedCodeMatch = /<textarea id="code-integration"[^>]*>([^<]+)<\/textarea>/.exec(page.body);
    assert.ok(embedCodeMatch, 'the resource page offers the embed code');
    const code = (embedCodeMatch?.[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    assert.match(
      code,
      /^<iframe src="http:\/\/quai\.test\/fr\/integrer\/jeux-de-donnees\/permis-vues\/ressources\/[0-9a-f-]{36}\?vue=[0-9a-f-]{36}" title="Montant par ville" width="100%" height="520" style="border:0" loading="lazy"><\/iframe>$/,
    );
    const embedUrl =
      new URL(/src="([^"]+)"/.exec(code)?.[1] ?? '').pathname +
      new URL(/src="([^"]+)"/.exec(code)?.[1] ?? '').search;
    const embed = await app.inject({ url: embedUrl });
    assert.equal(embed.statusCode, 200);
    assert.match(String(embed.headers['content-security-policy']), /frame-ancestors \*/);
    assert.match(embed.body, /<h3 id="graphique-titre">Montant par ville<\/h3>/);
    assert.doesNotMatch(embed.body, /qc-piv-header|quai-nav|id="formulaire-vue"/, 'no header, menu or form');
    assert.match(
      embed.body,
      /<a href="http:\/\/quai\.test\/fr\/jeux-de-donnees\/permis-vues\/ressources\/[0-9a-f-]{36}" target="_top">/,
    );
    // Every other page refuses frames.
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);

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

  test('the dictionary form binds a column to a reference set; the resource page reports its codes in French and English', async () => {
    const { app } = current();
    const resource = await places.upload('ecocentres.csv', ECOCENTRES_CSV);
    assert.equal((await places.loaded(resource)).load.state, 'done');
    const web = new WebClient(app);
    await web.signIn('editrice-vues');
    const address = `/fr/jeux-de-donnees/ecocentres-vues/ressources/${resource}/dictionnaire`;
    const form = await web.get(address);
    assert.equal(form.status, 200);
    assert.match(
      form.body,
      /est vérifiée à chaque chargement des données, et de nouveau quand le référentiel publie une version/,
    );
    const code =
      /Colonne code_municipalite<\/legend>[\s\S]*?name="(c\d+)_label_fr"/.exec(form.body)?.[1] ?? '';
    const select = /<select[^>]*name="c\d+_ref_set"[^>]*>([\s\S]*?)<\/select>/.exec(form.body)?.[1] ?? '';
    assert.match(select, /<option value(?:="")? selected>Aucun<\/option>/, 'no set by default');
    assert.match(select, /<option value="municipalites">Municipalités du Québec<\/option>/);
    assert.doesNotMatch(select, /entreprises/, 'the enterprises cannot be bound');
    assert.match(form.body, /Liée à aucun référentiel/);

    // A date column the table does not have: refused, named on the field, in the form's language.
    const binding = { [`${code}_ref_set`]: 'municipalites', [`${code}_ref_name`]: 'municipalite' };
    const refused = await web.post(address, { ...binding, [`${code}_ref_date`]: 'jour' });
    assert.equal(refused.status, 422);
    assert.match(
      refused.body,
      new RegExp(`href="#champ-${code}_ref_date"[^>]*>code_municipalite : Colonne de la date`),
    );
    assert.match(refused.body, /colonne inconnue : jour/);
    assert.match(refused.body, /<details class="quai-binding" open/);

    const saved = await web.post(address, { ...binding, [`${code}_ref_date`]: 'date_releve' });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `/fr/jeux-de-donnees/ecocentres-vues/ressources/${resource}#integrite`);
    const status = await call(app, 'GET', `/api/v1/resources/${resource}/datastore`);
    const bound = status.json.table.columns.find(
      (column: { id: string }) => column.id === 'code_municipalite',
    );
    assert.deepEqual(bound.reference, {
      set: 'municipalites',
      as_of_column: 'date_releve',
      name_column: 'municipalite',
    });
    // The notice says the codes were checked; the dictionary shows the binding; readers see the report.
    const french = await web.get(`/fr/jeux-de-donnees/ecocentres-vues/ressources/${resource}`);
    assert.match(french.body, /les codes des colonnes liées sont vérifiés/);
    assert.match(
      (await web.get(address)).body,
      /Liée au référentiel <a href="\/fr\/referentiels\/municipalites">Municipalités du Québec<\/a>\. Dates : colonne date_releve\. Noms : colonne municipalite\./,
    );
    const section = french.body.slice(french.body.indexOf('<section aria-labelledby="integrite"'));
    assert.match(section, /<h2 id="integrite">Intégrité des codes<\/h2>/);
    assert.match(text(section), /Référentiel Municipalités du Québec Version 2019\.0\.0-fictif FICTIVE/);
    assert.match(section, /href="\/fr\/referentiels\/municipalites\/versions\/2019\.0\.0-fictif"/);
    assert.match(text(section), /Lignes vérifiées 5 \(dont 5 avec un code\)/);
    assert.match(
      text(section),
      /Erreur : Codes inconnus 1 ligne porte un code que le référentiel ne connaît pas\./,
    );
    assert.match(
      text(section),
      /Avertissement : Codes retirés 2 lignes portent un code déjà retiré à leur date/,
    );
    assert.match(
      text(section),
      /Avertissement : Noms différents du nom officiel 1 ligne donne un nom différent/,
    );
    assert.ok(section.indexOf('Erreur') < section.indexOf('Avertissement'), 'errors before warnings');
    assert.match(
      section,
      /utilisez <a href="\/fr\/referentiels\/municipalites\/46027"><span class="quai-code">46027<\/span> \(Pike River-Stanbridge\)<\/a>/,
    );
    assert.match(text(section), /2 46030 utilisez 46027 \(Pike River-Stanbridge\) Stanbridge Station/);
    assert.match(text(section), /3 46070 utilisez 46075 \(Lac-Brome\) Brome/);
    assert.match(text(section), /4 46058 Sutton-Ouest Sutton 2026-09-01/);
    // The readers' dictionary links the column to its set.
    assert.match(
      french.body,
      /<code>code_municipalite<\/code><\/th>(?:<td>[^<]*<\/td>){3}<td><a href="\/fr\/referentiels\/municipalites">Municipalités du Québec<\/a>/,
    );

    const english = await app.inject({ url: `/en/datasets/ecocentres-vues/resources/${resource}` });
    const part = english.body.slice(english.body.indexOf('<section aria-labelledby="integrite"'));
    assert.match(part, /<h2 id="integrite">Code integrity<\/h2>/);
    assert.match(text(part), /Error : Unknown codes 1 row has a code that the reference set does not know\./);
    assert.match(
      text(part),
      /Warning : Retired codes 2 rows have a code already retired at their date: use the codes that replace them\./,
    );
    assert.match(
      part,
      /use <a href="\/en\/reference\/municipalites\/46027"><span class="quai-code">46027<\/span> \(<span lang="fr">Pike River-Stanbridge<\/span>\)<\/a>/,
    );
    assert.match(text(part), /Checked on .* Rows checked 5 \(5 with a code\)/);

    // Unbound through the form: no report any more.
    await web.get(address);
    const unbound = await web.post(address, { [`${code}_ref_set`]: '' });
    assert.equal(unbound.status, 303);
    const after = await app.inject({ url: `/fr/jeux-de-donnees/ecocentres-vues/ressources/${resource}` });
    assert.doesNotMatch(after.body, /Intégrité des codes/);
  });

  test('a bound column whose codes are all valid says so', async () => {
    const { app } = current();
    const resource = await places.upload('valides.csv', 'lieu,code\nA,46078\nB,46027\n');
    assert.equal((await places.loaded(resource)).load.state, 'done');
    const bound = await call(app, 'PUT', `/api/v1/resources/${resource}/datastore/dictionary`, {
      token: editor.token,
      body: { columns: [{ id: 'code', reference: { set: 'municipalites' } }] },
    });
    assert.equal(bound.status, 200, bound.body);
    const page = await app.inject({ url: `/fr/jeux-de-donnees/ecocentres-vues/ressources/${resource}` });
    const section = text(page.body.slice(page.body.indexOf('<section aria-labelledby="integrite"')));
    assert.match(section, /Date de chaque ligne aucune : la date du jour/);
    assert.match(section, /Tous les codes sont valides : aucune erreur, aucun avertissement\./);
    assert.doesNotMatch(section, /Erreur|Avertissement/);
  });
});
