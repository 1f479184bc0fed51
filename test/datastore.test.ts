/**
 * The datastore: an uploaded CSV (UTF-8 or Windows-1252) becomes a queryable table through a
 * durable job; CKAN's datastore_search and datastore_info answer on it; bad files fail with a
 * clear report and leave the previous table serving.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { describeEachEngine } from './helpers/app.js';
import { CITIES, datastoreClient, permitsCsv, windows1252 } from './helpers/datastore.js';
import { type Caller, call, datasetBody, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';

describeEachEngine('datastore', (current) => {
  let editor: Caller;

  const { upload, loaded } = datastoreClient(current, () => editor, 'permis');

  const search = (params: Record<string, unknown>, token?: string) =>
    call(current().app, 'POST', '/api/3/action/datastore_search', {
      body: JSON.stringify(params),
      headers: { 'content-type': 'application/json' },
      token,
    });

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'ville');
    editor = await seedUser(ctx, 'editrice', { roles: [[organization, 'editor']] });
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('permis', 'ville'),
    });
    assert.equal(created.status, 201, created.body);
  });

  test('a CSV becomes a typed table; datastore_search filters, searches, sorts and pages like CKAN', async () => {
    const id = await upload('permis.csv', permitsCsv(1200));
    const status = await loaded(id);
    assert.equal(status.load.state, 'done', JSON.stringify(status.load.error));
    assert.equal(status.table.row_count, 1200);
    assert.deepEqual(
      status.table.columns.map((column: { id: string; type: string }) => `${column.id}:${column.type}`),
      [
        'numero:integer',
        'ville:text',
        'montant:decimal',
        'date_emission:date',
        'approuve:boolean',
        'description:text',
      ],
    );

    const first = await search({ resource_id: id, limit: 5 });
    assert.equal(first.status, 200, first.body);
    const result = first.json.result;
    assert.equal(result.total, 1200);
    assert.deepEqual(
      result.fields.map((f: { id: string; type: string }) => f.type),
      ['int', 'int', 'text', 'numeric', 'date', 'bool', 'text'],
    );
    assert.deepEqual(result.records[0], {
      _id: 1,
      numero: 1,
      ville: 'Québec',
      montant: 12.5,
      date_emission: '2025-03-02',
      approuve: false,
      description: 'Rénovation d’une façade, Québec',
    });
    assert.match(result._links.next, /offset=5/);

    const filtered = await search({
      resource_id: id,
      filters: { ville: ['Lévis', 'Québec'] },
      sort: 'montant desc',
      limit: 3,
    });
    assert.equal(filtered.json.result.total, 400);
    assert.deepEqual(
      filtered.json.result.records.map((r: { numero: number }) => r.numero),
      [1196, 1195, 1190],
    );

    const words = await search({ resource_id: id, q: 'riviere FACADE', fields: 'numero,ville', limit: 1000 });
    assert.equal(words.json.result.total, 400, 'accents and case are ignored');
    assert.deepEqual(Object.keys(words.json.result.records[0]), ['numero', 'ville']);

    const lists = await search({
      resource_id: id,
      records_format: 'lists',
      fields: ['ville'],
      distinct: true,
      sort: 'ville',
    });
    assert.deepEqual(
      lists.json.result.records,
      [...CITIES].sort().map((city) => [city]),
    );

    const csv = await search({
      resource_id: id,
      records_format: 'csv',
      fields: ['numero', 'ville'],
      limit: 2,
    });
    assert.equal(csv.json.result.records, '1,Québec\n2,Lévis\n');

    const info = await call(current().app, 'GET', `/api/3/action/datastore_info?id=${id}`);
    assert.equal(info.json.result.meta.count, 1200);

    const unknown = await search({ resource_id: id, fields: ['nope'] });
    assert.equal(unknown.status, 409);
    assert.equal(unknown.json.error.__type, 'Validation Error');
  });

  test('the REST query API: filters, ranges, text, grouping, cursor paging to the end, streamed downloads', async () => {
    const { app } = current();
    const id = await upload('permis-rest.csv', permitsCsv(1000));
    assert.equal((await loaded(id)).load.state, 'done');
    const get = (query: string) => call(app, 'GET', `/api/v1/resources/${id}/data?${query}`);

    const ranged = await get(
      'ville=Lévis&ville=Québec&montant__gte=5000&montant__lt=6000&select=numero,montant&sort=-montant&limit=3&count=true',
    );
    assert.equal(ranged.status, 200, ranged.body);
    assert.deepEqual(ranged.json.records, [
      { numero: 476, montant: 5950 },
      { numero: 475, montant: 5937.5 },
      { numero: 470, montant: 5875 },
    ]);
    assert.equal(ranged.json.total, 26);
    assert.equal((await get('ville=Lévis&limit=1')).json.total, null, 'no count unless asked for');

    const grouped = await get('group_by=ville&agg=count,sum:montant,max:numero&sort=ville');
    assert.equal(grouped.json.records.length, 6);
    assert.deepEqual(
      grouped.json.records.find((row: { ville: string }) => row.ville === 'Montréal'),
      {
        ville: 'Montréal',
        count: 166,
        sum_montant: 1039575,
        max_numero: 996,
      },
    );

    const text = await get(
      `description__contains=${encodeURIComponent('RIVIERE du loup')}&limit=1&count=true`,
    );
    assert.equal(text.json.total, 166);

    let url: string | null = `/api/v1/resources/${id}/data?select=_id,numero&limit=300`;
    const seen: number[] = [];
    while (url) {
      const page = await call(app, 'GET', url);
      seen.push(...page.json.records.map((row: { numero: number }) => row.numero));
      url = page.json.next;
    }
    assert.deepEqual(
      seen,
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );

    const csv = await get('format=csv&ville=Lévis&select=numero,ville');
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\n');
    assert.equal(lines[0], 'numero,ville');
    assert.equal(lines.length, 1 + 167);
    const jsonl = await get('format=jsonl&numero__lte=3&select=numero');
    assert.deepEqual(
      jsonl.body
        .trim()
        .split('\n')
        .map((line: string) => JSON.parse(line)),
      [{ numero: 1 }, { numero: 2 }, { numero: 3 }],
    );
    const parquet = await app.inject({
      method: 'GET',
      url: `/api/v1/resources/${id}/data?format=parquet&ville=Lévis`,
    });
    assert.equal(parquet.rawPayload.subarray(0, 4).toString(), 'PAR1');

    const bad = await get('nope=1');
    assert.equal(bad.status, 422);
    assert.match(bad.body, /nope/);

    // Equality on typed columns compares values of the column's type (so DuckDB can skip row
    // groups): an integer, a decimal written either way, a date, a boolean; a value that is not
    // of the type matches nothing rather than failing.
    const numbers = (query: string) =>
      get(`${query}&select=numero&limit=5`).then((reply) => {
        assert.equal(reply.status, 200, reply.body);
        return reply.json.records.map((row: { numero: number }) => row.numero);
      });
    assert.deepEqual(await numbers('numero=7&numero=9'), [7, 9]);
    assert.deepEqual(await numbers('montant=87.5'), [7]);
    assert.deepEqual(await numbers('montant=87.50'), [7]);
    assert.deepEqual(await numbers('date_emission=2025-03-08&numero__lte=100'), [7, 35, 63, 91]);
    assert.deepEqual(await numbers('approuve=true&numero__lte=10'), [3, 6, 9]);
    assert.deepEqual(await numbers('numero=sept'), []);
    assert.deepEqual(await numbers('date_emission=hier'), []);
  });

  test('the resource page shows the table: filtered, sorted and paged by URL, with downloads of the filtered rows', async () => {
    const { app } = current();
    const id = await upload('permis-page.csv', permitsCsv(100));
    assert.equal((await loaded(id)).load.state, 'done');
    const page = await call(app, 'GET', `/fr/jeux-de-donnees/permis/ressources/${id}?q=levis&sort=-montant`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<caption id="apercu-legende">Lignes 1 à 17 sur 17<\/caption>/);
    // Headers sort: descending now, so the next click gives the file's order.
    assert.match(
      page.body,
      new RegExp(
        `aria-sort="descending"><a href="/fr/jeux-de-donnees/permis/ressources/${id}\\?q=levis#apercu">montant<span class="quai-visually-hidden"> \\(trier par cette colonne\\)</span></a>`,
      ),
    );
    assert.match(
      page.body,
      new RegExp(
        `<a href="/fr/jeux-de-donnees/permis/ressources/${id}\\?q=levis&amp;sort=ville#apercu">ville`,
      ),
    );
    // Filters by column, asked for, then applied: in the URL, without JavaScript.
    assert.doesNotMatch(page.body, /id="filtres-colonnes"/, 'value lists only once asked for');
    const asked = await call(app, 'GET', `/fr/jeux-de-donnees/permis/ressources/${id}?filtres=1`);
    assert.match(asked.body, /<legend>Filtrer par colonne<\/legend>/);
    assert.match(
      asked.body,
      /<select class="quai-input quai-select" id="champ-f-ville" name="ville"><option value>\(toutes les valeurs\)<\/option><option value="Lévis">Lévis<\/option><option value="Montréal">/,
    );
    assert.match(asked.body, /name="montant__gte"/);
    assert.match(asked.body, /name="date_emission__lte"/);
    assert.match(asked.body, /<select[^>]* name="description">/, 'few values: a list');
    const filtered = await call(
      app,
      'GET',
      `/fr/jeux-de-donnees/permis/ressources/${id}?filtres=1&ville=L%C3%A9vis&montant__gte=1000&montant__lte=&description__contains=`,
    );
    assert.match(filtered.body, /<option value="Lévis" selected>Lévis<\/option>/);
    assert.match(filtered.body, /name="montant__gte" value="1000"/);
    assert.match(
      filtered.body,
      new RegExp(`/api/v1/resources/${id}/data\\?format=csv&amp;ville=L%C3%A9vis&amp;montant__gte=1000`),
    );
    const previewTable = filtered.body.slice(
      filtered.body.indexOf('apercu-legende'),
      filtered.body.indexOf('</table>', filtered.body.indexOf('apercu-legende')),
    );
    assert.match(previewTable, /Lignes 1 à 4 sur 4/);
    const cities = [
      ...previewTable.matchAll(
        /<td>(Lévis|Québec|Montréal|Trois-Rivières|Saint-Jérôme|Rivière-du-Loup)<\/td>/g,
      ),
    ].map((m) => m[1]);
    assert.deepEqual(cities, ['Lévis', 'Lévis', 'Lévis', 'Lévis'], 'permits 80, 86, 92 and 98');
    const cells = [
      ...page.body
        .slice(page.body.indexOf('apercu-legende'))
        .matchAll(/<td class="quai-number">([^<]*)<\/td>/g),
    ].map((match) => match[1]);
    assert.deepEqual(cells.slice(0, 2), ['98', '1\u00a0225'], 'permit 98 (Lévis, 1 225 $) comes first');
    assert.match(
      page.body,
      new RegExp(`/api/v1/resources/${id}/data\\?format=csv&amp;q=levis&amp;sort=-montant`),
    );
    const second = await call(app, 'GET', `/fr/jeux-de-donnees/permis/ressources/${id}?q=facade&page=2`);
    assert.match(second.body, /Lignes 26 à 50 sur 100/);
    const beyond = await call(app, 'GET', `/fr/jeux-de-donnees/permis/ressources/${id}?q=levis&page=9`);
    assert.match(beyond.body, /Aucune ligne ne correspond/);
    const english = await call(app, 'GET', `/en/datasets/permis/resources/${id}`);
    assert.match(english.body, /Rows 1 to 25 of 100/);
    // The chart the table suggests: the amounts summed along the dates (a sum says more than a
    // count of rows), drawn as SVG with its summary; the count by city is one form away.
    assert.match(english.body, /<h3 id="graphique-titre">Sum of montant by date_emission<\/h3>/);
    assert.match(
      english.body,
      /role="img" aria-labelledby="graphique-titre" aria-describedby="graphique-resume"/,
    );
    assert.match(english.body, /28 points from /);

    // The dataset page shows the first rows of its first table, and code that queries it.
    const datasetPage = await call(app, 'GET', '/fr/jeux-de-donnees/permis');
    assert.match(datasetPage.body, /<h2 id="apercu-table">Aperçu des données<\/h2>/);
    assert.match(datasetPage.body, /les 5 premières lignes sur/);
    assert.match(
      datasetPage.body,
      /curl &quot;http:\/\/[^&]+\/api\/v1\/resources\/[0-9a-f-]{36}\/data\?limit=5&quot;/,
    );
    assert.match(datasetPage.body, /\.json\(\)\[&quot;records&quot;\]/);
  });

  test('a link is downloaded and loaded like an upload; a dead link fails with its status', async () => {
    const { app } = current();
    const server = createServer((request, response) => {
      if (request.url === '/permis.csv')
        response.writeHead(200, { 'content-type': 'text/csv' }).end(permitsCsv(40));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const link = await call(app, 'POST', '/api/v1/datasets/permis/resources', {
        token: editor.token,
        body: { url: `http://127.0.0.1:${port}/permis.csv`, name: { fr: 'Permis (lien)' }, format: 'CSV' },
      });
      assert.equal(link.status, 201, link.body);
      const status = await loaded(link.json.id);
      assert.equal(status.load.state, 'done', JSON.stringify(status.load.error));
      assert.equal(status.table.row_count, 40);
      const dead = await call(app, 'POST', '/api/v1/datasets/permis/resources', {
        token: editor.token,
        body: { url: `http://127.0.0.1:${port}/disparu.csv`, name: { fr: 'Disparu' }, format: 'CSV' },
      });
      const failed = await loaded(dead.json.id);
      assert.equal(failed.load.state, 'failed');
      assert.match(failed.load.error.message.fr, /répond 404/);
    } finally {
      server.close();
    }
  });

  test('an XLSX workbook loads its first sheet; a file that is not a workbook fails plainly', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Permis');
    sheet.addRow(['numero', 'ville', 'montant', 'date_emission']);
    for (let i = 1; i <= 300; i++)
      sheet.addRow([i, CITIES[i % CITIES.length], i * 12.5, new Date(Date.UTC(2025, 2, (i % 28) + 1))]);
    workbook.addWorksheet('Notes').addRow(['ignorée']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const id = await upload('permis.xlsx', content);
    const status = await loaded(id);
    assert.equal(status.load.state, 'done', JSON.stringify(status.load.error));
    assert.equal(status.table.row_count, 300);
    assert.deepEqual(
      status.table.columns.map((column: { id: string; type: string }) => `${column.id}:${column.type}`),
      ['numero:integer', 'ville:text', 'montant:decimal', 'date_emission:date'],
    );
    const row = await search({ resource_id: id, filters: { numero: 2 } });
    assert.deepEqual(row.json.result.records[0], {
      _id: 2,
      numero: 2,
      ville: 'Lévis',
      montant: 25,
      date_emission: '2025-03-03',
    });

    const fake = await loaded(await upload('image.xlsx', Buffer.from('GIF89a not a workbook at all')));
    assert.equal(fake.load.state, 'failed');
    assert.match(fake.load.error.message.en, /not an XLSX workbook/);
  });

  test('GeoJSON: one row per feature with its properties, the geometry kept, the extent computed; a bad geometry is named', async () => {
    const parks = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { nom: 'Parc La Fontaine', superficie: 34.5 },
          geometry: { type: 'Point', coordinates: [-73.5697, 45.5271] },
        },
        {
          type: 'Feature',
          properties: { nom: 'Plaines d’Abraham', superficie: 98 },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [-71.22, 46.8],
                [-71.21, 46.8],
                [-71.21, 46.81],
                [-71.22, 46.8],
              ],
            ],
          },
        },
        { type: 'Feature', properties: { nom: 'Sans lieu', superficie: null }, geometry: null },
      ],
    };
    const id = await upload('parcs.geojson', JSON.stringify(parks));
    const status = await loaded(id);
    assert.equal(status.load.state, 'done', JSON.stringify(status.load.error));
    assert.equal(status.table.row_count, 3);
    assert.deepEqual(status.table.bbox, [-73.5697, 45.5271, -71.21, 46.81]);
    const rows = await search({ resource_id: id, sort: 'nom' });
    assert.deepEqual(JSON.parse(rows.json.result.records[0].geometry), {
      type: 'Point',
      coordinates: [-73.5697, 45.5271],
    });

    const download = await call(
      current().app,
      'GET',
      `/api/v1/resources/${id}/data?format=geojson&superficie__gte=50`,
    );
    assert.equal(download.headers['content-type'], 'application/geo+json; charset=utf-8');
    assert.deepEqual(JSON.parse(download.body), {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: parks.features[1]?.geometry,
          properties: { nom: 'Plaines d’Abraham', superficie: 98 },
        },
      ],
    });
    const notSpatial = await call(
      current().app,
      'GET',
      `/api/v1/resources/${id}/data?format=geojson&select=nom`,
    );
    assert.equal(notSpatial.status, 422);

    // Its page opens on the map; the table says what each geometry is, not its JSON.
    const page = await call(current().app, 'GET', `/fr/jeux-de-donnees/permis/ressources/${id}`);
    assert.match(page.body, /<section class="quai-map" id="carte"/, 'the map first');
    assert.match(page.body, /<td>Point : -73,5697 ; 45,5271<\/td>/);
    assert.match(page.body, /<td>Polygone, 4 points<\/td>/);
    assert.doesNotMatch(page.body, /<td>\{&quot;type/);

    const broken = {
      ...parks,
      features: [
        parks.features[0],
        { type: 'Feature', properties: { nom: 'x', superficie: 1 }, geometry: { type: 'Circle', radius: 3 } },
      ],
    };
    const failed = await loaded(await upload('casse.geojson', JSON.stringify(broken)));
    assert.equal(failed.load.state, 'failed');
    assert.equal(failed.load.error.row, 2);
    assert.match(failed.load.error.message.fr, /L’entité n° 2 a une géométrie invalide/);

    // Geometries that parse but are not valid GeoJSON: an open ring, projected coordinates.
    const feature = (geometry: unknown) => ({ type: 'Feature', properties: { nom: 'x' }, geometry });
    for (const [geometry, message] of [
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [-71.2, 46.8],
              [-71.1, 46.8],
              [-71.1, 46.9],
              [-71.2, 46.9],
            ],
          ],
        },
        /doit être fermé/,
      ],
      [{ type: 'Point', coordinates: [245000.5, 5180000.2] }, /MTM ou Lambert/],
    ] as const) {
      const invalid = await loaded(
        await upload(
          'invalide.geojson',
          JSON.stringify({ type: 'FeatureCollection', features: [parks.features[0], feature(geometry)] }),
        ),
      );
      assert.equal(invalid.load.state, 'failed', JSON.stringify(geometry));
      assert.equal(invalid.load.error.row, 2);
      assert.match(invalid.load.error.message.fr, message);
    }
  });

  test('numbers written the French way (« 520001,00 », « 1 234,56 ») are numbers; « 1,234 » alone and codes stay text', async () => {
    const rows = [
      'numero;montant;superficie;code;ambigu;note',
      '1;520001,00;1 234,56;007;1,234;a',
      '2;-12,5;12 000;010;2,500;b',
      '3;;  98,25 ;011;3,000;',
      '4;7;1 000 000;012;4,000;c',
    ];
    const id = await upload('montants-fr.csv', `${rows.join('\n')}\n`);
    const status = await loaded(id);
    assert.equal(status.load.state, 'done', JSON.stringify(status.load.error));
    const types = Object.fromEntries(
      status.table.columns.map((column: { id: string; type: string }) => [column.id, column.type]),
    );
    assert.deepEqual(types, {
      numero: 'integer',
      montant: 'decimal',
      superficie: 'decimal',
      code: 'text',
      ambigu: 'text',
      note: 'text',
    });
    const sorted = await search({
      resource_id: id,
      sort: 'montant desc',
      fields: 'numero,montant,superficie',
    });
    assert.deepEqual(
      sorted.json.result.records.map((record: Record<string, unknown>) => [
        record.numero,
        record.montant,
        record.superficie,
      ]),
      [
        [1, 520001, 1234.56],
        [4, 7, 1000000],
        [2, -12.5, 12000],
        [3, null, 98.25],
      ],
    );
  });

  test('a Windows-1252 file is read without mojibake', async () => {
    const id = await upload('permis-1252.csv', windows1252(permitsCsv(50)));
    const status = await loaded(id);
    assert.equal(status.load.state, 'done', JSON.stringify(status.load.error));
    assert.equal(status.load.encoding, 'windows-1252');
    const reply = await search({ resource_id: id, filters: { numero: 5 } });
    assert.equal(reply.json.result.records[0].description, 'Rénovation d’une façade, Rivière-du-Loup');
    // Every character Windows-1252 puts at 0x80–0x9F, in values and in a column name: none comes
    // out as a control character. A file without them (Latin-1 byte for byte) is read in place.
    const special = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
    const latin = await upload('latin.csv', windows1252('code;entrée\n1;Élévation à 5 °C\n'));
    assert.equal((await loaded(latin)).load.state, 'done');
    assert.equal((await search({ resource_id: latin })).json.result.records[0].entrée, 'Élévation à 5 °C');
    for (const header of ['code;texte', 'code;l’entrée « coût »']) {
      const other = await upload(
        `speciaux-${header.length}.csv`,
        windows1252(`${header}
1;${special}
2;Œuvre à 5 €
`),
      );
      const done = await loaded(other);
      assert.equal(done.load.state, 'done', JSON.stringify(done.load.error));
      assert.equal(done.load.encoding, 'windows-1252');
      const column = header.split(';')[1] as string;
      assert.deepEqual(
        done.table.columns.map((c: { id: string }) => c.id),
        ['code', column],
      );
      const rows = await search({ resource_id: other, sort: 'code' });
      assert.deepEqual(
        rows.json.result.records.map((row: Record<string, string>) => row[column]),
        [special, 'Œuvre à 5 €'],
      );
    }
  });

  test('a UTF-16 file (Excel’s “Unicode text”, with or without its BOM) is read, not refused as binary', async () => {
    const text = permitsCsv(50).replaceAll(';', '\t');
    for (const [name, bytes] of [
      ['unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['unicode-sans-bom.tsv', Buffer.from(text, 'utf16le')],
    ] as const) {
      const id = await upload(name, bytes);
      const status = await loaded(id);
      assert.equal(status.load.state, 'done', `${name}: ${JSON.stringify(status.load.error)}`);
      assert.equal(status.load.encoding, 'utf-16le');
      assert.equal(status.table.row_count, 50);
      const reply = await search({ resource_id: id, filters: { numero: 5 } });
      assert.equal(reply.json.result.records[0].description, 'Rénovation d’une façade, Rivière-du-Loup');
    }
  });

  test('bad files fail with a plain-words report: ragged row, empty file, binary data', async () => {
    const good = permitsCsv(2000).split('\n');
    good.splice(1500, 0, '9999;Laval;1;2025-01-01;true;"x";en trop');
    const ragged = await loaded(await upload('ragged.csv', good.join('\n')));
    assert.equal(ragged.load.state, 'failed');
    assert.equal(ragged.load.error.row, 1501);
    assert.match(ragged.load.error.message.fr, /La ligne 1501 a 7 colonnes au lieu de 6/);

    const empty = await loaded(await upload('vide.csv', ''));
    assert.match(empty.load.error.message.en, /The file is empty/);

    const binary = await loaded(
      await upload('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0])),
    );
    assert.match(binary.load.error.message.fr, /n’est pas un fichier texte/);
  });

  test('datastore_search_sql runs one read-only SELECT; every escape from the sandbox is refused', async () => {
    const id = await upload('permis-sql.csv', permitsCsv(300));
    assert.equal((await loaded(id)).load.state, 'done');
    const sql = (query: string) =>
      call(current().app, 'POST', '/api/3/action/datastore_search_sql', {
        body: JSON.stringify({ sql: query }),
        headers: { 'content-type': 'application/json' },
      });
    const grouped = await sql(
      `SELECT ville, count(*) AS n, sum(montant) AS total FROM "${id}" GROUP BY ville ORDER BY ville`,
    );
    assert.equal(grouped.status, 200, grouped.body);
    assert.equal(grouped.json.result.records.length, 6);
    assert.deepEqual(grouped.json.result.records[0], { ville: 'Lévis', n: 50, total: 93125 });
    assert.deepEqual(
      grouped.json.result.fields.map((f: { type: string }) => f.type),
      ['text', 'int', 'numeric'],
    );

    const escapes = [
      `SELECT * FROM read_csv('/etc/passwd')`,
      `SELECT * FROM read_parquet('${current().dataDir}/datastore/*/*.parquet')`,
      `COPY (SELECT 1) TO '/tmp/quai-escape.csv'`,
      `ATTACH '/tmp/quai-escape.db' AS x`,
      'INSTALL httpfs',
      'LOAD httpfs',
      'SET enable_external_access = true',
      `CREATE TABLE copie AS SELECT * FROM "${id}"`,
      `DELETE FROM "${id}"`,
      `SELECT 1; SELECT 2`,
      `SELECT * FROM glob('/etc/*')`,
      'SELECT * FROM "00000000-0000-0000-0000-000000000000"',
    ];
    for (const query of escapes) {
      const reply = await sql(query);
      assert.equal(reply.status, 409, `${query} → ${reply.body}`);
      assert.equal(reply.json.error.__type, 'Validation Error', query);
    }
    const slow = await sql('SELECT sum(hash(i)) FROM range(10000000000) t(i)');
    assert.equal(slow.status, 409);
    assert.match(slow.body, /stopped|arrêtée/);
    const many = await sql('SELECT * FROM range(40000)');
    assert.equal(many.json.result.records.length, 32000);
    assert.equal(many.json.result.records_truncated, true);
  });

  test('a load cut by a stop is taken up again at the next start and finishes', async () => {
    const { ctx } = current();
    const id = await upload('permis-reprise.csv', permitsCsv(20));
    assert.equal((await loaded(id)).load.state, 'done');
    // As if the process had died mid-load: a newer file's load left "running", its job gone.
    const dataset = await ctx.catalog.datasets.get(SYSTEM, 'permis');
    const resource = dataset.resources.find((candidate) => candidate.id === id);
    assert.ok(resource?.upload);
    const loadId = randomUUID();
    await ctx.db.query(
      `INSERT INTO datastore.loads (id, resource_id, source, format, state, started_at) VALUES ($1, $2, $3, 'csv', 'running', now())`,
      [loadId, id, `sha256:${resource.upload.sha256}`],
    );
    assert.equal(await ctx.datastore.ingest.resumeInterrupted(), 1);
    const status = await loaded(id);
    assert.equal(status.load.id, loadId);
    assert.equal(status.load.state, 'done');
  });

  test('private data stays private: datastore_search on a private dataset answers "not found"', async () => {
    const { app } = current();
    await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('secret', 'ville', { private: true }),
    });
    const form = multipart({}, { field: 'file', filename: 'secret.csv', content: 'a,b\n1,2\n' });
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/datasets/secret/resources/upload',
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    const id = JSON.parse(reply.body).id;
    assert.equal((await loaded(id)).load.state, 'done');
    assert.equal((await search({ resource_id: id }, editor.token)).json.result.total, 1);
    const anonymous = await search({ resource_id: id });
    assert.equal(anonymous.status, 404);
  });
});
