/**
 * `quai ckan migrate` (issue 19): a running Quai, which speaks CKAN, is migrated into another with
 * a sysadmin's key: organisations and themes with their ids, public, private and draft datasets
 * with their ids and names, a link kept, an uploaded CSV downloaded with its hash checked and
 * loaded into the datastore, CKAN's addresses working on the new portal. Run again, nothing
 * changes. Each dataset, as package_show gives it, compares equal on both sides except for what
 * a server sets itself (dates, addresses under its own domain).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { describeEachEngine, startTestApp, type TestApp } from './helpers/app.js';
import { datastoreClient, permitsCsv } from './helpers/datastore.js';
import { type Caller, call, datasetBody, seedOrganization, seedTheme, seedUser } from './helpers/fixtures.js';
import { freePort } from './helpers/harvest.js';

let upstream: TestApp;
let upstreamUrl = '';
let admin: Caller;
let csvResource = '';
const CSV = permitsCsv(250);

before(async () => {
  const port = await freePort();
  upstreamUrl = `http://127.0.0.1:${port}`;
  upstream = await startTestApp('pglite', { BASE_URL: upstreamUrl });
  await upstream.app.listen({ port, host: '127.0.0.1' });
  const { ctx, app } = upstream;
  await seedOrganization(ctx, 'ville-de-laval', 'Ville de Laval');
  await seedTheme(ctx, 'environnement', 'Environnement', 'ENVI');
  admin = await seedUser(ctx, 'admin-laval', { sysadmin: true });
  const write = async (body: Record<string, unknown>) => {
    const created = await call(app, 'POST', '/api/v1/datasets', { token: admin.token, body });
    assert.equal(created.status, 201, created.body);
  };
  await write(
    datasetBody('permis-laval', 'ville-de-laval', {
      groups: ['environnement'],
      extras: { source: 'Service de l’urbanisme' },
      resources: [
        { url: 'https://www.laval.ca/permis.html', name: { fr: 'Page des permis' }, format: 'HTML' },
      ],
    }),
  );
  await write(datasetBody('budget-interne', 'ville-de-laval', { private: true }));
  await write(datasetBody('brouillon-laval', 'ville-de-laval', { state: 'draft' }));
  csvResource = await datastoreClient(
    () => upstream,
    () => admin,
    'permis-laval',
  ).upload('permis.csv', CSV);
  await ctx.datastore.ingest.settled(csvResource);
  await ctx.catalog.datasets.get(SYSTEM, 'permis-laval');
});

after(async () => {
  await upstream?.close();
});

/** A package_show dict without what each server sets itself. */
function comparable(pkg: Record<string, unknown>) {
  // creator_user_id: the creator's account is not migrated yet (users come with issue 19's next part).
  const { metadata_created, metadata_modified, creator_user_id, organization, groups, resources, ...rest } =
    pkg as never as Record<string, unknown> & {
      organization: { id: string; name: string };
      groups: { id: string; name: string }[];
      resources: Record<string, unknown>[];
    };
  return {
    ...rest,
    organization: { id: organization.id, name: organization.name },
    groups: groups.map((group) => ({ id: group.id, name: group.name })),
    resources: resources.map(
      ({ created, metadata_modified, last_modified, url, datastore_active, ...resource }) => ({
        ...resource,
        url: String(url).replace(upstreamUrl, 'http://quai.test'),
      }),
    ),
  };
}

describeEachEngine('migrating a CKAN portal', (current) => {
  let local: Caller;
  before(async () => {
    local = await seedUser(current().ctx, 'admin-nouveau-portail', { sysadmin: true });
  });

  test('organisations, themes, datasets and files come over with their ids and names', async () => {
    const { ctx, app } = current();
    const report = await ctx.harvest.migrateCkan({ url: upstreamUrl, apiKey: admin.token });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.organizations, { created: 1, updated: 0, unchanged: 0 });
    assert.deepEqual(report.groups, { created: 1, updated: 0, unchanged: 0 });
    assert.deepEqual(report.datasets, { created: 3, updated: 0, unchanged: 0 });
    assert.equal(report.files, 1);

    for (const name of ['permis-laval', 'budget-interne', 'brouillon-laval']) {
      const there = (
        await call(upstream.app, 'GET', `/api/3/action/package_show?id=${name}`, { token: admin.token })
      ).json.result;
      const here = (await call(app, 'GET', `/api/3/action/package_show?id=${name}`, { token: local.token }))
        .json;
      assert.equal(here.success, true, `${name} is not here: ${JSON.stringify(here)}`);
      assert.deepEqual(comparable(here.result), comparable(there), name);
    }
    // The uploaded file: the same bytes, loaded into the datastore here too.
    await ctx.datastore.ingest.settled(csvResource);
    const rows = await call(app, 'GET', `/api/3/action/datastore_search?resource_id=${csvResource}&limit=0`);
    assert.equal(rows.json.result.total, 250);
    const shown = (await call(app, 'GET', `/api/3/action/resource_show?id=${csvResource}`)).json.result;
    const download = await call(app, 'GET', new URL(shown.url).pathname);
    assert.equal(download.body, CSV);
    // CKAN's addresses on the new portal.
    assert.notEqual((await call(app, 'GET', '/dataset/permis-laval')).status, 404);
    assert.equal((await call(app, 'GET', `/datastore/dump/${csvResource}`)).status, 200);
  });

  test('run again, only what changed upstream changes', async () => {
    const { ctx, app } = current();
    const unchanged = await ctx.harvest.migrateCkan({ url: upstreamUrl, apiKey: admin.token });
    assert.deepEqual(unchanged.datasets, { created: 0, updated: 0, unchanged: 3 });
    assert.equal(unchanged.files, 0);
    const title = `Permis de Laval (${current().engine})`;
    const patched = await call(upstream.app, 'POST', '/api/3/action/package_patch', {
      token: admin.token,
      body: { id: 'budget-interne', title },
    });
    assert.equal(patched.status, 200, patched.body);
    const again = await ctx.harvest.migrateCkan({ url: upstreamUrl, apiKey: admin.token });
    assert.deepEqual(again.datasets, { created: 0, updated: 1, unchanged: 2 });
    const here = (
      await call(app, 'GET', '/api/3/action/package_show?id=budget-interne', { token: local.token })
    ).json.result;
    assert.equal(here.title, title);
  });
});
