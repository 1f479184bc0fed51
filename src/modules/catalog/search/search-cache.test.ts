import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSearchCache, type VersionSource } from './search-cache.js';

function versions(): VersionSource & { value: number } {
  return {
    value: 1,
    async current() {
      return String(this.value);
    },
    async bump() {
      this.value++;
    },
  };
}

test('the same search asked while it is computed runs once; the others wait for its answer', async () => {
  const cache = createSearchCache<string>(versions(), { maxEntries: 10, ttlMs: 60_000 });
  let runs = 0;
  let release: (value: string) => void = () => undefined;
  const compute = () => {
    runs++;
    return new Promise<string>((resolve) => {
      release = resolve;
    });
  };
  const answers = Promise.all([cache.remember('eau', compute), cache.remember('eau', compute)]);
  // Let both lookups read the version before the search ends.
  await new Promise((resolve) => setImmediate(resolve));
  release('résultats');
  assert.deepEqual(await answers, ['résultats', 'résultats']);
  assert.equal(runs, 1);
  // A different search is its own.
  assert.equal(await cache.remember('forêt', async () => 'autre'), 'autre');
});

test('a failed search is not kept: the next caller runs it again', async () => {
  const cache = createSearchCache<string>(versions(), { maxEntries: 10, ttlMs: 60_000 });
  await assert.rejects(
    cache.remember('eau', async () => {
      throw new Error('database gone');
    }),
  );
  assert.equal(await cache.remember('eau', async () => 'revenu'), 'revenu');
});

test('after a change, a search computed before it is not served', async () => {
  const repo = versions();
  const cache = createSearchCache<string>(repo, { maxEntries: 10, ttlMs: 60_000 });
  assert.equal(await cache.remember('eau', async () => 'avant'), 'avant');
  await cache.invalidate();
  assert.equal(await cache.remember('eau', async () => 'après'), 'après');
});
