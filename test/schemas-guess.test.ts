/**
 * Schema guessing (issue 18): from a resource's CSV file, a Table Schema is proposed (types by
 * the values as written, codes kept as text with a pattern, enumerations, required, unique, a
 * primary key), each choice explained; the proposal passes the official profile and validates
 * the file it came from, so a publisher can publish it as a new schema.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';

const header = 'no_collecte,code_postal_region,secteur,date_collecte,tonnes,bacs,participation,commentaire';
const sectors = ['Nord', 'Sud', 'Est', 'Ouest'];
const CSV = `${[
  header,
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `C-${String(i + 1).padStart(4, '0')},0${(i % 9) + 1}2,${sectors[i % 4]},2025-${String((i % 12) + 1).padStart(2, '0')}-15,${(i * 1.5).toFixed(1)},${i * 3},${i % 3 === 0 ? 'true' : 'false'},${i % 5 === 0 ? '' : `note ${i}`}`,
  ),
].join('\n')}\n`;

describeEachEngine('guessing a schema from a file', (current) => {
  let admin: Caller;
  let editor: Caller;
  let resourceId = '';
  before(async () => {
    const { ctx, app } = current();
    admin = await seedUser(ctx, 'admin-devine', { sysadmin: true });
    const organization = await seedOrganization(ctx, 'ville-devine');
    editor = await seedUser(ctx, 'editeur-devine', { roles: [[organization, 'editor']] });
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('collectes-devine', 'ville-devine', { private: true }),
    });
    assert.equal(created.status, 201, created.body);
    const form = multipart({}, { field: 'file', filename: 'collectes.csv', content: CSV });
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/v1/datasets/collectes-devine/resources/upload',
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    resourceId = JSON.parse(uploaded.body).id;
  });

  test('types, codes, enumerations and keys are proposed from the values as written, each explained', async () => {
    const { app } = current();
    const guess = await call(app, 'GET', `/api/v1/resources/${resourceId}/schema-guess`, {
      token: editor.token,
    });
    assert.equal(guess.status, 200, guess.body);
    assert.equal(guess.json.rows, 40);
    const fields = Object.fromEntries(
      guess.json.descriptor.fields.map((f: { name: string; type: string; constraints?: object }) => [
        f.name,
        [f.type, f.constraints ?? {}],
      ]),
    );
    assert.deepEqual(fields, {
      no_collecte: ['string', { pattern: '[A-Z0-9-]{6}', required: true, unique: true }],
      code_postal_region: ['string', { pattern: '[0-9]{3}', required: true }],
      secteur: ['string', { enum: ['Est', 'Nord', 'Ouest', 'Sud'], required: true }],
      date_collecte: ['date', { required: true }],
      tonnes: ['number', { minimum: 0, required: true }],
      bacs: ['integer', { minimum: 0, required: true, unique: true }],
      participation: ['boolean', { required: true }],
      commentaire: ['string', { unique: true }],
    });
    assert.equal(guess.json.descriptor.primaryKey, 'no_collecte');
    assert.match(guess.json.notes.code_postal_region[0].fr, /zéros en tête/);
    assert.match(guess.json.notes.secteur.map((n: { en: string }) => n.en).join(' '), /4 distinct values/);
    // A private dataset's file is guessed only for those who may read it.
    assert.equal((await call(app, 'GET', `/api/v1/resources/${resourceId}/schema-guess`)).status, 404);
  });

  test('the proposal passes the official profile and validates its own file: an editor publishes it', async () => {
    const { app } = current();
    const guess = await call(app, 'GET', `/api/v1/resources/${resourceId}/schema-guess`, {
      token: editor.token,
    });
    const publish = (token: string, version: string) =>
      call(app, 'POST', '/api/v1/schemas', {
        token,
        body: {
          name: 'collectes-municipales',
          version,
          title: { fr: 'Collectes', en: 'Collections' },
          description: { fr: 'Deviné puis relu.', en: 'Guessed then reviewed.' },
          contact: 'donnees@ville-devine.test',
          ecosystems: [],
          changelog: { fr: 'Première version', en: 'First version' },
          descriptor: { ...guess.json.descriptor, version },
          example: CSV,
        },
      });
    const published = await publish(editor.token, '1.0.0');
    assert.equal(published.status, 201, published.body);
    // Later versions come from whoever published the first one (or an administrator).
    const other = await seedUser(current().ctx, 'autre-editeur-devine', {
      roles: [[await current().ctx.catalog.groups.require('organization', 'ville-devine'), 'editor']],
    });
    assert.equal((await publish(other.token, '1.1.0')).status, 403);
    assert.equal((await publish(admin.token, '1.1.0')).status, 201);
  });

  test('a Data Package descriptor is accepted for its one tabular resource’s inline schema', async () => {
    const { app } = current();
    const schema = {
      fields: [
        { name: 'code', type: 'string', constraints: { required: true, pattern: '[0-9]{3}' } },
        { name: 'nom', type: 'string' },
      ],
      primaryKey: 'code',
    };
    const pkg = (resources: unknown, version = '1.0.0') => ({
      $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
      name: 'secteurs',
      version,
      resources,
    });
    const publish = (descriptor: unknown, version = '1.0.0') =>
      call(app, 'POST', '/api/v1/schemas', {
        token: admin.token,
        body: {
          name: 'secteurs',
          version,
          title: { fr: 'Secteurs', en: 'Sectors' },
          description: { fr: 'Paquet', en: 'Package' },
          contact: 'a@quai.test',
          ecosystems: [],
          changelog: { fr: 'Première', en: 'First' },
          descriptor,
          example: 'code,nom\n001,Nord\n002,Sud\n',
        },
      });
    const fields = (reply: { json: { errors: { field: string }[] } }) =>
      reply.json.errors.map((e) => e.field);
    const notInline = await publish(
      pkg([{ name: 'secteurs', path: 'secteurs.csv', schema: 'https://ailleurs.test/s.json' }]),
    );
    assert.equal(notInline.status, 422, notInline.body);
    assert.ok(fields(notInline).includes('descriptor.resources.0.schema'), notInline.body);
    const two = await publish(
      pkg([
        { name: 'a', path: 'a.csv', schema },
        { name: 'b', path: 'b.csv', schema },
      ]),
    );
    assert.deepEqual(fields(two), ['descriptor.resources']);
    const broken = await publish(pkg('pas une liste'));
    assert.equal(broken.status, 422);
    assert.match(broken.json.errors[0].message, /Data Package/);
    const published = await publish(pkg([{ name: 'secteurs', path: 'secteurs.csv', schema }]));
    assert.equal(published.status, 201, published.body);
    const served = (await call(app, 'GET', '/schemas/secteurs/1.0.0/schema.json')).json;
    assert.equal(served.$schema, 'https://datapackage.org/profiles/2.0/tableschema.json');
    assert.equal(served.version, '1.0.0');
    assert.deepEqual(served.fields, schema.fields);
  });
});
