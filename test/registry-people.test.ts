/**
 * People linked to enterprises, under Québec's rules: loaded from BODS 0.4 statements by
 * administrators; shown with their name, roles and professional address only (never a date of
 * birth or a home address); searchable by exact full name only, at most 20 answers, rate-limited
 * and logged; BODS per enterprise valid against the official schema.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { peopleStatements } from '../src/demo/registry/people.js';
import { type GeneratedEdition, writeEdition } from '../src/demo/registry/write-edition.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { validateBods } from '../src/modules/registry/index.js';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, seedUser } from './helpers/fixtures.js';

let directory: string;
let edition: GeneratedEdition;

before(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'quai-people-'));
  edition = await writeEdition({ seed: 5, enterprises: 400, churn: 1 }, 1, directory);
});
after(() => rm(directory, { recursive: true, force: true }));

/** 25 people who share one name, each a director of their own enterprise. */
function namesakes(neqs: string[]): Record<string, unknown>[] {
  return neqs.flatMap((neq, index) =>
    peopleStatements([neq], 1000 + index, '2026-01-02').map((statement) => {
      if (statement.recordType !== 'person') return statement;
      const details = statement.recordDetails as Record<string, unknown>;
      return {
        ...statement,
        recordDetails: { ...details, names: [{ type: 'legal', fullName: 'Homonyme Québécois' }] },
      };
    }),
  );
}

describeEachEngine(
  'registry people and privacy',
  (current) => {
    let admin: Caller;
    let neqs: string[];
    let document: Record<string, unknown>[];

    before(async () => {
      const { ctx } = current();
      admin = await seedUser(ctx, 'admin-registre', { sysadmin: true });
      const imported = await ctx.registry.imports.importEdition(edition.zip);
      assert.equal(imported.state, 'done', JSON.stringify(imported.error));
      const rows = await ctx.db.query<{ neq: string }>(
        'SELECT neq FROM registry.enterprises ORDER BY neq LIMIT 60',
      );
      neqs = rows.map((row) => row.neq);
      document = [...peopleStatements(neqs.slice(0, 30), 9, '2026-01-02'), ...namesakes(neqs.slice(30, 55))];
      assert.deepEqual(validateBods(document), [], 'the generated people are valid BODS');
    });

    const people = () =>
      document.filter((statement) => statement.recordType === 'person') as {
        recordId: string;
        recordDetails: {
          names: { fullName: string }[];
          birthDate: string;
          addresses: { type: string; address: string }[];
        };
      }[];

    test('only administrators load people; invalid BODS is refused with its pointers', async () => {
      const { app, ctx } = current();
      const editor = await seedUser(ctx, 'editeur-registre');
      const refused = await call(app, 'POST', '/api/v1/registry/persons', {
        token: editor.token,
        body: document,
      });
      assert.equal(refused.status, 403);
      const invalid = await call(app, 'POST', '/api/v1/registry/persons', {
        token: admin.token,
        body: [{ statementId: 'court', recordType: 'person' }],
      });
      assert.equal(invalid.status, 422);
      assert.ok(invalid.json.errors.some((error: { field: string }) => error.field === '/0'));
      const loaded = await call(app, 'POST', '/api/v1/registry/persons', {
        token: admin.token,
        body: document,
      });
      assert.equal(loaded.status, 200, loaded.body);
      assert.equal(loaded.json.persons, people().length);
    });

    test('an enterprise shows its people with their roles, never a date of birth or a home address', async () => {
      const { app } = current();
      const neq = neqs[0] as string;
      const reply = await app.inject({ url: `/api/v1/registry/enterprises/${neq}` });
      const enterprise = JSON.parse(reply.body);
      assert.ok(enterprise.people.length >= 1);
      for (const person of people()) {
        const details = person.recordDetails;
        assert.ok(!reply.body.includes(details.birthDate), 'no date of birth');
        for (const address of details.addresses.filter((entry) => entry.type === 'residence'))
          assert.ok(!reply.body.includes(address.address), 'no home address');
      }
      assert.equal(enterprise.people[0].interests.length, 1);
      const page = await app.inject({ url: `/fr/registre-des-entreprises/${neq}` });
      assert.ok(!page.body.includes('rue des Domiciles privés'));
      assert.ok(page.body.includes(enterprise.people[0].fullName), 'the page names its people');

      const bods = await app.inject({ url: `/api/v1/registry/enterprises/${neq}/bods` });
      const statements = JSON.parse(bods.body);
      assert.deepEqual(validateBods(statements), [], 'valid against the official BODS 0.4 schema');
      assert.deepEqual(
        statements.map((statement: { recordType: string }) => statement.recordType).sort(),
        [
          'entity',
          ...enterprise.people.map(() => 'person'),
          ...enterprise.people.map(() => 'relationship'),
        ].sort(),
      );
      assert.ok(!bods.body.includes('birthDate'));
      assert.ok(!bods.body.includes('residence'));
      const entity = statements[0];
      assert.deepEqual(entity.recordDetails.identifiers, [
        { id: neq, scheme: 'CA-QC_QBC', schemeName: 'Numéro d’entreprise du Québec (NEQ)' },
      ]);
      assert.equal(entity.recordDetails.jurisdiction.code, 'CA-QC');
    });

    test('searching people takes the exact full name only, answers at most 20, and is logged', async () => {
      const { app, ctx } = current();
      const someone = people()[0]?.recordDetails.names[0]?.fullName as string;
      let asked = 0;
      const search = (name: string) => {
        asked++;
        return app.inject({
          url: `/api/v1/registry/persons?name=${encodeURIComponent(name)}`,
          remoteAddress: '198.51.100.4',
        });
      };
      const exact = JSON.parse((await search(someone)).body);
      assert.ok(exact.people.length >= 1);
      assert.ok(exact.people.every((person: { fullName: string }) => person.fullName === someone));
      assert.ok(exact.people[0].roles.length >= 1);
      assert.ok(!JSON.stringify(exact).includes('birth'), 'no date of birth');
      const lower = JSON.parse((await search(someone.toLowerCase())).body);
      assert.equal(lower.people.length, exact.people.length, 'case aside');
      const unaccented = someone.normalize('NFD').replace(/\p{M}/gu, '');
      if (unaccented !== someone)
        assert.equal(JSON.parse((await search(unaccented)).body).people.length, 0, 'spelling exact');
      assert.equal(JSON.parse((await search(someone.slice(0, -2))).body).people.length, 0, 'no prefix');
      assert.equal((await search(someone.split(' ')[0] as string)).statusCode, 422, 'a full name');
      assert.equal((await search('Marie %')).statusCode, 422, 'no wildcard');
      const many = JSON.parse((await search('Homonyme Québécois')).body);
      assert.equal(many.people.length, 20);
      assert.equal(many.truncated, true);
      const log = await ctx.db.query<{ query: string; client: string; results: number }>(
        `SELECT query, client, results FROM registry.person_searches WHERE client = '198.51.100.4' ORDER BY id`,
      );
      assert.equal(log.length, asked, 'every attempt, refused ones too');
      assert.equal(log.find((entry) => entry.query === 'Marie %')?.results, 0);
      assert.deepEqual(log.at(-1), { query: 'Homonyme Québécois', client: '198.51.100.4', results: 20 });
    });

    test('bulk files of the edition: enterprises (CSV, Parquet), change log, BODS entities; never a person', async () => {
      const { app, ctx } = current();
      const csv = await app.inject({ url: '/api/v1/registry/bulk/entreprises.csv' });
      assert.equal(csv.statusCode, 200);
      const lines = csv.body.trim().split('\n');
      assert.equal(lines.length, 401, 'a header and every enterprise');
      assert.match(lines[0] ?? '', /^neq,name,status,status_on/);
      const bods = await app.inject({ url: '/api/v1/registry/bulk/bods-entites.jsonl.gz' });
      const statements = gunzipSync(bods.rawPayload)
        .toString('utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.equal(statements.length, 400);
      assert.deepEqual(validateBods(statements.slice(0, 100)), [], 'valid BODS 0.4');
      assert.ok(statements.every((statement) => statement.recordType === 'entity'));
      const parquet = await app.inject({ url: '/api/v1/registry/bulk/entreprises.parquet' });
      assert.equal(parquet.rawPayload.subarray(0, 4).toString(), 'PAR1');
      for (const body of [
        csv.body,
        gunzipSync(bods.rawPayload).toString('utf8'),
        parquet.rawPayload.toString('latin1'),
      ]) {
        // Sole proprietorships bear their owner's name: that is the enterprise's name, published as
        // such. What must never be there is a person of the people's register.
        assert.ok(!body.includes('Homonyme Québécois'), 'no person of the register');
        for (const person of people()) assert.ok(!body.includes(person.recordId), 'no person record');
        assert.ok(!body.includes('Domiciles'), 'no home address');
      }
      const log = await app.inject({ url: '/api/v1/registry/bulk/changements.csv' });
      assert.match(log.body, /^seq,edition,neq,kind,details/);
      const tag = String(csv.headers.etag);
      assert.equal(
        (
          await app.inject({
            url: '/api/v1/registry/bulk/entreprises.csv',
            headers: { 'if-none-match': tag },
          })
        ).statusCode,
        304,
      );
      assert.equal((await app.inject({ url: '/api/v1/registry/bulk/personnes.csv' })).statusCode, 404);
      const dataset = await ctx.catalog.datasets.get(SYSTEM, 'registre-des-entreprises');
      assert.deepEqual(dataset.resources.map((resource) => resource.url?.split('/').pop()).sort(), [
        'bods-entites.jsonl.gz',
        'changements.csv',
        'changements.parquet',
        'entreprises.csv',
        'entreprises.parquet',
        'noms.csv',
        'noms.parquet',
      ]);
      assert.equal(dataset.licenseId, 'cc-by-nc-sa');
    });

    test('past its budget a client gets 429 with Retry-After for people searches', async () => {
      const { app } = current();
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) {
        const reply = await app.inject({
          url: '/api/v1/registry/persons?name=Luc%20Roy',
          remoteAddress: '198.51.100.9',
        });
        statuses.push(reply.statusCode);
        if (reply.statusCode === 429) assert.ok(Number(reply.headers['retry-after']) > 0);
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 429]);
    });
  },
  { PERSON_SEARCH_RATE_LIMIT: '8' },
);
