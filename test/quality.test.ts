/**
 * The metadata quality score (issue 18): each criterion passing and failing on real datasets
 * through the API, with its evidence; the score recomputed after writes, loads, validations and
 * dictionary edits (waiting for the computations, never for a duration); search sorted and
 * filtered by it; an organisation's dashboard; what private datasets and drafts let others see.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, test } from 'node:test';
import { bromontPermits, loadSchemasDemo } from '../src/demo/schemas.js';
import type { QualityReport } from '../src/modules/quality/index.js';
import { builtinSnapshots } from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';

const VALID_PERMITS = new URL('../src/modules/schemas/catalogue/permis-de-construction.csv', import.meta.url);
const LONG_NOTES =
  'Les permis de construction délivrés par la municipalité depuis 2024 : un permis par ligne, avec le numéro, la date de dépôt et de délivrance, la catégorie, le type de travaux, le nombre de logements et la valeur déclarée des travaux. Les adresses sont celles du rôle foncier.';

const status = (report: QualityReport, id: string) => report.criteria.find((c) => c.id === id)?.status;

describeEachEngine('the metadata quality score', (current) => {
  let editor: Caller;
  let member: Caller;
  let stranger: Caller;

  before(async () => {
    const { ctx } = current();
    for (const snapshot of await builtinSnapshots())
      await ctx.reference.publishing.publish(snapshot, { by: 'test' });
    await loadSchemasDemo(ctx);
    const city = await seedOrganization(ctx, 'ville-qualite', 'Ville de Qualité');
    const other = await seedOrganization(ctx, 'autre-qualite');
    editor = await seedUser(ctx, 'editeur-qualite', { roles: [[city, 'editor']] });
    member = await seedUser(ctx, 'membre-qualite', { roles: [[city, 'member']] });
    stranger = await seedUser(ctx, 'etranger-qualite', { roles: [[other, 'admin']] });
  });

  async function createDataset(name: string, body: Record<string, unknown>): Promise<string> {
    const created = await call(current().app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: { name, title: { fr: `Jeu ${name}` }, owner_org: 'ville-qualite', ...body },
    });
    assert.equal(created.status, 201, created.body);
    return created.json.id;
  }

  async function upload(dataset: string, filename: string, content: string, extras = {}): Promise<string> {
    const form = multipart(
      { metadata: JSON.stringify({ extras }) },
      { field: 'file', filename, content, type: 'text/csv' },
    );
    const reply = await current().app.inject({
      method: 'POST',
      url: `/api/v1/datasets/${dataset}/resources/upload`,
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    assert.equal(reply.statusCode, 201, reply.body);
    return JSON.parse(reply.body).id;
  }

  const settled = (id: string, until: (report: QualityReport) => boolean) =>
    current().ctx.quality.scores.settled(id, until);
  const quality = (name: string, token?: string) =>
    call(current().app, 'GET', `/api/v1/datasets/${name}/quality`, token ? { token } : {});

  test('a well-described dataset passes every criterion: 100, each with its evidence', async () => {
    const { ctx, app } = current();
    const id = await createDataset('permis-exemplaires', {
      notes: { fr: LONG_NOTES, en: 'Building permits.' },
      license_id: 'cc-by',
      update_frequency: 'monthly',
      time_coverage_start: '2024-01-01',
      spatial: { west: -72.7, south: 45.2, east: -72.5, north: 45.4 },
      maintainer_email: 'urbanisme@ville.test',
    });
    const csv = await readFile(VALID_PERMITS, 'utf8');
    const resource = await upload('permis-exemplaires', 'permis.csv', csv, {
      schema: 'permis-de-construction@1.0.0',
    });
    assert.equal((await ctx.datastore.ingest.settled(resource)).state, 'done');
    // Loaded, validated, but no column is described yet.
    const undescribed = await settled(
      id,
      (r) => status(r, 'schema') === 'passed' && status(r, 'dictionary') === 'failed',
    );
    assert.match(
      undescribed.criteria.find((c) => c.id === 'dictionary')?.evidence.fr ?? '',
      /^0 colonne décrite sur 12 ; sans description : numero, code_municipalite, municipalite, date_depot, date_emission…$/,
    );
    const columns = csv
      .split('\n')[0]
      ?.split(',')
      .map((column) => ({ id: column, description: { fr: `Description de ${column}` } }));
    const saved = await call(app, 'PUT', `/api/v1/resources/${resource}/datastore/dictionary`, {
      token: editor.token,
      body: { columns },
    });
    assert.equal(saved.status, 200, saved.body);
    await settled(id, (r) => r.score === 100);

    const reply = await quality('permis-exemplaires');
    assert.equal(reply.status, 200, reply.body);
    assert.equal(reply.json.score, 100);
    assert.equal(reply.json.band, 'high');
    assert.equal(reply.json.links, undefined, 'link checks are for the publisher');
    const byId = Object.fromEntries(reply.json.criteria.map((c: { id: string }) => [c.id, c]));
    assert.deepEqual(Object.keys(byId), [
      'description',
      'license',
      'frequency-declared',
      'frequency-kept',
      'temporal-coverage',
      'spatial-coverage',
      'contact',
      'resources-reachable',
      'open-formats',
      'schema',
      'dictionary',
    ]);
    for (const criterion of Object.values(byId) as { status: string; weight: number }[])
      assert.equal(criterion.status, 'passed', JSON.stringify(criterion));
    assert.equal(
      Object.values(byId).reduce((sum: number, c) => sum + (c as { weight: number }).weight, 0),
      100,
    );
    assert.match(
      byId['frequency-kept'].evidence.fr,
      /^dernière mise à jour aujourd’hui pour une fréquence mensuelle \(47 jours au plus\)$/,
    );
    assert.equal(byId.license.evidence.en, 'Creative Commons Attribution 4.0 (CC BY 4.0) is an open licence');
    assert.equal(byId.schema.evidence.fr, 'fichiers valides : « permis.csv → permis-de-construction@1.0.0 »');
    assert.equal(byId.dictionary.evidence.en, '12 of 12 columns described');
    assert.equal(byId['open-formats'].evidence.en, 'CSV');
    assert.match(byId.license.why.fr, /réutiliser/);
    assert.match(byId.license.fix.en, /open licence/);
  });

  test('a bare dataset fails what it lacks, saying why and how to fix it; what cannot apply is left out', async () => {
    const id = await createDataset('jeu-nu', {
      notes: { fr: 'Quelques données.' },
      license_id: 'other-closed',
      resources: [{ url: 'https://example.org/rapport.pdf', format: 'PDF', name: { fr: 'Rapport' } }],
    });
    const report = await settled(id, () => true);
    assert.equal(report.score, 0);
    const reply = (await quality('jeu-nu')).json;
    const evidence = Object.fromEntries(
      reply.criteria.map((c: { id: string; status: string; evidence: { fr: string } }) => [
        c.id,
        `${c.status}: ${c.evidence.fr}`,
      ]),
    );
    assert.deepEqual(evidence, {
      description: 'failed: description de 17 caractères : au moins 200 sont attendus',
      license: 'failed: « Autre (non ouverte) » n’est pas une licence ouverte',
      'frequency-declared': 'failed: aucune fréquence déclarée',
      'frequency-kept': 'not-applicable: aucune fréquence déclarée',
      'temporal-coverage': 'failed: aucune période indiquée',
      'spatial-coverage': 'failed: aucune emprise géographique',
      contact: 'failed: aucun courriel du responsable ni de l’auteur',
      'resources-reachable': 'not-applicable: 1 lien pas encore vérifié',
      'open-formats': 'failed: aucun format ouvert lisible par machine : PDF',
      schema: 'not-applicable: aucun fichier CSV',
      dictionary: 'not-applicable: aucune table de données',
    });
    const description = reply.criteria.find((c: { id: string }) => c.id === 'description');
    assert.match(description.fix.fr, /au moins 200 caractères/);
    assert.match(description.why.en, /what the data holds/);
  });

  test('the update frequency: kept or not, from the last update; irregular counts as declared only', async () => {
    const { ctx, app } = current();
    const id = await createDataset('bulletin-mensuel', {
      update_frequency: 'monthly',
      resources: [{ url: 'https://example.org/bulletin.xml', format: 'XML', name: { fr: 'Bulletin' } }],
    });
    await settled(id, (r) => status(r, 'frequency-kept') === 'passed');
    // The bulletin was last published 94 days ago.
    await ctx.db.query(
      `UPDATE catalog.resources SET created = now() - interval '94 days', last_modified = now() - interval '94 days' WHERE dataset_id = $1`,
      [id],
    );
    const patched = await call(app, 'PATCH', '/api/v1/datasets/bulletin-mensuel', {
      token: editor.token,
      body: { title: { fr: 'Bulletin mensuel' } },
    });
    assert.equal(patched.status, 200, patched.body);
    const late = await settled(id, (r) => status(r, 'frequency-kept') === 'failed');
    const kept = late.criteria.find((c) => c.id === 'frequency-kept');
    assert.equal(
      kept?.evidence.fr,
      'dernière mise à jour il y a 94 jours pour une fréquence mensuelle (47 jours au plus)',
    );
    assert.equal(kept?.evidence.en, 'last updated 94 days ago for a monthly frequency (47 days at most)');
    await call(app, 'PATCH', '/api/v1/datasets/bulletin-mensuel', {
      token: editor.token,
      body: { update_frequency: 'irregular' },
    });
    const irregular = await settled(id, (r) => status(r, 'frequency-kept') === 'not-applicable');
    assert.equal(status(irregular, 'frequency-declared'), 'passed');
    await call(app, 'PATCH', '/api/v1/datasets/bulletin-mensuel', {
      token: editor.token,
      body: { update_frequency: 'unknown' },
    });
    const unknown = await settled(id, (r) => status(r, 'frequency-declared') === 'failed');
    assert.equal(
      unknown.criteria.find((c) => c.id === 'frequency-declared')?.evidence.en,
      'frequency declared as “unknown”',
    );
  });

  test('the schema: a file that breaks it fails with its error count; a table without one fails too', async () => {
    const { ctx } = current();
    const id = await createDataset('permis-errones', {});
    const resource = await upload('permis-errones', 'permis-bromont.csv', bromontPermits(), {
      schema: 'permis-de-construction@1.0.0',
    });
    await ctx.datastore.ingest.settled(resource);
    const invalid = await settled(id, (r) =>
      /3 erreurs/.test(r.criteria.find((c) => c.id === 'schema')?.evidence.fr ?? ''),
    );
    assert.equal(status(invalid, 'schema'), 'failed');
    assert.equal(
      invalid.criteria.find((c) => c.id === 'schema')?.evidence.en,
      '“permis-bromont.csv” does not follow permis-de-construction@1.0.0: 3 errors',
    );
    const plain = await createDataset('tableau-sans-schema', {});
    const table = await upload('tableau-sans-schema', 'tableau.csv', 'a,b\n1,2\n');
    await ctx.datastore.ingest.settled(table);
    const none = await settled(plain, (r) => status(r, 'dictionary') === 'failed');
    assert.equal(
      none.criteria.find((c) => c.id === 'schema')?.evidence.fr,
      'aucun fichier CSV ne déclare de schéma',
    );
  });

  test('a private dataset’s score is its members’ only; link checks are for its editors', async () => {
    const id = await createDataset('jeu-prive-qualite', {
      private: true,
      resources: [{ url: 'https://example.org/prive.xml', format: 'XML' }],
    });
    await settled(id, () => true);
    for (const token of [undefined, stranger.token]) {
      const hidden = await quality('jeu-prive-qualite', token);
      assert.equal(hidden.status, 404);
      const absent = await quality('nexiste-pas', token);
      assert.equal(hidden.body.replaceAll('jeu-prive-qualite', 'nexiste-pas'), absent.body);
    }
    const asMember = await quality('jeu-prive-qualite', member.token);
    assert.equal(asMember.status, 200);
    assert.equal(asMember.json.links, undefined);
    const asEditor = await quality('jeu-prive-qualite', editor.token);
    assert.deepEqual(asEditor.json.links, [], 'not checked yet');
    const draft = await createDataset('brouillon-qualite', { state: 'draft' });
    await settled(draft, () => true);
    assert.equal((await quality('brouillon-qualite', member.token)).status, 404, 'drafts are for editors');
    assert.equal((await quality('brouillon-qualite', editor.token)).status, 200);
  });

  test('search sorts by the score (best first), filters by band; hidden scores stay hidden', async () => {
    const { app } = current();
    const sorted = await call(
      app,
      'GET',
      `/api/v1/datasets?fq=organization:ville-qualite&sort=${encodeURIComponent('quality_score desc')}&limit=100`,
    );
    assert.equal(sorted.status, 200, sorted.body);
    assert.equal(sorted.json.sort, 'quality_score desc');
    const names = sorted.json.results.map((d: { name: string }) => d.name);
    assert.equal(names[0], 'permis-exemplaires');
    assert.equal(names.at(-1), 'jeu-nu');
    assert.ok(!names.includes('jeu-prive-qualite') && !names.includes('brouillon-qualite'));
    const ascending = await call(
      app,
      'GET',
      `/api/v1/datasets?organization=ville-qualite&sort=${encodeURIComponent('quality_score asc')}`,
    );
    assert.equal(ascending.json.results[0].name, 'jeu-nu');
    const faceted = await call(app, 'GET', '/api/v1/datasets?facet=quality&organization=ville-qualite');
    const facets = faceted.json.facets.quality;
    const bands = Object.fromEntries(facets.map((f: { name: string; count: number }) => [f.name, f.count]));
    assert.equal(bands.high, 1);
    assert.equal(
      Object.values(bands).reduce((a: number, b) => a + (b as number), 0),
      sorted.json.count,
      'the private dataset and the draft are counted for nobody outside',
    );
    assert.deepEqual(facets.find((f: { name: string }) => f.name === 'high').label, {
      fr: 'Élevée (80 et plus)',
      en: 'High (80 and above)',
    });
    const high = await call(app, 'GET', '/api/v1/datasets?quality=high&organization=ville-qualite');
    assert.deepEqual(
      high.json.results.map((d: { name: string }) => d.name),
      ['permis-exemplaires'],
    );
    const ckan = await call(
      app,
      'GET',
      `/api/3/action/package_search?sort=${encodeURIComponent('quality_score desc')}&fq=quality:low`,
    );
    assert.equal(ckan.json.success, true);
    assert.ok(ckan.json.result.results.some((p: { name: string }) => p.name === 'jeu-nu'));
  });

  test('an organisation’s dashboard: the average, its datasets worst first with their failed criteria', async () => {
    const { app } = current();
    const open = await call(app, 'GET', '/api/v1/organizations/ville-qualite/quality');
    assert.equal(open.status, 200, open.body);
    const names = open.json.datasets.map((d: { name: string }) => d.name);
    assert.equal(names[0], 'jeu-nu');
    assert.equal(names.at(-1), 'permis-exemplaires');
    assert.ok(!names.includes('jeu-prive-qualite'), 'private datasets are for members');
    assert.equal(open.json.count, names.length);
    const scores = open.json.datasets.map((d: { score: number }) => d.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => a - b),
    );
    const mean = scores.reduce((a: number, b: number) => a + b, 0) / scores.length;
    assert.equal(open.json.average, Math.round(mean * 10) / 10);
    const bare = open.json.datasets[0];
    assert.equal(bare.failed[0].id, 'license', 'the heaviest failure first');
    assert.ok(bare.failed.every((c: { status: string }) => c.status === 'failed'));
    const asMember = await call(app, 'GET', '/api/v1/organizations/ville-qualite/quality', {
      token: member.token,
    });
    assert.ok(asMember.json.datasets.some((d: { name: string }) => d.name === 'jeu-prive-qualite'));
    assert.ok(!asMember.json.datasets.some((d: { name: string }) => d.name === 'brouillon-qualite'));
    const asEditor = await call(app, 'GET', '/api/v1/organizations/ville-qualite/quality?limit=1', {
      token: editor.token,
    });
    assert.equal(asEditor.json.datasets.length, 1);
    assert.equal(asEditor.json.count, names.length + 2, 'with the private dataset and the draft');
    assert.equal((await call(app, 'GET', '/api/v1/organizations/inconnue/quality')).status, 404);
  });
});
