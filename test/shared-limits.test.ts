/**
 * Rate limits behind a load balancer: two web processes on one PostgreSQL database (here two
 * portals in one test process, each with its own connection pool and memory) share the
 * registry's per-client budget, counted in the database. On the embedded database (one
 * process), the budget is counted in memory and this test is skipped.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Context, createContext } from '../src/context.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { call } from './helpers/fixtures.js';

const LIMIT = 6;

describe('rate limits shared by the web processes on PostgreSQL', {
  skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL (PostgreSQL)',
}, () => {
  let database: TestDatabase;
  let dataDir = '';
  const portals: { ctx: Context; app: FastifyInstance }[] = [];

  before(async () => {
    database = await createTestDatabase('postgres');
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-limits-'));
    for (const name of ['web-1', 'web-2']) {
      const config = loadConfig({
        DATA_DIR: path.join(dataDir, name),
        LOG_LEVEL: 'silent',
        DEMO_CONTENT: 'never',
        REFERENCE_PROBE_SECONDS: '0',
        LINK_CHECK_HOURS: '0',
        REGISTRY_RATE_LIMIT: String(LIMIT),
        // Behind the load balancer: the client's address comes in X-Forwarded-For.
        TRUST_PROXY: 'true',
      });
      // Each portal with its own pool, as separate processes would have.
      const db = openPostgres({ url: database.url as string, poolSize: 3 });
      const ctx = await createContext(config, { db, work: false });
      portals.push({ ctx, app: await buildApp(ctx) });
    }
  });
  after(async () => {
    for (const { ctx, app } of portals) {
      await app.close();
      await ctx.close();
    }
    await database.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('one client’s budget is spent across both processes; another client has its own', async () => {
    // The registry's budget is per fixed minute: start with most of a minute ahead, so that the
    // requests below fall in one window (wait for the next window's start otherwise).
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 30_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 50));
    const client = { headers: { 'x-forwarded-for': '203.0.113.7' } };
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const { app } = portals[i % 2] as { app: FastifyInstance };
      statuses.push((await call(app, 'GET', '/api/v1/registry/enterprises?q=tremblay', client)).status);
    }
    assert.deepEqual(
      statuses,
      [...Array(LIMIT).fill(200), 429, 429],
      'alternating between the two, the client gets the budget once, not twice',
    );
    const limited = await call(
      portals[0]?.app as FastifyInstance,
      'GET',
      '/api/v1/registry/enterprises?q=tremblay',
      client,
    );
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const other = await call(
      portals[1]?.app as FastifyInstance,
      'GET',
      '/api/v1/registry/enterprises?q=tremblay',
      {
        headers: { 'x-forwarded-for': '198.51.100.20' },
      },
    );
    assert.equal(other.status, 200);
  });
});
