import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tabularFormat } from './source-format.js';

test('a compressed file or an archive is never queued as a table, whatever format it declares', () => {
  // The procurement dataset's monthly files, exactly as the catalog holds them.
  for (const file of ['releases.json.gz', 'records.json.gz', 'releases.jsonl.gz']) {
    assert.equal(
      tabularFormat({
        format: file.includes('jsonl') ? 'JSONL' : 'JSON',
        mimetype: 'application/gzip',
        name: `https://donnees.example/api/v1/procurement/bulk/2025-03/${file}`,
      }),
      null,
      file,
    );
  }
  assert.equal(
    tabularFormat({ format: 'CSV', mimetype: null, name: 'https://x.example/a.csv.gz?v=2' }),
    null,
  );
  assert.equal(tabularFormat({ format: 'CSV', mimetype: 'application/zip', name: 'permis' }), null);
  assert.equal(tabularFormat({ format: null, mimetype: null, name: 'archive.ZIP' }), null);
});

test('tabular files are recognised by format, media type or name', () => {
  assert.equal(tabularFormat({ format: 'CSV', mimetype: 'text/csv', name: 'permis.csv' }), 'csv');
  assert.equal(tabularFormat({ format: null, mimetype: 'application/geo+json', name: 'x' }), 'geojson');
  assert.equal(tabularFormat({ format: '', mimetype: null, name: 'https://x.example/t.xlsx?dl=1' }), 'xlsx');
  assert.equal(tabularFormat({ format: 'PDF', mimetype: 'application/pdf', name: 'rapport.pdf' }), null);
});
