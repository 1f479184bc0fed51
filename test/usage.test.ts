/**
 * Usage statistics: page views, downloads and API reads of a dataset, by month, counted without
 * addresses or cookies and without robots, shown on the dataset's page.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { datastoreClient } from './helpers/datastore.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const SCRIPT = 'python-requests/2.32.3';
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describeEachEngine('usage statistics', (current) => {
  let editor: Caller;
  let resourceId = '';
  const { upload, loaded } = datastoreClient(current, () => editor, 'jeu-utilise');

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'ville-usage');
    editor = await seedUser(ctx, 'editeur-usage', { roles: [[organization, 'editor']] });
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('jeu-utilise', 'ville-usage'),
    });
    assert.equal(created.status, 201, created.body);
    resourceId = await upload('mesures.csv', 'station,valeur\nA,1\nB,2\n');
    assert.equal((await loaded(resourceId)).load.state, 'done');
  });

  test('views, downloads and API reads are counted by month, robots left out, and shown on the page', async () => {
    const { app, ctx } = current();
    const get = (url: string, agent: string) => app.inject({ url, headers: { 'user-agent': agent } });
    // A person views the page twice; a crawler and a script that fetches the page are not readers.
    await get('/fr/jeux-de-donnees/jeu-utilise', BROWSER);
    await get('/en/datasets/jeu-utilise', BROWSER);
    await get('/fr/jeux-de-donnees/jeu-utilise', CRAWLER);
    await get('/fr/jeux-de-donnees/jeu-utilise', 'curl/8.5.0');
    // Downloads: the file, and the data as CSV (a script's download counts; a crawler's does not).
    await get(`/api/v1/resources/${resourceId}/download`, SCRIPT);
    await get(`/api/v1/resources/${resourceId}/data?format=csv`, BROWSER);
    await get(`/api/v1/resources/${resourceId}/download`, CRAWLER);
    // API reads: the REST record, CKAN's package_show, a query of the table.
    await get('/api/v1/datasets/jeu-utilise', SCRIPT);
    await get('/api/3/action/package_show?id=jeu-utilise', SCRIPT);
    await get(`/api/v1/resources/${resourceId}/data?limit=1`, SCRIPT);
    await get('/api/3/action/package_show?id=jeu-utilise', CRAWLER);

    const month = new Intl.DateTimeFormat('fr-CA', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date());
    // Counts are written in batches: flushed until the last query's count (after its answer) is in.
    let body = '';
    await until(async () => {
      await ctx.catalog.pageViews.flush();
      body = (await get('/fr/jeux-de-donnees/jeu-utilise', CRAWLER)).body;
      return /<td class="quai-number">3<\/td><\/tr>/.test(body);
    });
    const page = { body };
    assert.match(
      page.body,
      new RegExp(
        `<th scope="row">${month}</th><td class="quai-number">2</td><td class="quai-number">2</td><td class="quai-number">3</td>`,
      ),
    );
    assert.match(page.body, /Comptés sans adresse IP ni témoin/);
  });

  test('each resource has its own figures: on its page, and by resource on the dataset page', async () => {
    const { app, ctx } = current();
    const get = (url: string, agent: string) => app.inject({ url, headers: { 'user-agent': agent } });
    const resourcePage = `/fr/jeux-de-donnees/jeu-utilise/ressources/${resourceId}`;
    // Views of the resource's page: a person twice (French and English), a crawler not.
    await get(resourcePage, BROWSER);
    await get(`/en/datasets/jeu-utilise/resources/${resourceId}`, BROWSER);
    await get(resourcePage, CRAWLER);
    await ctx.catalog.pageViews.flush();
    const month = new Intl.DateTimeFormat('fr-CA', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date());
    // The resource: 2 views of its page, 2 downloads (file and CSV data), 1 query (the first test's).
    const resource = (await get(resourcePage, CRAWLER)).body;
    assert.match(
      resource,
      new RegExp(
        `<th scope="row">${month}</th><td class="quai-number">2</td><td class="quai-number">2</td><td class="quai-number">1</td>`,
      ),
    );
    // The dataset page lists it by resource; the resource's page views are not the dataset's.
    const dataset = (await get('/fr/jeux-de-donnees/jeu-utilise', CRAWLER)).body;
    assert.match(dataset, /Utilisation par ressource, les douze derniers mois/);
    assert.match(
      dataset,
      /mesures\.csv<\/a><\/th><td class="quai-number">2<\/td><td class="quai-number">2<\/td><td class="quai-number">1<\/td>/,
    );
    assert.match(
      dataset,
      new RegExp(
        `<th scope="row">${month}</th><td class="quai-number">2</td><td class="quai-number">2</td><td class="quai-number">3</td>`,
      ),
    );
  });
});
