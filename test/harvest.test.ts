/**
 * Harvesting (issue 19): a partner portal — another running Quai, which speaks CKAN and DCAT — is
 * harvested into an organisation through both interfaces. A test run writes nothing; a run creates
 * the datasets with where they come from (page, CKAN extras, DCAT); a second run changes only what
 * changed upstream; a dataset gone upstream is withdrawn after a complete run and comes back when it
 * reappears; the same datasets reached through the second source are merged, never doubled; local
 * edits of harvested fields are refused while local themes stay.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { describeEachEngine, startTestApp, type TestApp } from './helpers/app.js';
import {
  type Caller,
  call,
  datasetInput,
  seedOrganization,
  seedTheme,
  seedUser,
} from './helpers/fixtures.js';
import { freePort, harvestRun } from './helpers/harvest.js';

let upstream: TestApp;
let upstreamUrl = '';

before(async () => {
  const port = await freePort();
  upstreamUrl = `http://127.0.0.1:${port}`;
  upstream = await startTestApp('pglite', { BASE_URL: upstreamUrl });
  await upstream.app.listen({ port, host: '127.0.0.1' });
  const { ctx } = upstream;
  const sherbrooke = await seedOrganization(ctx, 'ville-de-sherbrooke', 'Ville de Sherbrooke');
  for (const [name, title] of [
    ['permis-de-construction', 'Permis de construction'],
    ['collectes-des-matieres', 'Collectes des matières résiduelles'],
    ['arbres-publics', 'Arbres publics'],
  ] as const) {
    await ctx.catalog.datasets.create(
      SYSTEM,
      datasetInput(name, {
        ownerOrg: sherbrooke.id,
        title: { fr: title, en: null },
        notes: { fr: `${title} de la ville.`, en: null },
        licenseId: 'cc-by',
        tags: ['sherbrooke', 'municipal'],
        url: `https://www.sherbrooke.ca/donnees/${name}`,
        resources: [
          {
            url: `https://donnees.sherbrooke.ca/${name}.csv`,
            name: { fr: `${title} (CSV)`, en: null },
            description: { fr: null, en: null },
            format: 'CSV',
            mimetype: 'text/csv',
            resourceType: null,
            extras: {},
            upload: null,
          },
        ],
      }),
    );
  }
});

after(async () => {
  await upstream?.close();
});

describeEachEngine('harvesting a partner portal', (current) => {
  let admin: Caller;
  let sysadmin: Caller;
  let outsider: Caller;
  let mirrorAdmin: Caller;

  before(async () => {
    const { ctx } = current();
    const region = await seedOrganization(ctx, 'estrie', 'Région de l’Estrie');
    const mirror = await seedOrganization(ctx, 'ville-de-sherbrooke-miroir', 'Ville de Sherbrooke');
    await seedTheme(ctx, 'environnement', 'Environnement', 'ENVI');
    sysadmin = await seedUser(ctx, 'admin-portail', { sysadmin: true });
    admin = await seedUser(ctx, 'admin-estrie', { roles: [[region, 'admin']] });
    outsider = await seedUser(ctx, 'editeur-ailleurs');
    mirrorAdmin = await seedUser(ctx, 'admin-miroir', { roles: [[mirror, 'admin']] });
  });

  const datasetsOf = async (organization: string) =>
    (
      await call(
        current().app,
        'GET',
        `/api/3/action/package_search?fq=organization:${organization}&rows=100`,
      )
    ).json.result;

  test('an organisation admin adds a CKAN source; a bad source is refused field by field', async () => {
    const { app } = current();
    const bad = await call(app, 'POST', '/api/v1/harvest/sources', {
      token: admin.token,
      body: {
        name: 'X',
        title: '',
        organization: 'ville-de-sherbrooke-miroir',
        kind: 'ckan',
        url: 'http://169.254.169.254/latest',
        schedule: 'souvent',
      },
    });
    assert.equal(bad.status, 422);
    const fields = [...new Set(bad.json.errors.map((error: { field: string }) => error.field))].sort();
    assert.deepEqual(fields, ['name', 'organization', 'schedule', 'title', 'url']);
    const internal = await call(app, 'POST', '/api/v1/harvest/sources', {
      token: admin.token,
      body: {
        name: 'interne',
        title: 'Interne',
        organization: 'estrie',
        kind: 'ckan',
        url: 'http://10.1.2.3/',
      },
    });
    assert.equal(internal.status, 422);
    assert.match(JSON.stringify(internal.json), /internal network|réseau interne/);

    const created = await call(app, 'POST', '/api/v1/harvest/sources', {
      token: admin.token,
      body: {
        name: 'sherbrooke-ckan',
        title: 'Sherbrooke (CKAN)',
        organization: 'estrie',
        kind: 'ckan',
        url: `${upstreamUrl}/api/3/action`,
        schedule: '0 3 * * *',
        filters: { organization: 'ville-de-sherbrooke' },
      },
    });
    assert.equal(created.status, 201, created.body);
    assert.ok(created.json.next_run_at, 'a scheduled source knows its next run');
    // Another organisation's editor does not learn that it exists.
    assert.equal(
      (await call(app, 'GET', '/api/v1/harvest/sources/sherbrooke-ckan', { token: outsider.token })).status,
      404,
    );
    assert.equal(
      (await call(app, 'GET', '/api/v1/harvest/sources', { token: outsider.token })).json.length,
      0,
    );
  });

  test('a test run reports what would be created and writes nothing', async () => {
    const { app } = current();
    const report = await harvestRun(app, admin.token, 'sherbrooke-ckan', 'test');
    assert.equal(report.run.status, 'succeeded', report.run.error);
    assert.equal(report.run.dry_run, true);
    assert.equal(report.run.counts.created, 3);
    assert.equal((await datasetsOf('estrie')).count, 0);
  });

  test('a run creates the datasets, which say where they come from', async () => {
    const { app } = current();
    const report = await harvestRun(app, admin.token, 'sherbrooke-ckan');
    assert.equal(report.run.status, 'succeeded', report.run.error);
    assert.equal(report.run.counts.created, 3);
    const found = await datasetsOf('estrie');
    assert.equal(found.count, 3);
    const permits = (await call(app, 'GET', '/api/3/action/package_show?id=permis-de-construction')).json
      .result;
    assert.equal(permits.title, 'Permis de construction');
    assert.equal(permits.license_id, 'cc-by');
    assert.equal(permits.resources[0].url, 'https://donnees.sherbrooke.ca/permis-de-construction.csv');
    const extras = Object.fromEntries(
      permits.extras.map((extra: { key: string; value: string }) => [extra.key, extra.value]),
    );
    assert.equal(extras.harvest_source_title, 'Sherbrooke (CKAN)');
    assert.ok(extras.harvest_source_id && extras.harvest_object_id);
    const turtle = (await call(app, 'GET', `/dataset/${permits.id}.ttl`)).body;
    assert.match(turtle, /adms:identifier/);
    assert.match(turtle, /dct:source/);
    assert.match(turtle, new RegExp(`${upstreamUrl}/dataset/permis-de-construction`));
  });

  test('a harvested field cannot be edited here; a local theme can be added', async () => {
    const { app } = current();
    const refused = await call(app, 'PATCH', '/api/v1/datasets/permis-de-construction', {
      token: admin.token,
      body: { title: { fr: 'Autre titre' } },
    });
    assert.equal(refused.status, 422, refused.body);
    assert.equal(refused.json.errors[0].field, 'title');
    assert.match(refused.json.errors[0].message, /Sherbrooke \(CKAN\)/);
    const themed = await call(app, 'POST', '/api/3/action/package_patch', {
      token: sysadmin.token,
      body: { id: 'permis-de-construction', groups: [{ name: 'environnement' }] },
    });
    assert.equal(themed.status, 200, themed.body);
  });

  test('package_search keeps only the fields fl asks for (what an incremental listing reads)', async () => {
    const listed = (
      await call(upstream.app, 'GET', '/api/3/action/package_search?fl=id,name,metadata_modified&rows=2')
    ).json.result;
    assert.equal(listed.results.length, 2);
    for (const result of listed.results)
      assert.deepEqual(Object.keys(result).sort(), ['id', 'metadata_modified', 'name']);
  });

  test('a second run changes only what changed upstream, and keeps local themes', async () => {
    const { app } = current();
    const { ctx: up } = upstream;
    const trees = await up.catalog.datasets.get(SYSTEM, 'arbres-publics');
    // The upstream portal is shared by the engines' suites: each makes its own change.
    const title = `Arbres publics et privés (${current().engine})`;
    await up.catalog.datasets.update(SYSTEM, trees.id, {
      ...datasetInput('arbres-publics'),
      ownerOrg: trees.organization.id,
      title: { fr: title, en: null },
    });
    const report = await harvestRun(app, admin.token, 'sherbrooke-ckan');
    assert.equal(report.run.status, 'succeeded', report.run.error);
    assert.ok(report.run.incremental_since, 'the second run starts from the first one’s newest date');
    assert.deepEqual(
      {
        updated: report.run.counts.updated,
        unchanged: report.run.counts.unchanged,
        created: report.run.counts.created,
      },
      { updated: 1, unchanged: 2, created: 0 },
    );
    const trees2 = (await call(app, 'GET', '/api/3/action/package_show?id=arbres-publics')).json.result;
    assert.equal(trees2.title, title);
    const permits = (await call(app, 'GET', '/api/3/action/package_show?id=permis-de-construction')).json
      .result;
    assert.deepEqual(
      permits.groups.map((group: { name: string }) => group.name),
      ['environnement'],
    );
  });

  test('the same datasets through a DCAT source are merged into the ones there, never doubled', async () => {
    const { app } = current();
    const created = await call(app, 'POST', '/api/v1/harvest/sources', {
      token: sysadmin.token,
      body: {
        name: 'sherbrooke-dcat',
        title: 'Sherbrooke (DCAT)',
        organization: 'ville-de-sherbrooke-miroir',
        kind: 'dcat',
        url: `${upstreamUrl}/catalog.ttl`,
      },
    });
    assert.equal(created.status, 201, created.body);
    const report = await harvestRun(app, sysadmin.token, 'sherbrooke-dcat');
    assert.equal(report.run.status, 'succeeded', report.run.error);
    assert.equal(report.run.counts.merged, 3, JSON.stringify(report.items));
    assert.equal((await datasetsOf('ville-de-sherbrooke-miroir')).count, 0);
    const merged = (
      await call(app, 'GET', '/api/v1/harvest/sources/sherbrooke-dcat/merged', { token: sysadmin.token })
    ).json;
    assert.equal(merged.length, 3);
    assert.match(merged[0].reason, /identifier|landing page|resource url/);
    // The mirror organisation's admin sees what was merged into datasets they may read, and no
    // more: a dataset made private in Estrie is not named to them.
    const hidden = await call(app, 'PATCH', '/api/v1/datasets/arbres-publics', {
      token: admin.token,
      body: { private: true },
    });
    assert.equal(hidden.status, 200, hidden.body);
    const asMirror = { token: mirrorAdmin.token };
    assert.equal(
      (await call(app, 'GET', '/api/v1/harvest/sources/sherbrooke-dcat/merged', asMirror)).json.length,
      2,
    );
    const runs = (await call(app, 'GET', '/api/v1/harvest/sources/sherbrooke-dcat/runs', asMirror)).json;
    const items = (await call(app, 'GET', `/api/v1/harvest/runs/${runs[0].id}`, asMirror)).json.items;
    assert.equal(items.filter((item: { dataset_id: string | null }) => item.dataset_id === null).length, 1);
    await call(app, 'PATCH', '/api/v1/datasets/arbres-publics', {
      token: admin.token,
      body: { private: false },
    });
  });

  test('a dataset gone upstream is withdrawn after a complete run, and restored when it returns', async () => {
    const { app } = current();
    const { ctx: up } = upstream;
    await up.catalog.datasets.delete(SYSTEM, 'collectes-des-matieres');
    const report = await harvestRun(app, admin.token, 'sherbrooke-ckan');
    assert.equal(report.run.status, 'succeeded', report.run.error);
    assert.equal(report.run.counts.withdrawn, 1);
    // The DCAT source still reaches it until its own complete run says otherwise.
    assert.equal(
      (await call(app, 'GET', '/api/3/action/package_show?id=collectes-des-matieres')).status,
      200,
    );
    const dcat = await harvestRun(app, sysadmin.token, 'sherbrooke-dcat');
    assert.equal(dcat.run.counts.withdrawn, 1);
    assert.equal(
      (await call(app, 'GET', '/api/3/action/package_show?id=collectes-des-matieres')).status,
      404,
    );
    await up.catalog.datasets.restore(SYSTEM, 'collectes-des-matieres');
    const back = await harvestRun(app, admin.token, 'sherbrooke-ckan');
    assert.equal(back.run.counts.restored, 1, JSON.stringify(back.items));
    assert.equal(
      (await call(app, 'GET', '/api/3/action/package_show?id=collectes-des-matieres')).status,
      200,
    );
  });
});
