/**
 * Shared schemas and validation reports (issue 18): a schema version is checked before it is
 * published (the official profile, its version, its example), served at permanent URLs; the
 * public validator takes a file or a link (links to internal addresses refused); a resource that
 * declares a schema is validated after each load, its report in French and English.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import { bromontPermits, loadSchemasDemo } from '../src/demo/schemas.js';
import { builtinSnapshots } from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

const PERMITS = new URL('../src/modules/schemas/catalogue/permis-de-construction.json', import.meta.url);
let server: Server;
let port = 0;
before(async () => {
  server = createServer((request, response) => {
    if (request.url === '/permis.csv') {
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.end(bromontPermits());
    } else if (request.url === '/redirect') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      response.end();
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

describeEachEngine(
  'shared schemas and validation',
  (current) => {
    let admin: Caller;
    let editor: Caller;
    let reader: Caller;
    let descriptor: Record<string, unknown>;
    const body = (overrides: Record<string, unknown> = {}) => ({
      name: 'permis-essai',
      version: '1.0.0',
      title: { fr: 'Permis (essai)', en: 'Permits (test)' },
      description: { fr: 'Essai', en: 'Test' },
      contact: 'a@quai.test',
      ecosystems: ['urbanisme'],
      changelog: { fr: 'Première version', en: 'First version' },
      descriptor: { ...descriptor, name: 'permis-essai', version: '1.0.0' },
      example: bromontPermits().split('\n').slice(0, 3).join('\n'),
      ...overrides,
    });

    before(async () => {
      const { ctx } = current();
      for (const snapshot of await builtinSnapshots())
        await ctx.reference.publishing.publish(snapshot, { by: 'test' });
      admin = await seedUser(ctx, 'admin-schemas', { sysadmin: true });
      const organization = await seedOrganization(ctx, 'ville-schemas');
      editor = await seedUser(ctx, 'editeur-schemas', { roles: [[organization, 'editor']] });
      reader = await seedUser(ctx, 'lecteur-schemas', { roles: [[organization, 'member']] });
      descriptor = JSON.parse(await readFile(PERMITS, 'utf8'));
    });

    test('a schema version is checked before it is published, then served at permanent URLs', async () => {
      const { app } = current();
      const refused = await call(app, 'POST', '/api/v1/schemas', { token: reader.token, body: body() });
      assert.equal(refused.status, 403, 'a person who publishes nothing');
      const created = await call(app, 'POST', '/api/v1/schemas', { token: admin.token, body: body() });
      assert.equal(created.status, 201, created.body);
      assert.equal(created.json.latest, '1.0.0');
      const file = await call(app, 'GET', '/schemas/permis-essai/1.0.0/schema.json');
      assert.equal(file.status, 200);
      assert.equal(file.json.version, '1.0.0');
      assert.match(String(file.headers['cache-control']), /immutable/);
      assert.equal(
        (await call(app, 'GET', '/schemas/permis-essai/latest/schema.json')).json.version,
        '1.0.0',
      );
      assert.equal((await call(app, 'GET', '/schemas/permis-essai/9.9.9/schema.json')).status, 404);
    });

    test('refused: a descriptor the profile rejects, a version that differs or does not follow, an example that fails', async () => {
      const { app } = current();
      const fields = (reply: { json: { errors: { field: string }[] } }) =>
        reply.json.errors.map((e) => e.field);
      const badType = await call(app, 'POST', '/api/v1/schemas', {
        token: admin.token,
        body: body({
          version: '1.1.0',
          descriptor: { version: '1.1.0', fields: [{ name: 'a', type: 'nonsense' }] },
        }),
      });
      assert.equal(badType.status, 422);
      assert.ok(
        fields(badType).some((f: string) => f.startsWith('descriptor.fields.0')),
        badType.body,
      );
      const mismatch = await call(app, 'POST', '/api/v1/schemas', {
        token: admin.token,
        body: body({ version: '1.1.0' }),
      });
      assert.deepEqual(fields(mismatch), ['descriptor.version']);
      const older = await call(app, 'POST', '/api/v1/schemas', {
        token: admin.token,
        body: body({
          version: '0.9.0',
          descriptor: { ...descriptor, name: 'permis-essai', version: '0.9.0' },
        }),
      });
      assert.ok(fields(older).includes('version'));
      const failing = await call(app, 'POST', '/api/v1/schemas', {
        token: admin.token,
        body: body({
          version: '1.1.0',
          descriptor: { ...descriptor, name: 'permis-essai', version: '1.1.0' },
          example: 'numero\nX\n',
        }),
      });
      assert.deepEqual(fields(failing), ['example']);
      assert.match(failing.json.errors[0].message, /missing from the file/);
      const unknownSet = await call(app, 'POST', '/api/v1/schemas', {
        token: admin.token,
        body: body({
          version: '1.1.0',
          descriptor: {
            ...descriptor,
            name: 'permis-essai',
            version: '1.1.0',
            foreignKeys: [
              { fields: 'code_municipalite', reference: { resource: 'planetes', fields: 'code' } },
            ],
          },
        }),
      });
      assert.deepEqual(fields(unknownSet), ['descriptor.foreignKeys.0.reference.resource']);
    });

    test('the public validator: an upload, a link; a link to an internal address is refused', async () => {
      const { app, ctx } = current();
      await loadSchemasDemo(ctx);
      const form = multipart(
        { schema: 'permis-de-construction@1.0.0' },
        { field: 'file', filename: 'permis.csv', content: bromontPermits() },
      );
      const uploaded = await app.inject({
        method: 'POST',
        url: '/api/v1/validate',
        headers: { 'content-type': form.contentType },
        payload: form.payload,
      });
      assert.equal(uploaded.statusCode, 201, uploaded.body);
      const report = JSON.parse(uploaded.body);
      assert.equal(report.rows, 120);
      assert.deepEqual(report.byType, { 'type-error': 1, 'constraint-error': 1, 'foreign-key': 1 });
      assert.equal(
        report.errors.find((e: { type: string }) => e.type === 'type-error').message.fr,
        'La colonne « date_depot » doit contenir une date au format AAAA-MM-JJ : 1 ligne ne l’est pas, dont la ligne 17 : « 12/05/2025 ».',
      );
      assert.ok(report.expires);
      assert.equal((await call(app, 'GET', `/api/v1/validate/${report.id}`)).json.id, report.id);
      const linked = await call(app, 'POST', '/api/v1/validate', {
        body: { url: `http://127.0.0.1:${port}/permis.csv`, schema: 'permis-de-construction' },
      });
      assert.equal(linked.status, 201, linked.body);
      assert.equal(linked.json.errorCount, 3);
      const redirected = await call(app, 'POST', '/api/v1/validate', {
        body: { url: `http://127.0.0.1:${port}/redirect`, schema: 'permis-de-construction' },
      });
      assert.equal(redirected.status, 422);
      assert.match(redirected.json.detail, /internal address/);
      const unknown = await call(app, 'POST', '/api/v1/validate', {
        body: { url: `http://127.0.0.1:${port}/permis.csv`, schema: 'inconnu@1.0.0' },
      });
      assert.equal(unknown.status, 404);
    });

    test('a resource that declares a schema is validated after its load; the report follows the resource’s visibility', async () => {
      const { app } = current();
      const created = await call(app, 'POST', '/api/v1/datasets', {
        token: editor.token,
        body: datasetBody('permis-schemas', 'ville-schemas'),
      });
      assert.equal(created.status, 201, created.body);
      const form = multipart(
        { metadata: JSON.stringify({ extras: { schema: 'permis-de-construction@1.0.0' } }) },
        { field: 'file', filename: 'permis.csv', content: bromontPermits() },
      );
      const uploaded = await app.inject({
        method: 'POST',
        url: '/api/v1/datasets/permis-schemas/resources/upload',
        headers: { authorization: editor.token, 'content-type': form.contentType },
        payload: form.payload,
      });
      assert.equal(uploaded.statusCode, 201, uploaded.body);
      const id = JSON.parse(uploaded.body).id;
      await until(async () => (await call(app, 'GET', `/api/v1/resources/${id}/validation`)).json !== null);
      const report = (
        await call(app, 'GET', `/api/v1/resources/${id}/validation`, { headers: { 'accept-language': 'fr' } })
      ).json;
      assert.equal(report.schema.name, 'permis-de-construction');
      assert.equal(report.errorCount, 3);
      assert.equal(report.expires, null);
      // In DCAT, the distribution conforms to the schema's descriptor at its permanent URL.
      const turtle = (await call(app, 'GET', '/dataset/permis-schemas.ttl')).body;
      assert.match(
        turtle,
        /dct:conformsTo <http:\/\/quai\.test\/schemas\/permis-de-construction\/1\.0\.0\/schema\.json>/,
      );
    });
  },
  { FETCH_ALLOW_LOOPBACK: 'true' },
);

describeEachEngine(
  'the server-side request guard, without the loopback setting',
  (current) => {
    test('a link to 127.0.0.1 is refused, nothing is fetched', async () => {
      const { app, ctx } = current();
      for (const snapshot of await builtinSnapshots())
        await ctx.reference.publishing.publish(snapshot, { by: 'test' });
      await loadSchemasDemo(ctx);
      for (const url of [
        `http://127.0.0.1:${port}/permis.csv`,
        'http://[::1]/x.csv',
        'http://10.0.0.1/x.csv',
        'http://169.254.169.254/latest/meta-data/',
        'http://localhost:65000/x.csv',
      ]) {
        const reply = await call(app, 'POST', '/api/v1/validate', {
          body: { url, schema: 'permis-de-construction' },
        });
        assert.equal(reply.status, 422, `${url}: ${reply.body}`);
        assert.match(reply.json.detail, /internal address/, url);
      }
    });
    test('a resource linking to an internal address is not downloaded: its load fails saying why', async () => {
      const { app, ctx } = current();
      const organization = await seedOrganization(ctx, 'ville-garde');
      const editor = await seedUser(ctx, 'editeur-garde', { roles: [[organization, 'editor']] });
      const created = await call(app, 'POST', '/api/v1/datasets', {
        token: editor.token,
        body: datasetBody('lien-interne', 'ville-garde', {
          resources: [
            {
              url: `http://127.0.0.1:${port}/permis.csv`,
              name: { fr: 'Permis', en: 'Permits' },
              format: 'CSV',
            },
          ],
        }),
      });
      assert.equal(created.status, 201, created.body);
      const id = created.json.resources[0].id;
      const load = await ctx.datastore.ingest.settled(id);
      assert.equal(load.state, 'failed');
      assert.match(load.error?.message.en ?? '', /not a public address/);
    });
  },
  { FETCH_ALLOW_LOOPBACK: 'false' },
);
