import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Context, createContext } from '../../src/context.js';
import type { Logger } from '../../src/platform/log.js';
import { createTestDatabase, type Engine, enginesUnderTest } from './database.js';

export const TEST_BASE_URL = 'http://quai.test';

export interface TestApp {
  engine: Engine;
  app: FastifyInstance;
  ctx: Context;
  dataDir: string;
  close(): Promise<void>;
}

/** The real application on a fresh database and a temporary data directory. */
export async function startTestApp(
  engine: Engine,
  env: Record<string, string> = {},
  options: { log?: Logger } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-test-'));
  const database = await createTestDatabase(engine);
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    BASE_URL: TEST_BASE_URL,
    DEMO_CONTENT: 'never',
    REFERENCE_PROBE_SECONDS: '0',
    // The link checker runs only when a test asks it to.
    LINK_CHECK_HOURS: '0',
    // Tests serve linked files on 127.0.0.1: the explicit setting that lets the server fetch them.
    FETCH_ALLOW_LOOPBACK: 'true',
    ...env,
  });
  const ctx = await createContext(config, { db: database.db, work: true, ...options });
  const app = await buildApp(ctx);
  return {
    engine,
    app,
    ctx,
    dataDir,
    async close() {
      await app.close();
      await ctx.close({ keepDatabase: true });
      await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Declares the same suite once per database engine; each gets its own app and database,
 * started before the suite's tests and closed after them.
 */
export function describeEachEngine(
  title: string,
  body: (current: () => TestApp) => void,
  env: Record<string, string> = {},
): void {
  for (const engine of enginesUnderTest()) {
    describe(`${title} [${engine}]`, () => {
      let testApp: TestApp | undefined;
      before(async () => {
        testApp = await startTestApp(engine, env);
      });
      after(async () => {
        await testApp?.close();
      });
      body(() => {
        if (!testApp) throw new Error('the test app is not started');
        return testApp;
      });
    });
  }
}
