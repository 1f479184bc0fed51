/**
 * Reuses and calls for projects: a citizen shows what they made with public datasets (held for
 * moderation), a publisher's is published at once; the datasets list them back; images are
 * resized, re-encoded and stripped of their metadata; private datasets are never linked or shown;
 * a call for projects gathers the reuses made for it.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';

describeEachEngine('reuses and calls for projects', (current) => {
  let citizen: Caller;
  let publisher: Caller;
  let admin: Caller;
  const json = { 'content-type': 'application/json' };
  const api = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    caller: Caller | null,
    body?: unknown,
  ) =>
    call(current().app, method, url, {
      ...(caller ? { token: caller.token } : {}),
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: json }),
    });
  const reuse = (overrides: Record<string, unknown> = {}) => ({
    title: 'Carte des îlots de chaleur',
    description: 'Une carte interactive qui croise la canopée et les températures de surface.',
    type: 'visualization',
    url: 'https://exemple.org/ilots',
    topics: ['Climat', 'climat', 'Urbanisme'],
    datasets: ['canopee'],
    ...overrides,
  });

  before(async () => {
    const { ctx } = current();
    const organization = await seedOrganization(ctx, 'ville-laval', 'Ville de Laval');
    citizen = await seedUser(ctx, 'creatrice');
    publisher = await seedUser(ctx, 'publieur-laval', { roles: [[organization, 'editor']] });
    admin = await seedUser(ctx, 'moderatrice', { sysadmin: true });
    for (const [name, hidden] of [
      ['canopee', false],
      ['temperatures', false],
      ['plan-interne', true],
    ] as const) {
      const created = await api('POST', '/api/v1/datasets', publisher, {
        ...datasetBody(name, 'ville-laval'),
        private: hidden,
      });
      assert.equal(created.status, 201, created.body);
    }
  });

  test('a call for projects is opened by administrators only; its fields are checked', async () => {
    const body = {
      name: 'hackqc-2027',
      kind: 'hackathon',
      title: 'HackQC 2027',
      description: 'Quarante-huit heures pour créer avec les données ouvertes.',
      participation: 'Équipes de 2 à 5 personnes; projets soumis comme réutilisations.',
      starts_on: '2027-03-05',
      ends_on: '2027-03-07',
      datasets: ['canopee', 'plan-interne'],
    };
    assert.equal((await api('POST', '/api/v1/calls', citizen, body)).status, 403);
    const bad = await api('POST', '/api/v1/calls', admin, { ...body, ends_on: '2027-03-01' });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.json.errors.map((error: { field: string }) => error.field).sort(),
      ['datasets', 'endsOn'],
      'a private dataset cannot be suggested; the end comes after the start',
    );
    const opened = await api('POST', '/api/v1/calls', admin, { ...body, datasets: ['canopee'] });
    assert.equal(opened.status, 201, opened.body);
    assert.deepEqual(
      opened.json.datasets.map((dataset: { name: string }) => dataset.name),
      ['canopee'],
    );
  });

  test('a citizen’s reuse waits for moderation; fields are checked by name; a private dataset is refused', async () => {
    assert.equal((await api('POST', '/api/v1/reuses', null, reuse())).status, 401);
    const bad = await api(
      'POST',
      '/api/v1/reuses',
      citizen,
      reuse({ type: 'jeu', url: 'ftp://x', datasets: ['plan-interne'] }),
    );
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.json.errors.map((error: { field: string }) => error.field).sort(), [
      'datasets',
      'type',
      'url',
    ]);
    assert.doesNotMatch(bad.body, /Titre de plan-interne/);

    const created = await api(
      'POST',
      '/api/v1/reuses',
      citizen,
      reuse({ call: 'hackqc-2027', datasets: ['canopee', 'temperatures'] }),
    );
    assert.equal(created.status, 201, created.body);
    assert.equal(created.json.state, 'pending');
    assert.equal(created.json.name, 'carte-des-ilots-de-chaleur');
    assert.deepEqual(created.json.topics, ['climat', 'urbanisme']);
    assert.equal(created.json.call.title, 'HackQC 2027');
    assert.equal(
      (await api('GET', '/api/v1/reuses/carte-des-ilots-de-chaleur', null)).status,
      404,
      'hidden until approved',
    );
    assert.equal(
      (await api('GET', '/api/v1/reuses/carte-des-ilots-de-chaleur', citizen)).status,
      200,
      'its author sees it',
    );
    assert.equal((await api('GET', '/api/v1/reuses', null)).json.total, 0);
    assert.equal((await api('GET', '/api/v1/reuses?state=pending', admin)).json.total, 1);
  });

  test('moderation: a refusal needs a reason; once published it shows on the datasets and the call', async () => {
    const url = '/api/v1/reuses/carte-des-ilots-de-chaleur/moderation';
    assert.equal((await api('POST', url, citizen, { state: 'published' })).status, 403);
    const refused = await api('POST', url, admin, { state: 'refused' });
    assert.equal(refused.status, 422);
    assert.equal(refused.json.errors[0].field, 'reason');
    const published = await api('POST', url, admin, { state: 'published' });
    assert.equal(published.status, 200, published.body);
    assert.equal(published.json.state, 'published');
    const ofDataset = await api('GET', '/api/v1/reuses?dataset=temperatures', null);
    assert.deepEqual(
      ofDataset.json.reuses.map((r: { name: string }) => r.name),
      ['carte-des-ilots-de-chaleur'],
    );
    assert.equal((await api('GET', '/api/v1/reuses?call=hackqc-2027', null)).json.total, 1);
    assert.equal((await api('GET', '/api/v1/calls/hackqc-2027', null)).json.reuse_count, 1);
    assert.equal((await api('GET', '/api/v1/reuses?topic=climat&type=visualization', null)).json.total, 1);
    assert.equal((await api('GET', '/api/v1/reuses?topic=sante', null)).json.total, 0);
  });

  test('its author edits a reuse (errors by field); an edit waits for moderation again; others may not', async () => {
    const url = '/api/v1/reuses/carte-des-ilots-de-chaleur';
    const edit = reuse({
      call: 'hackqc-2027',
      datasets: ['canopee'],
      title: 'Carte des îlots de chaleur urbains',
    });
    assert.equal((await api('PUT', url, publisher, edit)).status, 403, 'not its author');
    const bad = await api('PUT', url, citizen, {
      ...edit,
      url: 'pas une adresse',
      datasets: ['plan-interne'],
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.json.errors.map((error: { field: string }) => error.field).sort(), [
      'datasets',
      'url',
    ]);
    const edited = await api('PUT', url, citizen, edit);
    assert.equal(edited.status, 200, edited.body);
    assert.deepEqual(
      [
        edited.json.name,
        edited.json.title,
        edited.json.state,
        edited.json.datasets.map((d: { name: string }) => d.name),
      ],
      ['carte-des-ilots-de-chaleur', 'Carte des îlots de chaleur urbains', 'pending', ['canopee']],
      'its address stays; it waits for a moderator again',
    );
    assert.equal((await api('GET', url, null)).status, 404);
    const fixed = await api('PUT', url, admin, { ...edit, datasets: ['canopee', 'temperatures'] });
    assert.equal(fixed.json.state, 'pending', 'an administrator’s edit keeps the state');
    const published = await api('POST', `${url}/moderation`, admin, { state: 'published' });
    assert.equal(published.json.state, 'published');
  });

  test('a publisher’s reuse is published at once; a dataset made private disappears from it', async () => {
    const created = await api(
      'POST',
      '/api/v1/reuses',
      publisher,
      reuse({ title: 'API des températures', type: 'api', datasets: ['temperatures'] }),
    );
    assert.equal(created.json.state, 'published');
    const hidden = await api('PATCH', '/api/v1/datasets/temperatures', publisher, { private: true });
    assert.ok(hidden.status < 300, hidden.body);
    const shown = await api('GET', `/api/v1/reuses/${created.json.name}`, null);
    assert.deepEqual(shown.json.datasets, [], 'the private dataset is not shown');
    assert.doesNotMatch(shown.body, /Titre de temperatures/);
    await api('PATCH', '/api/v1/datasets/temperatures', publisher, { private: false });
  });

  test('an image is resized, re-encoded as WebP and stripped of its metadata; other files are refused', async () => {
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#336699' } })
      .withExif({
        IFD0: { Copyright: 'Appareil de Camille', Make: 'Marque secrète' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '46/1 48/1 0/1' },
      })
      .jpeg()
      .toBuffer();
    assert.ok((await sharp(photo).metadata()).exif, 'the original carries EXIF');
    const put = (bytes: Buffer, type: string, caller: Caller | null = citizen) =>
      call(current().app, 'PUT', '/api/v1/reuses/carte-des-ilots-de-chaleur/image', {
        ...(caller ? { token: caller.token } : {}),
        body: bytes,
        headers: { 'content-type': type },
      });
    assert.equal((await put(photo, 'image/jpeg', publisher)).status, 403, 'only its author');
    const stored = await put(photo, 'image/jpeg');
    assert.equal(stored.status, 200, stored.body);
    const image = await current().app.inject({
      method: 'GET',
      url: '/api/v1/reuses/carte-des-ilots-de-chaleur/image',
    });
    assert.equal(image.statusCode, 200);
    assert.equal(image.headers['content-type'], 'image/webp');
    const shown = await sharp(image.rawPayload).metadata();
    assert.equal(shown.format, 'webp');
    assert.equal(shown.width, 1200);
    assert.equal(shown.height, 800);
    assert.equal(shown.exif, undefined, 'no EXIF left');
    assert.doesNotMatch(image.rawPayload.toString('latin1'), /secrète|Camille|GPS/);

    const text = await put(Buffer.from('pas une image'), 'image/png');
    assert.equal(text.status, 422);
    assert.equal(text.json.errors[0].field, 'image');
    const svg = await put(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      'image/png',
    );
    assert.equal(svg.status, 422, 'SVG is not taken');
    // A small file claiming a huge canvas (a decompression bomb) is refused before decoding.
    const bomb = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    assert.ok(bomb.length < 1_000_000);
    assert.equal((await put(bomb, 'image/png')).status, 422);
  });
});
