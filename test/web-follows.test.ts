/**
 * Following on the portal: the follow button of a dataset's, an organisation's, a search's, a
 * tender buyer's and an enterprise's page (a visitor is sent to sign in and back); the workspace's
 * follows page (stop following, how often, the private feed); the feed itself; the digests'
 * one-click unsubscribe page.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';
import { WebClient } from './helpers/web-client.js';

describeEachEngine('web follows', (current) => {
  let publisher: Caller;
  const touch = (notes: string) =>
    call(current().app, 'PUT', '/api/v1/datasets/arbres-publics', {
      token: publisher.token,
      body: JSON.stringify({
        ...datasetBody('arbres-publics', 'ville-gatineau'),
        notes: { fr: notes, en: null },
      }),
      headers: { 'content-type': 'application/json' },
    });
  before(async () => {
    const { ctx } = current();
    const organization = await seedOrganization(ctx, 'ville-gatineau', 'Ville de Gatineau');
    await seedUser(ctx, 'suiveuse');
    publisher = await seedUser(ctx, 'publiante', { roles: [[organization, 'editor']] });
    const created = await call(current().app, 'POST', '/api/v1/datasets', {
      token: publisher.token,
      body: JSON.stringify(datasetBody('arbres-publics', 'ville-gatineau')),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(created.status, 201, created.body);
  });

  test('a visitor is asked to sign in; a signed-in person follows a dataset from its page and stops from the workspace', async () => {
    const visitor = new WebClient(current().app);
    const seen = await visitor.get('/fr/jeux-de-donnees/arbres-publics');
    assert.match(
      seen.body,
      /href="\/fr\/connexion\?next=%2Ffr%2Fjeux-de-donnees%2Farbres-publics">Connectez-vous pour suivre/,
    );

    const browser = new WebClient(current().app);
    await browser.signIn('suiveuse');
    const page = await browser.get('/fr/jeux-de-donnees/arbres-publics');
    assert.match(page.body, /aria-label="Suivre : Titre de arbres-publics"/);
    const followed = await browser.post('/fr/suivre', {
      action: 'follow',
      kind: 'dataset',
      target: 'arbres-publics',
      back: '/fr/jeux-de-donnees/arbres-publics',
    });
    assert.equal(followed.status, 303);
    assert.equal(followed.headers.location, '/fr/jeux-de-donnees/arbres-publics');
    const after = await browser.get('/fr/jeux-de-donnees/arbres-publics');
    assert.match(after.body, /vous serez averti des changements/);
    assert.match(after.body, /Ne plus suivre : Titre de arbres-publics/);
    assert.match(after.body, /1 personne suit ce jeu de données/);

    // Somewhere else to come back to is refused: the follow page is used instead.
    const away = await browser.post('/fr/suivre', {
      action: 'follow',
      kind: 'organization',
      target: 'ville-gatineau',
      back: '//ailleurs.example/piege',
    });
    assert.equal(away.headers.location, '/fr/espace/suivis');

    const mine = await browser.get('/fr/espace/suivis');
    assert.equal(mine.headers['cache-control'], 'no-store');
    assert.match(mine.body, /<a href="\/fr\/jeux-de-donnees\/[0-9a-f-]{36}">Titre de arbres-publics<\/a>/);
    assert.match(mine.body, /<a href="\/fr\/organisations\/[0-9a-f-]{36}">Ville de Gatineau<\/a>/);
    // The follow's link leads to the dataset's own address.
    const byId = /href="(\/fr\/jeux-de-donnees\/[0-9a-f-]{36})"/.exec(mine.body)?.[1] ?? '';
    assert.equal((await browser.get(byId)).headers.location, '/fr/jeux-de-donnees/arbres-publics');
    const organization = /href="(\/fr\/organisations\/[0-9a-f-]{36})"/.exec(mine.body)?.[1] ?? '';
    assert.match((await browser.get(organization)).body, /<h1[^>]*>Ville de Gatineau<\/h1>/);
    await browser.get('/fr/espace/suivis');
    const id = /name="id" value="([0-9a-f-]{36})"/.exec(mine.body)?.[1] ?? '';
    const stopped = await browser.post('/fr/espace/suivis', { action: 'unfollow', id });
    assert.equal(stopped.status, 303);
    assert.match((await browser.get('/fr/espace/suivis')).body, /Vous ne suivez plus ceci/);
  });

  test('how often, and the private feed: a change reaches the feed; a new address retires the old one', async () => {
    const browser = new WebClient(current().app);
    await browser.signIn('suiveuse');
    await browser.get('/fr/jeux-de-donnees/arbres-publics');
    await browser.post('/fr/suivre', {
      action: 'follow',
      kind: 'dataset',
      target: 'arbres-publics',
      back: '/fr/espace',
    });
    await browser.get('/fr/espace/suivis');
    const saved = await browser.post('/fr/espace/suivis', { action: 'frequency', frequency: 'weekly' });
    assert.equal(saved.status, 303);
    const page = await browser.get('/en/workspace/follows');
    assert.match(page.body, /value="weekly" checked/);
    const feedUrl = /id="adresse-fil"[^>]*value="http:\/\/quai\.test(\/feeds\/alerts\/[^"]+\.atom)"/.exec(
      page.body,
    )?.[1];
    assert.ok(feedUrl, 'the feed address is shown');

    assert.equal((await touch('Inventaire des arbres, mis à jour.')).status, 200);
    const parser = new XMLParser({ ignoreAttributes: false });
    await until(async () => {
      const feed = await browser.get(`${feedUrl}?lang=en`);
      return /Dataset updated: Title of arbres-publics/.test(feed.body);
    });
    const feed = await browser.get(`${feedUrl}?lang=en`);
    assert.equal(feed.headers['cache-control'], 'private, no-cache');
    assert.equal(feed.headers['referrer-policy'], 'no-referrer');
    assert.ok(parser.parse(feed.body).feed, 'an Atom document');
    assert.equal((await new WebClient(current().app).get(feedUrl)).status, 200, 'the address is the key');

    await browser.post('/en/workspace/follows', { action: 'feed' });
    assert.equal((await browser.get(feedUrl)).status, 404, 'the old address no longer works');
    assert.equal((await browser.get('/feeds/alerts/nimporte-quoi-du-tout-ici.atom')).status, 404);
  });

  test('a search and a tender category offer to follow them; a refusal is said', async () => {
    const browser = new WebClient(current().app);
    await browser.signIn('suiveuse');
    const search = await browser.get('/fr/jeux-de-donnees?q=arbres');
    assert.match(search.body, /Suivre cette recherche/);
    await browser.post('/fr/suivre', {
      action: 'follow',
      kind: 'search',
      target: 'arbres',
      back: '/fr/jeux-de-donnees?q=arbres',
    });
    assert.match((await browser.get('/fr/jeux-de-donnees?q=arbres')).body, /Ne plus suivre : arbres/);
    const tenders = await browser.get('/fr/appels-d-offres?category=works');
    assert.match(tenders.body, /Suivre les appels d’offres de cette catégorie/);
    const bad = await browser.post('/fr/suivre', {
      action: 'follow',
      kind: 'category',
      target: 'bonbons',
      back: '/fr/appels-d-offres',
    });
    assert.equal(bad.status, 303);
    assert.match((await browser.get('/fr/appels-d-offres')).body, /Impossible de suivre ceci/);
  });

  test('the digests’ unsubscribe page asks, then stops them; an unknown link says so', async () => {
    const { ctx } = current();
    const user = await ctx.accounts.requireUser('suiveuse');
    const actor = await ctx.accounts.actorForUser(user);
    await ctx.community.follows.setFrequency(actor, 'daily');
    const [{ token } = { token: '' }] = await ctx.db.query<{ token: string }>(
      'SELECT unsubscribe_token AS token FROM community.alert_settings WHERE user_id = $1',
      [user.id],
    );
    const browser = new WebClient(current().app);
    const ask = await browser.get(`/fr/alertes/desabonnement/${token}`);
    assert.equal(ask.status, 200);
    assert.equal(ask.headers['referrer-policy'], 'no-referrer');
    assert.match(ask.body, /Ne plus recevoir de courriels/);
    assert.equal(
      (await ctx.community.follows.settings(actor)).frequency,
      'daily',
      'opening the link changes nothing',
    );
    const done = await browser.post(`/fr/alertes/desabonnement/${token}`, {});
    assert.equal(done.status, 200);
    assert.match(done.body, /plus aucun courriel de suivi/);
    assert.equal((await ctx.community.follows.settings(actor)).frequency, 'never');
    assert.equal((await browser.get('/en/alerts/unsubscribe/pas-un-lien-valide-du-tout')).status, 404);
  });
});
