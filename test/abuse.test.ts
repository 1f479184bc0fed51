/**
 * What an anonymous stranger can send: each reproduction that once crashed, stalled or tricked
 * the portal, now answered with a clear error while every other request keeps being served.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';

describeEachEngine('abuse of the search', (current) => {
  let editor: Caller;

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'ville-ciblee');
    editor = await seedUser(ctx, 'editeur-cible', { roles: [[organization, 'editor']] });
    for (const name of ['eau-potable', 'budget-municipal']) {
      const created = await call(app, 'POST', '/api/v1/datasets', {
        token: editor.token,
        body: datasetBody(name, 'ville-ciblee'),
      });
      assert.equal(created.status, 201, created.body);
    }
  });

  const ckanSearch = (q: string) =>
    call(current().app, 'GET', `/api/3/action/package_search?q=${encodeURIComponent(q)}`);
  const restSearch = (q: string) => call(current().app, 'GET', `/api/v1/datasets?q=${encodeURIComponent(q)}`);
  const pageSearch = (q: string) =>
    current().app.inject({ url: `/fr/jeux-de-donnees?q=${encodeURIComponent(q)}` });

  // What took the process down or gave 500s: 15 KB of "a OR ", 200–800 repeats, 400 different
  // words, 5,000 open parentheses; and a long run of negations.
  const ABUSIVE = [
    `${'a OR '.repeat(3000)}b`,
    `${'a OR '.repeat(200)}b`,
    `${'a OR '.repeat(800)}b`,
    Array.from({ length: 400 }, (_, i) => `mot${i}`).join(' '),
    '('.repeat(5000),
    `${'NOT '.repeat(900)}eau`,
  ];

  test('an abusive query is a 400 in every interface (CKAN envelope, problem+json, a page), never a 500', async () => {
    for (const q of ABUSIVE) {
      const label = `${q.slice(0, 20)}… (${q.length} characters)`;
      const ckan = await ckanSearch(q);
      assert.equal(ckan.status, 400, `CKAN ${label}: ${ckan.body.slice(0, 200)}`);
      assert.equal(ckan.json.success, false);
      assert.equal(ckan.json.error.__type, 'Search Query Error');

      const rest = await restSearch(q);
      assert.equal(rest.status, 400, `REST ${label}`);
      assert.equal(rest.headers['content-type'], 'application/problem+json; charset=utf-8');

      // The portal's box searches what people type as plain words when the syntax refuses it
      // (five thousand "(" are no words at all); beyond the bounds it says why.
      const page = await pageSearch(q);
      assert.ok([200, 400].includes(page.statusCode), `page ${label}: ${page.statusCode}`);
      if (page.statusCode === 400)
        assert.match(page.body, /Requête de recherche invalide : la requête (dépasse|compte plus de)/);
    }
    for (const q of ABUSIVE.slice(0, 4)) {
      const page = await pageSearch(q);
      assert.equal(page.statusCode, 400, q.slice(0, 20));
      assert.match(page.body, /Requête de recherche invalide : la requête (dépasse|compte plus de)/);
    }
    // The same clauses in fq are bounded alike, and so are q and fq together.
    const fq = await call(
      current().app,
      'GET',
      `/api/3/action/package_search?fq=${encodeURIComponent(`tags:(${'x OR '.repeat(150)}y)`)}`,
    );
    assert.equal(fq.status, 400);
    const together = await call(
      current().app,
      'GET',
      `/api/3/action/package_search?q=${encodeURIComponent('eau '.repeat(60))}&fq=${encodeURIComponent('tags:x '.repeat(60))}`,
    );
    assert.equal(together.status, 400);
    assert.match(together.json.error.message, /more than 100 terms/);
    // The portal keeps answering.
    const after = await ckanSearch('eau');
    assert.equal(after.status, 200);
    assert.equal(after.json.result.count, 1);
  });

  test('the largest queries within the bounds are searched (100 terms, 10 levels)', async () => {
    const flat = await ckanSearch(`${Array.from({ length: 99 }, (_, i) => `mot${i}`).join(' OR ')} OR eau`);
    assert.equal(flat.status, 200, flat.body.slice(0, 300));
    assert.equal(flat.json.result.count, 1);
    const nested = await ckanSearch(`${'('.repeat(10)}eau${')'.repeat(10)}`);
    assert.equal(nested.status, 200);
    assert.equal(nested.json.result.count, 1);
  });

  test('fuzzed over HTTP: any query up to the bound is answered 200 or 400', async () => {
    const piece = fc.oneof(
      fc.constantFrom('(', ')', '"', '[', ']', ':', '*', '-', ' ', ' OR ', ' AND ', 'NOT '),
      fc.constantFrom('eau', 'budget', 'tags:x', 'name:eau-potable', 'metadata_modified:[* TO NOW]'),
      fc.string({ maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 600 }).map((pieces) => pieces.join('')),
        async (q) => {
          const reply = await ckanSearch(q);
          assert.ok(reply.status === 200 || reply.status === 400, `${reply.status} for ${JSON.stringify(q)}`);
        },
      ),
      { numRuns: 150 },
    );
  });
});
