import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ANONYMOUS, SYSTEM } from '../src/modules/accounts/index.js';
// A second process's own catalog services (its own search cache), over the same database.
import { createCatalogService } from '../src/modules/catalog/catalog.service.js';
import type { SearchRequest } from '../src/modules/catalog/index.js';
import { describeEachEngine } from './helpers/app.js';
import {
  type Caller,
  call,
  datasetBody,
  datasetInput,
  seedOrganization,
  seedUser,
} from './helpers/fixtures.js';

const everything: SearchRequest = {
  q: 'cache',
  fq: [],
  sort: 'name asc',
  rows: 10,
  start: 0,
  facetFields: ['organization'],
  facetLimit: 50,
  includePrivate: true,
  includeDrafts: false,
  includeDeleted: false,
};

describeEachEngine('the search cache', (current) => {
  let editor: Caller;

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'org');
    editor = await seedUser(ctx, 'editeur', { roles: [[organization, 'editor']] });
    await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('cache-public', 'org', { title: { fr: 'Cache public' } }),
    });
    await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('cache-prive', 'org', { title: { fr: 'Cache privé' }, private: true }),
    });
    // Their quality scores land in the catalog shortly after (a change that empties the cache):
    // the tests start once they have.
    for (const name of ['cache-public', 'cache-prive']) {
      const { id } = await ctx.catalog.datasets.get(SYSTEM, name);
      await ctx.quality.scores.settled(id, () => true);
    }
  });

  test('a public search is answered once, then reused until the catalogue changes', async () => {
    const { ctx, app } = current();
    const first = await ctx.catalog.search.search(ANONYMOUS, everything);
    const again = await ctx.catalog.search.search(ANONYMOUS, everything);
    assert.equal(again, first, 'the very same result object');
    await call(app, 'PATCH', '/api/v1/datasets/cache-public', {
      token: editor.token,
      body: { title: { fr: 'Cache public modifié' } },
    });
    const after = await ctx.catalog.search.search(ANONYMOUS, everything);
    assert.notEqual(after, first);
    assert.equal(after.datasets[0]?.title.fr, 'Cache public modifié');
  });

  test('searches that may see private datasets are never cached nor served from the cache', async () => {
    const { ctx } = current();
    const member = (await ctx.accounts.actorForToken(editor.token))!;
    await ctx.catalog.search.search(ANONYMOUS, everything);
    const own = await ctx.catalog.search.search(member, everything);
    assert.deepEqual(
      own.datasets.map((d) => d.name),
      ['cache-prive', 'cache-public'],
    );
    const anonymous = await ctx.catalog.search.search(ANONYMOUS, everything);
    assert.deepEqual(
      anonymous.datasets.map((d) => d.name),
      ['cache-public'],
    );
  });

  test('another process sharing the database sees a change at once', async () => {
    const { ctx } = current();
    // A second Quai process: its own services and cache, the same database.
    const other = createCatalogService({
      db: ctx.db,
      blobs: ctx.blobs,
      jobs: ctx.jobs,
      log: ctx.log,
      searchCacheSize: 100,
      maxUploadBytes: ctx.config.maxUploadBytes,
    });
    const before = await other.search.search(ANONYMOUS, everything);
    assert.equal(before.count, 1);
    await ctx.catalog.datasets.update(
      SYSTEM,
      'cache-prive',
      datasetInput('cache-prive', { title: { fr: 'Cache privé', en: null }, private: false }),
    );
    const after = await other.search.search(ANONYMOUS, everything);
    assert.equal(after.count, 2, 'the other process does not serve its stale result');
  });
});
