/**
 * Reference data, the commitments measured (issue 17): the probe calls the lookup API and a bulk
 * file over HTTP and stores one sample per set and minute; availability counts every minute since
 * monitoring began (a minute without a sample is a minute down); the set in DCAT with DQV; the
 * catalog's dataset of each set; the registry's enterprises through the same lookup contract.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Parser } from 'n3';
import { writeEditions } from '../src/demo/registry/write-edition.js';
import { builtinSnapshots, fictitiousMunicipalities } from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { call } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

/** A free port on loopback, for the app to listen on and the probe to call. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const port = await freePort();
let directory: string;
before(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'quai-reference-registry-'));
});
after(() => rm(directory, { recursive: true, force: true }));

describeEachEngine(
  'reference commitments',
  (current) => {
    before(async () => {
      const { ctx } = current();
      const snapshots = await builtinSnapshots();
      for (const snapshot of snapshots) await ctx.reference.publishing.publish(snapshot, { by: 'test' });
      const municipalities = snapshots.find((s) => s.set === 'municipalites');
      if (municipalities)
        await ctx.reference.publishing.publish(fictitiousMunicipalities(municipalities), { by: 'test' });
    });
    after(async () => {
      await current().app.close();
    });

    test('availability counts every minute since the first sample; a minute the portal did not answer is down', async () => {
      const { ctx, app } = current();
      const now = Date.now();
      // Nothing listens yet: the probe's calls fail, and the minute is recorded down.
      await ctx.reference.probes.probe(now - 4 * 60_000);
      await app.listen({ port, host: '127.0.0.1' });
      await ctx.reference.probes.probe(now - 3 * 60_000);
      await ctx.reference.probes.probe(now);
      const definition = ctx.reference.reference.definition('municipalites');
      const [version] = await ctx.reference.reference.versions('municipalites');
      const status = await ctx.reference.probes.status(definition, version ?? null, now);
      // Five minutes observed (four whole ones and the current one, sampled): two answered.
      assert.equal(status.availability.minutes, 5);
      assert.equal(status.availability.api, 40);
      assert.equal(status.availability.files, 40);
      assert.deepEqual(status.availability.targets, { files: 99, api: 99.5 });
      assert.equal(status.freshness.fresh, true);
      assert.equal(status.freshness.lastVersion, '2019.0.0-fictif');
    });

    test('the probe runs as a job; the status is public', async () => {
      const { ctx, app } = current();
      const at = Date.now() + 60 * 60_000;
      await ctx.jobs.send('reference.probe', { at });
      await until(async () => {
        const rows = await ctx.db.query(`SELECT 1 FROM reference.probes WHERE minute = $1`, [
          new Date(Math.floor(at / 60_000) * 60_000),
        ]);
        return rows.length === 4;
      });
      const status = await call(app, 'GET', '/api/v1/reference/regions/status');
      assert.equal(status.status, 200);
      assert.ok(status.json.availability.minutes > 0);
      assert.ok(status.json.availability.days.length >= 1);
      assert.deepEqual(status.json.notices, []);
    });

    test('DCAT with DQV: versions, files, the lookup API as a service, commitment and measures', async () => {
      const { app } = current();
      const reply = await call(app, 'GET', '/api/v1/reference/municipalites/dcat.ttl');
      assert.equal(reply.status, 200);
      assert.match(String(reply.headers['content-type']), /text\/turtle/);
      const quads = new Parser().parse(reply.body);
      const objects = (predicate: string) =>
        quads.filter((q) => q.predicate.value === predicate).map((q) => q.object.value);
      assert.equal(objects('http://www.w3.org/ns/dcat#hasVersion').length, 2);
      assert.ok(
        objects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type').includes(
          'http://www.w3.org/ns/dcat#DataService',
        ),
      );
      assert.ok(objects('http://www.w3.org/ns/dqv#hasQualityMeasurement').length >= 2);
      assert.ok(objects('http://www.w3.org/ns/dqv#hasQualityAnnotation').length >= 4);
      assert.ok(
        objects('http://www.w3.org/ns/dcat#downloadURL').some((url) =>
          url.endsWith('/versions/2019.0.0-fictif/files/entities.parquet'),
        ),
      );
    });

    test('each set has its catalog dataset with the current version’s files and its commitment', async () => {
      const { app } = current();
      const show = async () =>
        (await call(app, 'GET', '/api/3/action/package_show?id=referentiel-municipalites')).json;
      await until(async () => (await show()).result?.version === '2019.0.0-fictif');
      const dataset = (await show()).result;
      assert.equal(dataset.organization.name, 'donnees-de-reference');
      assert.ok(
        dataset.resources.some((r: { url: string }) =>
          r.url.endsWith('/api/v1/reference/municipalites/versions/2019.0.0-fictif/files/entities.csv'),
        ),
      );
      const extras = Object.fromEntries(
        dataset.extras.map((e: { key: string; value: string }) => [e.key, e.value]),
      );
      assert.equal(extras.commitment_availability_api, '99.5%');
      assert.match(dataset.notes, /FICTIVE/);
    });

    test('enterprises (NEQ) through the same lookup contract, from the registry', async () => {
      const { ctx, app } = current();
      const [edition] = await writeEditions({ seed: 5, enterprises: 300, churn: 1 }, 1, directory);
      await ctx.registry.imports.importEdition((edition as { zip: string }).zip);
      const sets = (await call(app, 'GET', '/api/v1/reference')).json;
      const enterprises = sets.find((s: { id: string }) => s.id === 'entreprises');
      // The probe now samples the enterprises too (an external set, recorded on its first sample).
      await ctx.reference.probes.probe(Date.now());
      assert.equal(
        (await call(app, 'GET', '/api/v1/reference/entreprises/status')).json.availability.minutes,
        1,
      );
      assert.ok(enterprises.current.label);
      const found = (await call(app, 'GET', '/api/v1/reference/entreprises?q=a&limit=5')).json;
      assert.ok(found.entities.length > 0);
      const neq = found.entities[0].code;
      const one = await call(app, 'GET', `/api/v1/reference/entreprises/${neq}`);
      assert.equal(one.status, 200);
      assert.equal(one.json.set, 'entreprises');
      assert.equal(one.headers['reference-version'], `entreprises@${enterprises.current.label}`);
      assert.equal((await call(app, 'GET', '/api/v1/reference/entreprises/0000000000')).status, 404);
      assert.equal(
        (await call(app, 'GET', `/api/v1/reference/entreprises/${neq}?asOf=2020-01-01`)).status,
        422,
      );
      // No person reaches the lookup: only the declared attributes.
      assert.deepEqual(Object.keys(one.json.attributes).sort(), ['legalForm', 'municipality', 'status']);
      // Lookups of enterprises count against the registry's per-client budget, as its own API does
      // (a small budget here, so that a busy machine reaches it within its window all the same).
      let limited = null;
      for (let i = 0; i < 200 && !limited; i++) {
        const reply = await call(app, 'GET', `/api/v1/reference/entreprises/${neq}`);
        if (reply.status === 429) limited = reply;
      }
      assert.ok(limited, 'the registry budget applies');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal((await call(app, 'GET', '/api/v1/reference/municipalites/46078')).status, 200);
    });
  },
  { REFERENCE_PROBE_URL: `http://127.0.0.1:${port}`, REGISTRY_RATE_LIMIT: '30' },
);
