import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openLocalBlobStore } from './local-blob-store.js';

test('the partial file of an upload cut by a kill -9 is removed at the next start', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'quai-blobs-'));
  try {
    const tmp = path.join(root, 'tmp');
    await mkdir(tmp, { recursive: true });
    // Left by a process killed an hour ago, and one being written right now by another process.
    await writeFile(path.join(tmp, 'abandonne'), 'partiel');
    const anHourAgo = new Date(Date.now() - 3600_000);
    await utimes(path.join(tmp, 'abandonne'), anHourAgo, anHourAgo);
    await writeFile(path.join(tmp, 'en-cours'), 'en cours');
    const store = await openLocalBlobStore(root);
    assert.deepEqual(await readdir(tmp), ['en-cours']);
    await store.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
