import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('defaults give a working local portal', () => {
  const config = loadConfig({});
  assert.equal(config.port, 8080);
  assert.equal(config.baseUrl, 'http://localhost:8080');
  assert.equal(config.dataDir, path.resolve('var'));
  assert.equal(config.databaseUrl, null);
  assert.equal(config.maxUploadBytes, 50 * 1024 ** 3);
  assert.equal(config.demoContent, 'auto');
});

test('every bad variable is reported at once', () => {
  assert.throws(
    () =>
      loadConfig({
        PORT: 'huit',
        DATABASE_URL: 'mysql://x',
        BASE_URL: 'localhost',
        LOG_LEVEL: 'loud',
        DEMO_CONTENT: 'yes',
        TRUST_PROXY: 'peut-être',
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(
        error.problems.map((problem) => problem.split(':')[0]),
        ['PORT', 'DATABASE_URL', 'BASE_URL', 'LOG_LEVEL', 'DEMO_CONTENT', 'TRUST_PROXY'],
      );
      return true;
    },
  );
});

test('BASE_URL loses its trailing slash', () => {
  assert.equal(loadConfig({ BASE_URL: 'https://donnees.example/' }).baseUrl, 'https://donnees.example');
});
