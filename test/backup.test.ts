/**
 * Backups of the embedded database: an administrator downloads one while the portal runs (a
 * dataset with an uploaded file loaded into a table); restored into a fresh directory, the
 * portal serves the same catalogue, the same file and the same table. A directory that holds a
 * database is refused, and a broken archive leaves nothing half-written.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Context, createContext } from '../src/context.js';
import { restoreBackup } from '../src/platform/ops/backup.js';
import { type Caller, call, datasetBody, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';

const CSV = 'ville,population\nMontréal,1762949\nQuébec,549459\nLévis,149683\n';

describe('backup and restore of the embedded database', () => {
  let root = '';
  const open = async (dataDir: string) => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DEMO_CONTENT: 'never',
      REFERENCE_PROBE_SECONDS: '0',
      LINK_CHECK_HOURS: '0',
    });
    const ctx = await createContext(config, { work: true });
    return { ctx, app: await buildApp(ctx) };
  };
  const shut = async (portal: { ctx: Context; app: FastifyInstance }) => {
    await portal.app.close();
    await portal.ctx.close();
  };
  let archive: Buffer = Buffer.alloc(0);
  let admin: Caller;
  let resourceId = '';
  let rows: unknown;

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'quai-backup-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('an administrator downloads a backup while the portal runs', async () => {
    const portal = await open(path.join(root, 'live'));
    try {
      const { ctx, app } = portal;
      const organization = await seedOrganization(ctx, 'ville-sauvegarde');
      admin = await seedUser(ctx, 'admin-sauvegarde', { sysadmin: true });
      const editor = await seedUser(ctx, 'editeur-sauvegarde', { roles: [[organization, 'editor']] });
      const created = await call(app, 'POST', '/api/v1/datasets', {
        token: editor.token,
        body: datasetBody('populations', 'ville-sauvegarde'),
      });
      assert.equal(created.status, 201, created.body);
      const form = multipart({}, { field: 'file', filename: 'populations.csv', content: CSV });
      const upload = await app.inject({
        method: 'POST',
        url: '/api/v1/datasets/populations/resources/upload',
        headers: { authorization: editor.token, 'content-type': form.contentType },
        payload: form.payload,
      });
      assert.equal(upload.statusCode, 201, upload.body);
      resourceId = JSON.parse(upload.body).id;
      await ctx.datastore.ingest.settled(resourceId);
      rows = (await call(app, 'GET', `/api/v1/resources/${resourceId}/data?sort=ville`)).json;
      assert.equal((await call(app, 'GET', '/api/v1/backup', { token: editor.token })).status, 403);
      const backup = await app.inject({
        method: 'GET',
        url: '/api/v1/backup',
        headers: { authorization: admin.token },
      });
      assert.equal(backup.statusCode, 200, backup.body);
      assert.equal(backup.headers['content-type'], 'application/gzip');
      archive = backup.rawPayload;
      assert.ok(archive.length > 1000);
      // The portal went on serving during and after it.
      assert.equal((await call(app, 'GET', '/api/v1/datasets/populations')).status, 200);
    } finally {
      await shut(portal);
    }
  });

  test('restored into a fresh directory, the portal serves the same catalogue, file and table', async () => {
    const target = path.join(root, 'restored');
    const { created } = await restoreBackup(Readable.from([archive]), target);
    assert.ok(!Number.isNaN(Date.parse(created)));
    const portal = await open(target);
    try {
      const { app } = portal;
      const dataset = await call(app, 'GET', '/api/v1/datasets/populations');
      assert.equal(dataset.status, 200);
      const file = await call(app, 'GET', `/api/v1/resources/${resourceId}/download`);
      assert.equal(file.body, CSV);
      assert.deepEqual(
        (await call(app, 'GET', `/api/v1/resources/${resourceId}/data?sort=ville`)).json,
        rows,
      );
      assert.equal(
        (await call(app, 'GET', '/api/v1/backup', { token: admin.token })).status,
        200,
        'its tokens too',
      );
    } finally {
      await shut(portal);
    }
  });

  test('a directory holding a database is refused; a broken archive leaves nothing behind', async () => {
    await assert.rejects(
      restoreBackup(Readable.from([archive]), path.join(root, 'restored')),
      /already holds a database/,
    );
    const broken = path.join(root, 'broken');
    await assert.rejects(restoreBackup(Readable.from([archive.subarray(0, archive.length / 2)]), broken));
    assert.equal(existsSync(path.join(broken, 'pglite')), false);
  });
});
