import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Context } from '../src/context.js';
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
import { until } from './helpers/wait.js';

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

/** A second Quai process: its own catalog services and search cache, over the same database. */
function otherProcess(ctx: Context) {
  return createCatalogService({
    db: ctx.db,
    blobs: ctx.blobs,
    jobs: ctx.jobs,
    log: ctx.log,
    searchCacheSize: 100,
    maxUploadBytes: ctx.config.maxUploadBytes,
  });
}

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

  test('the public themes are counted once per catalogue version, even with searches uncached', async () => {
    const { ctx } = current();
    const uncached = createCatalogService({
      db: ctx.db,
      blobs: ctx.blobs,
      jobs: ctx.jobs,
      log: ctx.log,
      searchCacheSize: 0,
      maxUploadBytes: ctx.config.maxUploadBytes,
    });
    try {
      const first = await uncached.search.publicThemes();
      assert.equal(await uncached.search.publicThemes(), first, 'the same counts, not counted again');
      await ctx.catalog.groups.create(SYSTEM, 'group', {
        name: 'theme-compte',
        title: { fr: 'Thème compté', en: null },
        description: { fr: '', en: null },
        imageUrl: null,
        euTheme: null,
        extras: {},
      });
      await uncached.datasets.update(
        SYSTEM,
        'cache-public',
        datasetInput('cache-public', { title: { fr: 'Cache public', en: null }, groups: ['theme-compte'] }),
      );
      // The write bumped the version (searches uncached or not): the themes are counted again.
      await until(async () =>
        (await uncached.search.publicThemes()).some(
          (theme) => theme.value === 'theme-compte' && theme.count === 1,
        ),
      );
    } finally {
      await uncached.search.close();
    }
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

  test('another process sharing the database hears of a change and stops serving its stale result', async () => {
    const { ctx } = current();
    const other = otherProcess(ctx);
    try {
      const before = await other.search.search(ANONYMOUS, everything);
      assert.equal(before.count, 1);
      // Its cached answer is served while nothing changes.
      assert.equal(await other.search.search(ANONYMOUS, everything), before);
      await ctx.catalog.datasets.update(
        SYSTEM,
        'cache-prive',
        datasetInput('cache-prive', { title: { fr: 'Cache privé', en: null }, private: false }),
      );
      // The change is announced on a channel every process listens to (delivered in milliseconds).
      await until(async () => (await other.search.search(ANONYMOUS, everything)).count === 2);
    } finally {
      await other.search.close();
    }
  });

  test('a process whose listening connection is cut listens again and is never stale', async (t) => {
    const { ctx } = current();
    if (ctx.db.engine !== 'postgres') {
      t.skip('an embedded database has one process: its announcements cannot be lost');
      return;
    }
    const other = otherProcess(ctx);
    try {
      const first = await other.search.search(ANONYMOUS, everything);
      const listeners = async () =>
        (
          await ctx.db.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN quai_search_version'`,
          )
        ).map((row) => row.pid);
      await until(async () => (await listeners()).length > 0);
      const cut = await listeners();
      // Its listening connection is cut (a restarted server, a network cut); it listens again.
      await ctx.db.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [cut]);
      await until(async () => (await listeners()).some((pid) => !cut.includes(pid)));
      // A change made since is seen: announcements missed while cut cannot leave it stale.
      await ctx.catalog.datasets.update(
        SYSTEM,
        'cache-public',
        datasetInput('cache-public', { title: { fr: 'Cache public, encore', en: null } }),
      );
      const after = await other.search.search(ANONYMOUS, everything);
      assert.notEqual(after, first);
      assert.ok(after.datasets.some((dataset) => dataset.title.fr === 'Cache public, encore'));
    } finally {
      await other.search.close();
    }
  });
});
