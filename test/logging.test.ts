/**
 * The logs: one logger for the HTTP server and the modules, and the id of a request carried into
 * the jobs it queued (an upload's load is traced to the upload).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../src/platform/log.js';
import { startTestApp } from './helpers/app.js';
import { datastoreClient, permitsCsv } from './helpers/datastore.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';

test('a load is logged under the id of the request that uploaded its file', async () => {
  const records: { msg: string; requestId?: string; reqId?: string; resourceId?: string }[] = [];
  const log = createLogger('info', { write: (line: string) => records.push(JSON.parse(line)) });
  const testApp = await startTestApp('pglite', {}, { log });
  try {
    const organization = await seedOrganization(testApp.ctx, 'ville-journal');
    const editor: Caller = await seedUser(testApp.ctx, 'editeur-journal', {
      roles: [[organization, 'editor']],
    });
    const created = await call(testApp.app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('jeu-journal', 'ville-journal'),
    });
    assert.equal(created.status, 201);
    const { multipart } = await import('./helpers/fixtures.js');
    const form = multipart({}, { field: 'file', filename: 'permis.csv', content: permitsCsv(20) });
    const uploaded = await testApp.app.inject({
      method: 'POST',
      url: '/api/v1/datasets/jeu-journal/resources/upload',
      headers: {
        authorization: editor.token,
        'content-type': form.contentType,
        'x-request-id': 'televersement-42',
      },
      payload: form.payload,
    });
    assert.equal(uploaded.statusCode, 201);
    const resourceId = JSON.parse(uploaded.body).id;
    const { loaded } = datastoreClient(
      () => testApp,
      () => editor,
      'jeu-journal',
    );
    assert.equal((await loaded(resourceId)).load.state, 'done');
    const done = records.find(
      (record) => record.msg === 'datastore load done' && record.resourceId === resourceId,
    );
    assert.ok(done, 'the load is logged');
    assert.equal(done.requestId, 'televersement-42');
    // The request's own lines carry it too.
    assert.ok(
      records.some(
        (record) => record.reqId === 'televersement-42' && record.requestId === 'televersement-42',
      ),
    );
  } finally {
    await testApp.close();
  }
});
