import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { loadDemoContent } from '../src/demo/index.js';
import { describeEachEngine, TEST_BASE_URL } from './helpers/app.js';
import { call } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

describeEachEngine('demo content', (current) => {
  before(async () => {
    assert.deepEqual(await loadDemoContent(current().ctx), { datasets: 28 });
  });

  test('loads once: a second run finds everything in place', async () => {
    assert.equal(await loadDemoContent(current().ctx), null);
  });

  test('spans publishers and themes; the private dataset and the draft stay hidden', async () => {
    const { app } = current();
    const searched = async () => (await call(app, 'GET', '/api/v1/datasets?limit=0&facet_limit=-1')).json;
    // 26 demo datasets, the table a pipeline fills through the DataStore API, the "Marchés
    // publics (OCDS)" dataset of the demo procurement data, the "Registre des entreprises" of
    // the demo registry (with its organisation), the eco-centres checked against the
    // municipalities, Bromont's building permits (following the urban-planning schema), and the
    // four reference sets' datasets (a job writes them, with their organisation, after each version);
    // the ecosystems' Sherbrooke permits, two film catalogues and two consolidated tables; and the
    // three public datasets harvested from Gatineau's (recorded) data.json.
    await until(async () => (await searched()).count === 43);
    const search = await searched();
    assert.equal(search.facets.organization.length, 15);
    assert.ok(search.facets.groups.length >= 6);
    const formats = Object.fromEntries(
      search.facets.res_format.map((f: { name: string; count: number }) => [f.name, f.count]),
    );
    assert.ok(formats.CSV >= 15 && formats.GeoJSON >= 8, JSON.stringify(formats));
  });

  test('demo reuses and follows: a hackathon with two published projects (with images), one awaiting moderation; the citizen follows six things', async () => {
    const { app, ctx } = current();
    const hackathon = (await call(app, 'GET', '/api/v1/calls/hackqc-2027')).json;
    assert.equal(hackathon.reuse_count, 2);
    const published = (await call(app, 'GET', '/api/v1/reuses?call=hackqc-2027')).json;
    assert.ok(published.reuses.every((reuse: { image: string | null }) => reuse.image !== null));
    const image = await app.inject({ method: 'GET', url: published.reuses[0].image });
    assert.equal(image.headers['content-type'], 'image/webp');
    assert.equal(
      (await call(app, 'GET', '/api/v1/reuses/ou-sont-les-arbres-de-ma-rue')).status,
      404,
      'awaiting moderation',
    );
    const citizen = await ctx.accounts.actorForUser(await ctx.accounts.requireUser('citoyenne-demo'));
    assert.equal((await ctx.community.follows.list(citizen)).length, 6);
  });

  test('demo discussions and consultations: a question answered by the publisher, a message held for moderation, a consultation open and one concluded', async () => {
    const { app } = current();
    const threads = (await call(app, 'GET', '/api/v1/datasets/arbres-publics-montreal/discussions')).json
      .threads;
    assert.deepEqual(
      threads.map((thread: { posts: number; answered: boolean }) => [thread.posts, thread.answered]),
      [[3, true]],
    );
    assert.deepEqual(
      (await call(app, 'GET', '/api/v1/datasets/debits-circulation-routiere/discussions')).json.threads,
      [],
      'the message with a link waits for a moderator',
    );
    const consultations = (await call(app, 'GET', '/api/v1/consultations')).json.consultations;
    assert.deepEqual(consultations.map((c: { state: string }) => c.state).sort(), ['concluded', 'open']);
    const concluded = consultations.find((c: { state: string }) => c.state === 'concluded');
    const read = (await call(app, 'GET', `/api/v1/consultations/${concluded.name}`)).json;
    assert.ok(read.summary && read.themes.every((theme: { answer: string | null }) => theme.answer));
    assert.equal((await call(app, 'GET', `/fr/consultations/${concluded.name}`)).status, 200);
  });

  test('demo data requests: asked, supported, planned, answered by a dataset, refused with a reason', async () => {
    const { app } = current();
    const listed = (await call(app, 'GET', '/api/v1/data-requests?sort=newest')).json;
    assert.equal(listed.total, 4);
    assert.deepEqual(listed.requests.map((request: { status: string }) => request.status).sort(), [
      'open',
      'planned',
      'published',
      'refused',
    ]);
    const published = listed.requests.find((request: { status: string }) => request.status === 'published');
    assert.equal(published.dataset, 'debits-circulation-routiere');
    const open = listed.requests.find((request: { status: string }) => request.status === 'open');
    assert.equal(open.supporters, 2);
    const page = await call(app, 'GET', '/fr/demandes-de-donnees');
    assert.equal(page.status, 200);
    assert.match(page.body, /Heures d’affluence des traversiers/);
  });

  test('demo reference data: a fictitious second version, and eco-centres whose codes are checked against it', async () => {
    const { app } = current();
    const version = (await call(app, 'GET', '/api/v1/reference/municipalites/versions')).json[0];
    assert.equal(version.label, '2019.0.0-fictif');
    assert.equal(version.fictitious, true);
    const dataset = (await call(app, 'GET', '/api/3/action/package_show?id=ecocentres-brome-missisquoi')).json
      .result;
    const [check] = (
      await call(app, 'GET', `/api/v1/resources/${dataset.resources[0].id}/datastore/integrity`)
    ).json;
    const kinds = Object.fromEntries(
      check.findings.map((f: { kind: string; count: number }) => [f.kind, f.count]),
    );
    assert.deepEqual(kinds, { unknown: 1, retired: 2, name_mismatch: 1 });
    const retired = check.findings.find((f: { kind: string }) => f.kind === 'retired');
    assert.deepEqual(
      retired.samples.map((s: { value: string; successors: string[] }) => [s.value, s.successors]),
      [
        ['46030', ['46027']],
        ['46070', ['46075']],
      ],
    );
  });

  test('demo schemas: Bromont’s permits are validated against the urban-planning schema after their load', async () => {
    const { app } = current();
    const dataset = (await call(app, 'GET', '/api/3/action/package_show?id=permis-de-construction-bromont'))
      .json.result;
    const id = dataset.resources[0].id;
    await until(async () => (await call(app, 'GET', `/api/v1/resources/${id}/validation`)).json !== null);
    const report = (await call(app, 'GET', `/api/v1/resources/${id}/validation`)).json;
    assert.equal(report.rows, 120);
    assert.deepEqual(report.byType, { 'type-error': 1, 'constraint-error': 1, 'foreign-key': 1 });
    assert.deepEqual(
      (await call(app, 'GET', '/api/v1/schemas')).json.map((s: { name: string }) => s.name),
      ['oeuvres-cinematographiques', 'permis-de-construction'],
    );
  });

  test('demo ecosystems: culture and urban planning, their consolidated tables, a municipality waiting to join', async () => {
    const { app, ctx } = current();
    const rows = async (slug: string) =>
      (await call(app, 'GET', `/api/v1/ecosystems/${slug}`)).json.consolidations[0]?.rows ?? 0;
    await until(async () => (await rows('culture')) === 84 && (await rows('urbanisme')) === 200);
    const culture = (await call(app, 'GET', '/api/v1/ecosystems/culture')).json;
    assert.deepEqual(
      culture.datasets.map((d: { dataset: string; schemaVersion: string; valid: boolean }) => [
        d.dataset,
        d.schemaVersion,
        d.valid,
      ]),
      [
        ['catalogue-oeuvres-cinematheque-exemple', '1.1.0', true],
        ['films-presentes-cineclub-de-la-riviere', '1.0.0', true],
      ],
    );
    const urbanism = (await call(app, 'GET', '/api/v1/ecosystems/urbanisme')).json;
    assert.deepEqual(
      urbanism.members.map((m: { organization: { name: string }; role: string }) => [
        m.organization.name,
        m.role,
      ]),
      [
        ['affaires-municipales', 'lead'],
        ['ville-de-bromont', 'member'],
        ['ville-de-sherbrooke', 'member'],
        ['ville-de-montreal', 'observer'],
      ],
    );
    const [waiting] = await ctx.schemas.partners.repo.list({ status: 'pending', userId: null, limit: 5 });
    assert.equal(waiting?.organizationTitle, 'Ville de Granby');
  });

  test('demo harvest: Gatineau’s data.json tested, then harvested; its datasets say where they come from', async () => {
    const { app, ctx } = current();
    const { SYSTEM } = await import('../src/modules/accounts/index.js');
    const runs = await ctx.harvest.runs(SYSTEM, 'gatineau-donnees-ouvertes');
    assert.deepEqual(
      runs.map((run) => [run.dryRun, run.status, run.counts.created]),
      [
        [false, 'succeeded', 3],
        [true, 'succeeded', 3],
      ],
    );
    const found = (
      await call(app, 'GET', '/api/3/action/package_search?fq=organization:ville-de-gatineau&rows=10')
    ).json.result;
    assert.equal(found.count, 3);
    const extras = found.results[0].extras.map((extra: { key: string }) => extra.key);
    assert.ok(extras.includes('harvest_source_id'));
  });

  test('demo pipeline: a table filled through the DataStore API, queryable and downloadable', async () => {
    const { app } = current();
    const dataset = (await call(app, 'GET', '/api/3/action/package_show?id=niveaux-stations-hydrometriques'))
      .json.result;
    const [resource] = dataset.resources;
    assert.equal(resource.datastore_active, true);
    assert.equal(resource.url_type, 'datastore');
    const search = (
      await call(app, 'GET', `/api/3/action/datastore_search?resource_id=${resource.id}&limit=1`)
    ).json.result;
    assert.equal(search.total, 600, '5 stations × 120 days');
    assert.equal(
      search.fields.find((field: { id: string }) => field.id === 'debit_m3s').info.label,
      'Débit (m³/s)',
    );
    const dump = await call(app, 'GET', `/datastore/dump/${resource.id}`);
    assert.equal(dump.body.trim().split('\r\n').length, 601);
    // The page offers it as a download from this site, not as an external link.
    const page = await call(app, 'GET', '/fr/jeux-de-donnees/niveaux-stations-hydrometriques');
    assert.match(page.body, new RegExp(`href="/datastore/dump/${resource.id}"[^>]*>Télécharger<`));
  });

  test('demo procurement: tenders open today, listed in the catalog as OCDS bulk files', async () => {
    const { app } = current();
    const open = (await call(app, 'GET', '/api/v1/procurement/tenders?open=true&limit=1')).json;
    assert.ok(open.count > 10, `${open.count} open tenders`);
    const dataset = (await call(app, 'GET', '/api/v1/datasets/marches-publics-ocds')).json;
    assert.ok(dataset.resources.length > 20);
  });

  test('demo registry: two editions, their changes, the bulk files in the catalog', async () => {
    const { app } = current();
    const editions = (await call(app, 'GET', '/api/v1/registry/editions')).json;
    assert.equal(editions.length, 2);
    assert.equal(editions.filter((edition: { current: boolean }) => edition.current).length, 1);
    const changes = (await call(app, 'GET', '/api/v1/registry/changes?limit=1000')).json;
    assert.ok(changes.changes.length > 100, `${changes.changes.length} changes`);
    const dataset = (await call(app, 'GET', '/api/v1/datasets/registre-des-entreprises')).json;
    assert.equal(dataset.resources.length, 7);
    const first = (await call(app, 'GET', '/api/v1/registry/enterprises?status=IM&limit=1')).json.results[0];
    const enterprise = (await call(app, 'GET', `/api/v1/registry/enterprises/${first.neq}`)).json;
    assert.ok(enterprise.people.length >= 1, 'the demo enterprises have people');
    assert.ok(!JSON.stringify(enterprise).includes('Domiciles'), 'never their home address');
  });

  test('the municipalities come from the real CC0 file, with their attribution', async () => {
    const { app } = current();
    const dataset = (await call(app, 'GET', '/api/v1/datasets/repertoire-municipalites-sgc-2016')).json;
    assert.equal(dataset.license_id, 'cc-zero');
    assert.match(dataset.notes.fr, /Statistique Canada.*Open Civic Data \(CC0 1\.0\)/s);
    const file = dataset.resources.find((r: { kind: string }) => r.kind === 'upload');
    const rows: Record<string, string>[] = parse(
      (await app.inject({ method: 'GET', url: file.url.slice(TEST_BASE_URL.length) })).body,
      { columns: true },
    );
    assert.equal(rows.length, 1285);
    assert.deepEqual(
      rows.find((r) => r.code_geographique === '66023'),
      {
        code_geographique: '66023',
        nom: 'Montréal',
        type: 'V',
        type_description: 'Ville',
        code_division: '66',
        division: 'Montréal',
        code_sgc: '2466023',
      },
    );
  });

  test('generated datasets say they are fictitious, and their files parse', async () => {
    const { app } = current();
    const all = (await call(app, 'GET', '/api/v1/datasets?limit=100&fq=tags:d%C3%A9monstration')).json
      .results;
    assert.ok(all.length >= 20);
    for (const dataset of all) {
      assert.match(dataset.notes.fr, /Données fictives/, dataset.name);
      assert.match(dataset.notes.en, /Fictitious data/, dataset.name);
      for (const resource of dataset.resources.filter((r: { kind: string }) => r.kind === 'upload')) {
        const body = (await app.inject({ method: 'GET', url: resource.url.slice(TEST_BASE_URL.length) }))
          .body;
        if (resource.format === 'GeoJSON') assert.equal(JSON.parse(body).type, 'FeatureCollection');
        else assert.ok(parse(body, { columns: true }).length > 0, `${dataset.name}: ${resource.url}`);
      }
    }
  });
});
