import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { run } from '../src/cli.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { builtinSnapshots } from '../src/modules/reference/index.js';
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

    test('user password-link prints a one-time link for an account without a password', async () => {
      const ctx = await createContext(loadConfig({ LOG_LEVEL: 'silent', ...env }));
      try {
        await ctx.accounts.importUser(SYSTEM, {
          id: '6f1c2a4e-6b7d-4c1e-9a51-3f0b8f2d9e10',
          name: 'bruno',
          email: 'bruno@quai.test',
          fullname: 'Bruno',
          about: null,
          sysadmin: false,
        });
      } finally {
        await ctx.close();
      }
      const all = await quai(['user', 'password-link', '--all'], { ...env, BASE_URL: 'https://quai.test' });
      assert.equal(all.code, 0);
      const [name, email, url] = all.output.split('\t');
      assert.deepEqual([name, email], ['bruno', 'bruno@quai.test']);
      assert.match(url ?? '', /^https:\/\/quai\.test\/fr\/mot-de-passe\/[\w-]{43}$/);
      const token = (url ?? '').split('/').pop() as string;
      const check = await createContext(loadConfig({ LOG_LEVEL: 'silent', ...env }));
      try {
        assert.equal((await check.accounts.passwordLinks.check(token))?.userName, 'bruno');
      } finally {
        await check.close();
      }
      // alice has a password: --all leaves her out; by name she gets one.
      assert.doesNotMatch(all.output, /alice/);
      assert.match((await quai(['user', 'password-link', 'alice'], env)).output, /^alice\t/);
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

    test('reference load publishes the first versions; reference import reads MAMH- and D002-style files', async () => {
      const loaded = await quai(['reference', 'load'], env);
      assert.match(loaded.output, /municipalites@2016\.0\.0: published \(1285 entities\)/);
      assert.match(
        (await quai(['reference', 'load'], env)).output,
        /municipalites@2016\.0\.0: already published/,
      );
      // The 2016 state as the MAMH's file would give it, minus two codes the transactions retire.
      const census = (await builtinSnapshots()).find((s) => s.set === 'municipalites');
      const rows = (census?.entities ?? []).filter((e) => !['46025', '46030'].includes(e.code));
      const state = [
        'mcode,munnom,mdes,mrc,regadm,cd',
        ...rows.map((e) =>
          [
            Number(e.code),
            `"${e.name}"`,
            e.attributes.type,
            e.attributes.mrc ?? '',
            e.attributes.mrc === '460' ? '16' : '',
            e.attributes.division,
          ].join(','),
        ),
        '46027,"Pike River-Stanbridge",MÉ,460,16,2446',
      ].join('\n');
      const transactions = [
        'CODE_GEO,DATE_EFFET,TYPE_TRANSACTION,CODE_GEO_RESULTANT,REFERENCE',
        '46025,2018-01-01,Regroupement,46027,G.O. fictive',
        '46030,2018-01-01,Regroupement,46027,G.O. fictive',
        '46078,2018-01-01,Changement de nom,,sans effet ici',
      ].join('\n');
      await writeFile(path.join(dataDir, 'MUN.csv'), state);
      await writeFile(path.join(dataDir, 'D002.csv'), transactions);
      const args = [
        'reference',
        'import',
        'municipalites',
        path.join(dataDir, 'MUN.csv'),
        '--label',
        '2018.0.0-essai',
        '--date',
        '2018-01-01',
        '--transactions',
        path.join(dataDir, 'D002.csv'),
      ];
      // The MAMH file has no typeLabel nor organisation: the structure is the same, only values change.
      const imported = await quai(args, env);
      assert.match(imported.output, /municipalites@2018\.0\.0-essai: published/);
      const ctx = await createContext(loadConfig({ LOG_LEVEL: 'silent', DEMO_CONTENT: 'never', ...env }));
      try {
        const index = await ctx.reference.reference.index('municipalites');
        const retired = index?.find('46030');
        assert.equal(retired?.status, 'retired');
        assert.deepEqual(retired?.current, ['46027']);
        // Codes written as numbers are padded back: 01023 is still Les Îles-de-la-Madeleine.
        assert.equal(index?.find('01023')?.status, 'current');
        assert.equal(index?.find('46078')?.attributes.region, '16');
      } finally {
        await ctx.close();
      }
      await assert.rejects(
        quai(
          [
            'reference',
            'import',
            'municipalites',
            path.join(dataDir, 'D002.csv'),
            '--label',
            'x',
            '--date',
            '2018-01-01',
          ],
          env,
        ),
        /missing columns: mcode/,
      );
    });

    test('harvest add, test and run read a partner’s data.json into an organisation', async () => {
      const catalogue = readFileSync(new URL('./fixtures/harvest/data.json', import.meta.url));
      const server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(catalogue);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/data.json`;
      const withFetch = { ...env, FETCH_ALLOW_LOOPBACK: 'true' };
      try {
        const ctx = await createContext(
          loadConfig({ LOG_LEVEL: 'silent', DEMO_CONTENT: 'never', ...withFetch }),
        );
        await ctx.catalog.groups.create(SYSTEM, 'organization', {
          name: 'ville-de-gatineau',
          title: { fr: 'Ville de Gatineau', en: null },
          description: { fr: null, en: null },
          imageUrl: null,
          euTheme: null,
          extras: {},
        });
        await ctx.close();
        const added = await quai(
          [
            'harvest',
            'add',
            'gatineau',
            '--kind',
            'dcat-us',
            '--url',
            url,
            '--organization',
            'ville-de-gatineau',
          ],
          withFetch,
        );
        assert.equal(added.code, 0, added.output);
        assert.match((await quai(['harvest', 'list'], withFetch)).output, /gatineau\tdcat-us/);
        const tested = await quai(['harvest', 'test', 'gatineau'], withFetch);
        assert.equal(tested.code, 0, tested.output);
        assert.match(tested.output, /Test succeeded: 1 pages, 1 requests\.\n 2 would be created/);
        const ran = await quai(['harvest', 'run', 'gatineau'], withFetch);
        assert.match(ran.output, /Run succeeded: 1 pages, 1 requests\.\n 2 created/);
        assert.match((await quai(['harvest', 'run', 'gatineau'], withFetch)).output, /2 unchanged/);
      } finally {
        server.close();
      }
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
