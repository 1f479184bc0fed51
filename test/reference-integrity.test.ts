/**
 * Integrity of other data against a reference set (issue 17): a column declared in the data
 * dictionary as holding municipality codes is checked when it is bound, after every load, and
 * again when the set publishes a version — unknown codes, codes retired at the row's date with
 * their successors, names that are not the official one; codes read as numbers are padded.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { builtinSnapshots, fictitiousMunicipalities, type Snapshot } from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { datastoreClient } from './helpers/datastore.js';
import { type Caller, call, datasetBody, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

const CSV = [
  'lieu,code,municipalite,date',
  'A,46078,Bromont,2017-01-10',
  'B,46030,Stanbridge Station,2017-01-10',
  'C,46030,Stanbridge Station,2019-05-01',
  'D,99999,Nulle part,2019-05-01',
  'E,46058,Sutton-Ouest,2019-05-01',
  'F,1023,Les Îles-de-la-Madeleine,2019-05-01',
  'G,46027,Pike River-Stanbridge,2017-01-10',
  'H,,Sans code,2019-05-01',
].join('\n');

describeEachEngine('integrity checks against reference sets', (current) => {
  let editor: Caller;
  let reader: Caller;
  let resource: string;
  let municipalities: Snapshot;
  const { upload, loaded } = datastoreClient(current, () => editor, 'lieux-integrite');
  const report = async () =>
    (
      await call(current().app, 'GET', `/api/v1/resources/${resource}/datastore/integrity`, {
        token: reader.token,
      })
    ).json;
  const findings = (checks: { findings: { kind: string; count: number }[] }[]) =>
    Object.fromEntries((checks[0]?.findings ?? []).map((f) => [f.kind, f.count]));

  before(async () => {
    const { ctx, app } = current();
    const snapshots = await builtinSnapshots();
    for (const snapshot of snapshots) await ctx.reference.publishing.publish(snapshot, { by: 'test' });
    municipalities = snapshots.find((s) => s.set === 'municipalites') as Snapshot;
    const organization = await seedOrganization(ctx, 'mrc-integrite');
    editor = await seedUser(ctx, 'editrice-integrite', { roles: [[organization, 'editor']] });
    reader = await seedUser(ctx, 'lecteur-integrite');
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('lieux-integrite', 'mrc-integrite'),
    });
    assert.equal(created.status, 201, created.body);
    resource = await upload('lieux.csv', CSV);
    assert.equal((await loaded(resource)).load.state, 'done');
  });

  test('binding a column checks it at once: unknown codes, names, padded numbers', async () => {
    const { app } = current();
    const bound = await call(app, 'PUT', `/api/v1/resources/${resource}/datastore/dictionary`, {
      token: editor.token,
      body: {
        columns: [
          {
            id: 'code',
            reference: { set: 'municipalites', as_of_column: 'date', name_column: 'municipalite' },
          },
        ],
      },
    });
    assert.equal(bound.status, 200, bound.body);
    assert.deepEqual(bound.json.columns.find((c: { id: string }) => c.id === 'code').reference, {
      set: 'municipalites',
      as_of_column: 'date',
      name_column: 'municipalite',
    });
    const checks = await report();
    assert.equal(checks.length, 1);
    assert.equal(checks[0].version, 'municipalites@2016.0.0');
    assert.equal(checks[0].rows, 8);
    assert.equal(checks[0].coded, 7);
    // 46027 does not exist in 2016; 1023 is padded to 01023 (Les Îles-de-la-Madeleine).
    assert.deepEqual(findings(checks), { unknown: 2, name_mismatch: 1 });
    const unknown = checks[0].findings.find((f: { kind: string }) => f.kind === 'unknown');
    assert.equal(unknown.severity, 'error');
    assert.deepEqual(
      unknown.samples.map((s: { row: number; value: string }) => [s.row, s.value]),
      [
        [4, '99999'],
        [7, '46027'],
      ],
    );
    assert.match(unknown.message.fr, /inconnus/);
    const names = checks[0].findings.find((f: { kind: string }) => f.kind === 'name_mismatch');
    assert.equal(names.samples[0].official, 'Sutton');
  });

  test('a new version of the set re-checks the column: retired codes at the row’s date, with successors', async () => {
    const { ctx } = current();
    await ctx.reference.publishing.publish(fictitiousMunicipalities(municipalities), { by: 'test' });
    await until(async () => (await report())[0]?.version === 'municipalites@2019.0.0-fictif');
    const checks = await report();
    // 46030 valid on 2017-01-10, retired on 2019-05-01; 46027 not yet valid on 2017-01-10.
    assert.deepEqual(findings(checks), { unknown: 1, retired: 1, not_yet_valid: 1, name_mismatch: 1 });
    const retired = checks[0].findings.find((f: { kind: string }) => f.kind === 'retired');
    assert.deepEqual(
      retired.samples.map((s: { row: number; successors: string[] }) => [s.row, s.successors]),
      [[3, ['46027']]],
    );
  });

  test('a new file is checked after its load, the binding kept; an unbound column has no report', async () => {
    const { app } = current();
    const before = (await report())[0].checked;
    const form = multipart(
      {},
      { field: 'file', filename: 'lieux.csv', content: `${CSV}\nI,00000,Zéro,2019-05-01\n` },
    );
    const replaced = await app.inject({
      method: 'PUT',
      url: `/api/v1/resources/${resource}/file`,
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    assert.equal(replaced.statusCode, 200, replaced.body);
    await until(async () => (await report())[0]?.rows === 9);
    const checks = await report();
    assert.notEqual(checks[0].checked, before);
    assert.equal(findings(checks).unknown, 2);
    const unbound = await call(app, 'PUT', `/api/v1/resources/${resource}/datastore/dictionary`, {
      token: editor.token,
      body: { columns: [{ id: 'code', reference: null }] },
    });
    assert.equal(unbound.status, 200);
    assert.deepEqual(await report(), []);
  });

  test('a binding to an unknown set or column is refused naming the field', async () => {
    const { app } = current();
    const refused = await call(app, 'PUT', `/api/v1/resources/${resource}/datastore/dictionary`, {
      token: editor.token,
      body: { columns: [{ id: 'code', reference: { set: 'planetes', as_of_column: 'jour' } }] },
    });
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.json.errors.map((e: { field: string }) => e.field).sort(), [
      'columns.0.reference.as_of_column',
      'columns.0.reference.set',
    ]);
    const external = await call(app, 'PUT', `/api/v1/resources/${resource}/datastore/dictionary`, {
      token: editor.token,
      body: { columns: [{ id: 'code', reference: { set: 'entreprises' } }] },
    });
    assert.equal(external.status, 422);
  });
});
