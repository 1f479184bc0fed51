/**
 * Links to the portal's own files (a reference set's or the registry's exports, under BASE_URL)
 * are served by its APIs: the datastore neither fetches them from itself nor loads them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachEngine, TEST_BASE_URL } from './helpers/app.js';
import { call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

describeEachEngine('datastore and the portal’s own links', (current) => {
  test('a CSV link under BASE_URL is not loaded; another link is', async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'institut');
    const editor = await seedUser(ctx, 'editeur', { roles: [[organization, 'editor']] });
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: JSON.stringify({
        ...datasetBody('liens', 'institut'),
        resources: [
          {
            name: { fr: 'Export du portail' },
            url: `${TEST_BASE_URL}/api/v1/reference/municipalites/download.csv`,
            format: 'CSV',
          },
          { name: { fr: 'Ailleurs' }, url: 'http://fichiers.invalid/donnees.csv', format: 'CSV' },
        ],
      }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(created.status, 201, created.body);
    const [own, other] = created.json.resources as { id: string }[];
    const status = async (id: string) =>
      (await call(app, 'GET', `/api/v1/resources/${id}/datastore`)).json as {
        load: { state: string } | null;
      };
    // The other link is tried (and fails: the host does not exist); by then the dataset's write was handled.
    await until(async () => (await status(other?.id ?? '')).load?.state === 'failed');
    assert.equal((await status(own?.id ?? '')).load, null);
  });
});
