/**
 * Downloads people open in a spreadsheet: a CSV that French Excel reads right (UTF-8 BOM, `;`,
 * decimal commas), an XLSX workbook, names a person would file, and no internal column.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { describeEachEngine } from './helpers/app.js';
import { datastoreClient, permitsCsv } from './helpers/datastore.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';

describeEachEngine('datastore downloads', (current) => {
  let editor: Caller;
  let id = '';
  const { upload, loaded } = datastoreClient(current, () => editor, 'permis-telechargements');

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'ville-telechargements');
    editor = await seedUser(ctx, 'editeur-telechargements', { roles: [[organization, 'editor']] });
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('permis-telechargements', 'ville-telechargements'),
    });
    assert.equal(created.status, 201, created.body);
    id = await upload('permis-2025.csv', permitsCsv(40));
    assert.equal((await loaded(id)).load.state, 'done');
  });

  const get = (query: string) =>
    current().app.inject({ method: 'GET', url: `/api/v1/resources/${id}/data?${query}` });

  test('a CSV for French Excel: BOM, semicolons, decimal commas, accents intact, no _id', async () => {
    const reply = await get('format=csv&delimiter=%3B&bom=true&decimal=comma&ville=L%C3%A9vis');
    assert.equal(reply.statusCode, 200);
    const bytes = reply.rawPayload;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte order mark');
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
    assert.equal(lines[0], 'numero;ville;montant;date_emission;approuve;description');
    const first = lines[1]?.split(';') ?? [];
    assert.equal(first[1], 'Lévis');
    assert.match(lines[1] ?? '', /^2;Lévis;25;2025-03-03;false;/, 'booleans written as the table holds them');
    const decimals = (await get('format=csv&delimiter=%3B&decimal=comma&numero__lte=3&select=numero,montant'))
      .body;
    assert.deepEqual(decimals.trim().split('\n'), ['numero;montant', '1;12,5', '2;25', '3;37,5']);
    assert.match(lines.join('\n'), /Rénovation d’une façade, Lévis/);
    assert.match(
      String(reply.headers['content-disposition']),
      /^attachment; filename="permis-telechargements-permis-2025-ville-levis\.csv"; filename\*=UTF-8''permis-telechargements-permis-2025-ville-levis\.csv$/,
    );
  });

  test('the standard CSV stays plain; _id only when asked for', async () => {
    const plain = await get('format=csv&numero__lte=2');
    assert.notEqual(plain.rawPayload[0], 0xef, 'no BOM');
    assert.equal(plain.body.split('\n')[0], 'numero,ville,montant,date_emission,approuve,description');
    assert.match(plain.body, /,12\.5,|,12\.50,|,12\.5\n/);
    const withId = await get('format=csv&numero__lte=2&select=_id,numero');
    assert.equal(withId.body.split('\n')[0], '_id,numero');
    const jsonl = await get('format=jsonl&numero__lte=1');
    assert.deepEqual(Object.keys(JSON.parse(jsonl.body.trim())), [
      'numero',
      'ville',
      'montant',
      'date_emission',
      'approuve',
      'description',
    ]);
  });

  test('an XLSX workbook: one sheet named after the resource, typed cells, the filtered rows', async () => {
    const reply = await get('format=xlsx&montant__gte=250');
    assert.equal(reply.statusCode, 200);
    assert.equal(
      reply.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.match(
      String(reply.headers['content-disposition']),
      /permis-telechargements-permis-2025-montant-gte-250\.xlsx/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    assert.equal(sheet.name, 'permis-2025');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, ['numero', 'ville', 'montant', 'date_emission', 'approuve', 'description']);
    // Permits 20 to 40 have 250 $ or more.
    assert.equal(sheet.rowCount, 1 + 21);
    const second = (sheet.getRow(2).values as unknown[]).slice(1);
    assert.equal(second[0], 20);
    assert.equal(second[2], 250);
    assert.equal(typeof second[2], 'number', 'numbers stay numbers');
  });

  test('the resource page offers the Excel CSV and the workbook, for the current filter', async () => {
    const page = await call(
      current().app,
      'GET',
      `/fr/jeux-de-donnees/permis-telechargements/ressources/${id}?q=levis`,
    );
    assert.match(
      page.body,
      new RegExp(
        `href="/api/v1/resources/${id}/data\\?format=csv&amp;delimiter=%3B&amp;bom=true&amp;decimal=comma&amp;q=levis" download>CSV pour Excel</a>`,
      ),
    );
    assert.match(
      page.body,
      new RegExp(
        `href="/api/v1/resources/${id}/data\\?format=xlsx&amp;q=levis" download>Classeur Excel \\(XLSX\\)</a>`,
      ),
    );
    const english = await call(current().app, 'GET', `/en/datasets/permis-telechargements/resources/${id}`);
    assert.match(english.body, /format=csv&amp;delimiter=%2C&amp;bom=true" download>CSV for Excel</);
  });
});
