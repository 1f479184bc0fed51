/**
 * The workspace's webhooks page: a webhook added through the form shows its secret once; a bad
 * address is named; the test button sends an event the receiver gets, and its delivery shows.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';
import { WebClient } from './helpers/web-client.js';

describeEachEngine('web webhooks', (current) => {
  const bodies: string[] = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      bodies.push(body);
      response.end('ok');
    });
  });
  before(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    await seedUser(current().ctx, 'integratrice');
    const organization = await seedOrganization(current().ctx, 'ville-magog', 'Ville de Magog');
    await seedUser(current().ctx, 'admin-magog', { roles: [[organization, 'admin']] });
    await seedUser(current().ctx, 'admin-magog-2', { roles: [[organization, 'admin']] });
  });
  after(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  test('added through the form, its secret shown once; the test button reaches the receiver', async () => {
    const browser = new WebClient(current().app);
    await browser.signIn('integratrice');
    const workspace = await browser.get('/fr/espace');
    assert.match(workspace.body, /href="\/fr\/espace\/webhooks"/);
    const page = await browser.get('/fr/espace/webhooks');
    assert.match(page.body, /<h1>Webhooks<\/h1>/);
    assert.match(page.body, /Aucun webhook/);

    const bad = await browser.post('/fr/espace/webhooks', {
      action: 'create',
      url: 'http://192.168.1.10/crochet',
      organization: '',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /href="#champ-url"/);
    assert.match(bad.body, /réseau interne/);

    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crochet`;
    const none = await browser.post('/fr/espace/webhooks', { action: 'create', url, organization: '' });
    assert.equal(none.status, 422, 'an event at least');
    assert.match(none.body, /href="#champ-events"/);
    const added = await browser.post('/fr/espace/webhooks', {
      action: 'create',
      url,
      organization: '',
      events: ['dataset.created', 'tender.published'],
    });
    assert.equal(added.status, 200);
    assert.equal(added.headers['cache-control'], 'no-store');
    const secret = /id="secret-webhook"[^>]*value="(whsec_[^"]+)"/.exec(added.body)?.[1];
    assert.ok(secret, 'the secret is shown');
    const again = await browser.get('/fr/espace/webhooks');
    assert.doesNotMatch(again.body, new RegExp(secret.replace(/[+/=]/g, '.')), 'shown once only');

    const [hook] = await current().ctx.community.webhooks.list(
      await current().ctx.accounts.actorForUser(await current().ctx.accounts.requireUser('integratrice')),
    );
    const sent = await browser.post('/fr/espace/webhooks', { action: 'test', id: hook?.id ?? '' });
    assert.equal(sent.status, 303);
    await until(() => bodies.some((body) => body.includes('webhook.test')));
    await until(async () => /reçu/.test((await browser.get('/fr/espace/webhooks')).body));
    const shown = await browser.get('/en/workspace/webhooks');
    assert.match(shown.body, /Last deliveries to/);
    assert.match(shown.body, /<code>webhook.test<\/code>/);
    assert.match(
      shown.body,
      /Events: <span><code>dataset.created<\/code><\/span><span>, <code>tender.published<\/code>/,
    );
    assert.match(shown.body, /received/);
  });

  test('an organisation’s administrator makes a webhook the organisation owns; another administrator sees it', async () => {
    const first = new WebClient(current().app);
    await first.signIn('admin-magog');
    const page = await first.get('/fr/espace/webhooks');
    assert.match(page.body, /<option value="ville-magog"[^>]*>Ville de Magog<\/option>/);
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/magog`;
    const added = await first.post('/fr/espace/webhooks', {
      action: 'create',
      url,
      organization: '',
      events: ['dataset.updated'],
      owner_organization: 'ville-magog',
    });
    assert.equal(added.status, 200, added.body);
    const second = new WebClient(current().app);
    await second.signIn('admin-magog-2');
    assert.match(
      (await second.get('/fr/espace/webhooks')).body,
      /<code>http:\/\/127\.0\.0\.1:\d+\/magog<\/code>/,
    );
    const other = new WebClient(current().app);
    await other.signIn('integratrice');
    const theirs = await other.get('/fr/espace/webhooks');
    assert.doesNotMatch(theirs.body, /\/magog</);
    assert.doesNotMatch(theirs.body, /Appartient à/, 'no organisation to offer');
  });
});
