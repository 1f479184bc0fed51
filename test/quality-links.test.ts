/**
 * The link checker (issue 18): every link resource asked for its status, type and size through the
 * server-side request guard — HEAD, else the first kilobyte by GET —, within a time budget; each
 * finding kept, a failure with the date it was first seen; the "resources reachable" criterion
 * follows. A loopback server plays the web: a file, a missing page, a redirect, a server that
 * refuses HEAD, and one that never answers (one second is the budget here).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, seedOrganization, seedUser } from './helpers/fixtures.js';
import { WebClient } from './helpers/web-client.js';

const BODY = '<?xml version="1.0"?><avis>un avis</avis>\n';
let server: Server;
let base = '';

before(async () => {
  server = createServer((request, response) => {
    switch (request.url) {
      case '/avis.xml':
        response.writeHead(200, {
          'content-type': 'application/xml; charset=utf-8',
          'content-length': BODY.length,
        });
        response.end(request.method === 'HEAD' ? undefined : BODY);
        return;
      case '/ancien.xml':
        response.writeHead(301, { location: '/avis.xml' });
        response.end();
        return;
      case '/sans-head.xml':
        // HEAD refused; a ranged GET answers with the first bytes and the total size.
        if (request.method === 'HEAD') {
          response.writeHead(405);
          response.end();
          return;
        }
        response.writeHead(206, {
          'content-type': 'application/xml',
          'content-range': 'bytes 0-1023/5000000',
        });
        response.end('x'.repeat(1024));
        return;
      case '/muet.xml':
        return; // Never answers.
      default:
        response.writeHead(404, { 'content-type': 'text/html' });
        response.end('<p>introuvable</p>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describeEachEngine(
  'the link checker',
  (current) => {
    let editor: Caller;
    let datasetId = '';
    const resources: Record<string, string> = {};

    before(async () => {
      const { ctx, app } = current();
      const organization = await seedOrganization(ctx, 'ville-liens');
      editor = await seedUser(ctx, 'editeur-liens', { roles: [[organization, 'editor']] });
      const links = ['avis', 'ancien', 'sans-head', 'absent', 'muet'];
      const created = await call(app, 'POST', '/api/v1/datasets', {
        token: editor.token,
        body: {
          name: 'avis-publics',
          title: { fr: 'Avis publics' },
          owner_org: 'ville-liens',
          resources: links.map((name) => ({ url: `${base}/${name}.xml`, format: 'XML', name: { fr: name } })),
        },
      });
      assert.equal(created.status, 201, created.body);
      datasetId = created.json.id;
      for (const resource of created.json.resources) resources[resource.name.fr] = resource.id;
    });

    const linkChecks = async (token?: string) => {
      const reply = await call(
        current().app,
        'GET',
        '/api/v1/datasets/avis-publics/quality',
        token ? { token } : {},
      );
      assert.equal(reply.status, 200, reply.body);
      return reply.json;
    };

    test('each link is checked once, bounded in time: status, type, size, duration, why it failed', async () => {
      const { ctx } = current();
      const started = Date.now();
      const run = await ctx.quality.links.checkAll();
      assert.deepEqual(run, { checked: 5, failed: 2 });
      // The silent server costs the budget (one second), not more: the checks run at once.
      assert.ok(Date.now() - started < 10_000, `the run took ${Date.now() - started} ms`);
      const report = await linkChecks(editor.token);
      const byName = Object.fromEntries(
        report.links.map((check: { resource_id: string }) => [
          Object.keys(resources).find((name) => resources[name] === check.resource_id),
          check,
        ]),
      );
      assert.equal(byName.avis.ok, true);
      assert.equal(byName.avis.status, 200);
      assert.equal(byName.avis.content_type, 'application/xml');
      assert.equal(byName.avis.size, BODY.length);
      assert.equal(byName.avis.failing_since, null);
      assert.equal(byName.ancien.ok, true, 'a redirect is followed');
      assert.equal(byName.ancien.status, 200);
      assert.equal(byName['sans-head'].ok, true, 'HEAD refused, the ranged GET answers');
      assert.equal(byName['sans-head'].status, 206);
      assert.equal(byName['sans-head'].size, 5_000_000);
      assert.equal(byName.absent.ok, false);
      assert.equal(byName.absent.status, 404);
      assert.deepEqual(byName.absent.error, {
        code: 'http',
        detail: '404',
        message: { fr: 'HTTP 404', en: 'HTTP 404' },
      });
      assert.equal(byName.muet.ok, false);
      assert.equal(byName.muet.status, null);
      assert.equal(byName.muet.error.code, 'timeout');
      assert.equal(byName.muet.error.message.en, 'no answer within 1 s');
      assert.ok(byName.muet.duration_ms >= 900 && byName.muet.duration_ms < 5000, byName.muet.duration_ms);
      assert.ok(byName.muet.failing_since);
      const reachable = report.criteria.find((c: { id: string }) => c.id === 'resources-reachable');
      assert.equal(reachable.status, 'failed');
      assert.equal(
        reachable.evidence.fr,
        '2 ressources sur 5 ne répondent pas : « absent » (HTTP 404), « muet » (pas de réponse en 1 s)',
      );
      assert.equal((await linkChecks()).links, undefined, 'the checks are shown to the publisher only');
    });

    test('a failure keeps the date it was first seen; a link fixed is checked and clears it', async () => {
      const { ctx, app } = current();
      const first = (await linkChecks(editor.token)).links.find(
        (check: { resource_id: string }) => check.resource_id === resources.absent,
      );
      await ctx.quality.links.checkAll();
      const second = (await linkChecks(editor.token)).links.find(
        (check: { resource_id: string }) => check.resource_id === resources.absent,
      );
      assert.equal(second.failing_since, first.failing_since);
      assert.ok(second.checked_at > first.checked_at);
      const fixed = await call(app, 'PUT', `/api/v1/resources/${resources.absent}`, {
        token: editor.token,
        body: { url: `${base}/avis.xml`, format: 'XML', name: { fr: 'absent' } },
      });
      assert.equal(fixed.status, 200, fixed.body);
      // Only the link that changed is asked again.
      assert.equal(await ctx.quality.links.checkDataset(datasetId, { onlyNew: true }), 1);
      const after = await ctx.quality.scores.settled(datasetId, (r) =>
        /1 ressource sur 5 ne répond pas/.test(
          r.criteria.find((c) => c.id === 'resources-reachable')?.evidence.fr ?? '',
        ),
      );
      assert.equal(after.criteria.find((c) => c.id === 'resources-reachable')?.status, 'failed');
      const now = (await linkChecks(editor.token)).links.find(
        (check: { resource_id: string }) => check.resource_id === resources.absent,
      );
      assert.equal(now.ok, true);
      assert.equal(now.failing_since, null);
    });

    test('the dataset page lists the failing links to its publishers, with the date first seen', async () => {
      const web = new WebClient(current().app);
      const anonymous = await web.get('/fr/jeux-de-donnees/avis-publics');
      assert.equal(anonymous.status, 200);
      assert.match(anonymous.body, /Ressources accessibles/);
      assert.doesNotMatch(anonymous.body, /Liens vérifiés/);
      await web.signIn('editeur-liens');
      const page = await web.get('/fr/jeux-de-donnees/avis-publics');
      assert.match(page.body, /<h3 id="qualite-liens">Liens vérifiés<\/h3>/);
      assert.match(page.body, /En échec : pas de réponse en 1 s/);
      assert.match(page.body, /En échec depuis/);
      const en = await web.get('/en/datasets/avis-publics');
      assert.match(en.body, /Failing: no answer within 1 s/);
      assert.match(en.body, /Reachable \(HTTP 206\)/);
    });
  },
  { LINK_CHECK_SECONDS: '1' },
);

describeEachEngine(
  'the link checker, without the loopback setting',
  (current) => {
    test('a link to an internal address is refused, never fetched', async () => {
      const { ctx, app } = current();
      const organization = await seedOrganization(ctx, 'ville-garde-liens');
      const editor = await seedUser(ctx, 'editeur-garde-liens', { roles: [[organization, 'editor']] });
      const created = await call(app, 'POST', '/api/v1/datasets', {
        token: editor.token,
        body: {
          name: 'lien-interne-qualite',
          owner_org: 'ville-garde-liens',
          resources: [{ url: `${base}/avis.xml`, format: 'XML' }],
        },
      });
      assert.equal(created.status, 201, created.body);
      assert.equal(await ctx.quality.links.checkDataset(created.json.id), 1);
      const report = await call(app, 'GET', '/api/v1/datasets/lien-interne-qualite/quality', {
        token: editor.token,
      });
      assert.equal(report.json.links[0].error.code, 'refused');
      assert.equal(report.json.links[0].error.message.fr, 'adresse interne refusée');
    });
  },
  { FETCH_ALLOW_LOOPBACK: 'false' },
);
