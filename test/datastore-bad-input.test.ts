/**
 * Files that must not load, each with the report a publisher can act on: truncated CSV, JSON
 * and workbooks, a 100 MB field, a zip bomb named .xlsx. The portal stays up and the next good
 * file loads.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { describeEachEngine } from './helpers/app.js';
import { datastoreClient, permitsCsv } from './helpers/datastore.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { xlsxZipBomb } from './helpers/zip-bomb.js';

describeEachEngine('datastore bad input', (current) => {
  let editor: Caller;
  const { upload, loaded } = datastoreClient(current, () => editor, 'fichiers-abimes');

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'ville-abimee');
    editor = await seedUser(ctx, 'editeur-abime', { roles: [[organization, 'editor']] });
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('fichiers-abimes', 'ville-abimee'),
    });
    assert.equal(created.status, 201, created.body);
  });

  const failure = async (filename: string, content: Buffer | string) => {
    const status = await loaded(await upload(filename, content));
    assert.equal(status.load.state, 'failed', `${filename} should fail`);
    assert.equal(status.table, null, `${filename} leaves no table`);
    // The message is public: it never says where the server keeps its files.
    const text = JSON.stringify(status.load.error);
    for (const secret of [current().dataDir, '/blobs/', 'sha256/', '/datastore/tmp'])
      assert.ok(!text.includes(secret), `${filename}: ${text}`);
    return status.load.error as { message: { fr: string; en: string }; row?: number };
  };

  test('truncated files: a CSV cut inside a quoted field or a row, a JSON array, a workbook', async () => {
    const csv = permitsCsv(3000);
    const insideQuote = csv.slice(0, csv.indexOf('"Rénovation', csv.length / 2) + 12);
    assert.match(
      (await failure('coupe-guillemet.csv', insideQuote)).message.fr,
      /se termine au milieu d’un champ entre guillemets : il est tronqué/,
    );

    const lines = csv.split('\n');
    const insideRow = `${lines.slice(0, 2500).join('\n')}\n2500;Lévis;31`;
    const ragged = await failure('coupe-ligne.csv', insideRow);
    assert.equal(ragged.row, 2501);
    assert.match(ragged.message.en, /Line 2501 has 3 columns instead of 6/);

    const json = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ numero: i, ville: 'Québec' })));
    assert.match(
      (await failure('coupe.json', json.slice(0, json.length - 40))).message.fr,
      /JSON est mal formé/,
    );

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Permis');
    for (let i = 0; i < 2000; i++) sheet.addRow([i, `Permis ${i}`, i * 2.5]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    assert.match(
      (await failure('coupe.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2)))).message.fr,
      /classeur XLSX n’a pas pu être lu/,
    );
  });

  test('a 100 MB field is refused with its line, without holding the file in memory', async () => {
    const field = Buffer.alloc(100 * 1024 * 1024, 'a');
    const file = Buffer.concat([
      Buffer.from('id,texte\n1,"court"\n2,"'),
      field,
      Buffer.from('"\n3,"court"\n'),
    ]);
    const error = await failure('champ-geant.csv', file);
    assert.match(error.message.fr, /dépasse 2 Mo, la taille permise pour une ligne/);
  });

  test('a zip bomb named .xlsx is stopped before it inflates; the portal stays up and loads the next file', async () => {
    const bomb = xlsxZipBomb();
    assert.ok(bomb.length < 10 * 1024 * 1024, 'a few megabytes that declare 2 GB');
    const status = await loaded(await upload('bombe.xlsx', bomb));
    assert.equal(status.load.state, 'failed');
    assert.match(status.load.error.message.fr, /archive piégée/);
    // Refused from its directory, not by inflating it: not one row was read.
    assert.equal(status.load.rows, 0);

    // A bomb whose directory lies about its size, and one whose sheet is one single giant text:
    // both stopped while counting, before any XML is parsed (no "Invalid string length").
    for (const lying of [
      xlsxZipBomb(2 * 1024 ** 3, { declaredBytes: 100_000 }),
      xlsxZipBomb(800 * 1024 ** 2, { oneCell: true }),
    ]) {
      const refused = await loaded(await upload('bombe-menteuse.xlsx', lying));
      assert.equal(refused.load.state, 'failed');
      assert.match(refused.load.error.message.fr, /archive piégée/);
      assert.equal(refused.load.rows, 0);
    }

    const { app } = current();
    assert.equal((await app.inject({ url: '/fr' })).statusCode, 200);
    const good = await loaded(await upload('permis.csv', permitsCsv(100)));
    assert.equal(good.load.state, 'done');
    assert.equal(good.table.row_count, 100);
  });
});
