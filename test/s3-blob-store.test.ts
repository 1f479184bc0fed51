/**
 * The S3-compatible blob store against an S3 server on loopback (s3rver: a stand-in for the
 * remote system): a file of several parts goes up by multipart upload and comes back with the
 * same SHA-256, whole and by range; identical content is stored once; an oversized file, a
 * source that fails and a server that goes away mid-upload leave nothing at any address.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { BlobStore } from '../src/platform/blobs/blob-store.js';
import { openLocalBlobStore } from '../src/platform/blobs/local-blob-store.js';
import { migrateBlobs } from '../src/platform/blobs/migrate-blobs.js';
import { BlobTooLargeError, openS3BlobStore } from '../src/platform/blobs/s3-blob-store.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { call, datasetBody, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';

const MiB = 1024 * 1024;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const collect = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('S3-compatible blob store', () => {
  let directory = '';
  let server: S3rver;
  let endpoint = '';
  let store: BlobStore;
  let client: S3Client;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const keys = async () =>
    ((await client.send(new ListObjectsV2Command({ Bucket: 'quai' }))).Contents ?? [])
      .map((o) => o.Key)
      .sort();

  const start = async (port = 0) => {
    server = new S3rver({
      port,
      address: '127.0.0.1',
      directory,
      silent: true,
      configureBuckets: [{ name: 'quai', configs: [] }],
    });
    const address = (await server.run()) as AddressInfo;
    return address.port;
  };

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'quai-s3-'));
    endpoint = `http://127.0.0.1:${await start()}`;
    const s3 = () =>
      new S3Client({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
    client = s3();
    store = openS3BlobStore({ url: 's3://quai/portail', client: s3(), partSize: 5 * MiB });
  });
  after(async () => {
    await store.close();
    client.destroy();
    await server.close().catch(() => {});
    for (const dir of [directory, `${directory}-local`, `${directory}-back`])
      await rm(dir, { recursive: true, force: true });
  });

  test('a file of several parts goes up and comes back with the same hash, whole and by range', async () => {
    const bytes = randomBytes(12 * MiB + 123);
    const stored = await store.put(Readable.from([bytes.subarray(0, 7 * MiB), bytes.subarray(7 * MiB)]), {
      maxBytes: 20 * MiB,
    });
    assert.deepEqual(stored, { sha256: sha(bytes), size: bytes.length, created: true });
    assert.equal(await store.size(stored.sha256), bytes.length);
    assert.equal(
      sha(await collect(store.read(stored.sha256))),
      sha(bytes),
      'the round trip keeps every byte',
    );
    const part = await collect(store.read(stored.sha256, { start: 5 * MiB - 10, end: 5 * MiB + 9 }));
    assert.deepEqual(part, bytes.subarray(5 * MiB - 10, 5 * MiB + 10));
    assert.equal(store.localPath(stored.sha256), null);
    const again = await store.put(Readable.from([bytes]), { maxBytes: 20 * MiB });
    assert.equal(again.created, false, 'identical content is stored once');
    assert.deepEqual(await keys(), [`portail/blobs/${stored.sha256}`], 'no temporary key is left');
  });

  test('an oversized file or a failing source leaves nothing behind', async () => {
    const before = await keys();
    await assert.rejects(
      store.put(Readable.from([randomBytes(2 * MiB)]), { maxBytes: MiB }),
      BlobTooLargeError,
    );
    const failing = new Readable({
      read() {
        this.push(randomBytes(MiB));
        this.destroy(new Error('the client went away'));
      },
    });
    await assert.rejects(store.put(failing, { maxBytes: 20 * MiB }), /went away/);
    assert.deepEqual(await keys(), before);
    assert.equal(await store.size('0'.repeat(64)), null);
    await assert.rejects(text(store.read('0'.repeat(64))));
  });

  test('a portal on the S3 store: upload → load → query → download, the object verified by hash', async () => {
    // The SDK reads its credentials from the usual variables, as in production.
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    const portal: TestApp = await startTestApp('pglite', {
      BLOB_STORE: 's3://quai/portail-test',
      S3_ENDPOINT: endpoint,
      AWS_REGION: 'us-east-1',
    });
    try {
      const { ctx, app } = portal;
      const organization = await seedOrganization(ctx, 'ville-s3');
      const editor = await seedUser(ctx, 'editeur-s3', { roles: [[organization, 'editor']] });
      assert.equal(
        (
          await call(app, 'POST', '/api/v1/datasets', {
            token: editor.token,
            body: datasetBody('jeu-s3', 'ville-s3'),
          })
        ).status,
        201,
      );
      const rows = Array.from({ length: 2000 }, (_, i) => `${i},Ville ${i},${(i * 7) % 1000}`);
      const csv = `id,nom,valeur\n${rows.join('\n')}\n`;
      const form = multipart({}, { field: 'file', filename: 'villes.csv', content: csv });
      const upload = await app.inject({
        method: 'POST',
        url: '/api/v1/datasets/jeu-s3/resources/upload',
        headers: { authorization: editor.token, 'content-type': form.contentType },
        payload: form.payload,
      });
      assert.equal(upload.statusCode, 201, upload.body);
      const resource = JSON.parse(upload.body) as { id: string };
      assert.ok(
        (await keys()).includes(`portail-test/blobs/${sha(Buffer.from(csv))}`),
        'the file is in the bucket at its content address',
      );
      await ctx.datastore.ingest.settled(resource.id);
      const data = await call(app, 'GET', `/api/v1/resources/${resource.id}/data?valeur=7&limit=5`);
      assert.equal(data.status, 200, data.body);
      assert.deepEqual(
        data.json.records.map((record: { nom: string }) => record.nom),
        ['Ville 1', 'Ville 1001'],
      );
      const download = await app.inject({ method: 'GET', url: `/api/v1/resources/${resource.id}/download` });
      assert.equal(sha(download.rawPayload), sha(Buffer.from(csv)));
      const range = await app.inject({
        method: 'GET',
        url: `/api/v1/resources/${resource.id}/download`,
        headers: { range: 'bytes=0-12' },
      });
      assert.equal(range.statusCode, 206);
      assert.equal(range.body, 'id,nom,valeur');
      assert.equal((await call(app, 'GET', '/readyz')).json.checks.blobs.ok, true);
    } finally {
      await portal.close();
    }
  });

  test('a local store migrates to S3 and back, verified, and a second run copies nothing', async () => {
    const local = await openLocalBlobStore(path.join(directory, '..', `${path.basename(directory)}-local`));
    const target = openS3BlobStore({ url: 's3://quai/migration', client, partSize: 5 * MiB });
    const contents = [randomBytes(1000), randomBytes(6 * MiB), Buffer.from('a,b\n1,2\n')];
    for (const bytes of contents) await local.put(Readable.from([bytes]), { maxBytes: 10 * MiB });
    const first = await migrateBlobs(local, target);
    assert.deepEqual([first.copied, first.skipped, first.failed], [3, 0, []]);
    const again = await migrateBlobs(local, target);
    assert.deepEqual([again.copied, again.skipped], [0, 3], 'resumable: what is there is skipped');
    const listed: string[] = [];
    for await (const name of target.list()) listed.push(name);
    assert.deepEqual(listed.sort(), contents.map(sha).sort());
    const back = await openLocalBlobStore(path.join(directory, '..', `${path.basename(directory)}-back`));
    assert.equal((await migrateBlobs(target, back)).copied, 3);
    for (const bytes of contents) assert.deepEqual(await collect(back.read(sha(bytes))), bytes);
    await Promise.all([local.close(), back.close()]);
  });

  test('a server that goes away mid-upload: the upload fails, and nothing is published', async () => {
    const bytes = randomBytes(11 * MiB);
    let sent = 0;
    const slow = new Readable({
      async read() {
        if (sent >= bytes.length) {
          this.push(null);
          return;
        }
        if (sent === 6 * MiB) await server.close();
        this.push(bytes.subarray(sent, sent + MiB));
        sent += MiB;
      },
    });
    await assert.rejects(store.put(slow, { maxBytes: 20 * MiB }));
    const port = Number(new URL(endpoint).port);
    await start(port);
    assert.equal(await store.size(sha(bytes)), null, 'not at its content address');
  });
});
