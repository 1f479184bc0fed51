/**
 * Procurement out: packages (paged, valid against OCDS 1.1.5), tender search, bulk files, the
 * catalog's "Marchés publics (OCDS)" dataset, the Atom feed and the portal pages. Generated
 * processes (dates around now) and real samples round-trip through import → records → packages.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { generateProcesses } from '../src/demo/procurement-generator.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import type { JsonObject } from '../src/modules/procurement/index.js';
import { Merger } from '../src/modules/procurement/ocds/merge.js';
import { releaseMergeRules } from '../src/modules/procurement/ocds/standard.js';
import {
  validateRecordPackage,
  validateRelease,
  validateReleasePackage,
} from '../src/modules/procurement/ocds/validate.js';
import { describeEachEngine, TEST_BASE_URL } from './helpers/app.js';
import { call } from './helpers/fixtures.js';

const DAY = 86_400_000;
const now = Date.now();
const generated = [
  ...generateProcesses(
    { ocidPrefix: 'ocds-ec9k95', seed: 11, from: now - 200 * DAY, to: now, now, lifecycle: 'realistic' },
    1,
    120,
  ),
];
const releases = generated.flat();
const merger = new Merger(releaseMergeRules());
const compiled = generated.map((process) => merger.compiled(process));
const local = (url: string) => url.replace(TEST_BASE_URL, '');

describeEachEngine('procurement publication', (current) => {
  before(async () => {
    const { ctx } = current();
    await ctx.catalog.groups.create(SYSTEM, 'organization', {
      name: 'secretariat-du-conseil-du-tresor',
      title: { fr: 'Secrétariat du Conseil du trésor', en: null },
      description: { fr: null, en: null },
      imageUrl: null,
      euTheme: null,
      extras: {},
    });
    const report = await ctx.procurement.imports.importReleases(SYSTEM, releases);
    assert.equal(report.added, releases.length);
    assert.deepEqual(report.errors, []);
  });

  test('the generated releases and their compiled releases are valid OCDS 1.1.5', () => {
    for (const release of releases.slice(0, 200))
      assert.deepEqual(validateRelease(release).errors, [], String(release.id));
    for (const record of compiled) assert.deepEqual(validateRelease(record).errors, [], String(record.ocid));
  });

  test('release packages page through everything with links.next, each page valid', async () => {
    const { app } = current();
    let url: string | undefined = '/api/v1/procurement/releases?limit=150';
    const seen: string[] = [];
    let pages = 0;
    while (url) {
      const reply = await call(app, 'GET', url);
      assert.equal(reply.status, 200, reply.body);
      const report = validateReleasePackage(reply.json);
      assert.deepEqual(report.errors, []);
      assert.equal(reply.json.version, '1.1');
      assert.equal(reply.json.license, 'https://creativecommons.org/licenses/by/4.0/');
      assert.ok(reply.json.publicationPolicy.startsWith(TEST_BASE_URL));
      seen.push(...reply.json.releases.map((release: JsonObject) => `${release.ocid}/${release.id}`));
      url = reply.json.links?.next ? local(reply.json.links.next) : undefined;
      pages++;
    }
    assert.equal(pages, Math.ceil(releases.length / 150));
    assert.deepEqual(seen.sort(), releases.map((release) => `${release.ocid}/${release.id}`).sort());
  });

  test('record packages page by ocid; when the count is a multiple of the page, the last page has no next', async () => {
    const { app } = current();
    assert.equal(generated.length % 40, 0, 'the processes fill whole pages of 40');
    let url: string | undefined = '/api/v1/procurement/records?limit=40';
    const seen: string[] = [];
    let pages = 0;
    while (url) {
      const reply = await call(app, 'GET', url);
      assert.equal(reply.status, 200, reply.body);
      assert.deepEqual(validateRecordPackage(reply.json).errors, [], `page ${pages + 1} is a valid package`);
      assert.ok(reply.json.records.length > 0, 'no page is empty');
      seen.push(...reply.json.records.map((record: JsonObject) => String(record.ocid)));
      url = reply.json.links?.next ? local(reply.json.links.next) : undefined;
      pages++;
    }
    assert.equal(pages, generated.length / 40);
    assert.deepEqual(seen, [...new Set(compiled.map((record) => String(record.ocid)))].sort());
  });

  test('record packages hold the compiled release the merge routine gives', async () => {
    const { app } = current();
    const reply = await call(app, 'GET', '/api/v1/procurement/records?limit=50');
    assert.deepEqual(validateRecordPackage(reply.json).errors, []);
    assert.equal(reply.json.records.length, 50);
    for (const record of reply.json.records) {
      const expected = compiled.find((candidate) => candidate.ocid === record.ocid);
      assert.deepEqual(record.compiledRelease, expected);
      const dates = record.releases.map((release: { date: string }) => release.date);
      assert.deepEqual(dates, [...dates].sort(), 'releases oldest first');
    }
  });

  test('open tenders: active with a deadline still ahead, soonest first; filters narrow them', async () => {
    const { app } = current();
    const expected = compiled.filter((record) => {
      const tender = record.tender as JsonObject;
      return (
        tender.status === 'active' &&
        Date.parse((tender.tenderPeriod as JsonObject).endDate as string) > Date.now()
      );
    });
    assert.ok(expected.length > 3, 'the generator leaves some tenders open');
    const open = await call(app, 'GET', '/api/v1/procurement/tenders?open=true&limit=1000');
    assert.equal(open.status, 200, open.body);
    assert.equal(open.json.count, expected.length);
    assert.deepEqual(
      open.json.results.map((r: { ocid: string }) => r.ocid).sort(),
      expected.map((r) => r.ocid).sort(),
    );
    const ends = open.json.results.map((r: { tender_period: { end: string } }) => r.tender_period.end);
    assert.deepEqual(ends, [...ends].sort());

    const works = await call(app, 'GET', '/api/v1/procurement/tenders?category=works&method=open&limit=1000');
    assert.ok(works.json.count > 0);
    for (const result of works.json.results)
      assert.deepEqual([result.main_category, result.procurement_method], ['works', 'open']);

    const buyer = ((compiled[0] as JsonObject).buyer as JsonObject).id as string;
    const byBuyer = await call(
      app,
      'GET',
      `/api/v1/procurement/tenders?buyer=${encodeURIComponent(buyer)}&limit=1000`,
    );
    assert.equal(
      byBuyer.json.count,
      compiled.filter((record) => (record.buyer as JsonObject).id === buyer).length,
    );

    const range = await call(
      app,
      'GET',
      '/api/v1/procurement/tenders?min_value=1000000&max_value=2000000&limit=1000',
    );
    for (const result of range.json.results) assert.ok(result.value_cad >= 1e6 && result.value_cad <= 2e6);

    const words = await call(
      app,
      'GET',
      `/api/v1/procurement/tenders?q=${encodeURIComponent('deneigement voie')}&limit=1000`,
    );
    assert.ok(words.json.count > 0, 'accents and plurals are ignored');
    for (const result of words.json.results) assert.match(result.title, /Déneigement des voies/);

    const bad = await call(app, 'GET', '/api/v1/procurement/tenders?published_from=hier');
    assert.equal(bad.status, 422);
  });

  test('bulk files by month and week: packages, JSON Lines and the flattened spreadsheet', async () => {
    const { app, ctx } = current();
    const months = await ctx.procurement.publication.periods('month');
    const month = months[months.length - 1];
    assert.ok(month);
    const releasesFile = await app.inject({
      method: 'GET',
      url: `/api/v1/procurement/bulk/${month.period}/releases.json.gz`,
    });
    assert.equal(releasesFile.statusCode, 200);
    const releasePackage = JSON.parse(gunzipSync(releasesFile.rawPayload).toString('utf8'));
    assert.deepEqual(validateReleasePackage(releasePackage).errors, []);
    assert.equal(releasePackage.releases.length, month.count);

    const lines = gunzipSync(
      (await app.inject({ method: 'GET', url: `/api/v1/procurement/bulk/${month.period}/releases.jsonl.gz` }))
        .rawPayload,
    )
      .toString('utf8')
      .trim()
      .split('\n');
    assert.equal(lines.length, month.count);

    const recordsFile = await app.inject({
      method: 'GET',
      url: `/api/v1/procurement/bulk/${month.period}/records.json.gz`,
    });
    const recordPackage = JSON.parse(gunzipSync(recordsFile.rawPayload).toString('utf8'));
    assert.deepEqual(validateRecordPackage(recordPackage).errors, []);
    const touched = new Set(releasePackage.releases.map((release: JsonObject) => release.ocid));
    assert.equal(recordPackage.records.length, touched.size);

    const weeks = await ctx.procurement.publication.periods('week');
    const week = weeks[weeks.length - 1];
    const weekFile = await app.inject({
      method: 'GET',
      url: `/api/v1/procurement/bulk/${week?.period}/releases.json.gz`,
    });
    assert.equal(JSON.parse(gunzipSync(weekFile.rawPayload).toString('utf8')).releases.length, week?.count);

    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/v1/procurement/bulk/${month.period}/flat.xlsx`,
    });
    assert.equal(xlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      workbook.worksheets.map((sheet) => sheet.name),
      ['tenders', 'awards', 'contracts', 'amendments', 'parties'],
    );
    assert.equal(workbook.getWorksheet('tenders')?.rowCount, touched.size + 1);

    const csv = await call(app, 'GET', '/api/v1/procurement/bulk/all/tenders.csv');
    assert.equal(csv.body.trim().split('\n').length, compiled.length + 1);
    assert.ok(csv.body.startsWith('ocid,tender/id,tender/title'));
    assert.equal((await call(app, 'GET', '/api/v1/procurement/bulk/2026-13/releases.json.gz')).status, 404);
  });

  test('the catalog lists every bulk file as a resource of the "Marchés publics (OCDS)" dataset', async () => {
    const { app, ctx } = current();
    const reply = await call(app, 'GET', '/api/3/action/package_show?id=marches-publics-ocds');
    assert.equal(reply.status, 200, reply.body);
    const urls: string[] = reply.json.result.resources.map((resource: { url: string }) => resource.url);
    for (const { period } of await ctx.procurement.publication.periods('month')) {
      for (const file of ['releases.json.gz', 'records.json.gz', 'releases.jsonl.gz', 'flat.xlsx']) {
        assert.ok(
          urls.includes(`${TEST_BASE_URL}/api/v1/procurement/bulk/${period}/${file}`),
          `${period}/${file}`,
        );
      }
    }
    for (const { period } of await ctx.procurement.publication.periods('week')) {
      assert.ok(urls.includes(`${TEST_BASE_URL}/api/v1/procurement/bulk/${period}/releases.json.gz`), period);
    }
    // On the dataset page, the files fold by period (the latest open), the all-period tables first.
    const page = await call(app, 'GET', '/fr/jeux-de-donnees/marches-publics-ocds');
    const [latest] = (await ctx.procurement.publication.periods('month')).reverse();
    assert.ok(latest);
    assert.match(
      page.body,
      new RegExp(
        `<details class="quai-resource-group" open><summary>${latest.period} \\(4 fichiers\\)</summary>`,
      ),
    );
    const folded = page.body.match(/<details class="quai-resource-group">/g) ?? [];
    assert.ok(folded.length >= 1, 'the other periods are folded');
    assert.ok(
      page.body.indexOf('Table ') < page.body.indexOf('quai-resource-group'),
      'the all-period tables first',
    );
  });

  test('a real sample round-trips: the official lifecycle example compiles as its published record', async () => {
    const { app, ctx } = current();
    const dir = 'test/fixtures/ocds/samples/sample-data/fictional-example/1.1';
    const report = await ctx.procurement.imports.importOcds(
      SYSTEM,
      readFileSync(`${dir}/ocds-213czf-000-00001.json`, 'utf8'),
    );
    assert.equal(report.added, 6);
    const reply = await call(app, 'GET', '/api/v1/procurement/records/ocds-213czf-000-00001');
    assert.deepEqual(validateRecordPackage(reply.json).errors, []);
    const [expected] = JSON.parse(
      readFileSync(`${dir}/record/ocds-213czf-000-00001-withversions.json`, 'utf8'),
    ).records;
    assert.deepEqual(reply.json.records[0].compiledRelease, expected.compiledRelease);
    assert.deepEqual(reply.json.records[0].versionedRelease, expected.versionedRelease);
  });

  test('the Atom feed lists newly opened tenders, overall and per buyer', async () => {
    const { app } = current();
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' });
    const feed = parser.parse((await call(app, 'GET', '/feeds/tenders.atom?lang=fr')).body).feed;
    const published = feed.entry.map((entry: { published: string }) => entry.published);
    assert.deepEqual(published, [...published].sort().reverse());
    assert.ok(feed.entry.length > 10);
    const buyer = ((compiled[0] as JsonObject).buyer as JsonObject).id as string;
    const buyerName = ((compiled[0] as JsonObject).buyer as JsonObject).name as string;
    const own = parser.parse(
      (await call(app, 'GET', `/feeds/tenders.atom?lang=en&buyer=${encodeURIComponent(buyer)}`)).body,
    ).feed;
    assert.ok(own.entry.length > 0);
    for (const entry of own.entry) assert.equal(entry.author.name, buyerName);
    // The feed of a search: the same words and filters as the tenders page.
    const works = parser.parse(
      (await call(app, 'GET', '/feeds/tenders.atom?lang=fr&status=all&category=works')).body,
    ).feed;
    assert.ok(works.entry.length > 0);
    for (const entry of works.entry)
      assert.ok(
        [entry.category].flat().some((category: { '@_term': string }) => category['@_term'] === 'works'),
        'only works',
      );
    assert.ok(works.entry.length < feed.entry.length);
  });

  test('portal pages: tender search (fr/en), a tender, the publication policy', async () => {
    const { app } = current();
    const search = await call(app, 'GET', '/fr/appels-d-offres');
    assert.equal(search.status, 200);
    assert.match(search.body, /appels d’offres/);
    assert.match(search.body, /href="\/feeds\/tenders\.atom\?status=open&amp;lang=fr"/);
    const english = await call(app, 'GET', '/en/tenders?status=all&category=works');
    assert.equal(english.status, 200);
    assert.match(english.body, /Works/);
    assert.match(english.body, /Closes on [A-Z][a-z]+ \d+, \d{4} at \d+:\d{2}/, 'deadlines with their hour');
    // Its Atom link follows the search.
    assert.match(
      english.body,
      /href="\/feeds\/tenders\.atom\?status=all&amp;category=works&amp;lang=en">Atom feed of new tenders for this search/,
    );
    // Sorted as asked: the highest estimated value first.
    const byValue = await current().ctx.procurement.publication.searchTenders(
      { sort: 'value' },
      { limit: 50, offset: 0 },
    );
    const values = byValue.rows.map((row) => row.valueAmount).filter((value) => value !== null) as number[];
    assert.ok(values.length > 2);
    assert.deepEqual(
      values,
      [...values].sort((a, b) => b - a),
    );
    const sorted = await call(app, 'GET', '/fr/appels-d-offres?status=all&sort=value');
    assert.equal(sorted.status, 200);
    assert.match(sorted.body, /<option value="value" selected>Valeur estimée la plus élevée<\/option>/);
    assert.ok(
      sorted.body.indexOf(byValue.rows[0]?.ocid as string) <
        sorted.body.indexOf(byValue.rows[1]?.ocid as string),
    );
    const record = compiled.find((candidate) => Array.isArray(candidate.contracts)) as JsonObject;
    const page = await call(app, 'GET', `/fr/appels-d-offres/${record.ocid}`);
    assert.equal(page.status, 200);
    assert.ok(page.body.includes((record.tender as JsonObject).title as string));
    assert.match(page.body, /Historique des publications/);
    // The deadline with its hour, as the record gives it.
    const end = ((record.tender as JsonObject).tenderPeriod as JsonObject | undefined)?.endDate;
    if (typeof end === 'string' && end.includes('T'))
      assert.match(page.body, /Date limite.{0,80}\d+ h \d{2}/s);
    const missing = await call(app, 'GET', '/fr/appels-d-offres/ocds-ec9k95-nope', {
      headers: { accept: 'text/html' },
    });
    assert.equal(missing.status, 404);
    const policy = await call(app, 'GET', '/en/procurement/publication-policy');
    assert.equal(policy.status, 200);
    assert.match(policy.body, /releases\.jsonl\.gz/);
    const invalid = await call(app, 'GET', '/fr/appels-d-offres?min=beaucoup');
    assert.match(invalid.body, /Entrez un montant en dollars/);
  });
});
