import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { before, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { describeEachEngine } from './helpers/app.js';
import { seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';
import { WebClient } from './helpers/web-client.js';

const PIECE = 'application/offset+octet-stream';

/** A file of `size` bytes whose content depends on its position, so a misplaced piece shows. */
function fileOf(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index++) bytes[index] = (index * 7 + (index >> 8)) % 251;
  return bytes;
}

describeEachEngine(
  'resumable uploads from the resource form',
  (current) => {
    let web: WebClient;
    let csrf: string;

    before(async () => {
      const { ctx, app } = current();
      const city = await seedOrganization(ctx, 'ville', 'Ville');
      await seedUser(ctx, 'editrice', { roles: [[city, 'editor']] });
      await seedUser(ctx, 'autre', { roles: [[city, 'editor']] });
      web = new WebClient(app);
      await web.signIn('editrice');
      await web.createDataset({
        title_fr: 'Gros fichier',
        name: 'gros',
        owner_org: city.id,
      });
      await web.get('/fr/jeux-de-donnees/gros/ajouter-une-ressource');
      csrf = web.csrf();
    });

    const start = (size: number, headers: Record<string, string> = { 'x-csrf-token': csrf }) =>
      web.request({
        method: 'POST',
        url: '/uploads',
        headers: { 'content-type': 'application/json', ...headers },
        payload: JSON.stringify({ filename: 'mesures.csv', size, type: 'text/csv' }),
      });
    const piece = (id: string, offset: number, bytes: Buffer) =>
      web.request({
        method: 'PATCH',
        url: `/uploads/${id}`,
        headers: { 'content-type': PIECE, 'upload-offset': String(offset), 'x-csrf-token': csrf },
        payload: bytes,
      });

    test('an upload starts only for a signed-in browser with its CSRF token, within the size limit', async () => {
      const { app } = current();
      assert.equal((await start(10, {})).status, 403);
      const anonymous = await new WebClient(app).request({
        method: 'POST',
        url: '/uploads',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ filename: 'a.csv', size: 10 }),
      });
      assert.equal(anonymous.status, 401);
      const tooBig = await start(200_000);
      assert.equal(tooBig.status, 413);
      assert.match(String(tooBig.headers['content-type']), /problem\+json/);
      const started = await start(10);
      assert.equal(started.status, 201);
      assert.deepEqual(Object.keys(JSON.parse(started.body)).sort(), ['id', 'offset', 'size']);
    });

    test('pieces must come in order; the server says where it stands; others cannot see it', async () => {
      const { app } = current();
      const file = fileOf(50_000);
      const { id } = JSON.parse((await start(file.length)).body);
      const first = await piece(id, 0, file.subarray(0, 20_000));
      assert.equal(first.status, 200);
      assert.equal(JSON.parse(first.body).offset, 20_000);
      const outOfStep = await piece(id, 10_000, file.subarray(10_000, 30_000));
      assert.equal(outOfStep.status, 409);
      assert.equal(JSON.parse((await web.get(`/uploads/${id}`)).body).offset, 20_000);
      const tooMuch = await piece(id, 20_000, fileOf(40_000));
      assert.equal(tooMuch.status, 413);
      const other = new WebClient(app);
      await other.signIn('autre');
      assert.equal((await other.get(`/uploads/${id}`)).status, 404);
      assert.equal((await new WebClient(app).get(`/uploads/${id}`)).status, 401);
    });

    test('an upload cut mid-piece resumes from what arrived, and the form saves the whole file', async () => {
      const { app, ctx } = current();
      const file = fileOf(60_000);
      const { id } = JSON.parse((await start(file.length)).body);
      // A real socket, closed after half of a piece: the server keeps what it received.
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const cookie = `quai_session=${web.cookie('quai_session')}; quai_csrf=${web.cookie('quai_csrf')}`;
      const request = http.request(`${address}/uploads/${id}`, {
        method: 'PATCH',
        headers: {
          cookie,
          'content-type': PIECE,
          'upload-offset': '0',
          'x-csrf-token': csrf,
          'content-length': '60000',
        },
      });
      request.on('error', () => {});
      request.write(file.subarray(0, 25_000));
      const offsetNow = async () => JSON.parse((await web.get(`/uploads/${id}`)).body).offset as number;
      // Once the server holds what was sent, the connection is cut.
      await until(async () => (await offsetNow()) === 25_000);
      request.destroy();
      const offset = await offsetNow();
      assert.ok(offset > 0 && offset <= 25_000, `kept ${offset} bytes`);
      // The rest is accepted once the server has let go of the cut piece.
      let rest = await piece(id, offset, file.subarray(offset));
      await until(async () => {
        if (rest.status !== 409) return true;
        rest = await piece(id, offset, file.subarray(offset));
        return false;
      });
      assert.equal(JSON.parse(rest.body).offset, file.length);

      const saved = await web.postMultipart(
        '/fr/jeux-de-donnees/gros/ajouter-une-ressource',
        { kind: 'upload', upload_id: id, name_fr: 'Mesures' },
        null,
      );
      assert.equal(saved.status, 303);
      // A draft: read as its editors would.
      const [resource] = (await ctx.catalog.datasets.get(SYSTEM, 'gros')).resources;
      assert.equal(resource?.size, file.length);
      assert.equal(resource?.upload?.sha256, createHash('sha256').update(file).digest('hex'));
      assert.equal(resource?.format, 'CSV');
      // The pieces are gone once the resource holds the file.
      assert.equal((await web.get(`/uploads/${id}`)).status, 404);
    });

    test('a form naming an unfinished upload is refused, and the upload stays', async () => {
      const { id } = JSON.parse((await start(1000)).body);
      await piece(id, 0, fileOf(400));
      const refused = await web.postMultipart(
        '/fr/jeux-de-donnees/gros/ajouter-une-ressource',
        { kind: 'upload', upload_id: id },
        null,
      );
      assert.equal(refused.status, 422);
      assert.match(refused.body, /n&#39;est pas terminé|n'est pas terminé/);
      assert.equal(JSON.parse((await web.get(`/uploads/${id}`)).body).offset, 400);
    });
  },
  { MAX_UPLOAD_BYTES: '100000' },
);
