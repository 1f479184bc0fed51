/**
 * Procurement: SEAO-style events and OCDS files in, releases and records out. Imports are
 * idempotent and releases immutable; everything published validates against OCDS 1.1.5.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { validateRecordPackage, validateReleasePackage } from '../src/modules/procurement/ocds/validate.js';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, seedUser } from './helpers/fixtures.js';

const exampleCsv = readFileSync('docs/examples/evenements-seao.csv', 'utf8');
const csv = { 'content-type': 'text/csv; charset=utf-8' };
const json = { 'content-type': 'application/json' };

describeEachEngine('procurement imports', (current) => {
  let admin: Caller;
  let editor: Caller;
  before(async () => {
    admin = await seedUser(current().ctx, 'seao-admin', { sysadmin: true });
    editor = await seedUser(current().ctx, 'not-admin');
  });

  test('only portal administrators import', async () => {
    const { app } = current();
    const anonymous = await call(app, 'POST', '/api/v1/procurement/events', {
      body: exampleCsv,
      headers: csv,
    });
    assert.equal(anonymous.status, 403);
    const refused = await call(app, 'POST', '/api/v1/procurement/events', {
      token: editor.token,
      body: exampleCsv,
      headers: csv,
    });
    assert.equal(refused.status, 403);
  });

  test('the example events become one valid release per event, and a replay changes nothing', async () => {
    const { app } = current();
    const first = await call(app, 'POST', '/api/v1/procurement/events', {
      token: admin.token,
      body: exampleCsv,
      headers: csv,
    });
    assert.equal(first.status, 200, first.body);
    assert.equal(first.json.received, 11);
    assert.equal(first.json.added, 11);
    assert.equal(first.json.recompiled, 4);
    assert.deepEqual(first.json.errors, []);
    assert.deepEqual(first.json.warnings, []);

    const again = await call(app, 'POST', '/api/v1/procurement/events', {
      token: admin.token,
      body: exampleCsv,
      headers: csv,
    });
    assert.equal(again.status, 200, again.body);
    assert.deepEqual([again.json.added, again.json.unchanged, again.json.recompiled], [0, 11, 0]);

    const releases = await call(app, 'GET', '/api/v1/procurement/releases?limit=1000');
    assert.equal(releases.json.releases.length, 11);
    assert.deepEqual(validateReleasePackage(releases.json).errors, []);
    assert.deepEqual(validateReleasePackage(releases.json).warnings, []);
  });

  test('a supplementary expense raises the contract value; the record compiles every event', async () => {
    const { app } = current();
    const reply = await call(app, 'GET', '/api/v1/procurement/records/ocds-ec9k95-1702');
    assert.equal(reply.status, 200, reply.body);
    const report = validateRecordPackage(reply.json);
    assert.deepEqual(report.errors, []);
    const [record] = reply.json.records;
    assert.deepEqual(
      record.releases.map((release: { tag: string[] }) => release.tag[0]),
      ['tender', 'award', 'contract', 'contractAmendment'],
    );
    const compiled = record.compiledRelease;
    assert.equal(compiled.tender.status, 'complete');
    assert.equal(compiled.awards[0].value.amount, 1250000);
    assert.deepEqual(compiled.contracts[0].value, { amount: 1325000, currency: 'CAD' });
    assert.equal(compiled.contracts[0].amendments[0].rationale, 'Condition imprévue du tablier');
    const supplier = compiled.parties.find((party: { roles: string[] }) => party.roles.includes('supplier'));
    assert.deepEqual(supplier.identifier, {
      scheme: 'CA-QC_QBC',
      id: '1161234567',
      legalName: 'Construction Lévesque inc.',
    });
    assert.equal(compiled.tender.title_en, 'Rehabilitation of the Etchemin River bridge');
    assert.equal(compiled.language, 'fr');
    // The versioned release keeps the value the contract had before the expense.
    const versions = record.versionedRelease.contracts[0].value.amount;
    assert.deepEqual(
      versions.map((v: { value: number }) => v.value),
      [1250000, 1325000],
    );
    // Linked releases point into a package that holds them.
    const linked = await call(
      app,
      'GET',
      record.releases[0].url.replace('http://quai.test', '').split('#')[0],
    );
    assert.equal(linked.json.releases[0].id, record.releases[0].url.split('#')[1]);
  });

  test('a completed contract is terminated with its final amount; a direct contract is awarded in the same release', async () => {
    const { app } = current();
    const reply = await call(app, 'GET', '/api/v1/procurement/records/ocds-ec9k95-1704');
    const compiled = reply.json.records[0].compiledRelease;
    assert.equal(compiled.tender.procurementMethod, 'direct');
    assert.equal(compiled.awards[0].id, compiled.contracts[0].awardID);
    assert.deepEqual(compiled.contracts[0].value, { amount: 48900, currency: 'CAD' });
    assert.equal(compiled.contracts[0].status, 'terminated');
    assert.equal(compiled.contracts[0].period.endDate, '2026-05-09T23:59:59-04:00');
  });

  test('a changed event under a used id is refused as a conflict, and nothing of that import is kept', async () => {
    const { app } = current();
    const changed = exampleCsv.replace('Besoins révisés', 'Besoins modifiés');
    const withNew = `${changed.trimEnd()}\navis,1799-avis,2026-11-20,1799,X-1,Ville de Gatineau,,,,,,Déneigement,,,,appel_offres_public,services,,,2026-11-20,2026-12-20,,,,,,,,,\n`;
    const reply = await call(app, 'POST', '/api/v1/procurement/events', {
      token: admin.token,
      body: withNew,
      headers: csv,
    });
    assert.equal(reply.status, 409, reply.body);
    assert.match(reply.json.detail, /1703-annulation/);
    const missing = await call(app, 'GET', '/api/v1/procurement/records/ocds-ec9k95-1799');
    assert.equal(missing.status, 404);
  });

  test('bad events are refused with the row, the column and the reason, in French too', async () => {
    const { app } = current();
    const bad = [
      'type_evenement,id_evenement,date_evenement,numeroseao,numero,organisme,titre,type,nature,datepublication,datefermeture,montant_estime',
      'avis,1800-avis,2026-11-20,1800,A-1,Ville de Lévis,Pavage,appel_offres_public,services,2026-11-20,2026-11-01,dix mille',
      'avis,1801-avis,pas une date,1801,A-2,,Pavage,enchère,services,2026-11-20,2026-12-01,',
      'adjudication,1802-adj,2026-11-20,1802,,,,,,,,',
    ].join('\n');
    const reply = await call(app, 'POST', '/api/v1/procurement/events', {
      token: admin.token,
      body: bad,
      headers: { ...csv, 'accept-language': 'fr' },
    });
    assert.equal(reply.status, 422, reply.body);
    const paths = reply.json.errors.map((issue: { field: string }) => issue.field);
    assert.ok(paths.includes('rows.1.montant_estime'), paths.join());
    assert.ok(paths.includes('rows.1.datefermeture'), paths.join());
    assert.ok(paths.includes('rows.2.date_evenement'), paths.join());
    assert.ok(paths.includes('rows.3.numero_contrat'), paths.join());
    assert.match(JSON.stringify(reply.json), /n’est pas un montant/);
    const unknownColumn = await call(app, 'POST', '/api/v1/procurement/events', {
      token: admin.token,
      body: 'type_evenement,id_evenement,date_evenemnt\navis,1,2026-01-01\n',
      headers: csv,
    });
    assert.equal(unknownColumn.status, 422);
    assert.match(unknownColumn.body, /columns\.date_evenemnt/);
  });

  test('OCDS packages from other publishers are accepted as they are, with a validation report', async () => {
    const { app } = current();
    const paraguay = readFileSync(
      'test/fixtures/ocds/samples/ocdskit/tests/fixtures/realdata/release-package_1.1-2.json',
      'utf8',
    );
    const reply = await call(app, 'POST', '/api/v1/procurement/releases', {
      token: admin.token,
      body: paraguay,
      headers: json,
    });
    assert.equal(reply.status, 200, reply.body);
    assert.ok(reply.json.added > 0);
    assert.deepEqual(reply.json.errors, []);
    assert.ok(reply.json.warnings.some((w: { message: string }) => /additional field/.test(w.message)));

    const montreal = readFileSync(
      'test/fixtures/ocds/samples/sample-data/real-examples/canada/montreal/sample/releases/ocds-a1234567-mt-063635891f001755a1637786dd047485f3dcfaf6-063635891f001755a1637786dd047485f3dcfaf6.json',
      'utf8',
    );
    const flawed = await call(app, 'POST', '/api/v1/procurement/releases', {
      token: admin.token,
      body: montreal,
      headers: json,
    });
    assert.equal(flawed.status, 200, flawed.body);
    assert.ok(flawed.json.errors.some((e: { pointer: string }) => e.pointer.endsWith('/initiationType')));
    assert.ok(flawed.json.errors.some((e: { pointer: string }) => e.pointer.endsWith('/tag')));

    const broken = await call(app, 'POST', '/api/v1/procurement/releases', {
      token: admin.token,
      body: '{"releases": [{"id": "x"}]}',
      headers: json,
    });
    assert.equal(broken.status, 422);
    assert.match(broken.body, /releases\/0\/ocid/);
  });

  test('a report lists the first 200 errors and says how many there are in all', async () => {
    const { app } = current();
    // 300 releases, each with two schema errors (a tag that is not a list, an unknown initiation type).
    const releases = Array.from({ length: 300 }, (_, index) => ({
      ocid: `ocds-zz9zz9-rapport-${index}`,
      id: `r-${index}`,
      date: '2026-01-15T10:00:00Z',
      tag: 'tender',
      initiationType: 'nope',
    }));
    const reply = await call(app, 'POST', '/api/v1/procurement/releases', {
      token: admin.token,
      body: JSON.stringify({ releases }),
      headers: json,
    });
    assert.equal(reply.status, 200, reply.body);
    assert.equal(reply.json.added, 300);
    assert.equal(reply.json.validated, 300);
    assert.equal(reply.json.errors.length, 200);
    assert.equal(reply.json.error_count, 600);
    assert.equal(typeof reply.json.warning_count, 'number');
  });

  test('anyone can validate a package: errors by JSON pointer, warnings for extra fields and codes', async () => {
    const { app } = current();
    const valid = readFileSync(
      'test/fixtures/ocds/samples/sample-data/fictional-example/1.1/ocds-213czf-000-00001.json',
      'utf8',
    );
    const ok = await call(app, 'POST', '/api/v1/procurement/validate', { body: valid, headers: json });
    assert.equal(ok.status, 200, ok.body);
    assert.equal(ok.json.valid, true);
    assert.ok(
      ok.json.warnings.some((w: { message: string }) => /open codelist documentType/.test(w.message)),
    );
    const withBadDate = valid.replace('"date": "2009-03-15T14:45:00Z"', '"date": "2009-03-15"');
    assert.notEqual(withBadDate, valid);
    const bad = await call(app, 'POST', '/api/v1/procurement/validate', { body: withBadDate, headers: json });
    assert.equal(bad.json.valid, false);
    assert.ok(
      bad.json.errors.some(
        (e: { pointer: string; message: string }) =>
          e.pointer === '/releases/0/date' && /date-time/.test(e.message),
      ),
      bad.body,
    );
  });
});
