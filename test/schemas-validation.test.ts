/**
 * The Table Schema validator (issue 18): every type and constraint, keys, foreign keys (the same
 * table, a reference set at the row's date), custom checks, the header; values checked as
 * written, reports with row numbers and sentences in French and English.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TableSchema } from '../src/modules/schemas/validation/table-schema.js';
import { validateCsv } from '../src/modules/schemas/validation/validate.duckdb.js';
import { type Duck, openDuck } from '../src/platform/duckdb/index.js';

let directory: string;
let duck: Duck;
let reference: string;

before(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'quai-validate-'));
  duck = await openDuck({ tempDir: path.join(directory, 'duck') });
  reference = path.join(directory, 'municipalites.parquet');
  const connection = await duck.connect();
  await connection.run(
    `COPY (SELECT * FROM (VALUES ('46078', 'Bromont', NULL::DATE, NULL::DATE), ('46030', 'Stanbridge Station', NULL, DATE '2018-01-01'), ('46027', 'Pike River-Stanbridge', DATE '2018-01-01', NULL), ('01023', 'Les Îles', NULL, NULL)) t(code, name, valid_from, valid_to)) TO '${reference}' (FORMAT parquet)`,
  );
  connection.closeSync();
});
after(async () => {
  duck.close();
  await rm(directory, { recursive: true, force: true });
});

async function validate(csv: string, schema: TableSchema) {
  const file = path.join(directory, `f-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, csv);
  return validateCsv(duck, file, schema, async (set) =>
    set === 'municipalites' ? { file: reference, width: 5, version: 'municipalites@test' } : null,
  );
}

const PERMITS: TableSchema = {
  fields: [
    { name: 'numero', type: 'string', constraints: { required: true, unique: true, pattern: 'P-[0-9]{4}' } },
    { name: 'code_mun', type: 'string', constraints: { required: true } },
    { name: 'date_debut', type: 'date' },
    { name: 'montant', type: 'number', constraints: { minimum: 0, maximum: 1000000 } },
    { name: 'logements', type: 'integer', constraints: { minimum: 0 } },
    { name: 'categorie', type: 'string', constraints: { enum: ['Résidentiel', 'Commercial'] } },
    { name: 'approuve', type: 'boolean' },
    { name: 'courriel', type: 'string', format: 'email' },
    { name: 'annee', type: 'year', constraints: { minimum: 2000 } },
    { name: 'description', type: 'string', constraints: { minLength: 3, maxLength: 20 } },
  ],
  primaryKey: 'numero',
  foreignKeys: [
    { fields: 'code_mun', reference: { resource: 'municipalites', fields: 'code', asOfField: 'date_debut' } },
  ],
};
const HEADER = 'numero,code_mun,date_debut,montant,logements,categorie,approuve,courriel,annee,description';

describe('validating a file against a Table Schema', () => {
  test('a valid file has no error; codes keep their zeros', async () => {
    const report = await validate(
      `${HEADER}\nP-0001,46078,2024-05-01,1200.50,2,Résidentiel,true,a@b.qc.ca,2024,Garage neuf\nP-0002,01023,2017-01-01,0,0,Commercial,0,,2017,Agrandissement\n`,
      PERMITS,
    );
    assert.deepEqual(report.errors, []);
    assert.equal(report.valid, true);
    assert.equal(report.rows, 2);
  });

  test('every kind of error is counted by type and column, with rows and plain sentences', async () => {
    const rows = [
      'P-0001,46078,31/02/2024,12.5,2,Résidentiel,true,a@b.qc.ca,2024,Garage',
      'P-0001,46078,2024-05-01,-5,2.5,Industriel,oui,pas-un-courriel,1999,Ok',
      'X-1,46030,2019-05-01,2000000,1,Commercial,false,,2024,Une description bien trop longue',
      ',99999,2024-05-01,10,1,Commercial,1,,2024,Abri',
      'P-0004,1023,2016-01-01,10,1,Commercial,1,,2024,Abri',
    ];
    const report = await validate(`${HEADER}\n${rows.join('\n')}\n`, PERMITS);
    const found: Record<string, number> = {};
    for (const e of report.errors)
      found[`${e.type} ${e.field}`] = (found[`${e.type} ${e.field}`] ?? 0) + e.count;
    assert.deepEqual(found, {
      'type-error date_debut': 1,
      'type-error logements': 1,
      'type-error approuve': 1,
      'type-error courriel': 1,
      'required-error numero': 1,
      'constraint-error numero': 1,
      'constraint-error montant': 2,
      'constraint-error categorie': 1,
      'constraint-error annee': 1,
      'constraint-error description': 2,
      'unique-error numero': 1,
      'primary-key numero': 2,
      'foreign-key code_mun': 2,
    });
    const date = report.errors.find((e) => e.type === 'type-error' && e.field === 'date_debut');
    assert.equal(
      date?.message.fr,
      'La colonne « date_debut » doit contenir une date au format AAAA-MM-JJ : 1 ligne ne l’est pas, dont la ligne 1 : « 31/02/2024 ».',
    );
    assert.match(
      date?.message.en ?? '',
      /^Column "date_debut" must hold a date in the YYYY-MM-DD format: 1 row is not, for instance row 1: "31\/02\/2024"\.$/,
    );
    const fk = report.errors.find((e) => e.type === 'foreign-key');
    // 46030 was retired on 2018-01-01 (row 3 is dated 2019), 99999 never existed; 1023 is padded.
    assert.deepEqual(fk?.samples, [
      { row: 3, value: '46030' },
      { row: 4, value: '99999' },
    ]);
    assert.equal(report.byField.numero, 5);
    assert.equal(report.valid, false);
  });

  test('the header: columns missing from the file or not in the schema', async () => {
    const report = await validate('numero,autre\nP-0001,x\n', {
      fields: [{ name: 'numero' }, { name: 'date', type: 'date' }],
    });
    assert.deepEqual(report.errors.map((e) => `${e.type} ${e.field}`).sort(), [
      'extra-label autre',
      'missing-label date',
    ]);
    assert.match(
      report.errors.find((e) => e.type === 'missing-label')?.message.fr ?? '',
      /manque dans le fichier/,
    );
  });

  test('formats, missing values, number characters, self foreign keys and custom checks', async () => {
    const schema: TableSchema = {
      missingValues: ['', 'NA'],
      fields: [
        { name: 'id', type: 'integer' },
        { name: 'parent', type: 'integer' },
        { name: 'jour', type: 'date', format: '%d/%m/%Y' },
        { name: 'prix', type: 'number', decimalChar: ',', groupChar: ' ' },
        { name: 'cp', type: 'string' },
        { name: 'lat', type: 'number' },
        { name: 'lon', type: 'number' },
        { name: 'duree', type: 'duration' },
        { name: 'point', type: 'geopoint' },
      ],
      foreignKeys: [{ fields: 'parent', reference: { resource: '', fields: 'id' } }],
      custom_checks: [
        { name: 'code-postal-canadien', params: { column: 'cp' } },
        { name: 'coordonnees-quebec', params: { latitude: 'lat', longitude: 'lon' } },
      ],
    };
    const csv = [
      'id,parent,jour,prix,cp,lat,lon,duree,point',
      '1,NA,31/01/2024,"1 234,5",H2X 1Y4,45.5,-73.6,P1DT2H,"45.5, -73.6"',
      '2,1,2024-01-31,12,J0E1A0,48.8,2.35,PT,"95, 10"',
      '3,7,NA,NA,12345,NA,NA,P3M,NA',
    ].join('\n');
    const report = await validate(`${csv}\n`, schema);
    const found = Object.fromEntries(
      report.errors.map((e) => [`${e.type} ${e.field}`, e.samples.map((s) => s.row)]),
    );
    assert.deepEqual(found, {
      'type-error jour': [2],
      'type-error duree': [2],
      'type-error point': [2],
      'custom-error cp': [3],
      'custom-error lat': [2],
      'foreign-key parent': [3],
    });
  });
});
