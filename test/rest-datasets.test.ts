import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachEngine, TEST_BASE_URL } from './helpers/app.js';
import { type Caller, call, datasetBody, seedOrganization, seedTheme, seedUser } from './helpers/fixtures.js';

describeEachEngine('REST API: datasets', (current) => {
  let editor: Caller;

  before(async () => {
    const { ctx } = current();
    const mamh = await seedOrganization(ctx, 'mamh', 'Affaires municipales');
    await seedOrganization(ctx, 'autre');
    await seedTheme(ctx, 'territoire', 'Territoire', 'REGI');
    editor = await seedUser(ctx, 'editrice', { roles: [[mamh, 'editor']] });
  });

  test('creates a dataset with every DCAT field and shows it back', async () => {
    const { app } = current();
    const body = datasetBody('municipalites', 'mamh', {
      title: { fr: 'Municipalités', en: 'Municipalities' },
      notes: { fr: 'Le **répertoire**.', en: 'The directory.' },
      groups: ['territoire'],
      tags: ['municipalités', "qualité de l'eau"],
      keywords_en: ['municipalities'],
      update_frequency: 'annual',
      time_coverage_start: '2016-01-01',
      time_coverage_end: '2016-12-31',
      spatial: { west: -79.76, south: 44.99, east: -57.1, north: 62.59 },
      language: ['fr', 'en'],
      maintainer: 'Direction des données',
      maintainer_email: 'donnees@quai.test',
      version: '2016.1',
      extras: { source: 'SGC' },
    });
    const created = await call(app, 'POST', '/api/v1/datasets', { token: editor.token, body });
    assert.equal(created.status, 201, created.body);
    assert.equal(created.headers.location, `${TEST_BASE_URL}/api/v1/datasets/municipalites`);
    const dataset = created.json;
    assert.deepEqual(dataset.title, { fr: 'Municipalités', en: 'Municipalities' });
    assert.equal(dataset.organization.name, 'mamh');
    assert.deepEqual(
      dataset.groups.map((g: { name: string }) => g.name),
      ['territoire'],
    );
    assert.deepEqual(dataset.license, {
      id: 'cc-by',
      title: {
        fr: 'Creative Commons Attribution 4.0 (CC BY 4.0)',
        en: 'Creative Commons Attribution 4.0 (CC BY 4.0)',
      },
      url: 'https://creativecommons.org/licenses/by/4.0/',
      is_open: true,
    });
    assert.equal(dataset.update_frequency, 'annual');
    assert.equal(dataset.time_coverage_end, '2016-12-31');
    assert.deepEqual(dataset.spatial, { west: -79.76, south: 44.99, east: -57.1, north: 62.59 });
    assert.deepEqual(dataset.language, ['fr', 'en']);
    assert.deepEqual(dataset.extras, { source: 'SGC' });
    assert.equal(dataset.links.dcat_turtle, `${TEST_BASE_URL}/dataset/municipalites.ttl`);
    const shown = await call(app, 'GET', `/api/v1/datasets/${dataset.id}`);
    assert.deepEqual(shown.json, dataset);
  });

  test('bad input is refused with every field and reason, in English or French, and nothing is written', async () => {
    const { app } = current();
    const bad = datasetBody('Mauvais Nom', 'nulle-part', {
      license_id: 'libre',
      update_frequency: 'souvent',
      time_coverage_start: '2020-02-30',
      time_coverage_end: '2019-01-01',
      spatial: { west: -200, south: 10, east: 0, north: 0 },
      maintainer_email: 'pas-un-courriel',
      tags: ['x'],
      groups: ['inconnu'],
    });
    const reply = await call(app, 'POST', '/api/v1/datasets', { token: editor.token, body: bad });
    assert.equal(reply.status, 422);
    assert.equal(reply.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(reply.json.code, 'validation_error');
    const fields = reply.json.errors.map((error: { field: string }) => error.field).sort();
    assert.deepEqual(fields, [
      'groups',
      'license_id',
      'maintainer_email',
      'name',
      'owner_org',
      'spatial',
      'tags',
      'time_coverage_start',
      'update_frequency',
    ]);
    const french = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: bad,
      headers: { 'accept-language': 'fr-CA,fr;q=0.9' },
    });
    const nameError = french.json.errors.find((error: { field: string }) => error.field === 'name');
    assert.match(nameError.message, /lettres minuscules/);
    assert.match(french.json.detail, /^Données invalides/);

    const order = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('dates', 'mamh', {
        time_coverage_start: '2020-01-01',
        time_coverage_end: '2019-01-01',
      }),
    });
    assert.deepEqual(
      order.json.errors.map((e: { field: string }) => e.field),
      ['time_coverage_end'],
    );
    assert.equal((await call(app, 'GET', '/api/v1/datasets/dates')).status, 404);
  });

  test('unknown fields and wrong types are schema errors naming the field', async () => {
    const { app } = current();
    const typo = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: { ...datasetBody('typo', 'mamh'), titre: 'x' },
    });
    assert.equal(typo.status, 422);
    assert.match(typo.json.errors[0].message, /additional/i);
    const wrongType = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('typo', 'mamh', { tags: 'un,deux' }),
    });
    assert.equal(wrongType.status, 422);
    assert.equal(wrongType.json.errors[0].field, 'tags');
    const missing = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: { title: { fr: 'Sans nom' } },
    });
    assert.deepEqual(
      missing.json.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      [['name', 'Missing value']],
    );
  });

  test("a taken name is refused; publishing elsewhere than one's organisations too", async () => {
    const { app } = current();
    const taken = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('municipalites', 'mamh'),
    });
    assert.deepEqual(taken.json.errors, [
      { field: 'name', code: 'taken', message: 'That URL is already in use.' },
    ]);
    const elsewhere = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('ailleurs', 'autre'),
    });
    assert.equal(elsewhere.json.errors[0].field, 'owner_org');
    const anonymous = await call(app, 'POST', '/api/v1/datasets', { body: datasetBody('anonyme', 'mamh') });
    assert.equal(anonymous.status, 403);
    const badToken = await call(app, 'POST', '/api/v1/datasets', {
      token: 'quai_faux',
      body: datasetBody('anonyme', 'mamh'),
    });
    assert.equal(badToken.status, 401);
  });

  test('PUT replaces (left-out fields are emptied), PATCH changes only what it is given', async () => {
    const { app } = current();
    const patched = await call(app, 'PATCH', '/api/v1/datasets/municipalites', {
      token: editor.token,
      body: { version: '2016.2', tags: ['référence'] },
    });
    assert.equal(patched.status, 200, patched.body);
    assert.equal(patched.json.version, '2016.2');
    assert.deepEqual(patched.json.tags, ['référence']);
    assert.equal(patched.json.title.en, 'Municipalities');
    assert.equal(patched.json.update_frequency, 'annual');

    const replaced = await call(app, 'PUT', '/api/v1/datasets/municipalites', {
      token: editor.token,
      body: { name: 'municipalites', title: { fr: 'Répertoire' } },
    });
    assert.equal(replaced.status, 200, replaced.body);
    assert.deepEqual(replaced.json.title, { fr: 'Répertoire', en: null });
    assert.equal(replaced.json.version, null);
    assert.deepEqual(replaced.json.tags, []);
    assert.equal(replaced.json.organization.name, 'mamh');

    const renamed = await call(app, 'PATCH', '/api/v1/datasets/municipalites', {
      token: editor.token,
      body: { name: 'repertoire' },
    });
    assert.equal(renamed.json.name, 'repertoire');
    assert.equal((await call(app, 'GET', '/api/v1/datasets/municipalites')).status, 404);
  });

  test('the activity log says who changed what and when', async () => {
    const { app } = current();
    const activity = await call(app, 'GET', '/api/v1/datasets/repertoire/activity');
    assert.equal(activity.status, 200);
    const [latest, , , first] = activity.json;
    assert.equal(first.activity_type, 'new package');
    assert.equal(latest.activity_type, 'changed package');
    assert.equal(latest.user, 'editrice');
    assert.deepEqual(latest.changes, ['name']);
    assert.ok(Date.parse(latest.timestamp) >= Date.parse(first.timestamp));
    const organization = await call(app, 'GET', '/api/v1/organizations/mamh/activity');
    assert.equal(organization.json.length, 5, "the organisation's creation and the dataset's four changes");
  });

  test('delete is soft: the dataset is gone for users, kept for sysadmins', async () => {
    const { app, ctx } = current();
    assert.equal(
      (await call(app, 'DELETE', '/api/v1/datasets/repertoire', { token: editor.token })).status,
      204,
    );
    assert.equal((await call(app, 'GET', '/api/v1/datasets/repertoire')).status, 404);
    const admin = await seedUser(ctx, 'sysadmin', { sysadmin: true });
    assert.equal(
      (await call(app, 'GET', '/api/v1/datasets/repertoire', { token: admin.token })).json.state,
      'deleted',
    );
    const activity = await call(app, 'GET', '/api/v1/datasets/repertoire/activity', { token: admin.token });
    assert.equal(activity.json[0].activity_type, 'deleted package');
  });

  test('the OpenAPI 3.1 document describes the API, and its reference page renders', async () => {
    const { app } = current();
    const document = (await call(app, 'GET', '/api/v1/openapi.json')).json;
    assert.equal(document.openapi, '3.1.0');
    for (const path of [
      '/api/v1/datasets',
      '/api/v1/datasets/{ref}',
      '/api/v1/datasets/{ref}/resources/upload',
      '/api/v1/organizations',
      '/api/v1/tokens',
      '/api/v1/catalog',
    ]) {
      assert.ok(document.paths[path], `${path} is documented`);
    }
    assert.ok(
      !Object.keys(document.paths).some((path) => path.startsWith('/api/3')),
      'the CKAN facade is documented by CKAN',
    );
    const docs = await call(app, 'GET', '/api/v1/docs');
    assert.equal(docs.status, 302);
    assert.equal(docs.headers.location, '/fr/api');
    const page = await call(app, 'GET', '/fr/api');
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(page.body, /<html lang="fr">/);
    assert.match(page.body, /<code>\/api\/v1\/datasets\/\{ref\}<\/code>/);
  });
});
