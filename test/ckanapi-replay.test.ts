import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { searchRequest } from '../src/modules/catalog/index.js';
import { startTestApp, TEST_BASE_URL, type TestApp } from './helpers/app.js';
import {
  type CkanapiError,
  dumpDatasets,
  dumpOrganizations,
  load,
  pythonJsonDumps,
  RemoteCkan,
  searchAll,
} from './helpers/ckanapi.js';
import { enginesUnderTest } from './helpers/database.js';
import { type Caller, seedOrganization, seedUser } from './helpers/fixtures.js';

for (const engine of enginesUnderTest()) {
  describe(`ckanapi against Quai: dump one portal, load it into another [${engine}]`, () => {
    let source: TestApp;
    let target: TestApp;
    let sourceAdmin: Caller;
    let targetAdmin: Caller;

    before(async () => {
      source = await startTestApp(engine);
      target = await startTestApp(engine);
      sourceAdmin = await seedUser(source.ctx, 'admin', { sysadmin: true });
      targetAdmin = await seedUser(target.ctx, 'admin', { sysadmin: true });
      await seedOrganization(source.ctx, 'ville-de-laval', 'Ville de Laval');
      const remote = new RemoteCkan(source.app, sourceAdmin.token);
      for (let i = 0; i < 3; i++) {
        await remote.action('package_create', {
          name: `permis-${i}`,
          title: `Permis de rénovation ${i}`,
          notes: 'Données de démonstration à Laval.',
          owner_org: 'ville-de-laval',
          license_id: 'cc-by',
          private: false,
          tags: [{ name: 'rénovation' }],
          extras: [{ key: 'éditeur', value: 'Service de l’urbanisme' }],
          resources: [{ url: 'https://example.com/permis.csv', name: 'Lien' }],
        });
        await remote.action(
          'resource_create',
          { package_id: `permis-${i}`, name: 'Fichier', private: true },
          {
            field: 'upload',
            filename: `permis-${i}.csv`,
            content: Buffer.from(`numero,adresse\n${i},1 rue de l'Église\n`),
          },
        );
      }
    });

    after(async () => {
      await source?.close();
      await target?.close();
    });

    test('the request body is Python-style JSON with non-ASCII escaped', () => {
      assert.equal(pythonJsonDumps({ q: 'Église', rows: 2 }), '{"q": "\\u00c9glise", "rows": 2}');
    });

    test('errors arrive as ckanapi expects them', async () => {
      const remote = new RemoteCkan(source.app, null);
      await assert.rejects(
        remote.action('package_show', { id: 'absent' }),
        (error: CkanapiError) => error.type === 'Not Found Error',
      );
      await assert.rejects(
        remote.action('package_create', { name: 'x' }),
        (error: CkanapiError) => error.type === 'Authorization Error',
      );
      const editor = new RemoteCkan(source.app, sourceAdmin.token);
      await assert.rejects(editor.action('package_create', { name: 'X Y' }), (error: CkanapiError) => {
        return error.type === 'Validation Error' && Array.isArray(error.error.name);
      });
    });

    test('ckanapi search pages through every result and stops on an empty page', async () => {
      const results = await searchAll(new RemoteCkan(source.app, null), { q: 'rénovation' });
      assert.deepEqual(results.map((pkg) => pkg.name).sort(), ['permis-0', 'permis-1', 'permis-2']);
    });

    test('dump and load keep ids, fields and files, from one Quai to another', async () => {
      const from = new RemoteCkan(source.app, sourceAdmin.token);
      const to = new RemoteCkan(target.app, targetAdmin.token);
      await load(to, 'organization', await dumpOrganizations(from));
      const datasets = await dumpDatasets(from);
      assert.equal(datasets.length, 3);
      const fetchFile = async (url: string) =>
        (await source.app.inject({ method: 'GET', url: url.slice(TEST_BASE_URL.length) })).rawPayload;
      await load(to, 'dataset', datasets, fetchFile);

      for (const original of datasets) {
        const copy = await to.action('package_show', { id: original.id });
        for (const key of [
          'id',
          'name',
          'title',
          'notes',
          'owner_org',
          'license_id',
          'tags',
          'extras',
          'title_translated',
        ]) {
          assert.deepEqual(copy[key], original[key], `${key} of ${original.name}`);
        }
        const resources = original.resources as Record<string, unknown>[];
        assert.deepEqual(
          copy.resources.map((r: { id: string }) => r.id),
          resources.map((r) => r.id),
        );
        const uploaded = copy.resources.find((r: { url_type: string }) => r.url_type === 'upload');
        assert.equal(
          uploaded.hash,
          resources.find((r) => r.url_type === 'upload')?.hash,
          'the same bytes were uploaded',
        );
        const download = await target.app.inject({
          method: 'GET',
          url: uploaded.url.slice(TEST_BASE_URL.length),
        });
        assert.match(download.body, /rue de l'Église/);
      }

      // Loading the same dump again updates in place: nothing is duplicated.
      await load(to, 'dataset', datasets);
      const names = (await to.action('package_list')) as string[];
      assert.deepEqual(names, ['permis-0', 'permis-1', 'permis-2']);
      assert.equal(
        (
          await target.ctx.catalog.search.search(
            SYSTEM,
            searchRequest({ rows: 0, includePrivate: true, includeDrafts: true }),
          )
        ).count,
        3,
      );
    });

    test('dump --datastore-fields --resource-views, then load them: tables, dictionaries and views arrive', async () => {
      const from = new RemoteCkan(source.app, sourceAdmin.token);
      const to = new RemoteCkan(target.app, targetAdmin.token);
      const file = async (remote: RemoteCkan, app: TestApp) => {
        const shown = await remote.action('package_show', { id: 'permis-1' });
        const resource = shown.resources.find((r: { url_type: string }) => r.url_type === 'upload');
        await app.ctx.datastore.ingest.settled(resource.id);
        return resource.id as string;
      };
      const resourceId = await file(from, source);
      await from.action('datastore_create', {
        resource_id: resourceId,
        fields: [
          { id: 'numero', type: 'int', info: { label: 'Numéro', notes: 'Numéro du permis' } },
          { id: 'adresse', type: 'text', info: { label: 'Adresse' } },
        ],
        force: true,
      });
      await from.action('resource_view_create', {
        resource_id: resourceId,
        view_type: 'quai_chart',
        title: 'Permis par adresse',
        spec: { kind: 'bar', category: 'adresse', measure: { fn: 'count', column: null } },
      });
      const datasets = await dumpDatasets(from, { datastoreFields: true, resourceViews: true });
      const dumped = (
        (datasets.find((d) => d.name === 'permis-1')?.resources ?? []) as Record<string, unknown>[]
      ).find((r) => r.id === resourceId);
      assert.ok(dumped?.datastore_fields && dumped.resource_views);
      const fetchFile = async (url: string) =>
        (await source.app.inject({ method: 'GET', url: url.slice(TEST_BASE_URL.length) })).rawPayload;
      await load(to, 'dataset', datasets, fetchFile, { datastoreFields: true, resourceViews: true });
      assert.equal(await file(to, target), resourceId);
      const fields = async (remote: RemoteCkan) =>
        (await remote.action('datastore_search', { resource_id: resourceId, limit: 0 })).fields;
      assert.deepEqual(await fields(to), await fields(from), 'the same columns, types and dictionary');
      const records = async (remote: RemoteCkan) =>
        (await remote.action('datastore_search', { resource_id: resourceId })).records;
      assert.deepEqual(await records(to), await records(from), 'the same rows');
      const views = async (remote: RemoteCkan) => remote.action('resource_view_list', { id: resourceId });
      assert.deepEqual(await views(to), await views(from), 'the same views, ids included');
      // Loading again updates the views in place.
      await load(to, 'dataset', datasets, undefined, { datastoreFields: true, resourceViews: true });
      assert.equal((await views(to)).length, 2);
    });
  });
}
