import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DirectoryInUseError } from '../src/platform/db/directory-lock.js';
import { openPglite } from '../src/platform/db/pglite.js';

test('the embedded database belongs to one process at a time', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'quai-lock-'));
  const dataDir = path.join(folder, 'pglite');
  try {
    const first = await openPglite({ dataDir });
    await writeFile(`${dataDir}.lock`, '1');
    // pid 1 is alive but is not us: a second opener must refuse.
    await assert.rejects(openPglite({ dataDir }), (error: unknown) => {
      return error instanceof DirectoryInUseError && /in use by process 1/.test(error.message);
    });
    await writeFile(`${dataDir}.lock`, String(process.pid));
    await first.close();

    // A lock left by a process that died is taken over.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    await writeFile(`${dataDir}.lock`, String(dead.pid));
    const again = await openPglite({ dataDir });
    assert.deepEqual(await again.query('SELECT 1 AS one'), [{ one: 1 }]);
    await again.close();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
