/**
 * The business registry: generated editions in the Registraire's exact format are imported;
 * the change feed lists exactly the generator's churn; lookup, search (accents, prefixes, typos,
 * former names), filters, CSV, ETag; a bad edition is refused and the current one stays.
 */
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { after, before, test } from 'node:test';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { type GeneratedEdition, writeEditions } from '../src/demo/registry/write-edition.js';
import { describeEachEngine } from './helpers/app.js';
import { call } from './helpers/fixtures.js';

let directory: string;
let editions: GeneratedEdition[];

before(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'quai-registry-'));
  editions = await writeEditions({ seed: 11, enterprises: 3000, churn: 4 }, 2, directory);
});
after(() => rm(directory, { recursive: true, force: true }));

/** A copy of an edition's ZIP with one file replaced (or left out when `content` is null). */
async function alteredEdition(source: string, file: string, content: string | null): Promise<string> {
  const target = path.join(directory, `altered-${file}-${content === null ? 'missing' : 'changed'}.zip`);
  const zip = new yazl.ZipFile();
  const entries = await new Promise<{ name: string; data: Buffer }[]>((resolve, reject) => {
    const found: { name: string; data: Buffer }[] = [];
    yauzl.open(source, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error);
      archive.on('entry', (entry: yauzl.Entry) =>
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            found.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            archive.readEntry();
          });
        }),
      );
      archive.on('end', () => resolve(found));
      archive.readEntry();
    });
  });
  for (const entry of entries) {
    if (entry.name !== file) zip.addBuffer(entry.data, entry.name);
    else if (content !== null) zip.addBuffer(Buffer.from(content), entry.name);
  }
  zip.end();
  await finished(zip.outputStream.pipe(createWriteStream(target)));
  return target;
}

describeEachEngine(
  'business registry',
  (current) => {
    const get = (url: string, headers: Record<string, string> = {}) =>
      call(current().app, 'GET', url, { headers });

    test('a first edition imports: enterprises, names, establishments, codes', async () => {
      const first = editions[0] as GeneratedEdition;
      const edition = await current().ctx.registry.imports.importEdition(first.zip);
      assert.equal(edition.state, 'done', JSON.stringify(edition.error));
      assert.equal(edition.publishedOn, first.date);
      assert.equal(edition.counts?.enterprises, 3000);
      assert.equal(edition.counts?.changes, 0, 'a first edition has nothing to compare with');
      const listed = await get('/api/v1/registry/editions');
      assert.equal(listed.json[0].current, true);
    });

    test('the next edition: the change feed lists exactly the generated churn, paged by a resumable cursor', async () => {
      const second = editions[1] as GeneratedEdition;
      const edition = await current().ctx.registry.imports.importEdition(second.zip);
      assert.equal(edition.state, 'done', JSON.stringify(edition.error));
      assert.equal(edition.counts?.changes, second.changes.length);
      assert.ok(second.changes.length > 200, `enough churn to test (${second.changes.length})`);
      const kinds = new Set(second.changes.map((change) => change.kind));
      for (const kind of [
        'created',
        'renamed',
        'moved',
        'struck_off',
        'reinstated',
        'establishment_added',
        'establishment_closed',
        'form_changed',
      ])
        assert.ok(kinds.has(kind), `the generator made a ${kind}`);

      const seen: string[] = [];
      let since = '';
      for (let page = 0; page < 100; page++) {
        const reply = await get(`/api/v1/registry/changes?since=${since}&limit=97`);
        assert.equal(reply.status, 200, reply.body);
        for (const change of reply.json.changes) {
          seen.push(`${change.neq} ${change.kind}`);
          assert.equal(change.edition, second.date);
        }
        if (!reply.json.more) {
          since = reply.json.next;
          break;
        }
        since = reply.json.next;
      }
      const expected = second.changes.map((change) => `${change.neq} ${change.kind}`);
      assert.deepEqual([...seen].sort(), [...expected].sort());
      assert.equal(new Set(seen).size, seen.length, 'no change twice');
      const end = await get(`/api/v1/registry/changes?since=${since}`);
      assert.deepEqual(end.json.changes, []);
      assert.equal(end.json.next, since, 'an empty page keeps the cursor');

      // The same ZIP again adds nothing.
      const again = await current().ctx.registry.imports.importEdition(second.zip);
      assert.equal(again.id, edition.id);
      assert.equal((await get(`/api/v1/registry/changes?since=${since}`)).json.changes.length, 0);
    });

    test('an enterprise by NEQ: names with their periods, establishments, its history', async () => {
      const renamed = (editions[1] as GeneratedEdition).changes.find((change) => change.kind === 'renamed');
      assert.ok(renamed);
      const reply = await get(`/api/v1/registry/enterprises/${renamed.neq}`);
      assert.equal(reply.status, 200, reply.body);
      const enterprise = reply.json;
      assert.equal(enterprise.neq, renamed.neq);
      const current = enterprise.names.filter(
        (name: { type: string; endOn: string | null }) => name.type === 'N' && !name.endOn,
      );
      assert.equal(current.length, 1);
      assert.equal(current[0].name, enterprise.name);
      const former = enterprise.names.find(
        (name: { endOn: string | null }) => name.endOn === (editions[1] as GeneratedEdition).date,
      );
      assert.ok(former, 'the former name ends with the edition that renamed it');
      const history = enterprise.history.map((change: { kind: string }) => change.kind);
      assert.ok(history.includes('renamed'));
      const renaming = enterprise.history.find((change: { kind: string }) => change.kind === 'renamed');
      assert.deepEqual(renaming.details, { from: former.name, to: enterprise.name });
      // The page says what the name was, not only what it became.
      const html = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
      const page = (await get(`/fr/registre-des-entreprises/${renamed.neq}`)).body;
      assert.ok(
        page.includes(
          `Nom changé : <span lang="fr">${html(former.name)}</span> → <span lang="fr">${html(enterprise.name)}</span>`,
        ),
        'the renaming names the former name',
      );
      assert.match(enterprise.statusLabel, /Immatriculée|Radiée|Avis/);
      assert.equal((await get('/api/v1/registry/enterprises/1234567890')).status, 404);
      assert.equal((await get('/api/v1/registry/enterprises/abc')).status, 404);
    });

    test('search by name: accents and case ignored, prefixes, typos, former names, NEQ; filters; CSV; ETag', async () => {
      const renamed = (editions[1] as GeneratedEdition).changes.find((change) => change.kind === 'renamed');
      const enterprise = (await get(`/api/v1/registry/enterprises/${renamed?.neq}`)).json;
      const name: string = enterprise.name;
      const search = async (q: string, extra = '') => {
        const reply = await get(`/api/v1/registry/enterprises?q=${encodeURIComponent(q)}${extra}`);
        assert.equal(reply.status, 200, reply.body);
        return reply.json.results as { neq: string; matchedName: string; former: boolean }[];
      };
      const folded = name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
      assert.equal((await search(folded))[0]?.neq, enterprise.neq, `"${folded}" finds "${name}" first`);
      const prefix = name.slice(0, Math.max(6, Math.ceil(name.length * 0.7)));
      assert.ok(
        (await search(prefix)).some((hit) => hit.neq === enterprise.neq),
        `prefix "${prefix}"`,
      );
      const words = name.split(' ');
      const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
      const typo = name.replace(
        longest,
        `${longest.slice(0, 2)}${longest[3]}${longest[2]}${longest.slice(4)}`,
      );
      assert.ok(
        (await search(typo)).some((hit) => hit.neq === enterprise.neq),
        `typo "${typo}" for "${name}"`,
      );
      const former = enterprise.names.find((entry: { endOn: string | null }) => entry.endOn);
      const byFormer = (await search(former.name)).find((hit) => hit.neq === enterprise.neq);
      assert.ok(byFormer, `the former name "${former.name}" finds it`);
      assert.equal(byFormer.former, true);
      assert.equal(byFormer.matchedName, former.name);
      assert.deepEqual(
        (await search(enterprise.neq)).map((hit) => hit.neq),
        [enterprise.neq],
      );

      const registered = await get(
        '/api/v1/registry/enterprises?status=IM&legal_form=CIE&count=true&limit=100',
      );
      assert.ok(registered.json.total > 100);
      for (const hit of registered.json.results) {
        assert.equal(hit.status, 'IM');
        assert.equal(hit.legalForm, 'CIE');
      }
      const range = await get(
        '/api/v1/registry/enterprises?registered_from=2000-01-01&registered_to=2000-12-31&limit=100',
      );
      for (const hit of range.json.results) assert.match(hit.registeredOn, /^2000-/);
      const town = enterprise.municipality;
      const inTown = await get(
        `/api/v1/registry/enterprises?municipality=${encodeURIComponent(town)}&limit=100`,
      );
      assert.ok(inTown.json.results.some((hit: { neq: string }) => hit.neq === enterprise.neq));

      const csv = await current().app.inject({
        url: `/api/v1/registry/enterprises?q=${encodeURIComponent(name)}&format=csv`,
      });
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(csv.body, /^\uFEFFneq,name,status,statusLabel/);
      assert.ok(csv.body.includes(enterprise.neq));

      const first = await current().app.inject({ url: `/api/v1/registry/enterprises/${enterprise.neq}` });
      const tag = String(first.headers.etag);
      const cached = await current().app.inject({
        url: `/api/v1/registry/enterprises/${enterprise.neq}`,
        headers: { 'if-none-match': tag },
      });
      assert.equal(cached.statusCode, 304);
      const refused = await get('/api/v1/registry/enterprises?q=%3F%3F%3F');
      assert.equal(refused.status, 422);
    });

    test('portal pages: search and enterprise, in French and English; a bad date is named', async () => {
      const { app } = current();
      const renamed = (editions[1] as GeneratedEdition).changes.find((change) => change.kind === 'renamed');
      const enterprise = (await get(`/api/v1/registry/enterprises/${renamed?.neq}`)).json;
      const empty = await app.inject({ url: '/fr/registre-des-entreprises' });
      assert.equal(empty.statusCode, 200);
      assert.doesNotMatch(empty.body, /id="resultats"/, 'no results before a search');
      const found = await app.inject({
        url: `/fr/registre-des-entreprises?q=${encodeURIComponent(enterprise.name)}`,
      });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, new RegExp(`href="/fr/registre-des-entreprises/${enterprise.neq}"`));
      const former = enterprise.names.find((name: { endOn: string | null }) => name.endOn);
      const byFormer = await app.inject({
        url: `/en/business-registry?q=${encodeURIComponent(former.name)}`,
      });
      assert.match(byFormer.body, /former name: <span lang="fr">/);
      const filtered = await app.inject({ url: '/fr/registre-des-entreprises?status=registered&form=COP' });
      assert.match(filtered.body, /\d+ entreprises/);
      const page = await app.inject({ url: `/en/business-registry/${enterprise.neq}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h2 id="noms">Names<\/h2>/);
      assert.match(page.body, /Former name/);
      assert.match(page.body, /Renamed/);
      const feed = await app.inject({ url: '/feeds/registry-changes.atom?lang=fr&kind=renamed' });
      assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
      const renamings = (editions[1] as GeneratedEdition).changes.filter(
        (change) => change.kind === 'renamed',
      );
      assert.equal((feed.body.match(/<entry>/g) ?? []).length, Math.min(100, renamings.length));
      assert.ok(
        feed.body.includes(`/fr/registre-des-entreprises/${enterprise.neq}`) || renamings.length > 100,
      );
      assert.match(feed.body, /<title[^>]*>Nom changé — /);
      const bad = await app.inject({ url: '/fr/registre-des-entreprises?from=2020-13-45' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Date invalide/);
      assert.equal((await app.inject({ url: '/fr/registre-des-entreprises/0000000000' })).statusCode, 404);
    });

    test('a bad edition is refused by file and reason; the current edition keeps serving', async () => {
      const second = editions[1] as GeneratedEdition;
      const before = (await get('/api/v1/registry/editions')).json.find(
        (edition: { current: boolean }) => edition.current,
      );
      const missing = await current().ctx.registry.imports.importEdition(
        await alteredEdition(second.zip, 'Nom.csv', null),
      );
      assert.equal(missing.state, 'failed');
      assert.match(missing.error?.message.fr ?? '', /ne contient pas Nom\.csv/);
      const columns = await current().ctx.registry.imports.importEdition(
        await alteredEdition(
          second.zip,
          'DomaineValeur.csv',
          '\uFEFF"TYP_DOM_VAL","COD_DOM_VAL","LIBELLE"\n"A","B","C"\n',
        ),
      );
      assert.equal(columns.state, 'failed');
      assert.equal(columns.error?.file, 'DomaineValeur.csv');
      assert.match(columns.error?.message.en ?? '', /missing: VAL_DOM_FRAN; unexpected: LIBELLE/);
      const ragged = await current().ctx.registry.imports.importEdition(
        await alteredEdition(
          second.zip,
          'Etablissements.csv',
          '\uFEFF"NEQ","NO_SUF_ETAB","IND_ETAB_PRINC","IND_SALON_BRONZ","IND_VENTE_TABAC_DETL","IND_DISP","LIGN1_ADR","LIGN2_ADR","LIGN3_ADR","LIGN4_ADR","COD_ACT_ECON","DESC_ACT_ECON_ETAB","NO_ACT_ECON_ETAB","COD_ACT_ECON2","DESC_ACT_ECON_ETAB2","NO_ACT_ECON_ETAB2","NOM_ETAB"\n"1100000001","0","O"\n',
        ),
      );
      assert.equal(ragged.state, 'failed');
      assert.equal(ragged.error?.file, 'Etablissements.csv');
      assert.equal(ragged.error?.line, 2);
      const after = (await get('/api/v1/registry/editions')).json;
      assert.equal(after.find((edition: { current: boolean }) => edition.current).id, before.id);
      assert.equal((await get('/api/v1/registry/enterprises?status=IM&count=true')).json.total > 0, true);
    });
  },
  { REGISTRY_RATE_LIMIT: '1000' },
);

describeEachEngine(
  'registry rate limit',
  (current) => {
    test('past its budget a client gets 429 with Retry-After; others are not affected', async () => {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 6; i++) {
        const reply = await current().app.inject({
          url: '/api/v1/registry/enterprises?q=tremblay',
          remoteAddress: '203.0.113.7',
        });
        statuses.push(reply.statusCode);
        if (reply.statusCode === 429) retryAfter = String(reply.headers['retry-after']);
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
      assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 60, `Retry-After ${retryAfter}`);
      const other = await current().app.inject({
        url: '/api/v1/registry/enterprises?q=tremblay',
        remoteAddress: '203.0.113.8',
      });
      assert.equal(other.statusCode, 200);
    });
  },
  { REGISTRY_RATE_LIMIT: '5' },
);
