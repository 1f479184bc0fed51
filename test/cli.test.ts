import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { run } from '../src/cli.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { createTestDatabase, enginesUnderTest, type TestDatabase } from './helpers/database.js';

/** Runs a CLI command and returns what it printed. */
async function quai(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  const printed: string[] = [];
  const original = console.log;
  console.log = (...values: unknown[]) => printed.push(values.join(' '));
  try {
    const code = await run(args, loadConfig({ LOG_LEVEL: 'silent', DEMO_CONTENT: 'never', ...env }));
    return { code, output: printed.join('\n') };
  } finally {
    console.log = original;
  }
}

for (const engine of enginesUnderTest()) {
  describe(`the quai command line [${engine}]`, () => {
    let env: Record<string, string>;
    let database: TestDatabase | null = null;
    let dataDir: string;

    before(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-cli-'));
      env = { DATA_DIR: dataDir };
      if (engine === 'postgres') {
        database = await createTestDatabase('postgres');
        await database.db.close();
        env.DATABASE_URL = database.url as string;
      }
    });

    after(async () => {
      await database?.destroy().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    });

    test('migrate brings an empty database up to date, twice without harm', async () => {
      assert.deepEqual(await quai(['migrate'], env), { code: 0, output: 'Database schema is up to date.' });
      assert.equal((await quai(['migrate'], env)).code, 0);
    });

    test('user create makes a sysadmin and prints a generated password; token create prints a working token', async () => {
      const created = await quai(
        ['user', 'create', 'alice', '--email', 'alice@quai.test', '--sysadmin'],
        env,
      );
      assert.match(created.output, /^Created sysadmin alice \([0-9a-f-]{36}\)\.\nPassword: \S{16}$/);
      const password = created.output.split('Password: ')[1] as string;
      const token = (await quai(['token', 'create', 'alice', '--name', 'ci'], env)).output;
      assert.match(token, /^quai_/);

      const ctx = await createContext(loadConfig({ LOG_LEVEL: 'silent', ...env }));
      try {
        const actor = await ctx.accounts.actorForToken(token);
        assert.equal(actor?.user?.name, 'alice');
        assert.equal(actor?.user?.sysadmin, true);
        assert.equal((await ctx.accounts.authenticatePassword('alice', password))?.name, 'alice');
      } finally {
        await ctx.close();
      }
    });

    test('procurement import reads SEAO-style events and OCDS packages; a replay adds nothing', async () => {
      const events = await quai(['procurement', 'import', 'docs/examples/evenements-seao.csv'], env);
      assert.equal(events.code, 0);
      assert.match(events.output, /^11 releases read: 11 added, 0 already published, 4 records compiled\.$/);
      const again = await quai(['procurement', 'import', 'docs/examples/evenements-seao.csv'], env);
      assert.match(again.output, /11 releases read: 0 added, 11 already published, 0 records compiled/);
      const ocds = await quai(
        [
          'procurement',
          'import',
          'test/fixtures/ocds/samples/sample-data/fictional-example/1.1/ocds-213czf-000-00001.json',
        ],
        env,
      );
      assert.match(ocds.output, /^6 releases read: 6 added/);
    });

    test('bad commands print the usage and fail', async () => {
      const printed: string[] = [];
      const original = console.error;
      console.error = (...values: unknown[]) => printed.push(values.join(' '));
      try {
        assert.equal((await run(['frobnicate'], loadConfig({ LOG_LEVEL: 'silent', ...env }))).valueOf(), 2);
      } finally {
        console.error = original;
      }
      assert.match(printed.join('\n'), /Usage: quai <command>/);
      await assert.rejects(quai(['user', 'create', 'Pas Valide'], env), /Must be purely lowercase/);
    });
  });
}
