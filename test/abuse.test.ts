/**
 * What an anonymous stranger can send: each reproduction that once crashed, stalled or tricked
 * the portal, now answered with a clear error while every other request keeps being served.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { describeEachEngine } from './helpers/app.js';
import { datastoreClient, permitsCsv } from './helpers/datastore.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { WebClient } from './helpers/web-client.js';

describeEachEngine('abuse of the search', (current) => {
  let editor: Caller;

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'ville-ciblee');
    editor = await seedUser(ctx, 'editeur-cible', { roles: [[organization, 'editor']] });
    for (const name of ['eau-potable', 'budget-municipal']) {
      const created = await call(app, 'POST', '/api/v1/datasets', {
        token: editor.token,
        body: datasetBody(name, 'ville-ciblee'),
      });
      assert.equal(created.status, 201, created.body);
    }
  });

  const ckanSearch = (q: string) =>
    call(current().app, 'GET', `/api/3/action/package_search?q=${encodeURIComponent(q)}`);
  const restSearch = (q: string) => call(current().app, 'GET', `/api/v1/datasets?q=${encodeURIComponent(q)}`);
  const pageSearch = (q: string) =>
    current().app.inject({ url: `/fr/jeux-de-donnees?q=${encodeURIComponent(q)}` });

  // What took the process down or gave 500s: 15 KB of "a OR ", 200–800 repeats, 400 different
  // words, 5,000 open parentheses; and a long run of negations.
  const ABUSIVE = [
    `${'a OR '.repeat(3000)}b`,
    `${'a OR '.repeat(200)}b`,
    `${'a OR '.repeat(800)}b`,
    Array.from({ length: 400 }, (_, i) => `mot${i}`).join(' '),
    '('.repeat(5000),
    `${'NOT '.repeat(900)}eau`,
  ];

  test('an abusive query is a 400 in every interface (CKAN envelope, problem+json, a page), never a 500', async () => {
    for (const q of ABUSIVE) {
      const label = `${q.slice(0, 20)}… (${q.length} characters)`;
      const ckan = await ckanSearch(q);
      assert.equal(ckan.status, 400, `CKAN ${label}: ${ckan.body.slice(0, 200)}`);
      assert.equal(ckan.json.success, false);
      assert.equal(ckan.json.error.__type, 'Search Query Error');

      const rest = await restSearch(q);
      assert.equal(rest.status, 400, `REST ${label}`);
      assert.equal(rest.headers['content-type'], 'application/problem+json; charset=utf-8');

      // The portal's box searches what people type as plain words when the syntax refuses it
      // (five thousand "(" are no words at all); beyond the bounds it says why.
      const page = await pageSearch(q);
      assert.ok([200, 400].includes(page.statusCode), `page ${label}: ${page.statusCode}`);
      if (page.statusCode === 400)
        assert.match(page.body, /Requête de recherche invalide : la requête (dépasse|compte plus de)/);
    }
    for (const q of ABUSIVE.slice(0, 4)) {
      const page = await pageSearch(q);
      assert.equal(page.statusCode, 400, q.slice(0, 20));
      assert.match(page.body, /Requête de recherche invalide : la requête (dépasse|compte plus de)/);
    }
    // The same clauses in fq are bounded alike, and so are q and fq together.
    const fq = await call(
      current().app,
      'GET',
      `/api/3/action/package_search?fq=${encodeURIComponent(`tags:(${'x OR '.repeat(150)}y)`)}`,
    );
    assert.equal(fq.status, 400);
    const together = await call(
      current().app,
      'GET',
      `/api/3/action/package_search?q=${encodeURIComponent('eau '.repeat(60))}&fq=${encodeURIComponent('tags:x '.repeat(60))}`,
    );
    assert.equal(together.status, 400);
    assert.match(together.json.error.message, /more than 100 terms/);
    // The portal keeps answering.
    const after = await ckanSearch('eau');
    assert.equal(after.status, 200);
    assert.equal(after.json.result.count, 1);
  });

  test('the largest queries within the bounds are searched (100 terms, 10 levels)', async () => {
    const flat = await ckanSearch(`${Array.from({ length: 99 }, (_, i) => `mot${i}`).join(' OR ')} OR eau`);
    assert.equal(flat.status, 200, flat.body.slice(0, 300));
    assert.equal(flat.json.result.count, 1);
    const nested = await ckanSearch(`${'('.repeat(10)}eau${')'.repeat(10)}`);
    assert.equal(nested.status, 200);
    assert.equal(nested.json.result.count, 1);
  });

  test('fuzzed over HTTP: any query up to the bound is answered 200 or 400', async () => {
    const piece = fc.oneof(
      fc.constantFrom('(', ')', '"', '[', ']', ':', '*', '-', ' ', ' OR ', ' AND ', 'NOT '),
      fc.constantFrom('eau', 'budget', 'tags:x', 'name:eau-potable', 'metadata_modified:[* TO NOW]'),
      fc.string({ maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 600 }).map((pieces) => pieces.join('')),
        async (q) => {
          const reply = await ckanSearch(q);
          assert.ok(reply.status === 200 || reply.status === 400, `${reply.status} for ${JSON.stringify(q)}`);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describeEachEngine('abuse of the datastore', (current) => {
  let editor: Caller;
  let resourceId: string;
  const { upload, loaded } = datastoreClient(current, () => editor, 'donnees-visees');

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'ville-visee');
    editor = await seedUser(ctx, 'editeur-vise', { roles: [[organization, 'editor']] });
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('donnees-visees', 'ville-visee'),
    });
    assert.equal(created.status, 201, created.body);
    resourceId = await upload('permis.csv', permitsCsv(50));
    assert.equal((await loaded(resourceId)).load.state, 'done');
  });

  const sql = (query: string) =>
    call(current().app, 'POST', '/api/3/action/datastore_search_sql', { body: { sql: query } });

  test('a SQL answer is bounded in bytes as well as rows: 320 MB asked, 16 MB at most given', async () => {
    const reply = await sql("SELECT repeat('x', 10000) AS s FROM range(40000)");
    assert.equal(reply.status, 200, reply.body.slice(0, 300));
    assert.equal(reply.json.result.records_truncated, true);
    assert.ok(reply.body.length < 17 * 1024 * 1024, `${reply.body.length} bytes`);
    assert.ok(reply.json.result.records.length > 100, 'the answer holds what fits');
  });

  test('while a long SQL query runs, the portal keeps answering', async () => {
    const order: string[] = [];
    const slow = sql('SELECT sum(hash(i)) AS h FROM range(4000000000) t(i)').then((reply) => {
      order.push('sql');
      return reply;
    });
    const status = await call(current().app, 'GET', '/api/3/action/status_show');
    order.push('status_show');
    assert.equal(status.status, 200);
    const reply = await slow;
    assert.deepEqual(order, ['status_show', 'sql']);
    // Stopped by the time limit, or finished: never a 500.
    assert.ok([200, 409].includes(reply.status), reply.body.slice(0, 300));
  });

  test('no SQL answer names a server path (settings, views, errors)', async () => {
    const os = await import('node:os');
    for (const query of [
      'SELECT name, value FROM duckdb_settings()',
      `SELECT sql FROM duckdb_views() WHERE sql LIKE '%${resourceId}%'`,
      `SELECT * FROM "${resourceId}" WHERE numero = 'pas un nombre'`,
    ]) {
      const reply = await sql(query);
      assert.ok([200, 409].includes(reply.status), reply.body.slice(0, 200));
      for (const secret of [current().dataDir, process.cwd(), os.homedir(), '/datastore/'])
        assert.ok(!reply.body.includes(secret), `${query} shows ${secret}`);
    }
    const views = await sql(`SELECT sql FROM duckdb_views() WHERE sql LIKE '%${resourceId}%'`);
    assert.ok(JSON.stringify(views.json.result.records).includes(`read_parquet('${resourceId}',`));
  });

  test('a query that ends with a comment, or with a semicolon and a comment, runs', async () => {
    for (const query of [
      `SELECT count(*) AS n FROM "${resourceId}" -- tout compter`,
      `SELECT count(*) AS n FROM "${resourceId}"; -- tout compter`,
    ]) {
      const reply = await sql(query);
      assert.equal(reply.status, 200, `${query}: ${reply.body.slice(0, 300)}`);
      assert.equal(reply.json.result.records[0].n, 50);
    }
  });

  test('datastore_search of huge values returns fewer rows and links to the next ones', async () => {
    const big = `id,texte\n${Array.from({ length: 30 }, (_, i) => `${i},${'y'.repeat(1_000_000)}`).join('\n')}\n`;
    const wide = await upload('larges.csv', big);
    assert.equal((await loaded(wide)).load.state, 'done');
    const reply = await call(
      current().app,
      'GET',
      `/api/3/action/datastore_search?resource_id=${wide}&limit=30`,
    );
    assert.equal(reply.status, 200);
    const count = reply.json.result.records.length;
    assert.ok(count > 0 && count < 30, `${count} records`);
    assert.ok(reply.body.length < 17 * 1024 * 1024);
    assert.match(reply.json.result._links.next, new RegExp(`offset=${count}`));
  });
});

describeEachEngine(
  'the portal behind https',
  (current) => {
    test('every answer carries Strict-Transport-Security', async () => {
      for (const url of ['/fr', '/api/v1/datasets', '/api/3/action/status_show', '/nulle-part']) {
        const reply = await current().app.inject({ url });
        assert.equal(reply.headers['strict-transport-security'], 'max-age=31536000', url);
      }
    });
  },
  { BASE_URL: 'https://donnees.quai.test' },
);

test('over plain http, no Strict-Transport-Security', async () => {
  const { startTestApp } = await import('./helpers/app.js');
  const testApp = await startTestApp('pglite');
  try {
    const reply = await testApp.app.inject({ url: '/fr' });
    assert.equal(reply.headers['strict-transport-security'], undefined);
  } finally {
    await testApp.close();
  }
});

describeEachEngine('abuse of the forms and APIs', (current) => {
  let editor: Caller;

  before(async () => {
    const { ctx } = current();
    const organization = await seedOrganization(ctx, 'ville-saisie');
    editor = await seedUser(ctx, 'editeur-saisie', { roles: [[organization, 'editor']] });
  });

  const rest = (body: unknown) =>
    call(current().app, 'POST', '/api/v1/datasets', { token: editor.token, body: body as string });
  const ckan = (body: unknown) =>
    call(current().app, 'POST', '/api/3/action/package_create', {
      token: editor.token,
      body: body as string,
    });
  const fieldsOf = (reply: { json: { errors: { field: string }[] } }) =>
    reply.json.errors.map((error) => error.field);

  test('a NUL character is refused naming the field (REST, CKAN, the web form), never a 500', async () => {
    const restReply = await rest(
      datasetBody('avec-nul', 'ville-saisie', { title: { fr: 'Titre\u0000nul' } }),
    );
    assert.equal(restReply.status, 422, restReply.body.slice(0, 300));
    assert.deepEqual(fieldsOf(restReply), ['title.fr']);
    assert.match(restReply.json.errors[0].message, /NUL/);

    const ckanReply = await ckan({ name: 'avec-nul', owner_org: 'ville-saisie', title: 'Titre\u0000nul' });
    assert.equal(ckanReply.status, 409);
    assert.deepEqual(Object.keys(ckanReply.json.error).sort(), ['__type', 'title']);

    const web = new WebClient(current().app);
    await web.signIn('editeur-saisie');
    await web.get('/fr/espace/nouveau-jeu-de-donnees');
    const page = await web.post('/fr/espace/nouveau-jeu-de-donnees', {
      title_fr: 'Titre\u0000nul',
      owner_org: 'ville-saisie',
    });
    assert.equal(page.status, 422);
    assert.match(page.body, /title_fr/);
  });

  test('text and list fields have documented limits (20 MB of notes, 10,000 tags are refused)', async () => {
    const longNotes = 'é'.repeat(200_000);
    const tags = Array.from({ length: 10_000 }, (_, i) => `mot${i}`);
    const restReply = await rest(datasetBody('demesure', 'ville-saisie', { notes: { fr: longNotes }, tags }));
    assert.equal(restReply.status, 422);
    assert.deepEqual(fieldsOf(restReply).sort(), ['notes.fr', 'tags']);

    const ckanReply = await ckan({ name: 'demesure', owner_org: 'ville-saisie', notes: longNotes });
    assert.equal(ckanReply.status, 409);
    assert.ok('notes' in ckanReply.json.error, JSON.stringify(Object.keys(ckanReply.json.error)));
    const ckanTags = await ckan({
      name: 'demesure',
      owner_org: 'ville-saisie',
      tags: tags.slice(0, 150).map((name) => ({ name })),
    });
    assert.equal(ckanTags.status, 409);
    assert.ok('tags' in ckanTags.json.error);

    // The OpenAPI description states them.
    const openapi = (await call(current().app, 'GET', '/api/v1/openapi.json')).json;
    const body = JSON.stringify(openapi);
    assert.match(body, /"maxLength":100000/);
    assert.match(body, /"maxItems":100/);
    assert.equal((await call(current().app, 'GET', '/api/v1/datasets/demesure')).status, 404);
  });
});

test('a dataset page opened by its id redirects to its name, with nothing wrong in the log', async () => {
  const { startTestApp } = await import('./helpers/app.js');
  const { pino } = await import('pino');
  const records: { level: number; msg: string }[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => records.push(JSON.parse(line)) });
  const testApp = await startTestApp('pglite', {}, { log });
  try {
    const organization = await seedOrganization(testApp.ctx, 'ville-par-id');
    const publisher = await seedUser(testApp.ctx, 'editeur-par-id', { roles: [[organization, 'editor']] });
    const created = await call(testApp.app, 'POST', '/api/v1/datasets', {
      token: publisher.token,
      body: datasetBody('jeu-par-id', 'ville-par-id'),
    });
    const reply = await testApp.app.inject({ url: `/fr/jeux-de-donnees/${created.json.id}` });
    assert.equal(reply.statusCode, 303);
    assert.equal(reply.headers.location, '/fr/jeux-de-donnees/jeu-par-id');
    assert.deepEqual(
      records.map((record) => record.msg),
      [],
    );
  } finally {
    await testApp.close();
  }
});

/** A web server whose file never finishes arriving: a link that stalls a load. */
async function stallingServer() {
  const { createServer } = await import('node:http');
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/csv' });
    response.write('numero;ville\n1;Québec\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/sans-fin.csv`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

for (const [title, env] of [
  ['the load queue', {}],
  ['the load queue with a time budget of 2 s', { DATASTORE_LOAD_SECONDS: '2' }],
] as const) {
  describeEachEngine(
    title,
    (current) => {
      let editor: Caller;
      const { upload, loaded } = datastoreClient(current, () => editor, 'file-attente');

      before(async () => {
        const { ctx, app } = current();
        const organization = await seedOrganization(ctx, 'ville-attente');
        editor = await seedUser(ctx, 'editeur-attente', { roles: [[organization, 'editor']] });
        const created = await call(app, 'POST', '/api/v1/datasets', {
          token: editor.token,
          body: datasetBody('file-attente', 'ville-attente'),
        });
        assert.equal(created.status, 201, created.body);
      });

      const stalledLink = async (url: string) => {
        const link = await call(current().app, 'POST', '/api/v1/datasets/file-attente/resources', {
          token: editor.token,
          body: { url, name: { fr: 'Sans fin' }, format: 'CSV' },
        });
        assert.equal(link.status, 201, link.body);
        return link.json.id as string;
      };

      if ('DATASTORE_LOAD_SECONDS' in env) {
        test('a load that runs past its budget is stopped and says so', async () => {
          const server = await stallingServer();
          try {
            const failed = await loaded(await stalledLink(server.url));
            assert.equal(failed.load.state, 'failed');
            assert.match(failed.load.error.message.fr, /a dépassé 2 s et a été arrêté/);
          } finally {
            server.close();
          }
        });
        return;
      }

      test('a file that stalls its load does not hold up the next one', async () => {
        const server = await stallingServer();
        try {
          const stalled = await stalledLink(server.url);
          const good = await loaded(await upload('permis.csv', permitsCsv(30)));
          assert.equal(good.load.state, 'done');
          const { load } = await current().ctx.datastore.tables.status(SYSTEM, stalled);
          assert.ok(load && ['queued', 'running'].includes(load.state), `the stalled load is ${load?.state}`);
        } finally {
          server.close();
        }
      });
    },
    env,
  );
}

describeEachEngine(
  'a flood of SQL',
  (current) => {
    test('one query at a time, eight waiting, the rest refused with 429: the portal keeps answering', async () => {
      const slow = () =>
        call(current().app, 'POST', '/api/3/action/datastore_search_sql', {
          body: { sql: 'SELECT sum(hash(i)) AS h FROM range(4000000000) t(i)' },
        });
      const flood = Array.from({ length: 12 }, slow);
      const status = await call(current().app, 'GET', '/api/3/action/status_show');
      assert.equal(status.status, 200);
      const replies = await Promise.all(flood);
      const statuses = replies.map((reply) => reply.status).sort();
      assert.deepEqual(statuses, [409, 409, 409, 409, 409, 409, 409, 409, 409, 429, 429, 429]);
      const refused = replies.find((reply) => reply.status === 429);
      assert.equal(refused?.json.error.__type, 'Too Many Requests');
      assert.ok(Number(refused?.headers['retry-after']) > 0);
      const timedOut = replies.find((reply) => reply.status === 409);
      assert.match(timedOut?.json.error.sql?.[0] ?? '', /ran past 1 s/);
    });
  },
  { DATASTORE_SQL_SECONDS: '1' },
);
