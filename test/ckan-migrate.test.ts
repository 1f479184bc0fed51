/**
 * `quai ckan migrate` (issue 19): a running Quai, which speaks CKAN, is migrated into another with
 * a sysadmin's key: organisations and themes with their ids, accounts with their ids and roles
 * (no passwords: each person sets one through a one-time link), public, private and draft
 * datasets with their ids, names and creators, a link kept, an uploaded CSV downloaded with its
 * hash checked and loaded into the datastore, its chart saved once the table is loaded, CKAN's
 * addresses (datasets, users) working on the new portal. Run again, nothing changes. Each
 * dataset, as package_show gives it, compares equal on both sides except for what a server sets
 * itself (dates, addresses under its own domain).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { describeEachEngine, startTestApp, type TestApp } from './helpers/app.js';
import { datastoreClient, permitsCsv } from './helpers/datastore.js';
import { type Caller, call, datasetBody, seedOrganization, seedTheme, seedUser } from './helpers/fixtures.js';
import { freePort } from './helpers/harvest.js';
import { until } from './helpers/wait.js';
import { WebClient } from './helpers/web-client.js';

let upstream: TestApp;
let upstreamUrl = '';
let admin: Caller;
let csvResource = '';
let chartId = '';
let editorId = '';
const CSV = permitsCsv(250);

before(async () => {
  const port = await freePort();
  upstreamUrl = `http://127.0.0.1:${port}`;
  upstream = await startTestApp('pglite', { BASE_URL: upstreamUrl });
  await upstream.app.listen({ port, host: '127.0.0.1' });
  const { ctx, app } = upstream;
  const laval = await seedOrganization(ctx, 'ville-de-laval', 'Ville de Laval');
  await seedTheme(ctx, 'environnement', 'Environnement', 'ENVI');
  admin = await seedUser(ctx, 'admin-laval', { sysadmin: true });
  await seedUser(ctx, 'editrice-laval', { roles: [[laval, 'editor']] });
  editorId = (await ctx.accounts.requireUser('editrice-laval')).id;
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
  const chart = await call(app, 'POST', `/api/v1/resources/${csvResource}/views`, {
    token: admin.token,
    body: {
      title: { fr: 'Montant par ville', en: 'Cost by city' },
      spec: { kind: 'bar', category: 'ville', measure: { fn: 'sum', column: 'montant' } },
    },
  });
  assert.equal(chart.status, 201, chart.body);
  chartId = chart.json.id;
  await ctx.catalog.datasets.get(SYSTEM, 'permis-laval');
});

after(async () => {
  await upstream?.close();
});

/** A package_show dict without what each server sets itself. */
function comparable(pkg: Record<string, unknown>) {
  const { metadata_created, metadata_modified, organization, groups, resources, ...rest } =
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
    assert.deepEqual(report.users, { created: 2, updated: 0, unchanged: 0 });
    assert.deepEqual(report.memberships, { created: 1, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(report.datasets, { created: 3, updated: 0, unchanged: 0 });
    assert.equal(report.files, 1);
    assert.equal(report.withoutPassword, 2);
    assert.equal(report.views.tables, 1);
    assert.equal(report.views.saved + report.views.pending, 1);

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
    // The chart is saved with its id once the table is loaded here.
    const views = async () =>
      (await call(app, 'GET', `/api/3/action/resource_view_list?id=${csvResource}`)).json.result as {
        id: string;
        view_type: string;
        title: string;
      }[];
    await until(async () => (await views()).some((view) => view.id === chartId));
    assert.deepEqual(
      (await views()).map((view) => [view.view_type, view.title]),
      [
        ['datatables_view', 'Tableau'],
        ['quai_chart', 'Montant par ville'],
      ],
    );
  });

  test('accounts keep their ids and roles, have no password, and each sets one with a one-time link', async () => {
    const { ctx, app } = current();
    const editor = await ctx.accounts.requireUser('editrice-laval');
    assert.equal(editor.id, editorId);
    assert.equal(editor.email, 'editrice-laval@quai.test');
    const laval = await ctx.catalog.groups.require('organization', 'ville-de-laval');
    const members = await ctx.accounts.listMembersFor(SYSTEM, laval.id);
    assert.deepEqual(
      members.map((member) => [member.userName, member.role]),
      [['editrice-laval', 'editor']],
    );
    // No password: signing in is refused until the person sets one.
    assert.equal(
      await ctx.accounts.authenticatePassword('editrice-laval', 'un-mot-de-passe-assez-long'),
      null,
    );
    // CKAN's user page leads to the person's page, which lists what they created.
    const old = await call(app, 'GET', '/user/admin-laval');
    assert.equal(old.status, 302);
    assert.equal(old.headers.location, '/fr/utilisateurs/admin-laval');
    const profile = await call(app, 'GET', '/fr/utilisateurs/admin-laval');
    assert.equal(profile.status, 200);
    assert.match(profile.body, /permis-laval/);
    assert.doesNotMatch(profile.body, /budget-interne|brouillon-laval|@quai\.test/);
    assert.equal((await call(app, 'GET', '/en/user/nobody-here')).status, 301);
    assert.equal((await call(app, 'GET', '/en/users/nobody-here')).status, 404);

    const { token } = await ctx.accounts.passwordLinks.issue(SYSTEM, 'editrice-laval');
    const browser = new WebClient(app);
    const form = await browser.get(`/fr/mot-de-passe/${token}`);
    assert.equal(form.status, 200);
    assert.equal(form.headers['referrer-policy'], 'no-referrer');
    assert.match(form.body, /editrice-laval/);
    const short = await browser.post(`/fr/mot-de-passe/${token}`, {
      password: 'court',
      confirmation: 'court',
    });
    assert.equal(short.status, 422);
    assert.match(short.body, /au moins 12/i);
    const differ = await browser.post(`/fr/mot-de-passe/${token}`, {
      password: 'une phrase de passe solide',
      confirmation: 'une phrase de passe autre',
    });
    assert.equal(differ.status, 422);
    assert.match(differ.body, /diffèrent/);
    const saved = await browser.post(`/fr/mot-de-passe/${token}`, {
      password: 'une phrase de passe solide',
      confirmation: 'une phrase de passe solide',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.location, '/fr/espace');
    assert.equal((await browser.get('/fr/espace')).status, 200);
    assert.ok(await ctx.accounts.authenticatePassword('editrice-laval', 'une phrase de passe solide'));
    // Once only.
    const again = await new WebClient(app).get(`/fr/mot-de-passe/${token}`);
    assert.equal(again.status, 410);
    assert.match(again.body, /expiré ou a déjà servi/);
    assert.equal((await new WebClient(app).get('/en/password/not-a-real-token')).status, 410);
  });

  test('run again, only what changed upstream changes', async () => {
    const { ctx, app } = current();
    const unchanged = await ctx.harvest.migrateCkan({ url: upstreamUrl, apiKey: admin.token });
    assert.deepEqual(unchanged.datasets, { created: 0, updated: 0, unchanged: 3 });
    assert.deepEqual(unchanged.users, { created: 0, updated: 0, unchanged: 2 });
    assert.deepEqual(unchanged.memberships, { created: 0, updated: 0, unchanged: 1, removed: 0 });
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
    // A role changed upstream changes here; a role gone upstream goes here too.
    const laval = await upstream.ctx.catalog.groups.require('organization', 'ville-de-laval');
    await upstream.ctx.accounts.setMembership(SYSTEM, {
      organizationId: laval.id,
      user: 'editrice-laval',
      role: 'admin',
    });
    const promoted = await ctx.harvest.migrateCkan({ url: upstreamUrl, apiKey: admin.token });
    assert.deepEqual(promoted.memberships, { created: 0, updated: 1, unchanged: 0, removed: 0 });
    await upstream.ctx.accounts.removeMembership(SYSTEM, {
      organizationId: laval.id,
      user: 'editrice-laval',
    });
    const removed = await ctx.harvest.migrateCkan({ url: upstreamUrl, apiKey: admin.token });
    assert.deepEqual(removed.memberships, { created: 0, updated: 0, unchanged: 0, removed: 1 });
    assert.deepEqual(await ctx.accounts.listMembersFor(SYSTEM, laval.id), []);
    await upstream.ctx.accounts.setMembership(SYSTEM, {
      organizationId: laval.id,
      user: 'editrice-laval',
      role: 'editor',
    });
  });
});
