/**
 * Reference data (issue 17): the 2016 sets published from the files kept in the repository, a
 * second (fictitious) version of the municipalities with a merger, an annexation, a split, a
 * renaming and a change of designation; lookups by code, date, version, name and attribute;
 * change logs, bulk files with their Data Package, the structure-change rule, immutability.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import {
  builtinSnapshots,
  type Change,
  type EntityView,
  fictitiousMunicipalities,
  type Snapshot,
  type Version,
} from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { call, seedUser } from './helpers/fixtures.js';

describeEachEngine('reference data', (current) => {
  let snapshots: Snapshot[];
  const municipalities = () => snapshots.find((s) => s.set === 'municipalites') as Snapshot;

  test('the built-in sets publish their first versions, once', async () => {
    const { ctx } = current();
    snapshots = await builtinSnapshots();
    for (const snapshot of snapshots) {
      const result = await ctx.reference.publishing.publish(snapshot, { by: 'test' });
      assert.equal(result.published, true, snapshot.set);
    }
    const again = await ctx.reference.publishing.publish(municipalities(), { by: 'test' });
    assert.equal(again.published, false);
    const { json } = await call(current().app, 'GET', '/api/v1/reference');
    const counts = Object.fromEntries(
      json.map((set: { id: string; current: { rowCount: number } | null }) => [
        set.id,
        set.current?.rowCount ?? null,
      ]),
    );
    assert.deepEqual(counts, { municipalites: 1285, mrc: 93, regions: 17, pays: 250, entreprises: null });
  });

  test('a code answers with its entity, its version and an ETag', async () => {
    const { app } = current();
    const reply = await call(app, 'GET', '/api/v1/reference/municipalites/46078');
    assert.equal(reply.status, 200);
    assert.equal(reply.json.name, 'Bromont');
    assert.equal(reply.json.attributes.mrc, '460');
    assert.equal(reply.json.attributes.region, null);
    assert.equal(reply.json.status, 'current');
    assert.equal(reply.headers['reference-version'], 'municipalites@2016.0.0');
    const cached = await call(app, 'GET', '/api/v1/reference/municipalites/46078', {
      headers: { 'if-none-match': String(reply.headers.etag) },
    });
    assert.equal(cached.status, 304);
    const unknown = await call(app, 'GET', '/api/v1/reference/municipalites/99999');
    assert.equal(unknown.status, 404);
    assert.match(unknown.json.detail, /99999/);
    const mrc = await call(app, 'GET', '/api/v1/reference/mrc/460');
    assert.equal(mrc.json.name, 'Brome-Missisquoi');
    assert.equal((await call(app, 'GET', '/api/v1/reference/regions/16')).json.name, 'Montérégie');
    assert.equal((await call(app, 'GET', '/api/v1/reference/pays/CA')).json.attributes.alpha3, 'CAN');
  });

  test('names are found with accents, abbreviations and typos ignored', async () => {
    const { app } = current();
    const names = async (q: string) =>
      (
        await call(app, 'GET', `/api/v1/reference/municipalites?q=${encodeURIComponent(q)}&limit=50`)
      ).json.entities.map((e: { name: string }) => e.name);
    assert.ok((await names('st-jean')).includes('Saint-Jean-sur-Richelieu'));
    assert.equal((await names('montreal'))[0], 'Montréal');
    assert.equal((await names('Saint-Jean-sur-Richelieux'))[0], 'Saint-Jean-sur-Richelieu');
    assert.equal((await names('trois rivieres'))[0], 'Trois-Rivières');
    assert.deepEqual(await names('zzzzqqq'), []);
    const countries = (await call(app, 'GET', '/api/v1/reference/pays?q=allemagne')).json.entities;
    assert.equal(countries[0].code, 'DE');
  });

  test('declared attributes filter; anything else is refused naming the field', async () => {
    const { app } = current();
    const brome = await call(app, 'GET', '/api/v1/reference/municipalites?mrc=460&limit=1000&fields=code');
    assert.equal(brome.json.total, 21);
    assert.deepEqual(Object.keys(brome.json.entities[0]).sort(), ['code', 'name']);
    const refused = await call(app, 'GET', '/api/v1/reference/municipalites?population=5');
    assert.equal(refused.status, 422);
    assert.equal(refused.json.errors[0].field, 'population');
    const badField = await call(app, 'GET', '/api/v1/reference/municipalites?fields=secret');
    assert.equal(badField.status, 422);
    const csv = await call(app, 'GET', '/api/v1/reference/municipalites?mrc=460&format=csv&limit=1000');
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.equal(csv.body.trim().split('\n').length, 22);
    const geojson = await call(
      app,
      'GET',
      '/api/v1/reference/municipalites?mrc=460&format=geojson&limit=1000',
    );
    assert.equal(JSON.parse(geojson.body).features.length, 21);
  });

  test('a fictitious second version: merger, annexation, split, renaming, designation — its change log', async () => {
    const { app, ctx } = current();
    const result = await ctx.reference.publishing.publish(fictitiousMunicipalities(municipalities()), {
      by: 'test',
    });
    assert.equal(result.published, true);
    const { json } = await call(
      app,
      'GET',
      '/api/v1/reference/municipalites/versions/2019.0.0-fictif/changes',
    );
    const kinds = json.changes.map((c: { code: string; kind: string }) => `${c.code} ${c.kind}`).sort();
    assert.deepEqual(kinds, [
      '46010 designation_changed',
      '46025 merged',
      '46027 created',
      '46030 merged',
      '46040 split',
      '46041 created',
      '46042 created',
      '46070 merged',
      '46095 renamed',
    ]);
    const version = await call(app, 'GET', '/api/v1/reference/municipalites/versions/2019.0.0-fictif');
    assert.equal(version.json.fictitious, true);
    assert.equal(version.json.previous, 'municipalites@2016.0.0');
  });

  test('a retired code answers with its end and its successors, never a bare 404', async () => {
    const { app } = current();
    const merged = await call(app, 'GET', '/api/v1/reference/municipalites/46030');
    assert.equal(merged.status, 200);
    assert.equal(merged.json.status, 'retired');
    assert.equal(merged.json.validTo, '2018-01-01');
    assert.equal(merged.json.endReason, 'regroupement');
    assert.deepEqual(
      merged.json.successors.map((s: { code: string }) => s.code),
      ['46027'],
    );
    assert.deepEqual(merged.json.current, ['46027']);
    const split = await call(app, 'GET', '/api/v1/reference/municipalites/46040');
    assert.deepEqual(split.json.current, ['46041', '46042']);
    const successor = await call(app, 'GET', '/api/v1/reference/municipalites/46027');
    assert.deepEqual(successor.json.predecessors.map((p: { code: string }) => p.code).sort(), [
      '46025',
      '46030',
    ]);
    assert.equal(successor.json.validFrom, '2018-01-01');
  });

  test('asOf gives the entity valid that day; version gives what was published then', async () => {
    const { app } = current();
    const before = await call(app, 'GET', '/api/v1/reference/municipalites/46095?asOf=2018-01-01');
    assert.equal(before.json.name, 'Saint-Ignace-de-Stanbridge');
    assert.equal(before.json.validTo, '2018-03-15');
    const after = await call(app, 'GET', '/api/v1/reference/municipalites/46095?asOf=2018-03-15');
    assert.equal(after.json.name, 'Saint-Ignace');
    const pinned = await call(app, 'GET', '/api/v1/reference/municipalites/46030?version=2016.0.0');
    assert.equal(pinned.json.status, 'current');
    assert.equal(pinned.headers['reference-version'], 'municipalites@2016.0.0');
    assert.match(String(pinned.headers['cache-control']), /immutable/);
    const in2017 = await call(
      app,
      'GET',
      '/api/v1/reference/municipalites?asOf=2017-06-01&mrc=460&limit=100',
    );
    assert.equal(in2017.json.total, 21);
    const today = await call(app, 'GET', '/api/v1/reference/municipalites?mrc=460&limit=100');
    assert.equal(today.json.total, 21 - 4 + 3);
  });

  test('every version: no code disappears without a retirement, none comes back, periods never overlap', async () => {
    const { ctx } = current();
    const index = await ctx.reference.reference.index('municipalites');
    if (!index) throw new Error('no municipalities');
    const versions: Version[] = [...index.versions].reverse();
    for (let i = 1; i < versions.length; i++) {
      const version = versions[i] as Version;
      const before: Map<string, EntityView> = new Map(
        index.list({ version: versions[i - 1] }).map((e) => [e.code, e]),
      );
      const after: Set<string> = new Set(index.list({ version }).map((e) => e.code));
      const changes: Change[] = await ctx.reference.reference.changes(version);
      for (const code of [...before.keys()] as string[]) {
        if (after.has(code)) continue;
        const retired = index.find(code, { version });
        assert.equal(retired?.status, 'retired', code);
        assert.ok(retired?.validTo && retired.endReason, code);
        assert.ok(
          changes.some((c) => c.code === code && ['merged', 'split', 'retired'].includes(c.kind)),
          code,
        );
      }
    }
    const history = index.history(versions[versions.length - 1] as Version);
    const byCode = new Map<string, typeof history>();
    for (const period of history) byCode.set(period.code, [...(byCode.get(period.code) ?? []), period]);
    for (const [code, periods] of byCode) {
      const sorted = [...periods].sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
      for (let i = 1; i < sorted.length; i++)
        assert.equal(sorted[i - 1]?.validTo, sorted[i]?.validFrom, `${code} periods touch`);
      assert.ok(
        sorted.slice(0, -1).every((p) => p.status === 'retired'),
        `${code}: only the last period is open`,
      );
    }
  });

  test('an import that drops a code without retiring it, or reuses a retired code, is refused', async () => {
    const { ctx } = current();
    const latest = fictitiousMunicipalities(municipalities());
    const dropped = {
      ...latest,
      label: '2020.0.0-fictif',
      retirements: [],
      entities: latest.entities.filter((e) => e.code !== '46078'),
    };
    await assert.rejects(ctx.reference.publishing.publish(dropped, { by: 'test' }), (error: Error) =>
      /46078/.test(error.message),
    );
    const reused = {
      ...latest,
      label: '2020.0.0-fictif',
      retirements: [],
      entities: [...latest.entities, { code: '46030', name: 'Autre chose', nameEn: null, attributes: {} }],
    };
    await assert.rejects(ctx.reference.publishing.publish(reused, { by: 'test' }), (error: Error) =>
      /46030.*never reused/.test(error.message),
    );
    const index = await ctx.reference.reference.index('municipalites');
    assert.equal(index?.current?.label, '2019.0.0-fictif');
  });

  test('bulk files: CSV, JSON, Parquet and a Data Package with their hashes, at permanent URLs', async () => {
    const { app } = current();
    const base = '/api/v1/reference/municipalites/versions/2016.0.0/files';
    const descriptor = (await call(app, 'GET', `${base}/datapackage.json`)).json;
    assert.equal(descriptor.version, '2016.0.0');
    const csvResource = descriptor.resources.find((r: { format: string }) => r.format === 'csv');
    const csv = await app.inject({ method: 'GET', url: `${base}/entities.csv` });
    assert.equal(csv.statusCode, 200);
    assert.equal(csvResource.hash, `sha256:${createHash('sha256').update(csv.rawPayload).digest('hex')}`);
    assert.equal(csv.body.trim().split('\n').length, 1286);
    assert.match(String(csv.headers['cache-control']), /immutable/);
    const parquet = await app.inject({ method: 'GET', url: `${base}/entities.parquet` });
    assert.equal(parquet.rawPayload.subarray(0, 4).toString(), 'PAR1');
    const later = (
      await call(app, 'GET', '/api/v1/reference/municipalites/versions/2019.0.0-fictif/files/entities.json')
    ).json;
    assert.equal(
      later.find((row: { code: string; status: string }) => row.code === '46030' && row.status === 'retired')
        ?.successors,
      '46027',
    );
  });

  test('a structure change needs its notice period, or an administrator’s recorded override', async () => {
    const { ctx, app } = current();
    const definition = ctx.reference.reference.definition('regions');
    const regions = snapshots.find((s) => s.set === 'regions') as Snapshot;
    const extra = {
      name: 'chefLieu',
      type: 'string' as const,
      title: { fr: 'Chef-lieu', en: 'Seat' },
      filterable: false,
    };
    definition.attributes.push(extra);
    try {
      const next = { ...regions, label: '2020.0.0-fictif', fictitious: true };
      await assert.rejects(ctx.reference.publishing.publish(next, { by: 'test' }), /notice/);
      const admin = await seedUser(ctx, 'ref-admin', { sysadmin: true });
      const announced = await call(app, 'POST', '/api/v1/reference/regions/notices', {
        token: admin.token,
        body: { effectiveOn: '2020-01-01', description: { fr: 'Ajout du chef-lieu', en: 'Seat added' } },
      });
      assert.equal(announced.status, 201);
      // Announced today: the period has not run.
      await assert.rejects(ctx.reference.publishing.publish(next, { by: 'test' }), /notice/);
      const anonymous = await call(app, 'POST', '/api/v1/reference/regions/notices', {
        body: { effectiveOn: '2020-01-01', description: { fr: 'x', en: 'x' } },
      });
      assert.equal(anonymous.status, 403);
      const overridden = await ctx.reference.publishing.publish(next, {
        by: 'ref-admin',
        override: { reason: 'Correction urgente' },
      });
      assert.equal(overridden.published, true);
      const version = await call(app, 'GET', '/api/v1/reference/regions/versions/2020.0.0-fictif');
      assert.deepEqual(version.json.structureOverride, { by: 'ref-admin', reason: 'Correction urgente' });
    } finally {
      definition.attributes.pop();
    }
  });

  test('published versions, snapshots and change logs cannot be altered', async () => {
    const { ctx } = current();
    await assert.rejects(
      ctx.db.query(`UPDATE reference.versions SET label = 'x' WHERE set_id = 'regions'`),
      /immutable/,
    );
    await assert.rejects(ctx.db.query(`DELETE FROM reference.changes`), /immutable/);
    await assert.rejects(
      ctx.db.query(`UPDATE reference.entities SET name = 'x' WHERE code = '46078'`),
      /only gains its end/,
    );
  });
});
