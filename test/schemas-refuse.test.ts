/**
 * "Refuse versions that fail" (issue 18): a resource that declares a schema and
 * `schema_refuse_invalid` keeps its last valid file when a new one fails; the refused file is
 * recorded with its report, readable as the resource is, never by the report's id alone.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sherbrookePermits } from '../src/demo/ecosystems.js';
import { bromontPermits, loadSchemasDemo } from '../src/demo/schemas.js';
import { builtinSnapshots } from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

describeEachEngine('refusing versions that fail their schema', (current) => {
  let editor: Caller;
  let resourceId = '';
  const send = async (method: 'POST' | 'PUT', url: string, content: string, filename: string) => {
    const form = multipart(
      method === 'POST'
        ? {
            metadata: JSON.stringify({
              extras: { schema: 'permis-de-construction@1.0.0', schema_refuse_invalid: 'true' },
            }),
          }
        : {},
      { field: 'file', filename, content },
    );
    const reply = await current().app.inject({
      method,
      url,
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    assert.ok(reply.statusCode < 300, reply.body);
    return JSON.parse(reply.body);
  };

  before(async () => {
    const { ctx, app } = current();
    for (const snapshot of await builtinSnapshots())
      await ctx.reference.publishing.publish(snapshot, { by: 'test' });
    await loadSchemasDemo(ctx);
    const organization = await seedOrganization(ctx, 'ville-stricte');
    editor = await seedUser(ctx, 'editeur-strict', { roles: [[organization, 'editor']] });
    assert.equal(
      (
        await call(app, 'POST', '/api/v1/datasets', {
          token: editor.token,
          body: datasetBody('permis-stricts', 'ville-stricte'),
        })
      ).status,
      201,
    );
  });

  test('a valid first file is accepted; a failing new version is refused and the valid one stays', async () => {
    const { app } = current();
    const created = await send(
      'POST',
      '/api/v1/datasets/permis-stricts/resources/upload',
      sherbrookePermits(),
      'permis.csv',
    );
    resourceId = created.id;
    await until(
      async () => (await call(app, 'GET', `/api/v1/resources/${resourceId}/validation`)).json?.valid === true,
    );
    await send('PUT', `/api/v1/resources/${resourceId}/file`, bromontPermits(), 'permis-faux.csv');
    await until(
      async () =>
        (await call(app, 'GET', `/api/v1/resources/${resourceId}/refused-versions`)).json.length === 1,
    );
    const [refused] = (await call(app, 'GET', `/api/v1/resources/${resourceId}/refused-versions`)).json;
    assert.equal(refused.filename, 'permis-faux.csv');
    assert.equal(refused.report.errorCount, 3);
    assert.equal(refused.report.source.kind, 'refused');
    assert.ok(refused.keptSha256);
    // Not reachable by its id alone (the resource's visibility applies).
    assert.equal((await call(app, 'GET', `/api/v1/validate/${refused.report.id}`)).status, 404);
    await until(async () => {
      const download = await call(app, 'GET', `/api/v1/resources/${resourceId}/download`);
      return download.status === 200 && download.body === sherbrookePermits();
    });
    const report = (await call(app, 'GET', `/api/v1/resources/${resourceId}/validation`)).json;
    assert.equal(report.valid, true);
    assert.equal(report.source.name, 'permis.csv');
  });

  test('a failing first file goes with its resource; the dataset lists the refusal', async () => {
    const { app } = current();
    const created = await send(
      'POST',
      '/api/v1/datasets/permis-stricts/resources/upload',
      bromontPermits(),
      'premier-faux.csv',
    );
    const refusals = async () =>
      (await call(app, 'GET', '/api/v1/datasets/permis-stricts/refused-versions', { token: editor.token }))
        .json;
    await until(async () =>
      (await refusals()).some((r: { resourceId: string }) => r.resourceId === created.id),
    );
    await until(async () => (await call(app, 'GET', `/api/v1/resources/${created.id}`)).status === 404);
    const refused = (await refusals()).find((r: { resourceId: string }) => r.resourceId === created.id);
    assert.equal(refused.keptSha256, null);
    assert.equal(refused.filename, 'premier-faux.csv');
    assert.equal((await refusals()).length, 2, 'both refusals, newest first');
  });
});
