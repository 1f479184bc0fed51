import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, seedOrganization, seedTheme, seedUser } from './helpers/fixtures.js';

describeEachEngine('French-first search', (current) => {
  let admin: Caller;
  const names = (reply: { json: { results: { name: string }[] } }) => reply.json.results.map((d) => d.name);
  const search = (query: string) =>
    call(current().app, 'GET', `/api/v1/datasets?${query}`, { token: admin.token });

  before(async () => {
    const { ctx, app } = current();
    admin = await seedUser(ctx, 'admin', { sysadmin: true });
    await seedOrganization(ctx, 'mamh', 'Ministère des Affaires municipales');
    await seedOrganization(ctx, 'ville', 'Ville de Québec');
    await seedTheme(ctx, 'environnement', 'Environnement', 'ENVI');
    await seedTheme(ctx, 'transport', 'Transport', 'TRAN');
    const datasets = [
      datasetBody('repertoire-municipalites', 'mamh', {
        title: { fr: 'Répertoire des municipalités du Québec' },
        tags: ['référence'],
        groups: [],
      }),
      datasetBody('eau-potable', 'mamh', {
        title: { fr: "Qualité de l'eau potable", en: 'Drinking water quality' },
        notes: { fr: 'Analyses des réseaux.' },
        tags: ['santé'],
        keywords_en: ['water'],
        groups: ['environnement'],
      }),
      datasetBody('ecoles', 'ville', {
        title: { fr: 'École primaire : inscriptions' },
        notes: { fr: 'Inscriptions par quartier.' },
        tags: ['éducation'],
        license_id: 'cc-zero',
      }),
      datasetBody('velo-titre', 'ville', {
        title: { fr: 'Réseau de vélo' },
        notes: { fr: 'Tracés.' },
        tags: ['mobilité'],
        groups: ['transport'],
      }),
      datasetBody('velo-mot-cle', 'ville', {
        title: { fr: 'Réseau routier' },
        notes: { fr: 'Tracés.' },
        tags: ['vélo'],
        groups: ['transport'],
      }),
      datasetBody('velo-description', 'ville', {
        title: { fr: 'Comptages de déplacements' },
        notes: { fr: 'Comptages des passages à vélo aux intersections.' },
        tags: ['comptages'],
        groups: ['transport'],
      }),
      datasetBody('forets', 'mamh', {
        title: { fr: 'Forêts publiques' },
        notes: { fr: 'Peuplements.' },
        tags: ['forêt'],
        groups: ['environnement'],
      }),
    ];
    for (const body of datasets) {
      const created = await call(app, 'POST', '/api/v1/datasets', { token: admin.token, body });
      assert.equal(created.status, 201, created.body);
    }
    const resource = { url: 'https://example.com/export.csv', name: { fr: 'Export' } };
    await call(app, 'POST', '/api/v1/datasets/ecoles/resources', { token: admin.token, body: resource });
  });

  test('accents are ignored: "municipalite" finds "municipalités"', async () => {
    assert.deepEqual(names(await search('q=municipalite')), ['repertoire-municipalites']);
    assert.deepEqual(names(await search('q=MUNICIPALITÉS')), ['repertoire-municipalites']);
  });

  test('elisions are handled: "l\'eau" and "l’eau" find "eau"', async () => {
    assert.deepEqual(names(await search(`q=${encodeURIComponent("l'eau")}`)), ['eau-potable']);
    assert.deepEqual(names(await search(`q=${encodeURIComponent('l’eau')}`)), ['eau-potable']);
  });

  test('words are stemmed: "écoles" finds "École"', async () => {
    assert.deepEqual(names(await search('q=%C3%A9coles')), ['ecoles']);
    assert.deepEqual(names(await search('q=forets')), ['forets']);
  });

  test('English words match English titles and keywords', async () => {
    assert.deepEqual(names(await search('q=water')), ['eau-potable']);
  });

  test('a title match outranks a keyword match, which outranks a description match', async () => {
    assert.deepEqual(names(await search('q=v%C3%A9lo')), ['velo-titre', 'velo-mot-cle', 'velo-description']);
  });

  test('phrases, prefixes, OR and NOT follow the query syntax', async () => {
    assert.deepEqual(names(await search(`q=${encodeURIComponent('"eau potable"')}`)), ['eau-potable']);
    assert.deepEqual(names(await search(`q=${encodeURIComponent('"potable eau"')}`)), []);
    // The prefix matches a title first, then twice the publisher's name (a tie, broken by date).
    assert.deepEqual(names(await search('q=municip*')), [
      'repertoire-municipalites',
      'forets',
      'eau-potable',
    ]);
    assert.deepEqual(names(await search(`q=${encodeURIComponent('forêts OR école')}&sort=name asc`)), [
      'ecoles',
      'forets',
    ]);
    assert.deepEqual(names(await search(`q=${encodeURIComponent('vélo -routier')}`)), [
      'velo-titre',
      'velo-description',
    ]);
    assert.deepEqual(names(await search(`q=${encodeURIComponent('tags:vélo')}`)), ['velo-mot-cle']);
  });

  test('facets count organisations, themes, tags, formats and licences; filters combine', async () => {
    const all = await search('limit=0');
    assert.equal(all.json.count, 7);
    const byName = (facet: { name: string; count: number }[]) =>
      Object.fromEntries(facet.map((item) => [item.name, item.count]));
    assert.deepEqual(byName(all.json.facets.organization), { mamh: 3, ville: 4 });
    assert.deepEqual(byName(all.json.facets.groups), { transport: 3, environnement: 2 });
    assert.deepEqual(byName(all.json.facets.license_id), { 'cc-by': 6, 'cc-zero': 1 });
    assert.deepEqual(byName(all.json.facets.res_format), { CSV: 1 });
    assert.equal(
      all.json.facets.organization.find((item: { name: string }) => item.name === 'mamh').label.fr,
      'Ministère des Affaires municipales',
    );

    const filtered = await search('organization=ville&groups=transport&limit=10&sort=name asc');
    assert.deepEqual(names(filtered), ['velo-description', 'velo-mot-cle', 'velo-titre']);
    assert.deepEqual(byName(filtered.json.facets.organization), { ville: 3 });
    assert.deepEqual(byName(filtered.json.facets.tags), { comptages: 1, mobilité: 1, vélo: 1 });
    const withQuery = await search('q=r%C3%A9seau&fq=groups:transport&facet=tags');
    assert.deepEqual(names(withQuery).sort(), ['velo-mot-cle', 'velo-titre']);
    assert.deepEqual(Object.keys(withQuery.json.facets), ['tags']);
  });

  test('sorts by title with accents folded, by name, by date; pages have no cap', async () => {
    const byTitle = names(await search('sort=title asc&limit=3'));
    assert.deepEqual(byTitle, ['velo-description', 'ecoles', 'forets']);
    const byName = names(await search('sort=name desc&limit=2'));
    assert.deepEqual(byName, ['velo-titre', 'velo-mot-cle']);
    const newest = names(await search('sort=metadata_modified desc&limit=1'));
    assert.deepEqual(newest, ['ecoles']);
    const page2 = await search('sort=name asc&limit=3&offset=3');
    assert.deepEqual(names(page2), ['repertoire-municipalites', 'velo-description', 'velo-mot-cle']);
    const far = await search('sort=name asc&limit=5&offset=100000');
    assert.equal(far.json.count, 7);
    assert.deepEqual(names(far), []);
  });

  test('misspelt words get suggestions ("did you mean")', async () => {
    const reply = await search('q=municipalte');
    assert.equal(reply.json.count, 0);
    assert.equal(reply.json.suggestions.corrected_query, 'municipalités');
    assert.equal(reply.json.suggestions.datasets[0].name, 'repertoire-municipalites');
    const suggest = await call(current().app, 'GET', '/api/v1/suggest?q=qualiter%20de%20leau');
    assert.equal(suggest.json.datasets[0].name, 'eau-potable');
  });

  test('a query the parser cannot read is a 400 problem, not a crash', async () => {
    const reply = await search(`q=${encodeURIComponent('"unterminated')}`);
    assert.equal(reply.status, 400);
    assert.equal(reply.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.match(reply.json.detail, /unterminated quotation mark/);
    const badField = await search('fq=nosuchfield:x');
    assert.equal(badField.status, 400);
    assert.match(badField.json.detail, /undefined field nosuchfield/);
    const badSort = await search('sort=popularity desc');
    assert.equal(badSort.status, 400);
  });
});
