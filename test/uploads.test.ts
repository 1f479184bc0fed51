import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { before, test } from 'node:test';
import { describeEachEngine, TEST_BASE_URL } from './helpers/app.js';
import { type Caller, call, datasetBody, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

const MAX_BYTES = 64 * 1024;

/** Every file under a folder, recursively (blob storage is sha256/ab/cd/<hash>). */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describeEachEngine(
  'uploads and downloads',
  (current) => {
    let editor: Caller;
    let outsider: Caller;
    const blobFiles = () => filesUnder(path.join(current().dataDir, 'blobs', 'sha256'));
    const tempFiles = () => filesUnder(path.join(current().dataDir, 'blobs', 'tmp'));
    const resourceCount = async () =>
      (await call(current().app, 'GET', '/api/v1/datasets/donnees', { token: editor.token })).json.resources
        .length;

    async function upload(
      file: { filename: string; content: Buffer | string },
      options: { token?: string; metadata?: string; dataset?: string } = {},
    ) {
      const form = multipart(options.metadata === undefined ? {} : { metadata: options.metadata }, {
        field: 'file',
        ...file,
      });
      const reply = await current().app.inject({
        method: 'POST',
        url: `/api/v1/datasets/${options.dataset ?? 'donnees'}/resources/upload`,
        headers: { authorization: options.token ?? editor.token, 'content-type': form.contentType },
        payload: form.payload,
      });
      return { status: reply.statusCode, json: JSON.parse(reply.body) };
    }

    before(async () => {
      const { ctx, app } = current();
      const organization = await seedOrganization(ctx, 'ville');
      editor = await seedUser(ctx, 'editeur', { roles: [[organization, 'editor']] });
      outsider = await seedUser(ctx, 'passant');
      const created = await call(app, 'POST', '/api/v1/datasets', {
        token: editor.token,
        body: datasetBody('donnees', 'ville'),
      });
      assert.equal(created.status, 201);
    });

    test('a file streams to content-addressed storage and downloads with its headers', async () => {
      const content = Buffer.from('code,nom,population\n66023,Montréal,1762949\n23027,Québec,549459\n');
      const reply = await upload(
        { filename: 'villes du Québec.csv', content },
        { metadata: JSON.stringify({ name: { fr: 'Villes' } }) },
      );
      assert.equal(reply.status, 201, JSON.stringify(reply.json));
      const sha256 = createHash('sha256').update(content).digest('hex');
      assert.equal(reply.json.sha256, sha256);
      assert.equal(reply.json.size, content.length);
      assert.equal(reply.json.format, 'CSV');
      assert.equal(reply.json.kind, 'upload');
      assert.deepEqual(reply.json.name, { fr: 'Villes', en: null });
      assert.ok((await blobFiles()).some((file) => file.endsWith(sha256)));

      const url = reply.json.url.slice(TEST_BASE_URL.length);
      const download = await current().app.inject({ method: 'GET', url });
      assert.equal(download.statusCode, 200);
      assert.deepEqual(download.rawPayload, content);
      assert.equal(download.headers['content-type'], 'text/csv');
      assert.equal(download.headers['content-length'], String(content.length));
      assert.equal(download.headers.etag, `"${sha256}"`);
      assert.equal(download.headers['accept-ranges'], 'bytes');
      assert.equal(
        download.headers['content-disposition'],
        `attachment; filename="villes du Quebec.csv"; filename*=UTF-8''villes%20du%20Qu%C3%A9bec.csv`,
      );

      const head = await current().app.inject({ method: 'HEAD', url });
      assert.equal(head.headers['content-length'], String(content.length));
      assert.equal(head.body, '');

      const range = await current().app.inject({ method: 'GET', url, headers: { range: 'bytes=5-7' } });
      assert.equal(range.statusCode, 206);
      assert.equal(range.headers['content-range'], `bytes 5-7/${content.length}`);
      assert.deepEqual(range.rawPayload, content.subarray(5, 8));
      const suffix = await current().app.inject({ method: 'GET', url, headers: { range: 'bytes=-6' } });
      assert.deepEqual(suffix.rawPayload, content.subarray(content.length - 6));
      const open = await current().app.inject({
        method: 'GET',
        url,
        headers: { range: `bytes=${content.length - 3}-` },
      });
      assert.equal(open.headers['content-length'], '3');
      const outside = await current().app.inject({
        method: 'GET',
        url,
        headers: { range: `bytes=${content.length}-` },
      });
      assert.equal(outside.statusCode, 416);
      assert.equal(outside.headers['content-range'], `bytes */${content.length}`);
      const stale = await current().app.inject({
        method: 'GET',
        url,
        headers: { range: 'bytes=0-1', 'if-range': '"autre"' },
      });
      assert.equal(stale.statusCode, 200, 'a changed file is sent whole');
      const cached = await current().app.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': `"${sha256}"` },
      });
      assert.equal(cached.statusCode, 304);

      const viaApi = await current().app.inject({
        method: 'GET',
        url: `/api/v1/resources/${reply.json.id}/download`,
      });
      assert.deepEqual(viaApi.rawPayload, content);
    });

    test('the same bytes are stored once', async () => {
      const before = (await blobFiles()).length;
      const content = 'a,b\n1,2\n';
      assert.equal((await upload({ filename: 'un.csv', content })).status, 201);
      assert.equal((await upload({ filename: 'deux.csv', content })).status, 201);
      assert.equal((await blobFiles()).length, before + 1);
    });

    test('a file over the size limit is refused and leaves nothing behind', async () => {
      const before = { blobs: await blobFiles(), resources: await resourceCount() };
      const reply = await upload({ filename: 'gros.csv', content: Buffer.alloc(MAX_BYTES + 1, 97) });
      assert.equal(reply.status, 413);
      assert.deepEqual(await blobFiles(), before.blobs);
      assert.deepEqual(await tempFiles(), []);
      assert.equal(await resourceCount(), before.resources);
    });

    test('a refused or invalid upload leaves nothing behind', async () => {
      const before = { blobs: await blobFiles(), resources: await resourceCount() };
      const forbidden = await upload(
        { filename: 'intrus.csv', content: 'intrus\n' },
        { token: outsider.token },
      );
      assert.equal(forbidden.status, 403);
      const invalid = await upload(
        { filename: 'x.csv', content: 'contenu unique 1\n' },
        { metadata: '{"name": {"fr": 3}}' },
      );
      assert.equal(invalid.status, 422);
      assert.equal(invalid.json.errors[0].field, 'metadata.name.fr');
      const notJson = await upload(
        { filename: 'x.csv', content: 'contenu unique 2\n' },
        { metadata: '{pas du json' },
      );
      assert.equal(notJson.status, 422);
      const noDataset = await upload(
        { filename: 'x.csv', content: 'contenu unique 3\n' },
        { dataset: 'inexistant' },
      );
      assert.equal(noDataset.status, 404);
      assert.deepEqual(await blobFiles(), before.blobs);
      assert.deepEqual(await tempFiles(), []);
      assert.equal(await resourceCount(), before.resources);
    });

    test('an upload cut off mid-way leaves nothing behind', async () => {
      const { app } = current();
      const before = { blobs: await blobFiles(), resources: await resourceCount() };
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = new URL(address);
      const boundary = 'coupure';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="coupe.csv"\r\nContent-Type: text/csv\r\n\r\n`;
      const socket = await new Promise<net.Socket>((resolve) => {
        const connection = net.connect(Number(port), '127.0.0.1', () => {
          connection.write(
            `POST /api/v1/datasets/donnees/resources/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${editor.token}\r\n` +
              `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 50000\r\n\r\n${head}`,
          );
          connection.write(Buffer.alloc(20000, 98));
          resolve(connection);
        });
      });
      // The server has begun writing the file; then the client vanishes with 30 kB still to send.
      await until(async () => (await tempFiles()).length > 0);
      socket.destroy();
      // The server notices the cut and cleans up.
      await until(async () => (await tempFiles()).length === 0);
      assert.deepEqual(await tempFiles(), []);
      assert.deepEqual(await blobFiles(), before.blobs);
      assert.equal(await resourceCount(), before.resources);
    });

    test("a resource's file can be replaced; a link resource redirects", async () => {
      const { app } = current();
      const first = await upload({ filename: 'v1.csv', content: 'version,1\n' });
      const form = multipart({}, { field: 'file', filename: 'v2.csv', content: 'version,2\n' });
      const replaced = await app.inject({
        method: 'PUT',
        url: `/api/v1/resources/${first.json.id}/file`,
        headers: { authorization: editor.token, 'content-type': form.contentType },
        payload: form.payload,
      });
      assert.equal(replaced.statusCode, 200, replaced.body);
      const resource = JSON.parse(replaced.body);
      assert.equal(resource.id, first.json.id);
      assert.match(resource.url, /\/download\/v2\.csv$/);
      assert.equal(
        (await app.inject({ method: 'GET', url: resource.url.slice(TEST_BASE_URL.length) })).body,
        'version,2\n',
      );

      const link = await call(app, 'POST', '/api/v1/datasets/donnees/resources', {
        token: editor.token,
        body: { url: 'https://example.com/donnees.geojson' },
      });
      assert.equal(link.json.format, 'GeoJSON');
      const redirect = await app.inject({ method: 'GET', url: `/api/v1/resources/${link.json.id}/download` });
      assert.equal(redirect.statusCode, 302);
      assert.equal(redirect.headers.location, 'https://example.com/donnees.geojson');
      const noUrl = await call(app, 'POST', '/api/v1/datasets/donnees/resources', {
        token: editor.token,
        body: { name: { fr: 'Rien' } },
      });
      assert.equal(noUrl.status, 422);
      assert.equal(noUrl.json.errors[0].field, 'url');
    });
  },
  { MAX_UPLOAD_BYTES: String(MAX_BYTES) },
);
