/**
 * Discussions and consultations on the portal, through the forms as a browser sends them: a
 * citizen opens a thread on a dataset (errors named by field, the honeypot refused), the
 * publisher answers (marked official), another person reports it, the administrator hides it
 * from the moderation page and bans someone; a consultation is opened, commented, ended and
 * concluded with its summary and answers.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { WebClient } from './helpers/web-client.js';

describeEachEngine('web discussions and consultations', (current) => {
  const signedIn = async (name: string) => {
    const client = new WebClient(current().app);
    await client.signIn(name);
    return client;
  };

  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'ville-levis', 'Ville de Lévis');
    const publisher = await seedUser(ctx, 'editeur-levis', { roles: [[organization, 'editor']] });
    await seedUser(ctx, 'citoyen-levis');
    await seedUser(ctx, 'voisine-levis');
    await seedUser(ctx, 'admin-levis', { sysadmin: true });
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: publisher.token,
      body: JSON.stringify(datasetBody('pistes-cyclables-levis', 'ville-levis')),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(created.status, 201, created.body);
  });

  test('a thread opened, answered by the publisher, reported, hidden by a moderator, closed', async () => {
    const citizen = await signedIn('citoyen-levis');
    const dataset = await citizen.get('/fr/jeux-de-donnees/pistes-cyclables-levis');
    assert.match(dataset.body, /Discussions <span class="quai-count">\(0\)/);
    const form = await citizen.get('/fr/jeux-de-donnees/pistes-cyclables-levis/discussions/nouvelle');
    assert.match(form.body, /name="website"[^>]*tabindex="-1"/);
    const refused = await citizen.post('/fr/jeux-de-donnees/pistes-cyclables-levis/discussions/nouvelle', {
      title: 'Hé',
      body: '',
      website: '',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /<title>Erreur/);
    assert.match(refused.body, /href="#champ-title"/);
    assert.match(refused.body, /href="#champ-body"/);
    const robot = await citizen.post('/fr/jeux-de-donnees/pistes-cyclables-levis/discussions/nouvelle', {
      title: 'Offre spéciale',
      body: 'Bonjour',
      website: 'https://spam.example',
    });
    assert.equal(robot.status, 422);
    assert.match(robot.body, /href="#champ-website"/);
    const opened = await citizen.post('/fr/jeux-de-donnees/pistes-cyclables-levis/discussions/nouvelle', {
      title: 'La piste de la route du Président-Kennedy manque',
      body: 'La piste ouverte en 2026 n’est pas dans le fichier.',
      website: '',
    });
    assert.equal(opened.status, 303, opened.body);
    const threadPath = opened.location as string;
    assert.match(threadPath, /^\/fr\/jeux-de-donnees\/pistes-cyclables-levis\/discussions\/[0-9a-f-]{36}$/);

    const publisher = await signedIn('editeur-levis');
    assert.match((await publisher.get(threadPath)).body, /Vous répondez au nom de l’organisation/);
    const answered = await publisher.post(`${threadPath}/repondre`, {
      body: 'Merci ! Elle sera ajoutée à la mise à jour de janvier.',
      website: '',
    });
    assert.equal(answered.status, 303);
    const visitor = new WebClient(current().app);
    const read = await visitor.get(threadPath);
    assert.match(read.body, /Réponse officielle[\s\S]*Elle sera ajoutée/);
    assert.doesNotMatch(read.body, /Signaler ce message/, 'visitors do not report');
    assert.match(
      (await visitor.get('/fr/jeux-de-donnees/pistes-cyclables-levis')).body,
      /Président-Kennedy manque<\/a>[\s\S]*Réponse du producteur/,
    );

    const neighbour = await signedIn('voisine-levis');
    const seen = await neighbour.get(threadPath);
    const answerId = /class="quai-message quai-official" id="message-([0-9a-f-]{36})"/.exec(seen.body)?.[1];
    assert.ok(answerId);
    const reported = await neighbour.post(`/fr/messages/${answerId}/signaler`, {
      reason: 'Pour essayer le signalement',
      retour: 'thread',
      nom: 'pistes-cyclables-levis',
      fil: threadPath.split('/').pop() as string,
    });
    assert.equal(reported.status, 303);
    assert.equal(reported.location, threadPath);

    const admin = await signedIn('admin-levis');
    const queue = await admin.get('/fr/espace/moderation');
    assert.match(queue.body, /Signalé par voisine-levis : Pour essayer le signalement/);
    const hidden = await admin.post(`/fr/messages/${answerId}/moderer`, {
      action: 'hide',
      reason: 'Test de modération',
      retour: 'thread',
      nom: 'pistes-cyclables-levis',
      fil: threadPath.split('/').pop() as string,
    });
    assert.equal(hidden.status, 303);
    const after = await visitor.get(threadPath);
    assert.match(after.body, /Message masqué par la modération : Test de modération/);
    assert.doesNotMatch(after.body, /Elle sera ajoutée/);
    assert.match((await admin.get('/fr/espace/moderation')).body, /Rien à examiner/);

    await citizen.get(threadPath);
    assert.equal((await citizen.post(`${threadPath}/cloture`, { closed: 'oui' })).status, 303);
    assert.match((await visitor.get(threadPath)).body, /Discussion close par citoyen-levis/);
  });

  test('an administrator bans from the moderation page; errors are named by field', async () => {
    const admin = await signedIn('admin-levis');
    await admin.get('/fr/espace/moderation');
    const unknown = await admin.post('/fr/espace/moderation/bannissements', {
      action: 'ban',
      user: 'personne',
      reason: 'Insultes',
    });
    assert.equal(unknown.status, 422);
    assert.match(unknown.body, /href="#champ-user"/);
    const banned = await admin.post('/fr/espace/moderation/bannissements', {
      action: 'ban',
      user: 'voisine-levis',
      reason: 'Insultes répétées',
    });
    assert.equal(banned.status, 303);
    assert.match((await admin.get('/fr/espace/moderation')).body, /voisine-levis — par admin-levis/);
    const neighbour = await signedIn('voisine-levis');
    const form = await neighbour.get('/en/datasets/pistes-cyclables-levis/discussions/new');
    assert.equal(form.status, 200);
    const refused = await neighbour.post('/en/datasets/pistes-cyclables-levis/discussions/new', {
      title: 'Another question',
      body: 'Hello',
      website: '',
    });
    assert.equal(refused.status, 403);
    assert.match(refused.body, /Insultes répétées/);
    const citizen = await signedIn('citoyen-levis');
    assert.equal((await citizen.get('/fr/espace/moderation')).status, 403);
  });

  test('a consultation opened, commented on a theme, ended, concluded with its answers', async () => {
    const admin = await signedIn('admin-levis');
    await admin.get('/fr/consultations/nouvelle');
    // Today as people in Québec count it (the form reads days in Québec's time).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
    const fields = {
      title: 'Stratégie cyclable 2027',
      description: 'La Ville propose trois axes pour sa stratégie cyclable et vous consulte.',
      opens_at: today,
      closes_at: '',
      themes: 'Sécurité des intersections\nPistes quatre saisons',
    };
    const refused = await admin.post('/fr/consultations/nouvelle', fields);
    assert.equal(refused.status, 422);
    assert.match(refused.body, /href="#champ-closes_at"/);
    const created = await admin.post('/fr/consultations/nouvelle', { ...fields, closes_at: '2099-01-31' });
    assert.equal(created.status, 303, created.body);
    assert.equal(created.location, '/fr/consultations/strategie-cyclable-2027');

    const citizen = await signedIn('citoyen-levis');
    const page = await citizen.get('/fr/consultations/strategie-cyclable-2027');
    assert.match(page.body, /Ouverte/);
    const commented = await citizen.post('/fr/consultations/strategie-cyclable-2027/commenter', {
      theme: '2',
      body: 'Déneigez les pistes en priorité.',
      website: '',
    });
    assert.equal(commented.status, 303);
    assert.match(
      (await new WebClient(current().app).get('/en/consultations/strategie-cyclable-2027')).body,
      /Theme 2: Pistes quatre saisons[\s\S]*Déneigez les pistes/,
    );

    await admin.get('/fr/consultations/strategie-cyclable-2027');
    assert.equal((await admin.post('/fr/consultations/strategie-cyclable-2027/terminer', {})).status, 303);
    const ended = await admin.get('/fr/consultations/strategie-cyclable-2027');
    assert.match(ended.body, /Publier la synthèse/);
    const partial = await admin.post('/fr/consultations/strategie-cyclable-2027/synthese', {
      summary: 'Un commentaire, sur le déneigement des pistes.',
      'answers.1': 'Les intersections seront revues.',
      'answers.2': '',
    });
    assert.equal(partial.status, 422);
    assert.match(partial.body, /href="#champ-answers-2"/);
    const concluded = await admin.post('/fr/consultations/strategie-cyclable-2027/synthese', {
      summary: 'Un commentaire, sur le déneigement des pistes.',
      'answers.1': 'Les intersections seront revues.',
      'answers.2': 'Le réseau quatre saisons sera déneigé en premier.',
    });
    assert.equal(concluded.status, 303);
    const final = await new WebClient(current().app).get('/fr/consultations/strategie-cyclable-2027');
    assert.match(final.body, /Synthèse publiée/);
    assert.match(
      final.body,
      /Synthèse<\/h2>[\s\S]*sur le déneigement[\s\S]*Le réseau quatre saisons sera déneigé/,
    );
  });
});
