import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createRetiredFiles } from './retired-files.js';

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

test('a replaced table file stays readable for its grace period, then goes', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'quai-retired-'));
  const file = path.join(folder, 'old.parquet');
  await writeFile(file, 'x');
  const retired = createRetiredFiles(30);
  retired.retire(file);
  assert.ok(existsSync(file), 'a reader that looked the table up just before still finds its file');
  await until(() => !existsSync(file));
});

test('on close, retired files go at once', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'quai-retired-'));
  const file = path.join(folder, 'old.parquet');
  await writeFile(file, 'x');
  const retired = createRetiredFiles(3_600_000);
  retired.retire(file);
  await retired.close();
  assert.equal(existsSync(file), false);
});
